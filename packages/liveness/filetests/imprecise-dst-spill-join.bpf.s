;; verifier_live_stack.c imprecise_dst_spill_join (log level 2): r1 is the caller's fp-24 or
;; the callee's fp-8 (IMP3); a store through it joins fp1-8 with "not a pointer", giving
;; fp1-16|fp1+0 at insn 26 (map 1 has a 4-byte key).
test print<liveness>
set map.1=4:8 log-level=2

.func imprecise_dst_spill_join
  *(u64 *)(r10 -24) = 0
  *(u32 *)(r10 -32) = 0
  r1 = map[id:1]
  r2 = r10
  r2 += -32
  call bpf_map_lookup_elem
  if r0 == 0 goto l1
  r1 = r10
  r1 += -24
  r2 = r0
  call imprecise_dst_spill_join_sub
l1:
  r0 = 0
  exit
.func imprecise_dst_spill_join_sub
  r6 = r1
  r8 = r2
  *(u64 *)(r10 -16) = 0
  r7 = r10
  r7 += -16
  *(u64 *)(r10 -8) = r7
  call bpf_get_prandom_u32
  r1 = r6
  if r0 == 0 goto l2
  r1 = r10
  r1 += -8
l2:
  *(u64 *)(r1 +0) = r8
  r0 = *(u64 *)(r10 -8)
  *(u64 *)(r0 +0) = 42
  r0 = 0
  exit

