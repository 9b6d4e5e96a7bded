;; verifier_live_stack.c bpf_loop_two_callbacks: one bpf_loop call whose callback is one of two
;; subprograms (not a constant for const-fold) with a frame-pointer ctx: every frame is marked
;; fully read at the call (fp2-8..-512 fp1-8..-512 fp0-8..-512).
test print<liveness>

.func bpf_loop_two_callbacks
  r1 = 0
  *(u64 *)(r10 -8) = r1
  *(u64 *)(r10 -16) = r1
  r1 = r10
  r1 += -8
  call dyn_wrapper_a
  r1 = r10
  r1 += -16
  call dyn_wrapper_b
  r0 = 0
  exit
.func dyn_wrapper_a
  call mid_dynamic_cb
  r0 = 0
  exit
.func dyn_wrapper_b
  call mid_dynamic_cb
  r0 = 0
  exit
.func mid_dynamic_cb
  r6 = r1
  call bpf_get_prandom_u32
  if r0 == 0 goto l1
  r2 = dyn_cb_a ll
  goto l2
l1:
  r2 = dyn_cb_b ll
l2:
  r1 = 1
  r3 = r6
  r4 = 0
  call bpf_loop
  r0 = 0
  exit
.func dyn_cb_a
  r0 = *(u64 *)(r2 +0)
  r0 = 0
  exit
.func dyn_cb_b
  r0 = *(u64 *)(r2 +0)
  r0 = 0
  exit

; stack use/def subprog#0 bpf_loop_two_callbacks (d0,cs0):
;   0: (b7) r1 = 0
;   1: (7b) *(u64 *)(r10 -8) = r1        ; def: fp0-8
;   2: (7b) *(u64 *)(r10 -16) = r1       ; def: fp0-16
;   3: (bf) r1 = r10
;   4: (07) r1 += -8
;   5: (85) call pc+5                    ; use: fp0-8..-512
;   6: (bf) r1 = r10
;   7: (07) r1 += -16
;   8: (85) call pc+5                    ; use: fp0-8..-512
;   9: (b7) r0 = 0
;  10: (95) exit
; stack use/def subprog#1 dyn_wrapper_a (d1,cs5):
;  11: (85) call pc+5                    ; use: fp1-8..-512 fp0-8..-512
;  12: (b7) r0 = 0
;  13: (95) exit
; stack use/def subprog#2 dyn_wrapper_b (d1,cs8):
;  14: (85) call pc+2                    ; use: fp1-8..-512 fp0-8..-512
;  15: (b7) r0 = 0
;  16: (95) exit
; stack use/def subprog#3 mid_dynamic_cb (d2,cs11):
;  17: (bf) r6 = r1
;  18: (85) call bpf_get_prandom_u32#7
;  19: (15) if r0 == 0x0 goto pc+3
;  20: (18) r2 = 0xa
;  22: (05) goto pc+2
;  23: (18) r2 = 0xa
;  25: (b7) r1 = 1
;  26: (bf) r3 = r6
;  27: (b7) r4 = 0
;  28: (85) call bpf_loop#181            ; use: fp2-8..-512 fp1-8..-512 fp0-8..-512
;  29: (b7) r0 = 0
;  30: (95) exit
; stack use/def subprog#3 mid_dynamic_cb (d2,cs14):
;  17: (bf) r6 = r1
;  18: (85) call bpf_get_prandom_u32#7
;  19: (15) if r0 == 0x0 goto pc+3
;  20: (18) r2 = 0xa
;  22: (05) goto pc+2
;  23: (18) r2 = 0xa
;  25: (b7) r1 = 1
;  26: (bf) r3 = r6
;  27: (b7) r4 = 0
;  28: (85) call bpf_loop#181            ; use: fp2-8..-512 fp1-8..-512 fp0-8..-512
;  29: (b7) r0 = 0
;  30: (95) exit
; stack use/def subprog#4 dyn_cb_a (d0,cs31):
;  31: (79) r0 = *(u64 *)(r2 +0)
;  32: (b7) r0 = 0
;  33: (95) exit
; stack use/def subprog#5 dyn_cb_b (d0,cs34):
;  34: (79) r0 = *(u64 *)(r2 +0)
;  35: (b7) r0 = 0
;  36: (95) exit
; Live regs before insn:
;       0: ..2345.... (b7) r1 = 0
;       1: .12345.... (7b) *(u64 *)(r10 -8) = r1
;       2: .12345.... (7b) *(u64 *)(r10 -16) = r1
;       3: ..2345.... (bf) r1 = r10
;       4: .12345.... (07) r1 += -8
;       5: .12345.... (85) call pc+5
;       6: ..2345.... (bf) r1 = r10
;       7: .12345.... (07) r1 += -16
;       8: .12345.... (85) call pc+5
;       9: .......... (b7) r0 = 0
;      10: 0......... (95) exit
;      11: .12345.... (85) call pc+5
;      12: .......... (b7) r0 = 0
;      13: 0......... (95) exit
;      14: .12345.... (85) call pc+2
;      15: .......... (b7) r0 = 0
;      16: 0......... (95) exit
;      17: .1........ (bf) r6 = r1
;      18: ......6... (85) call bpf_get_prandom_u32#7
;      19: 0.....6... (15) if r0 == 0x0 goto pc+3
;      20: ......6... (18) r2 = 0xa
;      22: ..2...6... (05) goto pc+2
;      23: ......6... (18) r2 = 0xa
;      25: ..2...6... (b7) r1 = 1
;      26: .12...6... (bf) r3 = r6
;      27: .123...... (b7) r4 = 0
;   1  28: .1234..... (85) call bpf_loop#181
;      29: .......... (b7) r0 = 0
;      30: 0......... (95) exit
;      31: ..2....... (79) r0 = *(u64 *)(r2 +0)
;      32: .......... (b7) r0 = 0
;      33: 0......... (95) exit
;      34: ..2....... (79) r0 = *(u64 *)(r2 +0)
;      35: .......... (b7) r0 = 0
;      36: 0......... (95) exit
