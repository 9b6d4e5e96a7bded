/* A global (non-static) subprogram with five arguments, called from two entry programs in
 * different sections; it calls a static subprogram in turn. With the arguments 1..5 the
 * result is 1*1 + 2*2 + 3*3 + 4*4 + 5*5 = 55, plus square(5) = 25: 80. */
#include "bpf-defs.h"

static __noinline int square(int x) {
  return x * x;
}

__noinline int weighted5(int a, int b, int c, int d, int e) {
  return a * 1 + b * 2 + c * 3 + d * 4 + e * 5 + square(e);
}

SEC("xdp")
int five_args(struct xdp_md *ctx) {
  volatile int base = 1;
  return weighted5(base, base + 1, base + 2, base + 3, base + 4);
}

SEC("tc")
int five_args_tc(struct __sk_buff *skb) {
  __u32 m = skb->mark;
  return weighted5(m, m, m, m, m);
}

char LICENSE[] SEC("license") = "GPL";
