;; verifier_live_stack.c callback_write_before_read_kills: the callback writes ctx-8 before
;; reading it; the def kills liveness at the callback's entry, nothing is used at bpf_loop.
test print<liveness>

.func callback_write_before_read_kills
  r1 = 42
  *(u64 *)(r10 -8) = r1
  *(u64 *)(r10 -16) = r1
  r1 = 2
  r2 = cb_write_read ll
  r3 = r10
  r3 += -8
  r4 = 0
  call bpf_loop
  r0 = 0
  exit
.func cb_write_read
  r6 = r2
  r7 = 99
  *(u64 *)(r6 -8) = r7
  r0 = *(u64 *)(r6 -8)
  r0 = 0
  exit

; stack use/def subprog#0 callback_write_before_read_kills (d0,cs0):
;   0: (b7) r1 = 42
;   1: (7b) *(u64 *)(r10 -8) = r1        ; def: fp0-8
;   2: (7b) *(u64 *)(r10 -16) = r1       ; def: fp0-16
;   3: (b7) r1 = 2
;   4: (18) r2 = 0x7
;   6: (bf) r3 = r10
;   7: (07) r3 += -8
;   8: (b7) r4 = 0
;   9: (85) call bpf_loop#181
;  10: (b7) r0 = 0
;  11: (95) exit
; stack use/def subprog#1 cb_write_read (d1,cs9):
;  12: (bf) r6 = r2
;  13: (b7) r7 = 99
;  14: (7b) *(u64 *)(r6 -8) = r7         ; def: fp0-16
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
;      13: ......6... (b7) r7 = 99
;      14: ......67.. (7b) *(u64 *)(r6 -8) = r7
;      15: ......6... (79) r0 = *(u64 *)(r6 -8)
;      16: .......... (b7) r0 = 0
;      17: 0......... (95) exit
