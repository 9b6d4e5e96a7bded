;; verifier_live_stack.c caller_stack_read: one subprogram called from two call sites with
;; different frame pointers gets two instances, (d1,cs2) reading fp0-8 and (d1,cs5) reading
;; fp0-16; each call site uses its own slot.
test print<liveness>

.func caller_stack_read
  r1 = r10
  r1 += -8
  call read_first_param
  r1 = r10
  r1 += -16
  call read_first_param
  exit
.func read_first_param
  r0 = *(u64 *)(r1 +0)
  exit

; stack use/def subprog#0 caller_stack_read (d0,cs0):
;   0: (bf) r1 = r10
;   1: (07) r1 += -8
;   2: (85) call pc+4                    ; use: fp0-8
;   3: (bf) r1 = r10
;   4: (07) r1 += -16
;   5: (85) call pc+1                    ; use: fp0-16
;   6: (95) exit
; stack use/def subprog#1 read_first_param (d1,cs2):
;   7: (79) r0 = *(u64 *)(r1 +0)         ; use: fp0-8
;   8: (95) exit
; stack use/def subprog#1 read_first_param (d1,cs5):
;   7: (79) r0 = *(u64 *)(r1 +0)         ; use: fp0-16
;   8: (95) exit
; Live regs before insn:
;       0: ..2345.... (bf) r1 = r10
;       1: .12345.... (07) r1 += -8
;       2: .12345.... (85) call pc+4
;       3: ..2345.... (bf) r1 = r10
;       4: .12345.... (07) r1 += -16
;       5: .12345.... (85) call pc+1
;       6: 0......... (95) exit
;       7: .1........ (79) r0 = *(u64 *)(r1 +0)
;       8: 0......... (95) exit
