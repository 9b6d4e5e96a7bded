;; verifier_live_stack.c two_fp_clear_stack_threshold (log level 2): the annotated listing shows
;; the callee's spills of its own fp1-16 and the caller's fp0-8; the fill at 14 restores fp1-16.
test print<liveness>
set log-level=2

.func two_fp_clear_stack_threshold
  r1 = r10
  r1 += -8
  call mid_two_fp_threshold
  r0 = 0
  exit
.func mid_two_fp_threshold
  r6 = r1
  r7 = r10
  r7 += -16
  *(u64 *)(r10 -8) = r7
  *(u64 *)(r10 -16) = r6
  r1 = r10
  r1 += -8
  r2 = r6
  call inner_nop_fptest
  r1 = *(u64 *)(r10 -8)
  r0 = *(u64 *)(r1 +0)
  r0 = 0
  exit
.func inner_nop_fptest
  r0 = 0
  exit

; subprog#0: analyzing (depth 0)...
;   0: (bf) r1 = r10	r1: _ -> fp0+0
;   1: (07) r1 += -8	r1: fp0+0 -> fp0-8
;   2: (85) call pc+2	r1: fp0-8 -> _
;   0: (bf) r1 = r10	r1: _ -> fp0+0
;   1: (07) r1 += -8	r1: fp0+0 -> fp0-8
;   2: (85) call pc+2	r1: fp0-8 -> _
; subprog#0 two_fp_clear_stack_threshold:
;   0: (bf) r1 = r10
;   1: (07) r1 += -8
;   2: (85) call pc+2 // r1=fp0-8
;   3: (b7) r0 = 0
;   4: (95) exit
; subprog#1: analyzing (depth 1)...
;   5: (bf) r6 = r1	r6: _ -> fp0-8
;   6: (bf) r7 = r10	r7: _ -> fp1+0
;   7: (07) r7 += -16	r7: fp1+0 -> fp1-16
;   8: (7b) *(u64 *)(r10 -8) = r7	fp-8: _ -> fp1-16
;   9: (7b) *(u64 *)(r10 -16) = r6	fp-16: _ -> fp0-8
;  10: (bf) r1 = r10	r1: fp0-8 -> fp1+0
;  11: (07) r1 += -8	r1: fp1+0 -> fp1-8
;  12: (bf) r2 = r6	r2: _ -> fp0-8
;  13: (85) call pc+4	r1: fp1-8 -> _	r2: fp0-8 -> _
;  14: (79) r1 = *(u64 *)(r10 -8)	r1: _ -> fp1-16
;  15: (79) r0 = *(u64 *)(r1 +0)	r0: _ -> fp0-8|fp0+0
;  16: (b7) r0 = 0	r0: fp0-8|fp0+0 -> _
;   5: (bf) r6 = r1	r6: _ -> fp0-8
;   6: (bf) r7 = r10	r7: _ -> fp1+0
;   7: (07) r7 += -16	r7: fp1+0 -> fp1-16
;   8: (7b) *(u64 *)(r10 -8) = r7	fp-8: _ -> fp1-16
;   9: (7b) *(u64 *)(r10 -16) = r6	fp-16: _ -> fp0-8
;  10: (bf) r1 = r10	r1: fp0-8 -> fp1+0
;  11: (07) r1 += -8	r1: fp1+0 -> fp1-8
;  12: (bf) r2 = r6	r2: _ -> fp0-8
;  13: (85) call pc+4	r1: fp1-8 -> _	r2: fp0-8 -> _
;  14: (79) r1 = *(u64 *)(r10 -8)	r1: _ -> fp1-16
;  15: (79) r0 = *(u64 *)(r1 +0)	r0: _ -> fp0-8|fp0+0
;  16: (b7) r0 = 0	r0: fp0-8|fp0+0 -> _
; subprog#1 mid_two_fp_threshold:
;   5: (bf) r6 = r1
;   6: (bf) r7 = r10
;   7: (07) r7 += -16
;   8: (7b) *(u64 *)(r10 -8) = r7 // r1=fp0-8 r6=fp0-8 r7=fp1-16
;   9: (7b) *(u64 *)(r10 -16) = r6 // r1=fp0-8 r6=fp0-8 r7=fp1-16 fp-8=fp1-16
;  10: (bf) r1 = r10
;  11: (07) r1 += -8
;  12: (bf) r2 = r6
;  13: (85) call pc+4 // r1=fp1-8 r2=fp0-8 r6=fp0-8 r7=fp1-16 fp-8=fp1-16 fp-16=fp0-8
;  14: (79) r1 = *(u64 *)(r10 -8) // r6=fp0-8 r7=fp1-16 fp-8=fp1-16 fp-16=fp0-8
;  15: (79) r0 = *(u64 *)(r1 +0) // r1=fp1-16 r6=fp0-8 r7=fp1-16 fp-8=fp1-16 fp-16=fp0-8
;  16: (b7) r0 = 0
;  17: (95) exit
; subprog#2: analyzing (depth 2)...
; subprog#2 inner_nop_fptest:
;  18: (b7) r0 = 0
;  19: (95) exit
; stack use/def subprog#0 two_fp_clear_stack_threshold (d0,cs0):
;   0: (bf) r1 = r10
;   1: (07) r1 += -8
;   2: (85) call pc+2
;   3: (b7) r0 = 0
;   4: (95) exit
; stack use/def subprog#1 mid_two_fp_threshold (d1,cs2):
;   5: (bf) r6 = r1
;   6: (bf) r7 = r10
;   7: (07) r7 += -16
;   8: (7b) *(u64 *)(r10 -8) = r7        ; def: fp1-8
;   9: (7b) *(u64 *)(r10 -16) = r6       ; def: fp1-16
;  10: (bf) r1 = r10
;  11: (07) r1 += -8
;  12: (bf) r2 = r6
;  13: (85) call pc+4
;  14: (79) r1 = *(u64 *)(r10 -8)        ; use: fp1-8
;  15: (79) r0 = *(u64 *)(r1 +0)         ; use: fp1-16
;  16: (b7) r0 = 0
;  17: (95) exit
; stack use/def subprog#2 inner_nop_fptest (d2,cs13):
;  18: (b7) r0 = 0
;  19: (95) exit
; Live regs before insn:
;       0: ..2345.... (bf) r1 = r10
;       1: .12345.... (07) r1 += -8
;       2: .12345.... (85) call pc+2
;       3: .......... (b7) r0 = 0
;       4: 0......... (95) exit
;       5: .1.345.... (bf) r6 = r1
;       6: ...3456... (bf) r7 = r10
;       7: ...34567.. (07) r7 += -16
;       8: ...34567.. (7b) *(u64 *)(r10 -8) = r7
;       9: ...3456... (7b) *(u64 *)(r10 -16) = r6
;      10: ...3456... (bf) r1 = r10
;      11: .1.3456... (07) r1 += -8
;      12: .1.3456... (bf) r2 = r6
;      13: .12345.... (85) call pc+4
;      14: .......... (79) r1 = *(u64 *)(r10 -8)
;      15: .1........ (79) r0 = *(u64 *)(r1 +0)
;      16: .......... (b7) r0 = 0
;      17: 0......... (95) exit
;      18: .......... (b7) r0 = 0
;      19: 0......... (95) exit
