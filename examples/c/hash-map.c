/* Remembers the last length seen per mark in a HASH map (no preallocation) and returns
 * the previous length, or 0 for a new mark. */
#include "bpf-defs.h"

struct flow_key {
  __u32 mark;
  __u16 protocol;
  __u16 pad;
};

struct {
  __uint(type, BPF_MAP_TYPE_HASH);
  __uint(max_entries, 1024);
  __uint(map_flags, BPF_F_NO_PREALLOC);
  __type(key, struct flow_key);
  __type(value, __u32);
} last_len SEC(".maps");

SEC("tc")
int track_len(struct __sk_buff *skb) {
  struct flow_key key = {skb->mark, (__u16)skb->protocol, 0};
  __u32 len = skb->len;
  __u32 *prev = bpf_map_lookup_elem(&last_len, &key);
  __u32 out = prev ? *prev : 0;
  bpf_map_update_elem(&last_len, &key, &len, BPF_ANY);
  return (int)out;
}

char LICENSE[] SEC("license") = "GPL";
