;; Code no path reaches stays UNVISITED (printed `unvisited`), and contributes nothing to
;; the join it jumps into (UNVISITED is the join's identity).
test print<const-fold>

  r1 = 5
  goto out
  r1 = 7
  goto out
out:
  r0 = r1
  exit

; func#0 @0
; 0: (b7) r1 = 5                        ; R1=5
; 1: (05) goto pc+2                     ; R1=5
; 2: (b7) r1 = 7                        ; unvisited
; 3: (05) goto pc+0                     ; unvisited
; 4: R1=5
; 4: (bf) r0 = r1                       ; R0=5 R1=5
; 5: (95) exit                          ; R0=5 R1=5
