;; verifier_live_stack.c both_branches_kill_slot: an 8-byte store on one path and a 4-byte store
;; on the other both define fp0-4h, so nothing is live at the branch.
test print<liveness>

.func both_branches_kill_slot
  call bpf_get_prandom_u32
  if r0 != 0 goto l1
  *(u64 *)(r10 -8) = 0
  goto l2
l1:
  *(u32 *)(r10 -4) = 0
l2:
  r0 = *(u32 *)(r10 -4)
  r0 = 0
  exit

; stack use/def subprog#0 both_branches_kill_slot (d0,cs0):
;   0: (85) call bpf_get_prandom_u32#7
;   1: (55) if r0 != 0x0 goto pc+2
;   2: (7a) *(u64 *)(r10 -8) = 0         ; def: fp0-8
;   3: (05) goto pc+1
;   4: (62) *(u32 *)(r10 -4) = 0         ; def: fp0-4h
;   5: (61) r0 = *(u32 *)(r10 -4)        ; use: fp0-4h
;   6: (b7) r0 = 0
;   7: (95) exit
; Live regs before insn:
;       0: .......... (85) call bpf_get_prandom_u32#7
;       1: 0......... (55) if r0 != 0x0 goto pc+2
;       2: .......... (7a) *(u64 *)(r10 -8) = 0
;       3: .......... (05) goto pc+1
;       4: .......... (62) *(u32 *)(r10 -4) = 0
;       5: .......... (61) r0 = *(u32 *)(r10 -4)
;       6: .......... (b7) r0 = 0
;       7: 0......... (95) exit
