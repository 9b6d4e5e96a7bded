;; verifier_live_stack.c two_byte_write_no_kill and one_byte_write_no_kill: stores narrower than
;; 4 bytes define nothing (insns 1 and 2 have no def).
test print<liveness>

.func two_byte_write_no_kill
  *(u64 *)(r10 -8) = 0
  *(u16 *)(r10 -4) = 0
  *(u8 *)(r10 -4) = 0
  r0 = *(u32 *)(r10 -4)
  r0 = 0
  exit

; stack use/def subprog#0 two_byte_write_no_kill (d0,cs0):
;   0: (7a) *(u64 *)(r10 -8) = 0         ; def: fp0-8
;   1: (6a) *(u16 *)(r10 -4) = 0
;   2: (72) *(u8 *)(r10 -4) = 0
;   3: (61) r0 = *(u32 *)(r10 -4)        ; use: fp0-4h
;   4: (b7) r0 = 0
;   5: (95) exit
; Live regs before insn:
;       0: .......... (7a) *(u64 *)(r10 -8) = 0
;       1: .......... (6a) *(u16 *)(r10 -4) = 0
;       2: .......... (72) *(u8 *)(r10 -4) = 0
;       3: .......... (61) r0 = *(u32 *)(r10 -4)
;       4: .......... (b7) r0 = 0
;       5: 0......... (95) exit
