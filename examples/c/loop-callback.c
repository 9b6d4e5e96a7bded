/* bpf_loop with a static callback: sums 1..n into a context struct on the stack, where n
 * is the packet's mark (at most 100), and returns the sum. */
#include "bpf-defs.h"

struct sum_ctx {
  __u64 sum;
  __u32 calls;
};

static int add_index(__u32 index, void *data) {
  struct sum_ctx *ctx = data;
  ctx->sum += index + 1;
  ctx->calls++;
  return 0;
}

SEC("tc")
int sum_loop(struct __sk_buff *skb) {
  struct sum_ctx ctx = {0, 0};
  __u32 n = skb->mark;
  if (n > 100)
    n = 100;
  bpf_loop(n, add_index, &ctx, 0);
  return (int)ctx.sum;
}

char LICENSE[] SEC("license") = "GPL";
