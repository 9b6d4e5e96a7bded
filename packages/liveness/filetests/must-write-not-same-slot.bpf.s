;; verifier_live_stack.c must_write_not_same_slot: the pointer is fp-8 or fp-16 (r2 += r1 makes
;; it offset-imprecise), so the store at 6 defines nothing.
test print<liveness>

.func must_write_not_same_slot
  call bpf_get_prandom_u32
  r1 = -8
  if r0 > 42 goto l1
  r1 = -16
l1:
  r2 = r10
  r2 += r1
  *(u64 *)(r2 +0) = r0
  exit

; stack use/def subprog#0 must_write_not_same_slot (d0,cs0):
;   0: (85) call bpf_get_prandom_u32#7
;   1: (b7) r1 = -8
;   2: (25) if r0 > 0x2a goto pc+1
;   3: (b7) r1 = -16
;   4: (bf) r2 = r10
;   5: (0f) r2 += r1
;   6: (7b) *(u64 *)(r2 +0) = r0
;   7: (95) exit
; Live regs before insn:
;       0: .......... (85) call bpf_get_prandom_u32#7
;       1: 0......... (b7) r1 = -8
;       2: 01........ (25) if r0 > 0x2a goto pc+1
;       3: 0......... (b7) r1 = -16
;       4: 01........ (bf) r2 = r10
;       5: 012....... (0f) r2 += r1
;       6: 0.2....... (7b) *(u64 *)(r2 +0) = r0
;       7: 0......... (95) exit
