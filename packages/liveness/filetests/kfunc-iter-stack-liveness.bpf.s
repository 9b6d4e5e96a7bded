;; verifier_live_stack.c kfunc_iter_stack_liveness: kfunc prototypes come from `set kfunc.<id>`;
;; bpf_iter_num_new (KF_ITER_NEW: argument 0 written, `w8`) defines fp0-24, next/destroy read it.
test print<liveness>
set kfunc.101=bpf_iter_num_new(w8,s,s) kfunc.102=bpf_iter_num_next(r8) kfunc.103=bpf_iter_num_destroy(r8)

.func kfunc_iter_stack_liveness
  *(u64 *)(r10 -8) = 0
  *(u64 *)(r10 -16) = 0
  r1 = r10
  r1 += -24
  r2 = 0
  r3 = 10
  call bpf_iter_num_new#101
l1:
  r1 = r10
  r1 += -24
  call bpf_iter_num_next#102
  if r0 == 0 goto l2
  goto l1
l2:
  r1 = r10
  r1 += -24
  call bpf_iter_num_destroy#103
  r0 = 0
  exit

; stack use/def subprog#0 kfunc_iter_stack_liveness (d0,cs0):
;   0: (7a) *(u64 *)(r10 -8) = 0         ; def: fp0-8
;   1: (7a) *(u64 *)(r10 -16) = 0        ; def: fp0-16
;   2: (bf) r1 = r10
;   3: (07) r1 += -24
;   4: (b7) r2 = 0
;   5: (b7) r3 = 10
;   6: (85) call bpf_iter_num_new#101    ; def: fp0-24
;   7: (bf) r1 = r10
;   8: (07) r1 += -24
;   9: (85) call bpf_iter_num_next#102   ; use: fp0-24
;  10: (15) if r0 == 0x0 goto pc+1
;  11: (05) goto pc-5
;  12: (bf) r1 = r10
;  13: (07) r1 += -24
;  14: (85) call bpf_iter_num_destroy#103        ; use: fp0-24
;  15: (b7) r0 = 0
;  16: (95) exit
; Live regs before insn:
;       0: .......... (7a) *(u64 *)(r10 -8) = 0
;       1: .......... (7a) *(u64 *)(r10 -16) = 0
;       2: .......... (bf) r1 = r10
;       3: .1........ (07) r1 += -24
;       4: .1........ (b7) r2 = 0
;       5: .12....... (b7) r3 = 10
;       6: .123...... (85) call bpf_iter_num_new#101
;   1   7: .......... (bf) r1 = r10
;   1   8: .1........ (07) r1 += -24
;   1   9: .1........ (85) call bpf_iter_num_next#102
;   1  10: 0......... (15) if r0 == 0x0 goto pc+1
;   1  11: .......... (05) goto pc-5
;      12: .......... (bf) r1 = r10
;      13: .1........ (07) r1 += -24
;      14: .1........ (85) call bpf_iter_num_destroy#103
;      15: .......... (b7) r0 = 0
;      16: 0......... (95) exit
