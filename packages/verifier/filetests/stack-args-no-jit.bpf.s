;; Patch 05: the interpreter cannot run stack arguments.
test print<verifier>
set jit=false

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
  r0 = *(u64 *)(r11 +8)
  exit

; func#0 @0
; func#1 @8
; stack args are not supported in non-JITed programs
; verdict: rejected at insn 5 (EINVAL)
