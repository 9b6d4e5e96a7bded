;; verifier_live_stack.c callee_must_write_before_read: the callee writes fp0-8 before reading
;; it, so the slot is not live at the call (the "Live regs" line of the call is .12345....).
test print<liveness>

.func callee_must_write_before_read
  r1 = r10
  r1 += -8
  call write_then_read
  r0 = 0
  exit
.func write_then_read
  r6 = r1
  r7 = 99
  *(u64 *)(r6 +0) = r7
  r0 = *(u64 *)(r6 +0)
  r0 = 0
  exit

; stack use/def subprog#0 callee_must_write_before_read (d0,cs0):
;   0: (bf) r1 = r10
;   1: (07) r1 += -8
;   2: (85) call pc+2
;   3: (b7) r0 = 0
;   4: (95) exit
; stack use/def subprog#1 write_then_read (d1,cs2):
;   5: (bf) r6 = r1
;   6: (b7) r7 = 99
;   7: (7b) *(u64 *)(r6 +0) = r7         ; def: fp0-8
;   8: (79) r0 = *(u64 *)(r6 +0)         ; use: fp0-8
;   9: (b7) r0 = 0
;  10: (95) exit
; Live regs before insn:
;       0: ..2345.... (bf) r1 = r10
;       1: .12345.... (07) r1 += -8
;       2: .12345.... (85) call pc+2
;       3: .......... (b7) r0 = 0
;       4: 0......... (95) exit
;       5: .1........ (bf) r6 = r1
;       6: ......6... (b7) r7 = 99
;       7: ......67.. (7b) *(u64 *)(r6 +0) = r7
;       8: ......6... (79) r0 = *(u64 *)(r6 +0)
;       9: .......... (b7) r0 = 0
;      10: 0......... (95) exit
