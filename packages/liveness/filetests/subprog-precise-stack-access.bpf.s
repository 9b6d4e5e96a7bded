;; verifier_live_stack.c subprog_precise_stack_access: the callee reads arg+0 and arg+8 of
;; fp-32, so only fp0-24 and fp0-32 are live at the call.
test print<liveness>

.func subprog_precise_stack_access
  *(u64 *)(r10 -8) = 0
  *(u64 *)(r10 -16) = 0
  *(u64 *)(r10 -24) = 0
  *(u64 *)(r10 -32) = 0
  r1 = r10
  r1 += -32
  call precise_read_two
  r0 = 0
  exit
.func precise_read_two
  r0 = *(u64 *)(r1 +0)
  r2 = *(u64 *)(r1 +8)
  r0 = 0
  exit

; stack use/def subprog#0 subprog_precise_stack_access (d0,cs0):
;   0: (7a) *(u64 *)(r10 -8) = 0         ; def: fp0-8
;   1: (7a) *(u64 *)(r10 -16) = 0        ; def: fp0-16
;   2: (7a) *(u64 *)(r10 -24) = 0        ; def: fp0-24
;   3: (7a) *(u64 *)(r10 -32) = 0        ; def: fp0-32
;   4: (bf) r1 = r10
;   5: (07) r1 += -32
;   6: (85) call pc+2                    ; use: fp0-24 fp0-32
;   7: (b7) r0 = 0
;   8: (95) exit
; stack use/def subprog#1 precise_read_two (d1,cs6):
;   9: (79) r0 = *(u64 *)(r1 +0)         ; use: fp0-32
;  10: (79) r2 = *(u64 *)(r1 +8)         ; use: fp0-24
;  11: (b7) r0 = 0
;  12: (95) exit
; Live regs before insn:
;       0: ..2345.... (7a) *(u64 *)(r10 -8) = 0
;       1: ..2345.... (7a) *(u64 *)(r10 -16) = 0
;       2: ..2345.... (7a) *(u64 *)(r10 -24) = 0
;       3: ..2345.... (7a) *(u64 *)(r10 -32) = 0
;       4: ..2345.... (bf) r1 = r10
;       5: .12345.... (07) r1 += -32
;       6: .12345.... (85) call pc+2
;       7: .......... (b7) r0 = 0
;       8: 0......... (95) exit
;       9: .1........ (79) r0 = *(u64 *)(r1 +0)
;      10: .1........ (79) r2 = *(u64 *)(r1 +8)
;      11: .......... (b7) r0 = 0
;      12: 0......... (95) exit
