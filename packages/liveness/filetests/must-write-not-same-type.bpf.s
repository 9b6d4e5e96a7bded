;; verifier_live_stack.c must_write_not_same_type: a 4-byte map key (map 1: key 4, value 8) at
;; fp-8 reads only the half slot fp0-8h; the later store through "map value or fp-16" is
;; fp0-16|fp0+0 after the join (the fake fp+0), so it defines nothing.
test print<liveness>
set map.1=4:8

.func must_write_not_same_type
  *(u64 *)(r10 -8) = 0
  r2 = r10
  r2 += -8
  r1 = map[id:1]
  call bpf_map_lookup_elem
  if r0 != 0 goto l1
  r0 = r10
  r0 += -16
l1:
  *(u64 *)(r0 +0) = 42
  exit

; stack use/def subprog#0 must_write_not_same_type (d0,cs0):
;   0: (7a) *(u64 *)(r10 -8) = 0         ; def: fp0-8
;   1: (bf) r2 = r10
;   2: (07) r2 += -8
;   3: (18) r1 = 0x1
;   5: (85) call bpf_map_lookup_elem#1   ; use: fp0-8h
;   6: (55) if r0 != 0x0 goto pc+2
;   7: (bf) r0 = r10
;   8: (07) r0 += -16
;   9: (7a) *(u64 *)(r0 +0) = 42
;  10: (95) exit
; Live regs before insn:
;       0: .......... (7a) *(u64 *)(r10 -8) = 0
;       1: .......... (bf) r2 = r10
;       2: ..2....... (07) r2 += -8
;       3: ..2....... (18) r1 = 0x1
;       5: .12....... (85) call bpf_map_lookup_elem#1
;       6: 0......... (55) if r0 != 0x0 goto pc+2
;       7: .......... (bf) r0 = r10
;       8: 0......... (07) r0 += -16
;       9: 0......... (7a) *(u64 *)(r0 +0) = 42
;      10: 0......... (95) exit
