;; verifier_live_stack.c spill_join_with_multi_off: an 8-byte store of &fp-24 through a pointer
;; that is fp-8 or fp-16 joins into both spill slots instead of overwriting; the deref at 21 uses
;; fp0-24 and fp0-32.
test print<liveness>

.func spill_join_with_multi_off
  *(u64 *)(r10 -24) = 0
  *(u64 *)(r10 -32) = 0
  r1 = r10
  r1 += -24
  *(u64 *)(r10 -8) = r1
  r1 = r10
  r1 += -32
  *(u64 *)(r10 -16) = r1
  call bpf_get_prandom_u32
  if r0 == 0 goto l1
  r1 = r10
  r1 += -8
  goto l2
l1:
  r1 = r10
  r1 += -16
l2:
  r2 = r10
  r2 += -24
  *(u64 *)(r1 +0) = r2
  r0 = *(u64 *)(r10 -8)
  r0 = *(u64 *)(r0 +0)
  r0 = *(u64 *)(r10 -16)
  r0 = *(u64 *)(r0 +0)
  exit

; stack use/def subprog#0 spill_join_with_multi_off (d0,cs0):
;   0: (7a) *(u64 *)(r10 -24) = 0        ; def: fp0-24
;   1: (7a) *(u64 *)(r10 -32) = 0        ; def: fp0-32
;   2: (bf) r1 = r10
;   3: (07) r1 += -24
;   4: (7b) *(u64 *)(r10 -8) = r1        ; def: fp0-8
;   5: (bf) r1 = r10
;   6: (07) r1 += -32
;   7: (7b) *(u64 *)(r10 -16) = r1       ; def: fp0-16
;   8: (85) call bpf_get_prandom_u32#7
;   9: (15) if r0 == 0x0 goto pc+3
;  10: (bf) r1 = r10
;  11: (07) r1 += -8
;  12: (05) goto pc+2
;  13: (bf) r1 = r10
;  14: (07) r1 += -16
;  15: (bf) r2 = r10
;  16: (07) r2 += -24
;  17: (7b) *(u64 *)(r1 +0) = r2
;  18: (79) r0 = *(u64 *)(r10 -8)        ; use: fp0-8
;  19: (79) r0 = *(u64 *)(r0 +0)         ; use: fp0-24
;  20: (79) r0 = *(u64 *)(r10 -16)       ; use: fp0-16
;  21: (79) r0 = *(u64 *)(r0 +0)         ; use: fp0-24 fp0-32
;  22: (95) exit
; Live regs before insn:
;       0: .......... (7a) *(u64 *)(r10 -24) = 0
;       1: .......... (7a) *(u64 *)(r10 -32) = 0
;       2: .......... (bf) r1 = r10
;       3: .1........ (07) r1 += -24
;       4: .1........ (7b) *(u64 *)(r10 -8) = r1
;       5: .......... (bf) r1 = r10
;       6: .1........ (07) r1 += -32
;       7: .1........ (7b) *(u64 *)(r10 -16) = r1
;       8: .......... (85) call bpf_get_prandom_u32#7
;       9: 0......... (15) if r0 == 0x0 goto pc+3
;      10: .......... (bf) r1 = r10
;      11: .1........ (07) r1 += -8
;      12: .1........ (05) goto pc+2
;      13: .......... (bf) r1 = r10
;      14: .1........ (07) r1 += -16
;      15: .1........ (bf) r2 = r10
;      16: .12....... (07) r2 += -24
;      17: .12....... (7b) *(u64 *)(r1 +0) = r2
;      18: .......... (79) r0 = *(u64 *)(r10 -8)
;      19: 0......... (79) r0 = *(u64 *)(r0 +0)
;      20: .......... (79) r0 = *(u64 *)(r10 -16)
;      21: 0......... (79) r0 = *(u64 *)(r0 +0)
;      22: 0......... (95) exit
