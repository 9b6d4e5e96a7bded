;; verifier_live_stack.c stack_or_non_stack_write (log level 2): "map value or fp-8" joins to
;; fp0-8|fp0+0 (the fake fp+0 rule), so the store at 9 is no def and fp-8 stays live.
test print<liveness>
set map.1=4:8 log-level=2

.func stack_or_non_stack_write
  *(u64 *)(r10 -8) = 0
  r2 = r10
  r2 += -4
  r1 = map[id:1]
  call bpf_map_lookup_elem
  if r0 != 0 goto l1
  r0 = r10
  r0 += -8
l1:
  *(u64 *)(r0 +0) = 7
  r0 = *(u64 *)(r10 -8)
  exit

; subprog#0: analyzing (depth 0)...
;   1: (bf) r2 = r10	r2: _ -> fp0+0
;   2: (07) r2 += -4	r2: fp0+0 -> fp0-4
;   5: (85) call bpf_map_lookup_elem#1	r2: fp0-4 -> _
;   7: (bf) r0 = r10	r0: _ -> fp0+0
;   8: (07) r0 += -8	r0: fp0+0 -> fp0-8
; arg JOIN insn 8 -> 9 r0: _ + fp0-8 => fp0-8|fp0+0
;  10: (79) r0 = *(u64 *)(r10 -8)	r0: fp0-8|fp0+0 -> _
;   1: (bf) r2 = r10	r2: _ -> fp0+0
;   2: (07) r2 += -4	r2: fp0+0 -> fp0-4
;   5: (85) call bpf_map_lookup_elem#1	r2: fp0-4 -> _
;   7: (bf) r0 = r10	r0: _ -> fp0+0
;   8: (07) r0 += -8	r0: fp0+0 -> fp0-8
;  10: (79) r0 = *(u64 *)(r10 -8)	r0: fp0-8|fp0+0 -> _
; subprog#0 stack_or_non_stack_write:
;   0: (7a) *(u64 *)(r10 -8) = 0
;   1: (bf) r2 = r10
;   2: (07) r2 += -4
;   3: (18) r1 = 0x1
;   5: (85) call bpf_map_lookup_elem#1 // r2=fp0-4
;   6: (55) if r0 != 0x0 goto pc+2
;   7: (bf) r0 = r10
;   8: (07) r0 += -8
;   9: (7a) *(u64 *)(r0 +0) = 7
;  10: (79) r0 = *(u64 *)(r10 -8) // r0=fp0-8|fp0+0
;  11: (95) exit
; stack use/def subprog#0 stack_or_non_stack_write (d0,cs0):
;   0: (7a) *(u64 *)(r10 -8) = 0         ; def: fp0-8
;   1: (bf) r2 = r10
;   2: (07) r2 += -4
;   3: (18) r1 = 0x1
;   5: (85) call bpf_map_lookup_elem#1   ; use: fp0-4h
;   6: (55) if r0 != 0x0 goto pc+2
;   7: (bf) r0 = r10
;   8: (07) r0 += -8
;   9: (7a) *(u64 *)(r0 +0) = 7
;  10: (79) r0 = *(u64 *)(r10 -8)        ; use: fp0-8
;  11: (95) exit
; Live regs before insn:
;       0: .......... (7a) *(u64 *)(r10 -8) = 0
;       1: .......... (bf) r2 = r10
;       2: ..2....... (07) r2 += -4
;       3: ..2....... (18) r1 = 0x1
;       5: .12....... (85) call bpf_map_lookup_elem#1
;       6: 0......... (55) if r0 != 0x0 goto pc+2
;       7: .......... (bf) r0 = r10
;       8: 0......... (07) r0 += -8
;       9: 0......... (7a) *(u64 *)(r0 +0) = 7
;      10: .......... (79) r0 = *(u64 *)(r10 -8)
;      11: 0......... (95) exit
