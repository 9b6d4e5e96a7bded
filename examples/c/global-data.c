/* Global variables in all three data sections: a constant table in .rodata, a counter
 * in .data and a scratch slot in .bss. Returns table[mark & 3] + counter-before. */
#include "bpf-defs.h"

const volatile __u32 scale_table[4] = {3, 5, 7, 11};
__u64 packets_seen = 100;
__u32 last_mark;

SEC("socket")
int use_globals(struct __sk_buff *skb) {
  __u32 mark = skb->mark;
  __u64 before = packets_seen;
  packets_seen = before + 1;
  last_mark = mark;
  return (int)(scale_table[mark & 3] + before);
}

char LICENSE[] SEC("license") = "Dual MIT/GPL";
