;; verifier_live_stack.c helper_arg_fallback_keeps_scanning: bpf_snprintf's first argument is a
;; local offset-imprecise pointer (the whole frame 1 is read), and the fourth still forwards the
;; caller's fp-8 with a constant size 8 (from const-fold): use: fp1-8..-512 fp0-8.
test print<liveness>

.func helper_arg_fallback_keeps_scanning
  r1 = 42
  *(u64 *)(r10 -8) = r1
  r1 = r10
  r1 += -8
  call helper_snprintf_parent_after_local_fallback
  r0 = 0
  exit
.func helper_snprintf_parent_after_local_fallback
  r6 = r1
  call bpf_get_prandom_u32
  r0 &= 8
  r1 = r10
  r1 += -16
  r1 += r0
  r2 = 8
  r3 = map[id:2][0]+0
  r4 = r6
  r5 = 8
  call bpf_snprintf
  r0 = 0
  exit

; stack use/def subprog#0 helper_arg_fallback_keeps_scanning (d0,cs0):
;   0: (b7) r1 = 42
;   1: (7b) *(u64 *)(r10 -8) = r1        ; def: fp0-8
;   2: (bf) r1 = r10
;   3: (07) r1 += -8
;   4: (85) call pc+2                    ; use: fp0-8
;   5: (b7) r0 = 0
;   6: (95) exit
; stack use/def subprog#1 helper_snprintf_parent_after_local_fallback (d1,cs4):
;   7: (bf) r6 = r1
;   8: (85) call bpf_get_prandom_u32#7
;   9: (57) r0 &= 8
;  10: (bf) r1 = r10
;  11: (07) r1 += -16
;  12: (0f) r1 += r0
;  13: (b7) r2 = 8
;  14: (18) r3 = 0x2
;  16: (bf) r4 = r6
;  17: (b7) r5 = 8
;  18: (85) call bpf_snprintf#165        ; use: fp1-8..-512 fp0-8
;  19: (b7) r0 = 0
;  20: (95) exit
; Live regs before insn:
;       0: ..2345.... (b7) r1 = 42
;       1: .12345.... (7b) *(u64 *)(r10 -8) = r1
;       2: ..2345.... (bf) r1 = r10
;       3: .12345.... (07) r1 += -8
;       4: .12345.... (85) call pc+2
;       5: .......... (b7) r0 = 0
;       6: 0......... (95) exit
;       7: .1........ (bf) r6 = r1
;       8: ......6... (85) call bpf_get_prandom_u32#7
;       9: 0.....6... (57) r0 &= 8
;      10: 0.....6... (bf) r1 = r10
;      11: 01....6... (07) r1 += -16
;      12: 01....6... (0f) r1 += r0
;      13: .1....6... (b7) r2 = 8
;      14: .12...6... (18) r3 = 0x2
;      16: .123..6... (bf) r4 = r6
;      17: .1234..... (b7) r5 = 8
;      18: .12345.... (85) call bpf_snprintf#165
;      19: .......... (b7) r0 = 0
;      20: 0......... (95) exit
