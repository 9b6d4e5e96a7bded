; A bpf-to-bpf call with twelve arguments (the 2026 stack-argument ABI):
; arguments 1-5 travel in r1-r5, arguments 6-12 in the caller's outgoing
; stack-argument slots *(u64 *)(r11 -8) .. *(u64 *)(r11 -56), which the callee
; reads as *(u64 *)(r11 +8) .. *(u64 *)(r11 +56).
; weighted_sum returns sum(k * arg_k) for k = 1..12; with arg_k = k that is 650.
.func main, args=1
  r1 = 1
  r2 = 2
  r3 = 3
  r4 = 4
  r5 = 5
  *(u64 *)(r11 -8) = 6
  *(u64 *)(r11 -16) = 7
  *(u64 *)(r11 -24) = 8
  *(u64 *)(r11 -32) = 9
  *(u64 *)(r11 -40) = 10
  r6 = 11
  *(u64 *)(r11 -48) = r6
  r6 = 12
  *(u64 *)(r11 -56) = r6
  call weighted_sum
  exit

.func weighted_sum, args=12
  r0 = r1
  r2 *= 2
  r0 += r2
  r3 *= 3
  r0 += r3
  r4 *= 4
  r0 += r4
  r5 *= 5
  r0 += r5
  r1 = *(u64 *)(r11 +8)
  r1 *= 6
  r0 += r1
  r1 = *(u64 *)(r11 +16)
  r1 *= 7
  r0 += r1
  r1 = *(u64 *)(r11 +24)
  r1 *= 8
  r0 += r1
  r1 = *(u64 *)(r11 +32)
  r1 *= 9
  r0 += r1
  r1 = *(u64 *)(r11 +40)
  r1 *= 10
  r0 += r1
  r1 = *(u64 *)(r11 +48)
  r1 *= 11
  r0 += r1
  r1 = *(u64 *)(r11 +56)
  r1 *= 12
  r0 += r1
  exit
