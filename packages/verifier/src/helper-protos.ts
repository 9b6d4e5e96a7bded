// The slice of the helper prototypes (struct bpf_func_proto, get_helper_proto()) this package
// needs: which helpers return a pointer that may be NULL (and its reg_type_str name for
// "invalid mem access" messages), which one is bpf_tail_call, and which call a callback
// asynchronously. Everything else returns "unknown" (K_ANY), so no error is ever raised on a
// helper's result without a prototype to justify it.
import { helperId } from '@bpfkit/ir';

/** BPF_FUNC_tail_call. */
export const BPF_FUNC_TAIL_CALL = helperId('tail_call');

/** Helpers whose callback runs asynchronously (is_async_cb): bpf_timer_set_callback. */
export const ASYNC_CALLBACK_HELPERS: ReadonlySet<number> = new Set([helperId('timer_set_callback')]);

/** Helpers returning RET_PTR_TO_…_OR_NULL, with the type name the verifier log uses. */
const OR_NULL: ReadonlyMap<number, string> = new Map([
  [helperId('map_lookup_elem'), 'map_value_or_null'],
  [helperId('map_lookup_percpu_elem'), 'map_value_or_null'],
  [helperId('sk_lookup_tcp'), 'sock_or_null'],
  [helperId('sk_lookup_udp'), 'sock_or_null'],
  [helperId('skc_lookup_tcp'), 'sock_common_or_null'],
  [helperId('sk_fullsock'), 'sock_or_null'],
  [helperId('tcp_sock'), 'tcp_sock_or_null'],
  [helperId('get_listener_sock'), 'sock_or_null'],
  [helperId('ringbuf_reserve'), 'ringbuf_mem_or_null'],
  [helperId('sk_storage_get'), 'map_value_or_null'],
  [helperId('task_storage_get'), 'map_value_or_null'],
  [helperId('inode_storage_get'), 'map_value_or_null'],
  [helperId('cgrp_storage_get'), 'map_value_or_null'],
]);

/** reg_type_str() of helper `id`'s nullable return, or undefined when it never returns NULL-able. */
export const nullableReturn = (id: number): string | undefined => OR_NULL.get(id);
