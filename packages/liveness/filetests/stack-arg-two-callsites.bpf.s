;; One subprogram called from two call sites with different stack-argument pointers (sa0 =
;; fp-8, then fp-16): two instances (d1,cs8) and (d1,cs12), each reading its own caller slot,
;; and each call site uses only its own slot.
test print<liveness>

.func main
  *(u64 *)(r10 -8) = 0
  *(u64 *)(r10 -16) = 0
  r1 = 1
  r2 = 2
  r3 = 3
  r6 = r10
  r6 += -8
  *(u64 *)(r11 -8) = r6
  call callee6
  r6 = r10
  r6 += -16
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
;   1: (7a) *(u64 *)(r10 -16) = 0        ; def: fp0-16
;   2: (b7) r1 = 1
;   3: (b7) r2 = 2
;   4: (b7) r3 = 3
;   5: (bf) r6 = r10
;   6: (07) r6 += -8
;   7: (7b) *(u64 *)(r11 -8) = r6
;   8: (85) call pc+6                    ; use: fp0-8
;   9: (bf) r6 = r10
;  10: (07) r6 += -16
;  11: (7b) *(u64 *)(r11 -8) = r6
;  12: (85) call pc+2                    ; use: fp0-16
;  13: (b7) r0 = 0
;  14: (95) exit
; stack use/def subprog#1 callee6 (d1,cs8):
;  15: (79) r1 = *(u64 *)(r11 +8)
;  16: (79) r0 = *(u64 *)(r1 +0)         ; use: fp0-8
;  17: (95) exit
; stack use/def subprog#1 callee6 (d1,cs12):
;  15: (79) r1 = *(u64 *)(r11 +8)
;  16: (79) r0 = *(u64 *)(r1 +0)         ; use: fp0-16
;  17: (95) exit
; Live regs before insn:
;       0: ....45.... (7a) *(u64 *)(r10 -8) = 0
;       1: ....45.... (7a) *(u64 *)(r10 -16) = 0
;       2: ....45.... (b7) r1 = 1
;       3: .1..45.... (b7) r2 = 2
;       4: .12.45.... (b7) r3 = 3
;       5: .12345.... (bf) r6 = r10
;       6: .123456... (07) r6 += -8
;       7: .123456... (7b) *(u64 *)(r11 -8) = r6
;       8: .12345.... (85) call pc+6
;       9: .12345.... (bf) r6 = r10
;      10: .123456... (07) r6 += -16
;      11: .123456... (7b) *(u64 *)(r11 -8) = r6
;      12: .12345.... (85) call pc+2
;      13: .......... (b7) r0 = 0
;      14: 0......... (95) exit
;      15: .......... (79) r1 = *(u64 *)(r11 +8)
;      16: .1........ (79) r0 = *(u64 *)(r1 +0)
;      17: 0......... (95) exit
