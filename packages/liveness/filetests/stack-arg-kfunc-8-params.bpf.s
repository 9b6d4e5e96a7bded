;; A kfunc with 8 parameters (set kfunc.200: args 6 = pointer read 8 bytes, 7 = pointer written
;; 16 bytes, 8 = scalar): record_call_access() walks R1..R5 and then the stack-argument slots
;; sa0..sa2, so the call uses fp0-8 (via sa0) and defines fp0-24 fp0-32 (via sa1); the frame
;; pointer in sa2 is passed to a scalar parameter and touches nothing.
test print<liveness>
set kfunc.200=bpf_kfunc_call_stack_arg8(s,s,s,s,s,r8,w16,s)

.func main
  r1 = 1
  r2 = 2
  r3 = 3
  r4 = 4
  r5 = 5
  r6 = r10
  r6 += -8
  *(u64 *)(r11 -8) = r6
  r6 = r10
  r6 += -32
  *(u64 *)(r11 -16) = r6
  r6 = r10
  r6 += -48
  *(u64 *)(r11 -24) = r6
  call bpf_kfunc_call_stack_arg8#200
  r0 = *(u64 *)(r10 -24)
  r1 = *(u64 *)(r10 -8)
  r0 += r1
  exit

; stack use/def subprog#0 main (d0,cs0):
;   0: (b7) r1 = 1
;   1: (b7) r2 = 2
;   2: (b7) r3 = 3
;   3: (b7) r4 = 4
;   4: (b7) r5 = 5
;   5: (bf) r6 = r10
;   6: (07) r6 += -8
;   7: (7b) *(u64 *)(r11 -8) = r6
;   8: (bf) r6 = r10
;   9: (07) r6 += -32
;  10: (7b) *(u64 *)(r11 -16) = r6
;  11: (bf) r6 = r10
;  12: (07) r6 += -48
;  13: (7b) *(u64 *)(r11 -24) = r6
;  14: (85) call bpf_kfunc_call_stack_arg8#200   ; use: fp0-8 def: fp0-24 fp0-32
;  15: (79) r0 = *(u64 *)(r10 -24)       ; use: fp0-24
;  16: (79) r1 = *(u64 *)(r10 -8)        ; use: fp0-8
;  17: (0f) r0 += r1
;  18: (95) exit
; Live regs before insn:
;       0: .......... (b7) r1 = 1
;       1: .1........ (b7) r2 = 2
;       2: .12....... (b7) r3 = 3
;       3: .123...... (b7) r4 = 4
;       4: .1234..... (b7) r5 = 5
;       5: .12345.... (bf) r6 = r10
;       6: .123456... (07) r6 += -8
;       7: .123456... (7b) *(u64 *)(r11 -8) = r6
;       8: .12345.... (bf) r6 = r10
;       9: .123456... (07) r6 += -32
;      10: .123456... (7b) *(u64 *)(r11 -16) = r6
;      11: .12345.... (bf) r6 = r10
;      12: .123456... (07) r6 += -48
;      13: .123456... (7b) *(u64 *)(r11 -24) = r6
;      14: .12345.... (85) call bpf_kfunc_call_stack_arg8#200
;      15: .......... (79) r0 = *(u64 *)(r10 -24)
;      16: 0......... (79) r1 = *(u64 *)(r10 -8)
;      17: 01........ (0f) r0 += r1
;      18: 0......... (95) exit
