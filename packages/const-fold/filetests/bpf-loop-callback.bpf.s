;; A subprogram pointer (ld_imm64 PSEUDO_FUNC) passed to bpf_loop: the call sees
;; R2=subprog#1 (what liveness's callback detection reads); the callee starts with every
;; register unknown; the call clobbers R0-R5.
test print<const-fold>

.func main
  r1 = 8
  r2 = subprog[cb]
  r3 = 0
  r4 = 0
  r6 = 42
  call bpf_loop#181
  r0 = r6
  exit
.func cb, args=2
  r0 = 0
  exit

; func#0 @0
; 0: (b7) r1 = 8                        ; R1=8
; 1: (18) r2 = 0x7                      ; R1=8 R2=subprog#1
; 3: (b7) r3 = 0                        ; R1=8 R2=subprog#1 R3=0
; 4: (b7) r4 = 0                        ; R1=8 R2=subprog#1 R3=0 R4=0
; 5: (b7) r6 = 42                       ; R1=8 R2=subprog#1 R3=0 R4=0 R6=42
; 6: (85) call bpf_loop#181             ; R1=unknown R2=unknown R3=unknown R4=unknown R6=42
; 7: (bf) r0 = r6                       ; R0=42 R6=42
; 8: (95) exit                          ; R0=42 R6=42
; func#1 @9
; 9: (b7) r0 = 0                        ; R0=0
; 10: (95) exit                         ; R0=0
