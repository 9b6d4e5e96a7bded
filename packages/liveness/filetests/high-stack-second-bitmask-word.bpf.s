;; verifier_live_stack.c high_stack_second_bitmask_word: fp-264 lives in the upper 64 bits of the
;; 128-bit mask.
test print<liveness>

.func high_stack_second_bitmask_word
  *(u64 *)(r10 -264) = 0
  r0 = *(u64 *)(r10 -264)
  r0 = 0
  exit

; stack use/def subprog#0 high_stack_second_bitmask_word (d0,cs0):
;   0: (7a) *(u64 *)(r10 -264) = 0       ; def: fp0-264
;   1: (79) r0 = *(u64 *)(r10 -264)      ; use: fp0-264
;   2: (b7) r0 = 0
;   3: (95) exit
; Live regs before insn:
;       0: .......... (7a) *(u64 *)(r10 -264) = 0
;       1: .......... (79) r0 = *(u64 *)(r10 -264)
;       2: .......... (b7) r0 = 0
;       3: 0......... (95) exit
