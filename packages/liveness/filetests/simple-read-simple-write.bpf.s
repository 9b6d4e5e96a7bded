;; verifier_live_stack.c simple_read_simple_write: 8-byte reads use their slot (fp0-8, fp0-24),
;; an 8-byte store defines it (fp0-8).
test print<liveness>

.func simple_read_simple_write
  r1 = *(u64 *)(r10 -8)
  r2 = *(u64 *)(r10 -24)
  *(u64 *)(r10 -8) = r1
  r0 = 0
  exit

; stack use/def subprog#0 simple_read_simple_write (d0,cs0):
;   0: (79) r1 = *(u64 *)(r10 -8)        ; use: fp0-8
;   1: (79) r2 = *(u64 *)(r10 -24)       ; use: fp0-24
;   2: (7b) *(u64 *)(r10 -8) = r1        ; def: fp0-8
;   3: (b7) r0 = 0
;   4: (95) exit
; Live regs before insn:
;       0: .......... (79) r1 = *(u64 *)(r10 -8)
;       1: .1........ (79) r2 = *(u64 *)(r10 -24)
;       2: .1........ (7b) *(u64 *)(r10 -8) = r1
;       3: .......... (b7) r0 = 0
;       4: 0......... (95) exit
