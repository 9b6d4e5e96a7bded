;; verifier_live_stack.c liveness_exponential_complexity: main passes 25 different frame
;; pointers to sub1, which forwards its pointer (saved in r6) to sub2 from 25 call sites, which
;; forwards it to sub3 from 25 call sites: 1 + 25 + 625 + 15625 analyses would be needed, and
;; the 10001st analyze_subprog() call fails with the kernel's message (E2BIG).
test print<liveness>

.func main
  r1 = r10
  r1 += -8
  call sub1
  r1 = r10
  r1 += -16
  call sub1
  r1 = r10
  r1 += -24
  call sub1
  r1 = r10
  r1 += -32
  call sub1
  r1 = r10
  r1 += -40
  call sub1
  r1 = r10
  r1 += -48
  call sub1
  r1 = r10
  r1 += -56
  call sub1
  r1 = r10
  r1 += -64
  call sub1
  r1 = r10
  r1 += -72
  call sub1
  r1 = r10
  r1 += -80
  call sub1
  r1 = r10
  r1 += -88
  call sub1
  r1 = r10
  r1 += -96
  call sub1
  r1 = r10
  r1 += -104
  call sub1
  r1 = r10
  r1 += -112
  call sub1
  r1 = r10
  r1 += -120
  call sub1
  r1 = r10
  r1 += -128
  call sub1
  r1 = r10
  r1 += -136
  call sub1
  r1 = r10
  r1 += -144
  call sub1
  r1 = r10
  r1 += -152
  call sub1
  r1 = r10
  r1 += -160
  call sub1
  r1 = r10
  r1 += -168
  call sub1
  r1 = r10
  r1 += -176
  call sub1
  r1 = r10
  r1 += -184
  call sub1
  r1 = r10
  r1 += -192
  call sub1
  r1 = r10
  r1 += -200
  call sub1
  r0 = 0
  exit
.func sub1
  r6 = r1
  r1 = r6
  call sub2
  r1 = r6
  call sub2
  r1 = r6
  call sub2
  r1 = r6
  call sub2
  r1 = r6
  call sub2
  r1 = r6
  call sub2
  r1 = r6
  call sub2
  r1 = r6
  call sub2
  r1 = r6
  call sub2
  r1 = r6
  call sub2
  r1 = r6
  call sub2
  r1 = r6
  call sub2
  r1 = r6
  call sub2
  r1 = r6
  call sub2
  r1 = r6
  call sub2
  r1 = r6
  call sub2
  r1 = r6
  call sub2
  r1 = r6
  call sub2
  r1 = r6
  call sub2
  r1 = r6
  call sub2
  r1 = r6
  call sub2
  r1 = r6
  call sub2
  r1 = r6
  call sub2
  r1 = r6
  call sub2
  r1 = r6
  call sub2
  r0 = 0
  exit
.func sub2
  r6 = r1
  r1 = r6
  call sub3
  r1 = r6
  call sub3
  r1 = r6
  call sub3
  r1 = r6
  call sub3
  r1 = r6
  call sub3
  r1 = r6
  call sub3
  r1 = r6
  call sub3
  r1 = r6
  call sub3
  r1 = r6
  call sub3
  r1 = r6
  call sub3
  r1 = r6
  call sub3
  r1 = r6
  call sub3
  r1 = r6
  call sub3
  r1 = r6
  call sub3
  r1 = r6
  call sub3
  r1 = r6
  call sub3
  r1 = r6
  call sub3
  r1 = r6
  call sub3
  r1 = r6
  call sub3
  r1 = r6
  call sub3
  r1 = r6
  call sub3
  r1 = r6
  call sub3
  r1 = r6
  call sub3
  r1 = r6
  call sub3
  r1 = r6
  call sub3
  r0 = 0
  exit
.func sub3
  r0 = *(u64 *)(r1 +0)
  exit

; error: liveness analysis exceeded complexity limit (10001 calls)
