;; A conditional jump on two registers makes both precise.
test print<precision>
set precise-insn=8 precise-reg=0

  r1 = 4
  r2 = 9
  r3 = 1
  if r1 > r2 goto skip
  r3 = r1
skip:
  if r3 != 0x0 goto out
  r3 = 2
out:
  r0 = r3
  exit

; mark_precise: frame0: last_idx 8 first_idx 0 subseq_idx -1
; mark_precise: frame0: regs=r0 stack= before 7: (bf) r0 = r3
; mark_precise: frame0: regs=r3 stack= before 5: (55) if r3 != 0x0 goto pc+1
; mark_precise: frame0: regs=r3 stack= before 4: (bf) r3 = r1
; mark_precise: frame0: regs=r1 stack= before 3: (2d) if r1 > r2 goto pc+1
; mark_precise: frame0: regs=r1,r2 stack= before 2: (b7) r3 = 1
; mark_precise: frame0: regs=r1,r2 stack= before 1: (b7) r2 = 9
; mark_precise: frame0: regs=r1 stack= before 0: (b7) r1 = 4