; subprog#0: analyzing (depth 0)...
;   4: (bf) r2 = r10	r2: _ -> fp0+0
;   5: (07) r2 += -32	r2: fp0+0 -> fp0-32
;   6: (85) call bpf_map_lookup_elem#1	r2: fp0-32 -> _
;   8: (bf) r1 = r10	r1: _ -> fp0+0
;   9: (07) r1 += -24	r1: fp0+0 -> fp0-24
;  11: (85) call pc+2	r1: fp0-24 -> _
;   4: (bf) r2 = r10	r2: _ -> fp0+0
;   5: (07) r2 += -32	r2: fp0+0 -> fp0-32
;   6: (85) call bpf_map_lookup_elem#1	r2: fp0-32 -> _
;   8: (bf) r1 = r10	r1: _ -> fp0+0
;   9: (07) r1 += -24	r1: fp0+0 -> fp0-24
;  11: (85) call pc+2	r1: fp0-24 -> _
; subprog#0 imprecise_dst_spill_join:
;   0: (7a) *(u64 *)(r10 -24) = 0
;   1: (62) *(u32 *)(r10 -32) = 0
;   2: (18) r1 = 0x1
;   4: (bf) r2 = r10
;   5: (07) r2 += -32
;   6: (85) call bpf_map_lookup_elem#1 // r2=fp0-32
;   7: (15) if r0 == 0x0 goto pc+4
;   8: (bf) r1 = r10
;   9: (07) r1 += -24
;  10: (bf) r2 = r0
;  11: (85) call pc+2 // r1=fp0-24
;  12: (b7) r0 = 0
;  13: (95) exit
; subprog#1: analyzing (depth 1)...
;  14: (bf) r6 = r1	r6: _ -> fp0-24
;  17: (bf) r7 = r10	r7: _ -> fp1+0
;  18: (07) r7 += -16	r7: fp1+0 -> fp1-16
;  19: (7b) *(u64 *)(r10 -8) = r7	fp-8: _ -> fp1-16
;  20: (85) call bpf_get_prandom_u32#7	r1: fp0-24 -> _
;  21: (bf) r1 = r6	r1: _ -> fp0-24
;  23: (bf) r1 = r10	r1: fp0-24 -> fp1+0
;  24: (07) r1 += -8	r1: fp1+0 -> fp1-8
; arg JOIN insn 24 -> 25 r1: fp0-24 + fp1-8 => IMP3
;  25: (7b) *(u64 *)(r1 +0) = r8	fp-8: fp1-16 -> fp1-16|fp1+0
;  26: (79) r0 = *(u64 *)(r10 -8)	r0: _ -> fp1-16|fp1+0
;  28: (b7) r0 = 0	r0: fp1-16|fp1+0 -> _
;  14: (bf) r6 = r1	r6: _ -> fp0-24
;  17: (bf) r7 = r10	r7: _ -> fp1+0
;  18: (07) r7 += -16	r7: fp1+0 -> fp1-16
;  19: (7b) *(u64 *)(r10 -8) = r7	fp-8: _ -> fp1-16
;  20: (85) call bpf_get_prandom_u32#7	r1: fp0-24 -> _
;  21: (bf) r1 = r6	r1: _ -> fp0-24
;  23: (bf) r1 = r10	r1: fp0-24 -> fp1+0
;  24: (07) r1 += -8	r1: fp1+0 -> fp1-8
;  25: (7b) *(u64 *)(r1 +0) = r8	fp-8: fp1-16 -> fp1-16|fp1+0
;  26: (79) r0 = *(u64 *)(r10 -8)	r0: _ -> fp1-16|fp1+0
;  28: (b7) r0 = 0	r0: fp1-16|fp1+0 -> _
; subprog#1 imprecise_dst_spill_join_sub:
;  14: (bf) r6 = r1
;  15: (bf) r8 = r2
;  16: (7a) *(u64 *)(r10 -16) = 0
;  17: (bf) r7 = r10
;  18: (07) r7 += -16
;  19: (7b) *(u64 *)(r10 -8) = r7 // r1=fp0-24 r6=fp0-24 r7=fp1-16
;  20: (85) call bpf_get_prandom_u32#7 // r1=fp0-24 r6=fp0-24 r7=fp1-16 fp-8=fp1-16
;  21: (bf) r1 = r6
;  22: (15) if r0 == 0x0 goto pc+2
;  23: (bf) r1 = r10
;  24: (07) r1 += -8
;  25: (7b) *(u64 *)(r1 +0) = r8 // r1=IMP3 r6=fp0-24 r7=fp1-16 fp-8=fp1-16
;  26: (79) r0 = *(u64 *)(r10 -8) // r1=IMP3 r6=fp0-24 r7=fp1-16 fp-8=fp1-16|fp1+0
;  27: (7a) *(u64 *)(r0 +0) = 42
;  28: (b7) r0 = 0
;  29: (95) exit
; stack use/def subprog#0 imprecise_dst_spill_join (d0,cs0):
;   0: (7a) *(u64 *)(r10 -24) = 0        ; def: fp0-24
;   1: (62) *(u32 *)(r10 -32) = 0        ; def: fp0-32h
;   2: (18) r1 = 0x1
;   4: (bf) r2 = r10
;   5: (07) r2 += -32
;   6: (85) call bpf_map_lookup_elem#1   ; use: fp0-32h
;   7: (15) if r0 == 0x0 goto pc+4
;   8: (bf) r1 = r10
;   9: (07) r1 += -24
;  10: (bf) r2 = r0
;  11: (85) call pc+2                    ; use: fp0-8..-512
;  12: (b7) r0 = 0
;  13: (95) exit
; stack use/def subprog#1 imprecise_dst_spill_join_sub (d1,cs11):
;  14: (bf) r6 = r1
;  15: (bf) r8 = r2
;  16: (7a) *(u64 *)(r10 -16) = 0        ; def: fp1-16
;  17: (bf) r7 = r10
;  18: (07) r7 += -16
;  19: (7b) *(u64 *)(r10 -8) = r7        ; def: fp1-8
;  20: (85) call bpf_get_prandom_u32#7
;  21: (bf) r1 = r6
;  22: (15) if r0 == 0x0 goto pc+2
;  23: (bf) r1 = r10
;  24: (07) r1 += -8
;  25: (7b) *(u64 *)(r1 +0) = r8         ; use: fp1-8..-512 fp0-8..-512
;  26: (79) r0 = *(u64 *)(r10 -8)        ; use: fp1-8
;  27: (7a) *(u64 *)(r0 +0) = 42
;  28: (b7) r0 = 0
;  29: (95) exit
; Live regs before insn:
;       0: .......... (7a) *(u64 *)(r10 -24) = 0
;       1: .......... (62) *(u32 *)(r10 -32) = 0
;       2: .......... (18) r1 = 0x1
;       4: .1........ (bf) r2 = r10
;       5: .12....... (07) r2 += -32
;       6: .12....... (85) call bpf_map_lookup_elem#1
;       7: 0..345.... (15) if r0 == 0x0 goto pc+4
;       8: 0..345.... (bf) r1 = r10
;       9: 01.345.... (07) r1 += -24
;      10: 01.345.... (bf) r2 = r0
;      11: .12345.... (85) call pc+2
;      12: .......... (b7) r0 = 0
;      13: 0......... (95) exit
;      14: .12....... (bf) r6 = r1
;      15: ..2...6... (bf) r8 = r2
;      16: ......6.8. (7a) *(u64 *)(r10 -16) = 0
;      17: ......6.8. (bf) r7 = r10
;      18: ......678. (07) r7 += -16
;      19: ......678. (7b) *(u64 *)(r10 -8) = r7
;      20: ......6.8. (85) call bpf_get_prandom_u32#7
;      21: 0.....6.8. (bf) r1 = r6
;      22: 01......8. (15) if r0 == 0x0 goto pc+2
;      23: ........8. (bf) r1 = r10
;      24: .1......8. (07) r1 += -8
;      25: .1......8. (7b) *(u64 *)(r1 +0) = r8
;      26: .......... (79) r0 = *(u64 *)(r10 -8)
;      27: 0......... (7a) *(u64 *)(r0 +0) = 42
;      28: .......... (b7) r0 = 0
;      29: 0......... (95) exit
