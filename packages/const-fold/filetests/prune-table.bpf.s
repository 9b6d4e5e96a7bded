;; bpf_prune_dead_branches (§2.5): a decided jump becomes `goto` with its own offset when
;; taken and `goto +0` when not (every jump here skips one `r0 = N` marker, so taken reads
;; pc+1 and not taken pc+0). Left alone: a negative 64-bit constant and one wider than 32
;; bits (neither is in const_reg_mask), unknown operands, may_goto.
test prune-dead-branches,print

  r1 = 5
  r2 = 7
  r3 = -1
  r4 = 0x100000000
  if r1 == 0x5 goto a
  r0 = 1
a:
  if r1 != 0x5 goto b
  r0 = 2
b:
  if r1 > r2 goto c
  r0 = 3
c:
  if r1 >= 0x5 goto d
  r0 = 4
d:
  if r1 < 0x5 goto e
  r0 = 5
e:
  if r1 <= 0x4 goto f
  r0 = 6
f:
  if r1 s> 0x4 goto g
  r0 = 7
g:
  if r2 s>= r1 goto h
  r0 = 8
h:
  if r1 s< 0xffffffff goto i
  r0 = 9
i:
  if r1 s<= 0x5 goto j
  r0 = 10
j:
  if r1 & 0x4 goto k
  r0 = 11
k:
  if r1 & 0x2 goto l
  r0 = 12
l:
  if r3 == 0xffffffff goto m
  r0 = 13
m:
  if r4 > 0x0 goto n
  r0 = 14
n:
  if r5 == 0x0 goto o
  r0 = 15
o:
  if r1 == r5 goto p
  r0 = 16
p:
  may_goto q
  r0 = 17
q:
  exit

; 0: (b7) r1 = 5
; 1: (b7) r2 = 7
; 2: (b7) r3 = -1
; 3: (18) r4 = 0x100000000
; 5: (05) goto pc+1
; 6: (b7) r0 = 1
; 7: (05) goto pc+0
; 8: (b7) r0 = 2
; 9: (05) goto pc+0
; 10: (b7) r0 = 3
; 11: (05) goto pc+1
; 12: (b7) r0 = 4
; 13: (05) goto pc+0
; 14: (b7) r0 = 5
; 15: (05) goto pc+0
; 16: (b7) r0 = 6
; 17: (05) goto pc+1
; 18: (b7) r0 = 7
; 19: (05) goto pc+1
; 20: (b7) r0 = 8
; 21: (05) goto pc+0
; 22: (b7) r0 = 9
; 23: (05) goto pc+1
; 24: (b7) r0 = 10
; 25: (05) goto pc+1
; 26: (b7) r0 = 11
; 27: (05) goto pc+0
; 28: (b7) r0 = 12
; 29: (15) if r3 == 0xffffffff goto pc+1
; 30: (b7) r0 = 13
; 31: (25) if r4 > 0x0 goto pc+1
; 32: (b7) r0 = 14
; 33: (15) if r5 == 0x0 goto pc+1
; 34: (b7) r0 = 15
; 35: (1d) if r1 == r5 goto pc+1
; 36: (b7) r0 = 16
; 37: (e5) may_goto pc+1
; 38: (b7) r0 = 17
; 39: (95) exit
