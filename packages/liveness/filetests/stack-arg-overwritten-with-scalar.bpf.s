;; A stack-argument slot that held a frame pointer is overwritten with a scalar before the call
;; (an immediate at 9, a scalar register at 18): the pointer must not leak into the callee — the
;; callee's entry sa0 is "not a pointer", the first two calls use nothing and get no instance.
;; The last call passes the pointer for real and uses fp0-8 through the (d1,cs27) instance.
test print<liveness>

.func main
  *(u64 *)(r10 -8) = 0
  r1 = 1
  r2 = 2
  r3 = 3
  r4 = 4
  r5 = 5
  r6 = r10
  r6 += -8
  *(u64 *)(r11 -8) = r6
  *(u64 *)(r11 -8) = 42
  call callee6
  r1 = 1
  r2 = 2
  r3 = 3
  r4 = 4
  r5 = 5
  r7 = 7
  *(u64 *)(r11 -8) = r6
  *(u64 *)(r11 -8) = r7
  call callee6
  r1 = 1
  r2 = 2
  r3 = 3
  r4 = 4
  r5 = 5
  *(u64 *)(r11 -8) = r6
  call callee6
  r0 = 0
  exit
.func callee6, args=6
  r1 = *(u64 *)(r11 +8)
  r0 = *(u64 *)(r1 +0)
  exit

; stack use/def subprog#0 main (d0,cs0):
;   0: (7a) *(u64 *)(r10 -8) = 0         ; def: fp0-8
;   1: (b7) r1 = 1
;   2: (b7) r2 = 2
;   3: (b7) r3 = 3
;   4: (b7) r4 = 4
;   5: (b7) r5 = 5
;   6: (bf) r6 = r10
;   7: (07) r6 += -8
;   8: (7b) *(u64 *)(r11 -8) = r6
;   9: (7a) *(u64 *)(r11 -8) = 42
;  10: (85) call pc+18
;  11: (b7) r1 = 1
;  12: (b7) r2 = 2
;  13: (b7) r3 = 3
;  14: (b7) r4 = 4
;  15: (b7) r5 = 5
;  16: (b7) r7 = 7
;  17: (7b) *(u64 *)(r11 -8) = r6
;  18: (7b) *(u64 *)(r11 -8) = r7
;  19: (85) call pc+9
;  20: (b7) r1 = 1
;  21: (b7) r2 = 2
;  22: (b7) r3 = 3
;  23: (b7) r4 = 4
;  24: (b7) r5 = 5
;  25: (7b) *(u64 *)(r11 -8) = r6
;  26: (85) call pc+2                    ; use: fp0-8
;  27: (b7) r0 = 0
;  28: (95) exit
; stack use/def subprog#1 callee6 (d1,cs26):
;  29: (79) r1 = *(u64 *)(r11 +8)
;  30: (79) r0 = *(u64 *)(r1 +0)         ; use: fp0-8
;  31: (95) exit
; Live regs before insn:
;       0: .......... (7a) *(u64 *)(r10 -8) = 0
;       1: .......... (b7) r1 = 1
;       2: .1........ (b7) r2 = 2
;       3: .12....... (b7) r3 = 3
;       4: .123...... (b7) r4 = 4
;       5: .1234..... (b7) r5 = 5
;       6: .12345.... (bf) r6 = r10
;       7: .123456... (07) r6 += -8
;       8: .123456... (7b) *(u64 *)(r11 -8) = r6
;       9: .123456... (7a) *(u64 *)(r11 -8) = 42
;      10: .123456... (85) call pc+18
;      11: ......6... (b7) r1 = 1
;      12: .1....6... (b7) r2 = 2
;      13: .12...6... (b7) r3 = 3
;      14: .123..6... (b7) r4 = 4
;      15: .1234.6... (b7) r5 = 5
;      16: .123456... (b7) r7 = 7
;      17: .1234567.. (7b) *(u64 *)(r11 -8) = r6
;      18: .1234567.. (7b) *(u64 *)(r11 -8) = r7
;      19: .123456... (85) call pc+9
;      20: ......6... (b7) r1 = 1
;      21: .1....6... (b7) r2 = 2
;      22: .12...6... (b7) r3 = 3
;      23: .123..6... (b7) r4 = 4
;      24: .1234.6... (b7) r5 = 5
;      25: .123456... (7b) *(u64 *)(r11 -8) = r6
;      26: .12345.... (85) call pc+2
;      27: .......... (b7) r0 = 0
;      28: 0......... (95) exit
;      29: .......... (79) r1 = *(u64 *)(r11 +8)
;      30: .1........ (79) r0 = *(u64 *)(r1 +0)
;      31: 0......... (95) exit
