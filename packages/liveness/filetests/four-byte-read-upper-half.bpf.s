;; verifier_live_stack.c four_byte_read_upper_half: a u32 read at fp-8 uses fp0-8h only.
test print<liveness>

.func four_byte_read_upper_half
  *(u64 *)(r10 -8) = 0
  r0 = *(u32 *)(r10 -8)
  r0 = 0
  exit

; stack use/def subprog#0 four_byte_read_upper_half (d0,cs0):
;   0: (7a) *(u64 *)(r10 -8) = 0         ; def: fp0-8
;   1: (61) r0 = *(u32 *)(r10 -8)        ; use: fp0-8h
;   2: (b7) r0 = 0
;   3: (95) exit
; Live regs before insn:
;       0: .......... (7a) *(u64 *)(r10 -8) = 0
;       1: .......... (61) r0 = *(u32 *)(r10 -8)
;       2: .......... (b7) r0 = 0
;       3: 0......... (95) exit
