;; R0 precision enters the callee through its exit; R1 leaves it through the call.
test print<precision>
set precise-insn=4 precise-reg=0

  r6 = 5
  r1 = r6
  call double
  r2 = r10
  r2 += r0
  r0 = 0
  exit
.func double, args=1
  r0 = r1
  r0 += r1
  exit

; mark_precise: frame0: last_idx 4 first_idx 0 subseq_idx -1
; mark_precise: frame0: regs=r0 stack= before 3: (bf) r2 = r10
; mark_precise: frame0: regs=r0 stack= before 9: (95) exit
; mark_precise: frame1: regs=r0 stack= before 8: (0f) r0 += r1
; mark_precise: frame1: regs=r0,r1 stack= before 7: (bf) r0 = r1
; mark_precise: frame1: regs=r1 stack= before 2: (85) call pc+4
; mark_precise: frame0: regs=r1 stack= before 1: (bf) r1 = r6
; mark_precise: frame0: regs=r6 stack= before 0: (b7) r6 = 5
