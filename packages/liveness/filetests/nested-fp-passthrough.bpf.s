;; verifier_live_stack.c nested_fp_passthrough: main -> outer_forwarder -> inner_reader; the
;; frame pointer is forwarded untouched in r1 and the read of main's fp-32 at depth 2 is pulled
;; back to both call sites.
test print<liveness>

.func nested_fp_passthrough
  *(u64 *)(r10 -8) = 0
  *(u64 *)(r10 -16) = 0
  *(u64 *)(r10 -24) = 0
  *(u64 *)(r10 -32) = 0
  r1 = r10
  r1 += -32
  call outer_forwarder
  r0 = 0
  exit
.func outer_forwarder
  call inner_reader
  r0 = 0
  exit
.func inner_reader
  r0 = *(u64 *)(r1 +0)
  r0 = 0
  exit

; stack use/def subprog#0 nested_fp_passthrough (d0,cs0):
;   0: (7a) *(u64 *)(r10 -8) = 0         ; def: fp0-8
;   1: (7a) *(u64 *)(r10 -16) = 0        ; def: fp0-16
;   2: (7a) *(u64 *)(r10 -24) = 0        ; def: fp0-24
;   3: (7a) *(u64 *)(r10 -32) = 0        ; def: fp0-32
;   4: (bf) r1 = r10
;   5: (07) r1 += -32
;   6: (85) call pc+2                    ; use: fp0-32
;   7: (b7) r0 = 0
;   8: (95) exit
; stack use/def subprog#1 outer_forwarder (d1,cs6):
;   9: (85) call pc+2                    ; use: fp0-32
;  10: (b7) r0 = 0
;  11: (95) exit
; stack use/def subprog#2 inner_reader (d2,cs9):
;  12: (79) r0 = *(u64 *)(r1 +0)         ; use: fp0-32
;  13: (b7) r0 = 0
;  14: (95) exit
; Live regs before insn:
;       0: ..2345.... (7a) *(u64 *)(r10 -8) = 0
;       1: ..2345.... (7a) *(u64 *)(r10 -16) = 0
;       2: ..2345.... (7a) *(u64 *)(r10 -24) = 0
;       3: ..2345.... (7a) *(u64 *)(r10 -32) = 0
;       4: ..2345.... (bf) r1 = r10
;       5: .12345.... (07) r1 += -32
;       6: .12345.... (85) call pc+2
;       7: .......... (b7) r0 = 0
;       8: 0......... (95) exit
;       9: .12345.... (85) call pc+2
;      10: .......... (b7) r0 = 0
;      11: 0......... (95) exit
;      12: .1........ (79) r0 = *(u64 *)(r1 +0)
;      13: .......... (b7) r0 = 0
;      14: 0......... (95) exit
