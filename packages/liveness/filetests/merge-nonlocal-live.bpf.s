;; verifier_live_stack.c test_merge_nonlocal_live (log level 2): merge_shared_mid is reached
;; twice at the same (callsite 14, depth 2) instance of merge_leaf_read with fp0-8 and fp0-16:
;; the re-analysis goes into a fresh instance merged into the first (may_read union), and the
;; call at 5 uses both slots.
test print<liveness>
set log-level=2

.func test_merge_nonlocal_live
  r1 = 0
  *(u64 *)(r10 -8) = r1
  *(u64 *)(r10 -16) = r1
  r1 = r10
  r1 += -8
  call merge_wrapper_a
  r1 = r10
  r1 += -16
  call merge_wrapper_b
  r0 = 0
  exit
.func merge_wrapper_a
  call merge_shared_mid
  r0 = 0
  exit
.func merge_wrapper_b
  call merge_shared_mid
  r0 = 0
  exit
.func merge_shared_mid
  call merge_leaf_read
  r0 = 0
  exit
.func merge_leaf_read
  r0 = *(u64 *)(r1 +0)
  r0 = 0
  exit

; subprog#0: analyzing (depth 0)...
;   3: (bf) r1 = r10	r1: _ -> fp0+0
;   4: (07) r1 += -8	r1: fp0+0 -> fp0-8
;   5: (85) call pc+5	r1: fp0-8 -> _
;   6: (bf) r1 = r10	r1: _ -> fp0+0
;   7: (07) r1 += -16	r1: fp0+0 -> fp0-16
;   8: (85) call pc+5	r1: fp0-16 -> _
;   3: (bf) r1 = r10	r1: _ -> fp0+0
;   4: (07) r1 += -8	r1: fp0+0 -> fp0-8
;   5: (85) call pc+5	r1: fp0-8 -> _
;   6: (bf) r1 = r10	r1: _ -> fp0+0
;   7: (07) r1 += -16	r1: fp0+0 -> fp0-16
;   8: (85) call pc+5	r1: fp0-16 -> _
; subprog#0 test_merge_nonlocal_live:
;   0: (b7) r1 = 0
;   1: (7b) *(u64 *)(r10 -8) = r1
;   2: (7b) *(u64 *)(r10 -16) = r1
;   3: (bf) r1 = r10
;   4: (07) r1 += -8
;   5: (85) call pc+5 // r1=fp0-8
;   6: (bf) r1 = r10
;   7: (07) r1 += -16
;   8: (85) call pc+5 // r1=fp0-16
;   9: (b7) r0 = 0
;  10: (95) exit
; subprog#2: analyzing (depth 1)...
;  14: (85) call pc+2	r1: fp0-16 -> _
;  14: (85) call pc+2	r1: fp0-16 -> _
; subprog#2 merge_wrapper_b:
;  14: (85) call pc+2 // r1=fp0-16
;  15: (b7) r0 = 0
;  16: (95) exit
; subprog#3: analyzing (depth 2)...
;  17: (85) call pc+2	r1: fp0-16 -> _
;  17: (85) call pc+2	r1: fp0-16 -> _
; subprog#3 merge_shared_mid:
;  17: (85) call pc+2 // r1=fp0-16
;  18: (b7) r0 = 0
;  19: (95) exit
; subprog#4: analyzing (depth 3)...
; subprog#4 merge_leaf_read:
;  20: (79) r0 = *(u64 *)(r1 +0) // r1=fp0-16
;  21: (b7) r0 = 0
;  22: (95) exit
; subprog#1: analyzing (depth 1)...
;  11: (85) call pc+5	r1: fp0-8 -> _
;  11: (85) call pc+5	r1: fp0-8 -> _
; subprog#1 merge_wrapper_a:
;  11: (85) call pc+5 // r1=fp0-8
;  12: (b7) r0 = 0
;  13: (95) exit
; subprog#3: analyzing (depth 2)...
;  17: (85) call pc+2	r1: fp0-8 -> _
;  17: (85) call pc+2	r1: fp0-8 -> _
; subprog#3 merge_shared_mid:
;  17: (85) call pc+2 // r1=fp0-8
;  18: (b7) r0 = 0
;  19: (95) exit
; subprog#4: analyzing (depth 3)...
; subprog#4 merge_leaf_read:
;  20: (79) r0 = *(u64 *)(r1 +0) // r1=fp0-8
;  21: (b7) r0 = 0
;  22: (95) exit
; stack use/def subprog#0 test_merge_nonlocal_live (d0,cs0):
;   0: (b7) r1 = 0
;   1: (7b) *(u64 *)(r10 -8) = r1        ; def: fp0-8
;   2: (7b) *(u64 *)(r10 -16) = r1       ; def: fp0-16
;   3: (bf) r1 = r10
;   4: (07) r1 += -8
;   5: (85) call pc+5                    ; use: fp0-8 fp0-16
;   6: (bf) r1 = r10
;   7: (07) r1 += -16
;   8: (85) call pc+5                    ; use: fp0-16
;   9: (b7) r0 = 0
;  10: (95) exit
; stack use/def subprog#1 merge_wrapper_a (d1,cs5):
;  11: (85) call pc+5                    ; use: fp0-8 fp0-16
;  12: (b7) r0 = 0
;  13: (95) exit
; stack use/def subprog#2 merge_wrapper_b (d1,cs8):
;  14: (85) call pc+2                    ; use: fp0-16
;  15: (b7) r0 = 0
;  16: (95) exit
; stack use/def subprog#3 merge_shared_mid (d2,cs11):
;  17: (85) call pc+2                    ; use: fp0-8 fp0-16
;  18: (b7) r0 = 0
;  19: (95) exit
; stack use/def subprog#3 merge_shared_mid (d2,cs14):
;  17: (85) call pc+2                    ; use: fp0-16
;  18: (b7) r0 = 0
;  19: (95) exit
; stack use/def subprog#4 merge_leaf_read (d3,cs17):
;  20: (79) r0 = *(u64 *)(r1 +0)         ; use: fp0-8 fp0-16
;  21: (b7) r0 = 0
;  22: (95) exit
; Live regs before insn:
;       0: ..2345.... (b7) r1 = 0
;       1: .12345.... (7b) *(u64 *)(r10 -8) = r1
;       2: .12345.... (7b) *(u64 *)(r10 -16) = r1
;       3: ..2345.... (bf) r1 = r10
;       4: .12345.... (07) r1 += -8
;       5: .12345.... (85) call pc+5
;       6: ..2345.... (bf) r1 = r10
;       7: .12345.... (07) r1 += -16
;       8: .12345.... (85) call pc+5
;       9: .......... (b7) r0 = 0
;      10: 0......... (95) exit
;      11: .12345.... (85) call pc+5
;      12: .......... (b7) r0 = 0
;      13: 0......... (95) exit
;      14: .12345.... (85) call pc+2
;      15: .......... (b7) r0 = 0
;      16: 0......... (95) exit
;      17: .12345.... (85) call pc+2
;      18: .......... (b7) r0 = 0
;      19: 0......... (95) exit
;      20: .1........ (79) r0 = *(u64 *)(r1 +0)
;      21: .......... (b7) r0 = 0
;      22: 0......... (95) exit
