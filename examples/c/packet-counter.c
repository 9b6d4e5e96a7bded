/* Counts packets by length bucket (0-127, 128-511, 512-1499, 1500+) in an ARRAY map and
 * returns the bucket index plus 10 times the packet's mark, so a test can check the result
 * from the context alone. */
#include "bpf-defs.h"

struct {
  __uint(type, BPF_MAP_TYPE_ARRAY);
  __uint(max_entries, 4);
  __type(key, __u32);
  __type(value, __u64);
} pkt_buckets SEC(".maps");

static __always_inline __u32 bucket_of(__u32 len) {
  if (len < 128)
    return 0;
  if (len < 512)
    return 1;
  if (len < 1500)
    return 2;
  return 3;
}

SEC("tc")
int count_packets(struct __sk_buff *skb) {
  __u32 key = bucket_of(skb->len);
  __u64 *count = bpf_map_lookup_elem(&pkt_buckets, &key);
  if (count)
    __sync_fetch_and_add(count, 1);
  return key + 10 * skb->mark;
}

char LICENSE[] SEC("license") = "GPL";
