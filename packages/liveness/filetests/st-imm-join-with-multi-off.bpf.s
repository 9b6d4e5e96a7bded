;; verifier_live_stack.c st_imm_join_with_multi_off (log level 2): BPF_ST through a
;; two-candidate pointer joins both slots with "not a pointer": fp-8: fp0-24 -> fp0-24|fp0+0,
;; fp-16: fp0-32 -> fp0-32|fp0+0; the deref at 17 still uses fp0-32.
test print<liveness>
set log-level=2

.func st_imm_join_with_multi_off
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
  *(u64 *)(r1 +0) = 0
  r0 = *(u64 *)(r10 -16)
  r0 = *(u64 *)(r0 +0)
  r0 = 0
  exit

; subprog#0: analyzing (depth 0)...
;   2: (bf) r1 = r10	r1: _ -> fp0+0
;   3: (07) r1 += -24	r1: fp0+0 -> fp0-24
;   4: (7b) *(u64 *)(r10 -8) = r1	fp-8: _ -> fp0-24
;   5: (bf) r1 = r10	r1: fp0-24 -> fp0+0
;   6: (07) r1 += -32	r1: fp0+0 -> fp0-32
;   7: (7b) *(u64 *)(r10 -16) = r1	fp-16: _ -> fp0-32
;   8: (85) call bpf_get_prandom_u32#7	r1: fp0-32 -> _
;  10: (bf) r1 = r10	r1: _ -> fp0+0
;  11: (07) r1 += -8	r1: fp0+0 -> fp0-8
;  13: (bf) r1 = r10	r1: _ -> fp0+0
;  14: (07) r1 += -16	r1: fp0+0 -> fp0-16
; arg JOIN insn 14 -> 15 r1: fp0-8 + fp0-16 => fp0-16|fp0-8
;  15: (7a) *(u64 *)(r1 +0) = 0	fp-8: fp0-24 -> fp0-24|fp0+0	fp-16: fp0-32 -> fp0-32|fp0+0
;  16: (79) r0 = *(u64 *)(r10 -16)	r0: _ -> fp0-32|fp0+0
;  17: (79) r0 = *(u64 *)(r0 +0)	r0: fp0-32|fp0+0 -> IMP1
;  18: (b7) r0 = 0	r0: IMP1 -> _
;   2: (bf) r1 = r10	r1: _ -> fp0+0
;   3: (07) r1 += -24	r1: fp0+0 -> fp0-24
;   4: (7b) *(u64 *)(r10 -8) = r1	fp-8: _ -> fp0-24
;   5: (bf) r1 = r10	r1: fp0-24 -> fp0+0
;   6: (07) r1 += -32	r1: fp0+0 -> fp0-32
;   7: (7b) *(u64 *)(r10 -16) = r1	fp-16: _ -> fp0-32
;   8: (85) call bpf_get_prandom_u32#7	r1: fp0-32 -> _
;  10: (bf) r1 = r10	r1: _ -> fp0+0
;  11: (07) r1 += -8	r1: fp0+0 -> fp0-8
;  13: (bf) r1 = r10	r1: _ -> fp0+0
;  14: (07) r1 += -16	r1: fp0+0 -> fp0-16
;  15: (7a) *(u64 *)(r1 +0) = 0	fp-8: fp0-24 -> fp0-24|fp0+0	fp-16: fp0-32 -> fp0-32|fp0+0
;  16: (79) r0 = *(u64 *)(r10 -16)	r0: _ -> fp0-32|fp0+0
;  17: (79) r0 = *(u64 *)(r0 +0)	r0: fp0-32|fp0+0 -> IMP1
;  18: (b7) r0 = 0	r0: IMP1 -> _
; subprog#0 st_imm_join_with_multi_off:
;   0: (7a) *(u64 *)(r10 -24) = 0
;   1: (7a) *(u64 *)(r10 -32) = 0
;   2: (bf) r1 = r10
;   3: (07) r1 += -24
;   4: (7b) *(u64 *)(r10 -8) = r1 // r1=fp0-24
;   5: (bf) r1 = r10
;   6: (07) r1 += -32
;   7: (7b) *(u64 *)(r10 -16) = r1 // r1=fp0-32 fp-8=fp0-24
;   8: (85) call bpf_get_prandom_u32#7 // r1=fp0-32 fp-8=fp0-24 fp-16=fp0-32
;   9: (15) if r0 == 0x0 goto pc+3
;  10: (bf) r1 = r10
;  11: (07) r1 += -8
;  12: (05) goto pc+2
;  13: (bf) r1 = r10
;  14: (07) r1 += -16
;  15: (7a) *(u64 *)(r1 +0) = 0
;  16: (79) r0 = *(u64 *)(r10 -16) // r1=fp0-16|fp0-8 fp-8=fp0-24|fp0+0 fp-16=fp0-32|fp0+0
;  17: (79) r0 = *(u64 *)(r0 +0) // r0=fp0-32|fp0+0 r1=fp0-16|fp0-8 fp-8=fp0-24|fp0+0 fp-16=fp0-32|fp0+0
;  18: (b7) r0 = 0
;  19: (95) exit
; stack use/def subprog#0 st_imm_join_with_multi_off (d0,cs0):
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
;  15: (7a) *(u64 *)(r1 +0) = 0
;  16: (79) r0 = *(u64 *)(r10 -16)       ; use: fp0-16
;  17: (79) r0 = *(u64 *)(r0 +0)         ; use: fp0-32
;  18: (b7) r0 = 0
;  19: (95) exit
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
;      15: .1........ (7a) *(u64 *)(r1 +0) = 0
;      16: .......... (79) r0 = *(u64 *)(r10 -16)
;      17: 0......... (79) r0 = *(u64 *)(r0 +0)
;      18: .......... (b7) r0 = 0
;      19: 0......... (95) exit
