;; A 7-argument kfunc (argument count from the kfunc table) with only arg6 stored.
test print<verifier>
set kfunc-args=9001:7

  r1 = 1
  r2 = 2
  r3 = 3
  r4 = 4
  r5 = 5
  *(u64 *)(r11 -8) = 6
  call bpf_kfunc_call_stack_arg#9001
  r0 = 0
  exit

; func#0 @0
; callee expects 7 args, stack arg2 is not initialized
; verdict: rejected at insn 6 (EFAULT)
