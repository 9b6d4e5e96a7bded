;; verifier_live_stack.c st_imm_join_with_imprecise_off: BPF_ST through an offset-imprecise
;; pointer joins every slot with "not a pointer"; the deref at 13 uses fp0-32.
test print<liveness>

.func st_imm_join_with_imprecise_off
  *(u64 *)(r10 -24) = 0
  *(u64 *)(r10 -32) = 0
  r1 = r10
  r1 += -24
  *(u64 *)(r10 -8) = r1
  r1 = r10
  r1 += -32
  *(u64 *)(r10 -16) = r1
  r1 = r10
  r2 = -8
  r1 += r2
  *(u64 *)(r1 +0) = 0
  r0 = *(u64 *)(r10 -16)
  r0 = *(u64 *)(r0 +0)
  r0 = 0
  exit

; stack use/def subprog#0 st_imm_join_with_imprecise_off (d0,cs0):
;   0: (7a) *(u64 *)(r10 -24) = 0        ; def: fp0-24
;   1: (7a) *(u64 *)(r10 -32) = 0        ; def: fp0-32
;   2: (bf) r1 = r10
;   3: (07) r1 += -24
;   4: (7b) *(u64 *)(r10 -8) = r1        ; def: fp0-8
;   5: (bf) r1 = r10
;   6: (07) r1 += -32
;   7: (7b) *(u64 *)(r10 -16) = r1       ; def: fp0-16
;   8: (bf) r1 = r10
;   9: (b7) r2 = -8
;  10: (0f) r1 += r2
;  11: (7a) *(u64 *)(r1 +0) = 0
;  12: (79) r0 = *(u64 *)(r10 -16)       ; use: fp0-16
;  13: (79) r0 = *(u64 *)(r0 +0)         ; use: fp0-32
;  14: (b7) r0 = 0
;  15: (95) exit
; Live regs before insn:
;       0: .......... (7a) *(u64 *)(r10 -24) = 0
;       1: .......... (7a) *(u64 *)(r10 -32) = 0
;       2: .......... (bf) r1 = r10
;       3: .1........ (07) r1 += -24
;       4: .1........ (7b) *(u64 *)(r10 -8) = r1
;       5: .......... (bf) r1 = r10
;       6: .1........ (07) r1 += -32
;       7: .1........ (7b) *(u64 *)(r10 -16) = r1
;       8: .......... (bf) r1 = r10
;       9: .1........ (b7) r2 = -8
;      10: .12....... (0f) r1 += r2
;      11: .1........ (7a) *(u64 *)(r1 +0) = 0
;      12: .......... (79) r0 = *(u64 *)(r10 -16)
;      13: 0......... (79) r0 = *(u64 *)(r0 +0)
;      14: .......... (b7) r0 = 0
;      15: 0......... (95) exit
