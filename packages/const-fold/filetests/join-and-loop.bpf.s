;; Join (§2.3): equal constants survive, different ones become unknown; a loop counter is
;; unknown at the loop head while an invariant stays constant.
test print<const-fold>

  r6 = 1
  r7 = 2
  r0 = 0
  if r1 == 0x0 goto other
  r7 = 3
  r8 = 9
  goto join
other:
  r8 = 9
join:
  r9 = 0
loop:
  r9 += 1
  if r9 < 0xa goto loop
  exit

; func#0 @0
; 0: (b7) r6 = 1                        ; R6=1
; 1: (b7) r7 = 2                        ; R6=1 R7=2
; 2: (b7) r0 = 0                        ; R0=0 R6=1 R7=2
; 3: (15) if r1 == 0x0 goto pc+3        ; R0=0 R6=1 R7=2
; 4: (b7) r7 = 3                        ; R0=0 R6=1 R7=3
; 5: (b7) r8 = 9                        ; R0=0 R6=1 R7=3 R8=9
; 6: (05) goto pc+1                     ; R0=0 R6=1 R7=3 R8=9
; 7: R0=0 R6=1 R7=2 R8=unknown
; 7: (b7) r8 = 9                        ; R0=0 R6=1 R7=2 R8=9
; 8: R0=0 R6=1 R7=unknown R8=9
; 8: (b7) r9 = 0                        ; R0=0 R6=1 R8=9 R9=0
; 9: R0=0 R6=1 R8=9 R9=unknown
; 9: (07) r9 += 1                       ; R0=0 R6=1 R8=9
; 10: (a5) if r9 < 0xa goto pc-2        ; R0=0 R6=1 R8=9
; 11: (95) exit                         ; R0=0 R6=1 R8=9
