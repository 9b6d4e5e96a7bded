;; Calls clobber R0-R5 (helpers, kfuncs, bpf-to-bpf, legacy packet loads); atomics make the
;; register they load into unknown (§2.2 steps 3, 5, 6); plain stores change nothing.
test print<const-fold>

  r0 = 10
  r1 = 1
  r2 = 2
  r5 = 5
  r6 = 6
  r7 = 7
  r8 = 8
  *(u64 *)(r10 -8) = r1
  lock *(u64 *)(r10 -8) += r2
  r2 = atomic64_fetch_add((u64 *)(r10 -8), r2)
  r0 = atomic64_cmpxchg((u64 *)(r10 -8), r0, r8)
  r7 = atomic64_xchg((u64 *)(r10 -8), r7)
  r1 = 1
  r5 = 5
  call bpf_ktime_get_ns#5
  r1 = 1
  r0 = *(u8 *)skb[12]
  r0 = 0
  exit

; func#0 @0
; 0: (b7) r0 = 10                       ; R0=10
; 1: (b7) r1 = 1                        ; R0=10 R1=1
; 2: (b7) r2 = 2                        ; R0=10 R1=1 R2=2
; 3: (b7) r5 = 5                        ; R0=10 R1=1 R2=2 R5=5
; 4: (b7) r6 = 6                        ; R0=10 R1=1 R2=2 R5=5 R6=6
; 5: (b7) r7 = 7                        ; R0=10 R1=1 R2=2 R5=5 R6=6 R7=7
; 6: (b7) r8 = 8                        ; R0=10 R1=1 R2=2 R5=5 R6=6 R7=7 R8=8
; 7: (7b) *(u64 *)(r10 -8) = r1         ; R0=10 R1=1 R2=2 R5=5 R6=6 R7=7 R8=8
; 8: (db) lock *(u64 *)(r10 -8) += r2   ; R0=10 R1=1 R2=2 R5=5 R6=6 R7=7 R8=8
; 9: (db) r2 = atomic64_fetch_add((u64 *)(r10 -8), r2)          ; R0=10 R1=1 R2=unknown R5=5 R6=6 R7=7 R8=8
; 10: (db) r0 = atomic64_cmpxchg((u64 *)(r10 -8), r0, r8)       ; R0=unknown R1=1 R5=5 R6=6 R7=7 R8=8
; 11: (db) r7 = atomic64_xchg((u64 *)(r10 -8), r7)      ; R1=1 R5=5 R6=6 R7=unknown R8=8
; 12: (b7) r1 = 1                       ; R1=1 R5=5 R6=6 R8=8
; 13: (b7) r5 = 5                       ; R1=1 R5=5 R6=6 R8=8
; 14: (85) call bpf_ktime_get_ns#5      ; R1=unknown R5=unknown R6=6 R8=8
; 15: (b7) r1 = 1                       ; R1=1 R6=6 R8=8
; 16: (30) r0 = *(u8 *)skb[12]          ; R1=unknown R6=6 R8=8
; 17: (b7) r0 = 0                       ; R0=0 R6=6 R8=8
; 18: (95) exit                         ; R0=0 R6=6 R8=8
