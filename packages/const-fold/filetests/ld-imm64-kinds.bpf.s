;; ld_imm64 kinds (§2.2 step 3): a 64-bit constant, a map pointer, a map value moved by
;; ADD/SUB K, a ksym (unknown), ALU32 turning pointers into unknown, pointer copies.
test print<const-fold>

  r1 = 0x123456789abcdef0
  r2 = map[id:3]
  r3 = map[id:3][0]+16
  r3 += 8
  r3 -= 32
  ld_pseudo r4, 3, 7
  r5 = r2
  w5 = w5
  r6 = r3
  r6 += r1
  r7 = r2
  r7 += 0
  r0 = 0
  exit

; func#0 @0
; 0: (18) r1 = 0x123456789abcdef0       ; R1=0x123456789abcdef0
; 2: (18) r2 = 0x3                      ; R1=0x123456789abcdef0 R2=map_ptr(3)
; 4: (18) r3 = 0x1000000003             ; R1=0x123456789abcdef0 R2=map_ptr(3) R3=map_value(3,+16)
; 6: (07) r3 += 8                       ; R1=0x123456789abcdef0 R2=map_ptr(3) R3=map_value(3,+24)
; 7: (17) r3 -= 32                      ; R1=0x123456789abcdef0 R2=map_ptr(3) R3=map_value(3,-8)
; 8: (18) r4 = 0x7                      ; R1=0x123456789abcdef0 R2=map_ptr(3) R3=map_value(3,-8)
; 10: (bf) r5 = r2                      ; R1=0x123456789abcdef0 R2=map_ptr(3) R3=map_value(3,-8) R5=map_ptr(3)
; 11: (bc) w5 = w5                      ; R1=0x123456789abcdef0 R2=map_ptr(3) R3=map_value(3,-8) R5=unknown
; 12: (bf) r6 = r3                      ; R1=0x123456789abcdef0 R2=map_ptr(3) R3=map_value(3,-8) R6=map_value(3,-8)
; 13: (0f) r6 += r1                     ; R1=0x123456789abcdef0 R2=map_ptr(3) R3=map_value(3,-8) R6=unknown
; 14: (bf) r7 = r2                      ; R1=0x123456789abcdef0 R2=map_ptr(3) R3=map_value(3,-8) R7=map_ptr(3)
; 15: (07) r7 += 0                      ; R1=0x123456789abcdef0 R2=map_ptr(3) R3=map_value(3,-8) R7=unknown
; 16: (b7) r0 = 0                       ; R0=0 R1=0x123456789abcdef0 R2=map_ptr(3) R3=map_value(3,-8)
; 17: (95) exit                         ; R0=0 R1=0x123456789abcdef0 R2=map_ptr(3) R3=map_value(3,-8)
