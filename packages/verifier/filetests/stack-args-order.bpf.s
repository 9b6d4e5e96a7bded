;; §7.4 "r11 load after a call": incoming loads come before any r11 store or call.
test print<verifier>

.func main
  r1 = 1
  r2 = 2
  r3 = 3
  r4 = 4
  r5 = 5
  *(u64 *)(r11 -8) = 6
  call f
  exit
.func f, args=6
  call bpf_ktime_get_ns
  r0 = *(u64 *)(r11 +8)
  exit

; func#0 @0
; func#1 @8
; r11 load must be before any r11 store or call insn
; verdict: rejected at insn 9 (EINVAL)
