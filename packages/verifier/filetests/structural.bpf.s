;; check_cfg: a back-edge is reported unless allow-loops is set.
test print<verifier>

  r1 = 3
loop:
  r1 += -1
  if r1 != 0x0 goto loop
  r0 = 0
  exit

; func#0 @0
; back-edge from insn 2 to 1
; verdict: rejected at insn 2 (EINVAL)
