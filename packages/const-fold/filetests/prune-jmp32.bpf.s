;; JMP32 casts both operands through s32 before comparing (§2.5), JMP compares all 64 bits:
;; w1 = 0x80000000 is negative as s32 but positive as s64; imm -1 means 0xffffffff to JMP32
;; and 2^64-1 to JMP. Each jump skips one `r0 = N` marker: taken = pc+1, not taken = pc+0.
test prune-dead-branches,print

  w1 = -2147483648
  w2 = -1
  if w1 s< 0x0 goto a
  r0 = 1
a:
  if r1 s< 0x0 goto b
  r0 = 2
b:
  if w2 == 0xffffffff goto c
  r0 = 3
c:
  if r2 == 0xffffffff goto d
  r0 = 4
d:
  if w1 > 0x7fffffff goto e
  r0 = 5
e:
  if w2 s> w1 goto f
  r0 = 6
f:
  if r2 s> r1 goto g
  r0 = 7
g:
  exit

; 0: (b4) w1 = -2147483648
; 1: (b4) w2 = -1
; 2: (05) goto pc+1
; 3: (b7) r0 = 1
; 4: (05) goto pc+0
; 5: (b7) r0 = 2
; 6: (05) goto pc+1
; 7: (b7) r0 = 3
; 8: (05) goto pc+0
; 9: (b7) r0 = 4
; 10: (05) goto pc+1
; 11: (b7) r0 = 5
; 12: (05) goto pc+1
; 13: (b7) r0 = 6
; 14: (05) goto pc+1
; 15: (b7) r0 = 7
; 16: (95) exit
