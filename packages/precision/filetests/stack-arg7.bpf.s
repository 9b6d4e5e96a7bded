;; Argument 7 is precise in the callee (pointer arithmetic) -> the caller's outgoing slot 1
;; -> the store to r11-16 -> r6 and the instructions that produced it.
test print<precision>
set precise-insn=15 precise-reg=0

.func main
  r6 = 40
  r6 += 2
  r7 = 5
  *(u64 *)(r11 -16) = r6
  *(u64 *)(r11 -8) = r7
  r1 = 1
  r2 = 2
  r3 = 3
  r4 = 4
  r5 = 5
  call f7
  exit
.func f7, args=7
  r0 = *(u64 *)(r11 +16)
  r0 &= 7
  r1 = r10
  r1 += r0
  r0 = 0
  exit

; mark_precise: frame1: last_idx 15 first_idx 0 subseq_idx -1
; mark_precise: frame1: regs=r0 stack= before 14: (bf) r1 = r10
; mark_precise: frame1: regs=r0 stack= before 13: (57) r0 &= 7
; mark_precise: frame1: regs=r0 stack= before 12: (79) r0 = *(u64 *)(r11 +16)
; mark_precise: frame1: regs= stack= before 10: (85) call pc+1
; mark_precise: frame0: regs= stack= before 9: (b7) r5 = 5
; mark_precise: frame0: regs= stack= before 8: (b7) r4 = 4
; mark_precise: frame0: regs= stack= before 7: (b7) r3 = 3
; mark_precise: frame0: regs= stack= before 6: (b7) r2 = 2
; mark_precise: frame0: regs= stack= before 5: (b7) r1 = 1
; mark_precise: frame0: regs= stack= before 4: (7b) *(u64 *)(r11 -8) = r7
; mark_precise: frame0: regs= stack= before 3: (7b) *(u64 *)(r11 -16) = r6
; mark_precise: frame0: regs=r6 stack= before 2: (b7) r7 = 5
; mark_precise: frame0: regs=r6 stack= before 1: (07) r6 += 2
; mark_precise: frame0: regs=r6 stack= before 0: (b7) r6 = 40
