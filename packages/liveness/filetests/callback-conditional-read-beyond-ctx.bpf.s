;; verifier_live_stack.c callback_conditional_read_beyond_ctx: bpf_loop's ctx (R3 = fp-8)
;; becomes the callback's R2 (callback found through const-fold's subprog pointer in R2); the
;; callback conditionally reads ctx-8 = caller fp-16, which is live at the bpf_loop call.
test print<liveness>

.func callback_conditional_read_beyond_ctx
  r1 = 42
  *(u64 *)(r10 -8) = r1
  *(u64 *)(r10 -16) = r1
  r1 = 2
  r2 = cb_cond_read ll
  r3 = r10
  r3 += -8
  r4 = 0
  call bpf_loop
  r0 = 0
  exit
.func cb_cond_read
  r6 = r2
  call bpf_get_prandom_u32
  if r0 == 0 goto l1
  r0 = *(u64 *)(r6 -8)
l1:
  r0 = 0
  exit

; stack use/def subprog#0 callback_conditional_read_beyond_ctx (d0,cs0):
;   0: (b7) r1 = 42
;   1: (7b) *(u64 *)(r10 -8) = r1        ; def: fp0-8
;   2: (7b) *(u64 *)(r10 -16) = r1       ; def: fp0-16
;   3: (b7) r1 = 2
;   4: (18) r2 = 0x7
;   6: (bf) r3 = r10
;   7: (07) r3 += -8
;   8: (b7) r4 = 0
;   9: (85) call bpf_loop#181            ; use: fp0-16
;  10: (b7) r0 = 0
;  11: (95) exit
; stack use/def subprog#1 cb_cond_read (d1,cs9):
;  12: (bf) r6 = r2
;  13: (85) call bpf_get_prandom_u32#7
;  14: (15) if r0 == 0x0 goto pc+1
;  15: (79) r0 = *(u64 *)(r6 -8)         ; use: fp0-16
;  16: (b7) r0 = 0
;  17: (95) exit
; Live regs before insn:
;       0: .......... (b7) r1 = 42
;       1: .1........ (7b) *(u64 *)(r10 -8) = r1
;       2: .1........ (7b) *(u64 *)(r10 -16) = r1
;       3: .......... (b7) r1 = 2
;       4: .1........ (18) r2 = 0x7
;       6: .12....... (bf) r3 = r10
;       7: .123...... (07) r3 += -8
;       8: .123...... (b7) r4 = 0
;   1   9: .1234..... (85) call bpf_loop#181
;      10: .......... (b7) r0 = 0
;      11: 0......... (95) exit
;      12: ..2....... (bf) r6 = r2
;      13: ......6... (85) call bpf_get_prandom_u32#7
;      14: 0.....6... (15) if r0 == 0x0 goto pc+1
;      15: ......6... (79) r0 = *(u64 *)(r6 -8)
;      16: .......... (b7) r0 = 0
;      17: 0......... (95) exit
