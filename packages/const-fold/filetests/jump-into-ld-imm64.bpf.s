;; const-fold runs on validated programs; a jump into the second half of an ld_imm64 is
;; reported with the kernel's message.
test print<const-fold>

  if r1 == 0x0 goto pc+1
  r2 = 0x100000000
  exit

; error: jump into the middle of ldimm64 insn 1
