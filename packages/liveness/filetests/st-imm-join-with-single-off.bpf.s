;; verifier_live_stack.c st_imm_join_with_single_off (log level 2): BPF_ST through a precise
;; single-offset pointer overwrites the spill slot: fp-8: fp0-16 -> _.
test print<liveness>
set log-level=2

.func st_imm_join_with_single_off
  r2 = r10
  r2 += -16
  *(u64 *)(r10 -8) = r2
  r1 = r10
  r1 += -8
  *(u64 *)(r1 +0) = 0
  r0 = 0
  exit

; subprog#0: analyzing (depth 0)...
;   0: (bf) r2 = r10	r2: _ -> fp0+0
;   1: (07) r2 += -16	r2: fp0+0 -> fp0-16
;   2: (7b) *(u64 *)(r10 -8) = r2	fp-8: _ -> fp0-16
;   3: (bf) r1 = r10	r1: _ -> fp0+0
;   4: (07) r1 += -8	r1: fp0+0 -> fp0-8
;   5: (7a) *(u64 *)(r1 +0) = 0	fp-8: fp0-16 -> _
;   0: (bf) r2 = r10	r2: _ -> fp0+0
;   1: (07) r2 += -16	r2: fp0+0 -> fp0-16
;   2: (7b) *(u64 *)(r10 -8) = r2	fp-8: _ -> fp0-16
;   3: (bf) r1 = r10	r1: _ -> fp0+0
;   4: (07) r1 += -8	r1: fp0+0 -> fp0-8
;   5: (7a) *(u64 *)(r1 +0) = 0	fp-8: fp0-16 -> _
; subprog#0 st_imm_join_with_single_off:
;   0: (bf) r2 = r10
;   1: (07) r2 += -16
;   2: (7b) *(u64 *)(r10 -8) = r2 // r2=fp0-16
;   3: (bf) r1 = r10
;   4: (07) r1 += -8
;   5: (7a) *(u64 *)(r1 +0) = 0
;   6: (b7) r0 = 0
;   7: (95) exit
; stack use/def subprog#0 st_imm_join_with_single_off (d0,cs0):
;   0: (bf) r2 = r10
;   1: (07) r2 += -16
;   2: (7b) *(u64 *)(r10 -8) = r2        ; def: fp0-8
;   3: (bf) r1 = r10
;   4: (07) r1 += -8
;   5: (7a) *(u64 *)(r1 +0) = 0          ; def: fp0-8
;   6: (b7) r0 = 0
;   7: (95) exit
; Live regs before insn:
;       0: .......... (bf) r2 = r10
;       1: ..2....... (07) r2 += -16
;       2: ..2....... (7b) *(u64 *)(r10 -8) = r2
;       3: .......... (bf) r1 = r10
;       4: .1........ (07) r1 += -8
;       5: .1........ (7a) *(u64 *)(r1 +0) = 0
;       6: .......... (b7) r0 = 0
;       7: 0......... (95) exit
