;; verifier_live_stack.c shared_instance_must_write_overwrite: write_first_read_second's
;; (d2,cs15) instance is analysed with (fp0-8, fp0-16) and (fp0-16, fp0-8); must_write is the
;; intersection (empty), may_read the union.
test print<liveness>

.func shared_instance_must_write_overwrite
  r1 = 1
  *(u64 *)(r10 -8) = r1
  *(u64 *)(r10 -16) = r1
  r1 = r10
  r1 += -8
  r2 = r10
  r2 += -16
  call forwarding_rw
  r1 = r10
  r1 += -16
  r2 = r10
  r2 += -8
  call forwarding_rw
  r0 = 0
  exit
.func forwarding_rw
  call write_first_read_second
  exit
.func write_first_read_second
  *(u64 *)(r1 +0) = 42
  r0 = *(u64 *)(r2 +0)
  exit

; stack use/def subprog#0 shared_instance_must_write_overwrite (d0,cs0):
;   0: (b7) r1 = 1
;   1: (7b) *(u64 *)(r10 -8) = r1        ; def: fp0-8
;   2: (7b) *(u64 *)(r10 -16) = r1       ; def: fp0-16
;   3: (bf) r1 = r10
;   4: (07) r1 += -8
;   5: (bf) r2 = r10
;   6: (07) r2 += -16
;   7: (85) call pc+7                    ; use: fp0-8 fp0-16
;   8: (bf) r1 = r10
;   9: (07) r1 += -16
;  10: (bf) r2 = r10
;  11: (07) r2 += -8
;  12: (85) call pc+2                    ; use: fp0-8
;  13: (b7) r0 = 0
;  14: (95) exit
; stack use/def subprog#1 forwarding_rw (d1,cs7):
;  15: (85) call pc+1                    ; use: fp0-8 fp0-16
;  16: (95) exit
; stack use/def subprog#1 forwarding_rw (d1,cs12):
;  15: (85) call pc+1                    ; use: fp0-8
;  16: (95) exit
; stack use/def subprog#2 write_first_read_second (d2,cs15):
;  17: (7a) *(u64 *)(r1 +0) = 42
;  18: (79) r0 = *(u64 *)(r2 +0)         ; use: fp0-8 fp0-16
;  19: (95) exit
; Live regs before insn:
;       0: ...345.... (b7) r1 = 1
;       1: .1.345.... (7b) *(u64 *)(r10 -8) = r1
;       2: .1.345.... (7b) *(u64 *)(r10 -16) = r1
;       3: ...345.... (bf) r1 = r10
;       4: .1.345.... (07) r1 += -8
;       5: .1.345.... (bf) r2 = r10
;       6: .12345.... (07) r2 += -16
;       7: .12345.... (85) call pc+7
;       8: ...345.... (bf) r1 = r10
;       9: .1.345.... (07) r1 += -16
;      10: .1.345.... (bf) r2 = r10
;      11: .12345.... (07) r2 += -8
;      12: .12345.... (85) call pc+2
;      13: .......... (b7) r0 = 0
;      14: 0......... (95) exit
;      15: .12345.... (85) call pc+1
;      16: 0......... (95) exit
;      17: .12....... (7a) *(u64 *)(r1 +0) = 42
;      18: ..2....... (79) r0 = *(u64 *)(r2 +0)
;      19: 0......... (95) exit
