;; A frame pointer passed as argument 6 (sa0, r11-8) to a 6-argument subprogram that reads
;; through it and then writes through it (log level 2: the sa0 transfer, the sa0 annotation at
;; the call, the callee's r11 load producing fp0-8). The read keeps fp0-8 live at the call.
test print<liveness>
set log-level=2

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
  call callee6
  r0 = *(u64 *)(r10 -8)
  exit
.func callee6, args=6
  r1 = *(u64 *)(r11 +8)
  r0 = *(u64 *)(r1 +0)
  *(u64 *)(r1 +0) = 7
  exit

; subprog#0: analyzing (depth 0)...
;   6: (bf) r6 = r10	r6: _ -> fp0+0
;   7: (07) r6 += -8	r6: fp0+0 -> fp0-8
;   8: (7b) *(u64 *)(r11 -8) = r6	sa0: _ -> fp0-8
;   6: (bf) r6 = r10	r6: _ -> fp0+0
;   7: (07) r6 += -8	r6: fp0+0 -> fp0-8
;   8: (7b) *(u64 *)(r11 -8) = r6	sa0: _ -> fp0-8
; subprog#0 main:
;   0: (7a) *(u64 *)(r10 -8) = 0
;   1: (b7) r1 = 1
;   2: (b7) r2 = 2
;   3: (b7) r3 = 3
;   4: (b7) r4 = 4
;   5: (b7) r5 = 5
;   6: (bf) r6 = r10
;   7: (07) r6 += -8
;   8: (7b) *(u64 *)(r11 -8) = r6 // r6=fp0-8
;   9: (85) call pc+2 // r6=fp0-8 sa0=fp0-8
;  10: (79) r0 = *(u64 *)(r10 -8) // r6=fp0-8 sa0=fp0-8
;  11: (95) exit
; subprog#1: analyzing (depth 1)...
;  12: (79) r1 = *(u64 *)(r11 +8)	r1: _ -> fp0-8
;  12: (79) r1 = *(u64 *)(r11 +8)	r1: _ -> fp0-8
; subprog#1 callee6:
;  12: (79) r1 = *(u64 *)(r11 +8)
;  13: (79) r0 = *(u64 *)(r1 +0) // r1=fp0-8
;  14: (7a) *(u64 *)(r1 +0) = 7
;  15: (95) exit
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
;   9: (85) call pc+2                    ; use: fp0-8
;  10: (79) r0 = *(u64 *)(r10 -8)        ; use: fp0-8
;  11: (95) exit
; stack use/def subprog#1 callee6 (d1,cs9):
;  12: (79) r1 = *(u64 *)(r11 +8)
;  13: (79) r0 = *(u64 *)(r1 +0)         ; use: fp0-8
;  14: (7a) *(u64 *)(r1 +0) = 7          ; def: fp0-8
;  15: (95) exit
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
;       9: .12345.... (85) call pc+2
;      10: .......... (79) r0 = *(u64 *)(r10 -8)
;      11: 0......... (95) exit
;      12: .......... (79) r1 = *(u64 *)(r11 +8)
;      13: .1........ (79) r0 = *(u64 *)(r1 +0)
;      14: 01........ (7a) *(u64 *)(r1 +0) = 7
;      15: 0......... (95) exit
