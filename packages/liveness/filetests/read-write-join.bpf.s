;; verifier_live_stack.c read_write_join: reads on two branches are both recorded; writes on
;; one path only define on that path.
test print<liveness>

.func read_write_join
  call bpf_get_prandom_u32
  if r0 > 42 goto l1
  r0 = *(u64 *)(r10 -8)
  *(u64 *)(r10 -32) = r0
  *(u64 *)(r10 -40) = r0
  exit
l1:
  r0 = *(u64 *)(r10 -16)
  *(u64 *)(r10 -32) = r0
  exit

; stack use/def subprog#0 read_write_join (d0,cs0):
;   0: (85) call bpf_get_prandom_u32#7
;   1: (25) if r0 > 0x2a goto pc+4
;   2: (79) r0 = *(u64 *)(r10 -8)        ; use: fp0-8
;   3: (7b) *(u64 *)(r10 -32) = r0       ; def: fp0-32
;   4: (7b) *(u64 *)(r10 -40) = r0       ; def: fp0-40
;   5: (95) exit
;   6: (79) r0 = *(u64 *)(r10 -16)       ; use: fp0-16
;   7: (7b) *(u64 *)(r10 -32) = r0       ; def: fp0-32
;   8: (95) exit
; Live regs before insn:
;       0: .......... (85) call bpf_get_prandom_u32#7
;       1: 0......... (25) if r0 > 0x2a goto pc+4
;       2: .......... (79) r0 = *(u64 *)(r10 -8)
;       3: 0......... (7b) *(u64 *)(r10 -32) = r0
;       4: 0......... (7b) *(u64 *)(r10 -40) = r0
;       5: 0......... (95) exit
;       6: .......... (79) r0 = *(u64 *)(r10 -16)
;       7: 0......... (7b) *(u64 *)(r10 -32) = r0
;       8: 0......... (95) exit
