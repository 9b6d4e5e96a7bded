;; verifier_live_stack.c caller_stack_write: the callee writes the caller's fp-8 through r1; the
;; write is a def of frame 0 in the callee's instance (d1,cs2), nothing is live at the call.
test print<liveness>

.func caller_stack_write
  r1 = r10
  r1 += -8
  call write_first_param
  exit
.func write_first_param
  *(u64 *)(r1 +0) = 7
  r0 = 0
  exit

; stack use/def subprog#0 caller_stack_write (d0,cs0):
;   0: (bf) r1 = r10
;   1: (07) r1 += -8
;   2: (85) call pc+1
;   3: (95) exit
; stack use/def subprog#1 write_first_param (d1,cs2):
;   4: (7a) *(u64 *)(r1 +0) = 7          ; def: fp0-8
;   5: (b7) r0 = 0
;   6: (95) exit
; Live regs before insn:
;       0: ..2345.... (bf) r1 = r10
;       1: .12345.... (07) r1 += -8
;       2: .12345.... (85) call pc+1
;       3: 0......... (95) exit
;       4: .1........ (7a) *(u64 *)(r1 +0) = 7
;       5: .......... (b7) r0 = 0
;       6: 0......... (95) exit
