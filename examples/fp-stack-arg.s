; A frame pointer passed through a stack argument: main keeps a counter in its own
; stack frame and passes its address (fp-8) as argument 7, i.e. in the outgoing slot
; *(u64 *)(r11 -16). bump reads the pointer back from *(u64 *)(r11 +16) and adds its
; sixth argument to the caller's counter through it. Liveness with argument tracking
; sees that the callee reads and writes fp0-8 of its caller (the `use`/`def` of the
; call site), which keeps main's store at insn 0 alive.
; main returns 40 + 2 = 42.
.func main, args=1
  *(u64 *)(r10 -8) = 40
  r1 = 0
  r2 = 0
  r3 = 0
  r4 = 0
  r5 = 0
  *(u64 *)(r11 -8) = 2
  r6 = r10
  r6 += -8
  *(u64 *)(r11 -16) = r6
  call bump
  r0 = *(u64 *)(r10 -8)
  exit

.func bump, args=7
  r6 = *(u64 *)(r11 +8)
  r7 = *(u64 *)(r11 +16)
  r0 = *(u64 *)(r7 +0)
  r0 += r6
  *(u64 *)(r7 +0) = r0
  exit
