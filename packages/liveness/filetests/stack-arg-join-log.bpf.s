;; verifier_stack_arg.c "pruning with different stack arg types" (log level 2): one path stores
;; &fp-8 into r11-8, the other a scalar; at the call the joins print
;; "arg JOIN insn 9 -> 10 r1: fp0-8 + _ => fp0-8|fp0+0" and the sa0 variant. The callee reads
;; through the fp0-8|fp0+0 pointer: a use of fp0-8 (the fake fp+0 is ignored).
test print<liveness>
set log-level=2

.func main
  *(u64 *)(r10 -8) = 0
  call bpf_get_prandom_u32
  if r0 == 0 goto l1
  r1 = r10
  r1 += -8
  *(u64 *)(r11 -8) = r1
  goto l2
l1:
  r1 = 42
  *(u64 *)(r11 -8) = r1
l2:
  call callee6
  r0 = 0
  exit
.func callee6, args=6
  r1 = *(u64 *)(r11 +8)
  r0 = *(u64 *)(r1 +0)
  exit

; subprog#0: analyzing (depth 0)...
;   3: (bf) r1 = r10	r1: _ -> fp0+0
;   4: (07) r1 += -8	r1: fp0+0 -> fp0-8
;   5: (7b) *(u64 *)(r11 -8) = r1	sa0: _ -> fp0-8
; arg JOIN insn 8 -> 9 r1: fp0-8 + _ => fp0-8|fp0+0
; arg JOIN insn 8 -> 9 sa0: fp0-8 + _ => fp0-8|fp0+0
;   9: (85) call pc+2	r1: fp0-8|fp0+0 -> _
;   3: (bf) r1 = r10	r1: _ -> fp0+0
;   4: (07) r1 += -8	r1: fp0+0 -> fp0-8
;   5: (7b) *(u64 *)(r11 -8) = r1	sa0: _ -> fp0-8
;   9: (85) call pc+2	r1: fp0-8|fp0+0 -> _
; subprog#0 main:
;   0: (7a) *(u64 *)(r10 -8) = 0
;   1: (85) call bpf_get_prandom_u32#7
;   2: (15) if r0 == 0x0 goto pc+4
;   3: (bf) r1 = r10
;   4: (07) r1 += -8
;   5: (7b) *(u64 *)(r11 -8) = r1 // r1=fp0-8
;   6: (05) goto pc+2
;   7: (b7) r1 = 42
;   8: (7b) *(u64 *)(r11 -8) = r1
;   9: (85) call pc+2 // r1=fp0-8|fp0+0 sa0=fp0-8|fp0+0
;  10: (b7) r0 = 0
;  11: (95) exit
; subprog#1: analyzing (depth 1)...
;  13: (79) r0 = *(u64 *)(r1 +0)	r0: _ -> IMP1
;  13: (79) r0 = *(u64 *)(r1 +0)	r0: _ -> IMP1
; subprog#1 callee6:
;  12: (79) r1 = *(u64 *)(r11 +8) // r1=fp0-8|fp0+0
;  13: (79) r0 = *(u64 *)(r1 +0) // r1=fp0-8|fp0+0
;  14: (95) exit
; stack use/def subprog#0 main (d0,cs0):
;   0: (7a) *(u64 *)(r10 -8) = 0         ; def: fp0-8
;   1: (85) call bpf_get_prandom_u32#7
;   2: (15) if r0 == 0x0 goto pc+4
;   3: (bf) r1 = r10
;   4: (07) r1 += -8
;   5: (7b) *(u64 *)(r11 -8) = r1
;   6: (05) goto pc+2
;   7: (b7) r1 = 42
;   8: (7b) *(u64 *)(r11 -8) = r1
;   9: (85) call pc+2                    ; use: fp0-8
;  10: (b7) r0 = 0
;  11: (95) exit
; stack use/def subprog#1 callee6 (d1,cs9):
;  12: (79) r1 = *(u64 *)(r11 +8)
;  13: (79) r0 = *(u64 *)(r1 +0)         ; use: fp0-8
;  14: (95) exit
; Live regs before insn:
;       0: .......... (7a) *(u64 *)(r10 -8) = 0
;       1: .......... (85) call bpf_get_prandom_u32#7
;       2: 0.2345.... (15) if r0 == 0x0 goto pc+4
;       3: ..2345.... (bf) r1 = r10
;       4: .12345.... (07) r1 += -8
;       5: .12345.... (7b) *(u64 *)(r11 -8) = r1
;       6: .12345.... (05) goto pc+2
;       7: ..2345.... (b7) r1 = 42
;       8: .12345.... (7b) *(u64 *)(r11 -8) = r1
;       9: .12345.... (85) call pc+2
;      10: .......... (b7) r0 = 0
;      11: 0......... (95) exit
;      12: .......... (79) r1 = *(u64 *)(r11 +8)
;      13: .1........ (79) r0 = *(u64 *)(r1 +0)
;      14: 0......... (95) exit
