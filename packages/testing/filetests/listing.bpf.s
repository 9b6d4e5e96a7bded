;; Labels, .func metadata and an analysis printed twice around a transform.
test print<insns>,drop-first,print<insns>,print<listing>

.func main, args=1
  r0 = 0
  if r1 == 0x0 goto out
  r0 = 1
out:
  exit

; insns: 4
; insns: 3
; 0: (15) if r1 == 0x0 goto pc+1
; 1: (b7) r0 = 1
; 2: (95) exit
