;; verifier_live_stack.c four_byte_write_kills_slot (4-byte granularity): a u32 store at fp-8
;; defines the half slot fp0-8h only.
test print<liveness>

.func four_byte_write_kills_slot
  *(u64 *)(r10 -8) = 0
  *(u32 *)(r10 -8) = 0
  r0 = *(u64 *)(r10 -8)
  r0 = 0
  exit

; stack use/def subprog#0 four_byte_write_kills_slot (d0,cs0):
;   0: (7a) *(u64 *)(r10 -8) = 0         ; def: fp0-8
;   1: (62) *(u32 *)(r10 -8) = 0         ; def: fp0-8h
;   2: (79) r0 = *(u64 *)(r10 -8)        ; use: fp0-8
;   3: (b7) r0 = 0
;   4: (95) exit
; Live regs before insn:
;       0: .......... (7a) *(u64 *)(r10 -8) = 0
;       1: .......... (62) *(u32 *)(r10 -8) = 0
;       2: .......... (79) r0 = *(u64 *)(r10 -8)
;       3: .......... (b7) r0 = 0
;       4: 0......... (95) exit
