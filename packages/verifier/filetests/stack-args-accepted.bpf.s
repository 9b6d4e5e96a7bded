;; §7.3 "subprog with 6 args": r11-8 carries the sixth argument.
test print<verifier>

.func main
  r1 = 1
  r2 = 2
  r3 = 3
  r4 = 4
  r5 = 5
  *(u64 *)(r11 -8) = 6
  call sum6
  exit
.func sum6, args=6
  r0 = *(u64 *)(r11 +8)
  r0 += r1
  r0 += r2
  r0 += r3
  r0 += r4
  r0 += r5
  exit

; func#0 @0
; func#1 @8
; verdict: accepted
