;; verifier_live_stack.c return_site_liveness_bleeding: both calls of read_first_param use
;; fp0-8 (each call site has its own instance).
test print<liveness>

.func return_site_liveness_bleeding
  *(u64 *)(r10 -8) = 0
  r1 = r10
  r1 += -8
  call read_first_param
  r0 = *(u64 *)(r10 -8)
  r1 = r10
  r1 += -8
  call read_first_param
  r0 = 0
  exit
.func read_first_param
  r0 = *(u64 *)(r1 +0)
  exit

; stack use/def subprog#0 return_site_liveness_bleeding (d0,cs0):
;   0: (7a) *(u64 *)(r10 -8) = 0         ; def: fp0-8
;   1: (bf) r1 = r10
;   2: (07) r1 += -8
;   3: (85) call pc+6                    ; use: fp0-8
;   4: (79) r0 = *(u64 *)(r10 -8)        ; use: fp0-8
;   5: (bf) r1 = r10
;   6: (07) r1 += -8
;   7: (85) call pc+2                    ; use: fp0-8
;   8: (b7) r0 = 0
;   9: (95) exit
; stack use/def subprog#1 read_first_param (d1,cs3):
;  10: (79) r0 = *(u64 *)(r1 +0)         ; use: fp0-8
;  11: (95) exit
; stack use/def subprog#1 read_first_param (d1,cs7):
;  10: (79) r0 = *(u64 *)(r1 +0)         ; use: fp0-8
;  11: (95) exit
; Live regs before insn:
;       0: ..2345.... (7a) *(u64 *)(r10 -8) = 0
;       1: ..2345.... (bf) r1 = r10
;       2: .12345.... (07) r1 += -8
;       3: .12345.... (85) call pc+6
;       4: ..2345.... (79) r0 = *(u64 *)(r10 -8)
;       5: ..2345.... (bf) r1 = r10
;       6: .12345.... (07) r1 += -8
;       7: .12345.... (85) call pc+2
;       8: .......... (b7) r0 = 0
;       9: 0......... (95) exit
;      10: .1........ (79) r0 = *(u64 *)(r1 +0)
;      11: 0......... (95) exit
