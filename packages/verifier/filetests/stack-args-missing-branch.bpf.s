;; §7.3 "missing store on one branch": the must-write dataflow finds the path without r11-8.
test print<verifier>

.func main
  call bpf_get_prandom_u32
  *(u64 *)(r11 -16) = 7
  if r0 == 0x0 goto skip
  *(u64 *)(r11 -8) = 6
skip:
  r1 = 1
  r2 = 2
  r3 = 3
  r4 = 4
  r5 = 5
  call sum7
  exit
.func sum7, args=7
  r0 = *(u64 *)(r11 +8)
  r6 = *(u64 *)(r11 +16)
  r0 += r6
  exit

; func#0 @0
; func#1 @11
; callee expects 7 args, stack arg1 is not initialized
; verdict: rejected at insn 9 (EFAULT)
