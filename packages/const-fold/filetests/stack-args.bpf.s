;; r11 stack-argument forms (§1.2): stores through r11 change no register, a load from r11
;; makes its dst unknown; the callee's incoming arguments are unknown.
test print<const-fold>

.func main
  r1 = 1
  r2 = 2
  r3 = 3
  r4 = 4
  r5 = 5
  r6 = 6
  *(u64 *)(r11 -8) = r6
  *(u64 *)(r11 -16) = 7
  call take7
  r0 = r6
  exit
.func take7, args=7
  r6 = 60
  r7 = 70
  r6 = *(u64 *)(r11 +8)
  r0 = *(u64 *)(r11 +16)
  r0 += r6
  exit

; func#0 @0
; 0: (b7) r1 = 1                        ; R1=1
; 1: (b7) r2 = 2                        ; R1=1 R2=2
; 2: (b7) r3 = 3                        ; R1=1 R2=2 R3=3
; 3: (b7) r4 = 4                        ; R1=1 R2=2 R3=3 R4=4
; 4: (b7) r5 = 5                        ; R1=1 R2=2 R3=3 R4=4 R5=5
; 5: (b7) r6 = 6                        ; R1=1 R2=2 R3=3 R4=4 R5=5 R6=6
; 6: (7b) *(u64 *)(r11 -8) = r6         ; R1=1 R2=2 R3=3 R4=4 R5=5 R6=6
; 7: (7a) *(u64 *)(r11 -16) = 7         ; R1=1 R2=2 R3=3 R4=4 R5=5 R6=6
; 8: (85) call pc+2                     ; R1=unknown R2=unknown R3=unknown R4=unknown R5=unknown R6=6
; 9: (bf) r0 = r6                       ; R0=6 R6=6
; 10: (95) exit                         ; R0=6 R6=6
; func#1 @11
; 11: (b7) r6 = 60                      ; R6=60
; 12: (b7) r7 = 70                      ; R6=60 R7=70
; 13: (79) r6 = *(u64 *)(r11 +8)        ; R6=unknown R7=70
; 14: (79) r0 = *(u64 *)(r11 +16)       ; R7=70
; 15: (0f) r0 += r6                     ; R7=70
; 16: (95) exit                         ; R7=70
