;; verifier_live_stack.c callback_two_calls_different_ctx: the same callback from two bpf_loop
;; calls with ctx fp-8 and fp-24: two instances; each call site uses its own slot. bpf_loop is an
;; implicit loop, so both calls carry an SCC id in the "Live regs" table.
test print<liveness>

.func callback_two_calls_different_ctx
  *(u64 *)(r10 -8) = 0
  *(u64 *)(r10 -24) = 0
  r1 = 1
  r2 = cb_read_ctx ll
  r3 = r10
  r3 += -8
  r4 = 0
  call bpf_loop
  r1 = 1
  r2 = cb_read_ctx ll
  r3 = r10
  r3 += -24
  r4 = 0
  call bpf_loop
  r0 = 0
  exit
.func cb_read_ctx
  r0 = *(u64 *)(r2 +0)
  r0 = 0
  exit

; stack use/def subprog#0 callback_two_calls_different_ctx (d0,cs0):
;   0: (7a) *(u64 *)(r10 -8) = 0         ; def: fp0-8
;   1: (7a) *(u64 *)(r10 -24) = 0        ; def: fp0-24
;   2: (b7) r1 = 1
;   3: (18) r2 = 0xe
;   5: (bf) r3 = r10
;   6: (07) r3 += -8
;   7: (b7) r4 = 0
;   8: (85) call bpf_loop#181            ; use: fp0-8
;   9: (b7) r1 = 1
;  10: (18) r2 = 0x7
;  12: (bf) r3 = r10
;  13: (07) r3 += -24
;  14: (b7) r4 = 0
;  15: (85) call bpf_loop#181            ; use: fp0-24
;  16: (b7) r0 = 0
;  17: (95) exit
; stack use/def subprog#1 cb_read_ctx (d1,cs8):
;  18: (79) r0 = *(u64 *)(r2 +0)         ; use: fp0-8
;  19: (b7) r0 = 0
;  20: (95) exit
; stack use/def subprog#1 cb_read_ctx (d1,cs15):
;  18: (79) r0 = *(u64 *)(r2 +0)         ; use: fp0-24
;  19: (b7) r0 = 0
;  20: (95) exit
; Live regs before insn:
;       0: .......... (7a) *(u64 *)(r10 -8) = 0
;       1: .......... (7a) *(u64 *)(r10 -24) = 0
;       2: .......... (b7) r1 = 1
;       3: .1........ (18) r2 = 0xe
;       5: .12....... (bf) r3 = r10
;       6: .123...... (07) r3 += -8
;       7: .123...... (b7) r4 = 0
;   2   8: .1234..... (85) call bpf_loop#181
;       9: .......... (b7) r1 = 1
;      10: .1........ (18) r2 = 0x7
;      12: .12....... (bf) r3 = r10
;      13: .123...... (07) r3 += -24
;      14: .123...... (b7) r4 = 0
;   1  15: .1234..... (85) call bpf_loop#181
;      16: .......... (b7) r0 = 0
;      17: 0......... (95) exit
;      18: ..2....... (79) r0 = *(u64 *)(r2 +0)
;      19: .......... (b7) r0 = 0
;      20: 0......... (95) exit
