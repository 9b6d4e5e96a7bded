/* Minimal stand-ins for the libbpf headers the examples need: fixed-width types, the
 * BTF map-definition macros (__uint/__type/__array), SEC(), and the few helpers the
 * examples call, declared the classic way as pointers to helper ids. */
#ifndef BPFKIT_EXAMPLES_BPF_DEFS_H
#define BPFKIT_EXAMPLES_BPF_DEFS_H

typedef unsigned char __u8;
typedef unsigned short __u16;
typedef unsigned int __u32;
typedef unsigned long long __u64;
typedef signed char __s8;
typedef short __s16;
typedef int __s32;
typedef long long __s64;

#define SEC(name) __attribute__((section(name), used))
#define __always_inline inline __attribute__((always_inline))
#define __noinline __attribute__((noinline))

/* A map field is a pointer to an array whose length carries the number ("__uint"),
 * or a pointer to the type itself ("__type"), exactly what the loader reads from BTF. */
#define __uint(name, val) int (*name)[val]
#define __type(name, val) typeof(val) *name

/* Map types (enum bpf_map_type). */
#define BPF_MAP_TYPE_HASH 1
#define BPF_MAP_TYPE_ARRAY 2
#define BPF_MAP_TYPE_PERCPU_ARRAY 6

/* Map flags. */
#define BPF_F_NO_PREALLOC 1

/* Update flags. */
#define BPF_ANY 0
#define BPF_NOEXIST 1

/* Helpers by id (enum bpf_func_id). */
static void *(*bpf_map_lookup_elem)(void *map, const void *key) = (void *)1;
static long (*bpf_map_update_elem)(void *map, const void *key, const void *value, __u64 flags) = (void *)2;
static long (*bpf_loop)(__u32 nr_loops, void *callback_fn, void *callback_ctx, __u64 flags) = (void *)181;

/* The part of struct __sk_buff the examples read (offsets as in the uapi header). */
struct __sk_buff {
  __u32 len;
  __u32 pkt_type;
  __u32 mark;
  __u32 queue_mapping;
  __u32 protocol;
};

/* struct xdp_md. */
struct xdp_md {
  __u32 data;
  __u32 data_end;
  __u32 data_meta;
  __u32 ingress_ifindex;
  __u32 rx_queue_index;
  __u32 egress_ifindex;
};

#endif
