;; Backtracking r0 at the exit through ALU ops and a spill/fill of fp-8.
test print<precision>
set precise-insn=7 precise-reg=0

  r1 = 7
  r2 = 3
  r1 += r2
  *(u64 *)(r10 -8) = r1
  r3 = 1
  r0 = *(u64 *)(r10 -8)
  r0 *= 2
  exit

; mark_precise: frame0: last_idx 7 first_idx 0 subseq_idx -1
; mark_precise: frame0: regs=r0 stack= before 6: (27) r0 *= 2
; mark_precise: frame0: regs=r0 stack= before 5: (79) r0 = *(u64 *)(r10 -8)
; mark_precise: frame0: regs= stack=-8 before 4: (b7) r3 = 1
; mark_precise: frame0: regs= stack=-8 before 3: (7b) *(u64 *)(r10 -8) = r1
; mark_precise: frame0: regs=r1 stack= before 2: (0f) r1 += r2
; mark_precise: frame0: regs=r1,r2 stack= before 1: (b7) r2 = 3
; mark_precise: frame0: regs=r1 stack= before 0: (b7) r1 = 7
