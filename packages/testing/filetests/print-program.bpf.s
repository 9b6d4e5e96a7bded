;; A pipeline that prints nothing shows the resulting program.
test drop-first

  r1 = 1
  r0 = *(u32 *)(r1 +4)   ; kernel syntax, with a trailing comment
  exit

; 0: (61) r0 = *(u32 *)(r1 +4)
; 1: (95) exit
