;; After pruning, the dead edge is gone: the next const-fold sees the dead code as
;; unvisited and finds a constant that the dead edge used to hide (so a second prune could
;; decide more: the kernel runs the pruning once).
test prune-dead-branches,print<const-fold>

  r1 = 1
  r2 = 0
  if r1 == 0x1 goto skip
  r2 = 7
skip:
  if r2 == 0x0 goto out
  r0 = 1
  exit
out:
  r0 = 0
  exit

; func#0 @0
; 0: (b7) r1 = 1                        ; R1=1
; 1: (b7) r2 = 0                        ; R1=1 R2=0
; 2: (05) goto pc+1                     ; R1=1 R2=0
; 3: (b7) r2 = 7                        ; unvisited
; 4: R1=1 R2=0
; 4: (15) if r2 == 0x0 goto pc+2        ; R1=1 R2=0
; 5: (b7) r0 = 1                        ; R0=1 R1=1 R2=0
; 6: (95) exit                          ; R0=1 R1=1 R2=0
; 7: R0=unknown R1=1 R2=0
; 7: (b7) r0 = 0                        ; R0=0 R1=1 R2=0
; 8: (95) exit                          ; R0=0 R1=1 R2=0
