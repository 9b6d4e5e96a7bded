;; §7.4 "read with not-initialized caller write": f's BTF is unreliable, so the second call is
;; not checked at the call site; f copies the invalidated slot and exits with R0 unset.
test print<verifier>
set unreliable-btf=f

.func main
  *(u64 *)(r11 -16) = 7
  *(u64 *)(r11 -8) = 6
  call f
  call f
  exit
.func f, args=7
  r1 = *(u64 *)(r11 +8)
  r0 = *(u64 *)(r11 +16)
  exit

; func#0 @0
; func#1 @5
; R0 !read_ok
; verdict: rejected at insn 7 (EACCES)
