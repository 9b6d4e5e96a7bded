;; ALU/ALU64 transfer rules (kernel-semantics §2.2 step 2): MOV K/X, movsx, ADD/SUB K on
;; constants, AND K/X, every other op -> unknown, ALU32 truncation.
test print<const-fold>

  r1 = 5
  r2 = -2
  w3 = -2
  r4 = r1
  r5 = 0x80
  r6 = (s8)r5
  w7 = (s16)w5
  r1 += 0x7ffffffb
  r1 += 5
  r2 -= -2
  w3 += 3
  r4 &= 0xf
  r5 &= -16
  r6 &= r2
  r7 *= 3
  r8 &= 0
  r9 = r10
  r0 = 0
  exit

; func#0 @0
; 0: (b7) r1 = 5                        ; R1=5
; 1: (b7) r2 = -2                       ; R1=5 R2=-2
; 2: (b4) w3 = -2                       ; R1=5 R2=-2 R3=0xfffffffe
; 3: (bf) r4 = r1                       ; R1=5 R2=-2 R3=0xfffffffe R4=5
; 4: (18) r5 = 0x80                     ; R1=5 R2=-2 R3=0xfffffffe R4=5 R5=128
; 6: (bf) r6 = (s8)r5                   ; R1=5 R2=-2 R3=0xfffffffe R4=5 R5=128 R6=-128
; 7: (bc) w7 = (s16)w5                  ; R1=5 R2=-2 R3=0xfffffffe R4=5 R5=128 R6=-128 R7=128
; 8: (07) r1 += 2147483643              ; R1=0x80000000 R2=-2 R3=0xfffffffe R4=5 R5=128 R6=-128 R7=128
; 9: (07) r1 += 5                       ; R1=0x80000005 R2=-2 R3=0xfffffffe R4=5 R5=128 R6=-128 R7=128
; 10: (17) r2 -= -2                     ; R1=0x80000005 R2=0 R3=0xfffffffe R4=5 R5=128 R6=-128 R7=128
; 11: (04) w3 += 3                      ; R1=0x80000005 R2=0 R3=1 R4=5 R5=128 R6=-128 R7=128
; 12: (57) r4 &= 15                     ; R1=0x80000005 R2=0 R3=1 R4=5 R5=128 R6=-128 R7=128
; 13: (57) r5 &= -16                    ; R1=0x80000005 R2=0 R3=1 R4=5 R5=128 R6=-128 R7=128
; 14: (5f) r6 &= r2                     ; R1=0x80000005 R2=0 R3=1 R4=5 R5=128 R6=0 R7=128
; 15: (27) r7 *= 3                      ; R1=0x80000005 R2=0 R3=1 R4=5 R5=128 R6=0 R7=unknown
; 16: (57) r8 &= 0                      ; R1=0x80000005 R2=0 R3=1 R4=5 R5=128 R6=0 R8=0
; 17: (bf) r9 = r10                     ; R1=0x80000005 R2=0 R3=1 R4=5 R5=128 R6=0 R8=0
; 18: (b7) r0 = 0                       ; R0=0 R1=0x80000005 R2=0 R3=1 R4=5 R5=128 R6=0 R8=0
; 19: (95) exit                         ; R0=0 R1=0x80000005 R2=0 R3=1 R4=5 R5=128 R6=0 R8=0
