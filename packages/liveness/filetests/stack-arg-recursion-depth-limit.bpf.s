;; A subprogram that forwards a frame pointer to itself through its stack-argument slot: every
;; level is a new instance one frame deeper, until depth MAX_CALL_FRAMES-1 where analyze_subprog()
;; fails with EINVAL (the kernel logs nothing there; bpfkit names the call).
test print<liveness>

.func main
  *(u64 *)(r10 -8) = 0
  r6 = r10
  r6 += -8
  *(u64 *)(r11 -8) = r6
  call rec
  exit
.func rec, args=6
  r6 = *(u64 *)(r11 +8)
  r0 = *(u64 *)(r6 +0)
  *(u64 *)(r11 -8) = r6
  call rec
  exit

; error: liveness analysis: frame pointer passed through more than 8 frames (call at insn 9)
