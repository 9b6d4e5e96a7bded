;; verifier_live_stack.c conditional_stx_in_subprog: the callee writes the caller's fp-8 on one
;; path only, so fp-8 stays live across the call (the later read keeps it live).
test print<liveness>

.func conditional_stx_in_subprog
  r1 = 42
  *(u64 *)(r10 -8) = r1
  r1 = r10
  r1 += -8
  call cond_writer
  r0 = *(u64 *)(r10 -8)
  exit
.func cond_writer
  r6 = r1
  call bpf_get_prandom_u32
  if r0 == 0 goto l1
  *(u64 *)(r6 +0) = r0
l1:
  r0 = 0
  exit

; stack use/def subprog#0 conditional_stx_in_subprog (d0,cs0):
;   0: (b7) r1 = 42
;   1: (7b) *(u64 *)(r10 -8) = r1        ; def: fp0-8
;   2: (bf) r1 = r10
;   3: (07) r1 += -8
;   4: (85) call pc+2
;   5: (79) r0 = *(u64 *)(r10 -8)        ; use: fp0-8
;   6: (95) exit
; stack use/def subprog#1 cond_writer (d1,cs4):
;   7: (bf) r6 = r1
;   8: (85) call bpf_get_prandom_u32#7
;   9: (15) if r0 == 0x0 goto pc+1
;  10: (7b) *(u64 *)(r6 +0) = r0         ; def: fp0-8
;  11: (b7) r0 = 0
;  12: (95) exit
; Live regs before insn:
;       0: ..2345.... (b7) r1 = 42
;       1: .12345.... (7b) *(u64 *)(r10 -8) = r1
;       2: ..2345.... (bf) r1 = r10
;       3: .12345.... (07) r1 += -8
;       4: .12345.... (85) call pc+2
;       5: .......... (79) r0 = *(u64 *)(r10 -8)
;       6: 0......... (95) exit
;       7: .1........ (bf) r6 = r1
;       8: ......6... (85) call bpf_get_prandom_u32#7
;       9: 0.....6... (15) if r0 == 0x0 goto pc+1
;      10: 0.....6... (7b) *(u64 *)(r6 +0) = r0
;      11: .......... (b7) r0 = 0
;      12: 0......... (95) exit
