;; verifier_live_stack.c dead_half_spi_write: the two halves of fp-8 are written separately and
;; only fp-4..fp-1 (fp0-4h) is read.
test print<liveness>

.func dead_half_spi_write
  *(u32 *)(r10 -8) = 0
  *(u32 *)(r10 -4) = 0
  r0 = *(u32 *)(r10 -4)
  r0 = 0
  exit

; stack use/def subprog#0 dead_half_spi_write (d0,cs0):
;   0: (62) *(u32 *)(r10 -8) = 0         ; def: fp0-8h
;   1: (62) *(u32 *)(r10 -4) = 0         ; def: fp0-4h
;   2: (61) r0 = *(u32 *)(r10 -4)        ; use: fp0-4h
;   3: (b7) r0 = 0
;   4: (95) exit
; Live regs before insn:
;       0: .......... (62) *(u32 *)(r10 -8) = 0
;       1: .......... (62) *(u32 *)(r10 -4) = 0
;       2: .......... (61) r0 = *(u32 *)(r10 -4)
;       3: .......... (b7) r0 = 0
;       4: 0......... (95) exit
