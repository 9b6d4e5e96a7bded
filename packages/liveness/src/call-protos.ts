// Call prototypes for the analyses: what the kernel learns from helper protos
// (struct bpf_func_proto arg types) and kfunc BTF, reduced to what liveness needs — the
// parameter count (bpf_get_call_summary()'s num_params) and, per argument, how many stack bytes
// the callee reads or writes through a frame pointer passed there
// (bpf_helper_stack_access_bytes(), bpf_kfunc_stack_access_bytes()).
//
// Helpers come from a built-in table of common uapi helpers (extendable); kfuncs have no
// built-in table (their BTF ids are per kernel build) and are declared by the user, either
// programmatically (createLiveness({ kfuncs })) or through pass options:
//
//   set kfunc.<btf id>=<name>(<arg>,<arg>,…)      e.g.  set kfunc.9001=bpf_kf8(s,s,s,s,s,r16,w8,s)
//   set helper.<id>=<name>(<arg>,…)               (adds or replaces a helper prototype)
//   set map.<index>=<key size>:<value size>       (maps as const-fold numbers them)
//
// Argument kinds (kfunc / helper):
//   s      not a stack pointer: kfunc scalar -> 0 bytes; helper "anything else" -> unknown
//   rN wN  pointer to N bytes the callee reads / writes (MEM_FIXED_SIZE; __uninit, KF_ITER_NEW)
//   m mw   pointer whose size is the next argument (__sz / ARG_CONST_SIZE), read / write
//   d dw   dynptr (16 bytes), read / initialised by the callee
//   ?      pointer of unknown size (S64_MIN: read from the pointer up to fp+0)
//   M k v vw   helpers only: const map pointer, map key, map value (read / write)
//   p      helpers only: ARG_PTR_TO_STACK (callback ctx; the helper itself accesses nothing)
import { BpfError, type PassOptions } from '@bpfkit/ir';
import { BPF_DYNPTR_SIZE, MAX_BPF_STACK_BYTES, S64_MIN } from './constants.js';
import type { ConstFacts } from './const-facts.js';

export type ArgKind = 'scalar' | 'fixed' | 'mem' | 'dynptr' | 'unknown' | 'map' | 'key' | 'value' | 'stack';

export interface ArgSpec {
  readonly kind: ArgKind;
  /** The callee writes (initialises) the memory instead of reading it. */
  readonly write: boolean;
  /** Byte count for `fixed`. */
  readonly size: number;
}

export interface CallProto {
  readonly name?: string;
  readonly args: readonly ArgSpec[];
}

export interface MapShape {
  readonly keySize: number;
  readonly valueSize: number;
}

/** Everything the analyses know about call targets. */
export interface CallTables {
  readonly helpers: ReadonlyMap<number, CallProto>;
  readonly kfuncs: ReadonlyMap<number, CallProto>;
  readonly maps: ReadonlyMap<number, MapShape>;
}

/** Parse one argument token (`s`, `r16`, `mw`, …). */
export function parseArgSpec(tok: string, forHelper: boolean): ArgSpec | undefined {
  const m = /^(s|\?|[rw](\d+)|mw?|dw?|M|k|vw?|p)$/.exec(tok);
  if (!m) return undefined;
  const t = m[1]!;
  if (t === 's') return { kind: 'scalar', write: false, size: 0 };
  if (t === '?') return { kind: 'unknown', write: false, size: 0 };
  if (m[2] !== undefined) return { kind: 'fixed', write: t[0] === 'w', size: Number(m[2]) };
  if (t === 'm' || t === 'mw') return { kind: 'mem', write: t === 'mw', size: 0 };
  if (t === 'd' || t === 'dw') return { kind: 'dynptr', write: t === 'dw', size: BPF_DYNPTR_SIZE };
  if (!forHelper) return undefined;
  if (t === 'M') return { kind: 'map', write: false, size: 0 };
  if (t === 'k') return { kind: 'key', write: false, size: 0 };
  if (t === 'v' || t === 'vw') return { kind: 'value', write: t === 'vw', size: 0 };
  return { kind: 'stack', write: false, size: 0 };
}

/** Parse `name(a,b,…)`, `(a,b,…)`, `name()` or a bare `a,b,…` list. */
export function parseProto(text: string, forHelper: boolean, where: string): CallProto {
  const m = /^([A-Za-z_][\w.]*)?\(([^()]*)\)$/.exec(text) ?? /^()([^()]*)$/.exec(text);
  const bad = (why: string): never => {
    throw new BpfError('OPTION', `${where}: ${why} in '${text}' (expected name(arg,…) with args s, rN, wN, m, mw, d, dw, ?${forHelper ? ', M, k, v, vw, p' : ''})`, { pass: 'liveness' });
  };
  if (!m) return bad('not a prototype');
  const body = m[2]!.trim();
  const toks = body === '' ? [] : body.split(',').map((t) => t.trim());
  if (toks.length > 12) bad('more than 12 arguments');
  if (forHelper && toks.length > 5) bad('helpers take at most 5 arguments');
  const args = toks.map((t) => parseArgSpec(t, forHelper) ?? bad(`unknown argument kind '${t}'`));
  return m[1] ? { name: m[1], args } : { args };
}

const P = (spec: string): CallProto => parseProto(spec, true, 'built-in helper table');

/**
 * Prototypes of common uapi helpers (arg types as in the kernel's bpf_func_proto tables).
 * Helpers missing here are treated as the kernel treats a helper without a proto: no call
 * summary (R1–R5 used) and an unknown access size for any frame pointer passed to them.
 */
export const BUILTIN_HELPER_PROTOS: ReadonlyMap<number, CallProto> = new Map<number, CallProto>([
  [1, P('bpf_map_lookup_elem(M,k)')],
  [2, P('bpf_map_update_elem(M,k,v,s)')],
  [3, P('bpf_map_delete_elem(M,k)')],
  [4, P('bpf_probe_read(mw,s,s)')],
  [5, P('bpf_ktime_get_ns()')],
  [6, P('bpf_trace_printk(m,s,s,s,s)')],
  [7, P('bpf_get_prandom_u32()')],
  [8, P('bpf_get_smp_processor_id()')],
  [9, P('bpf_skb_store_bytes(s,s,m,s,s)')],
  [12, P('bpf_tail_call(s,M,s)')],
  [14, P('bpf_get_current_pid_tgid()')],
  [15, P('bpf_get_current_uid_gid()')],
  [16, P('bpf_get_current_comm(mw,s)')],
  [25, P('bpf_perf_event_output(s,M,s,m,s)')],
  [26, P('bpf_skb_load_bytes(s,s,mw,s)')],
  [35, P('bpf_get_current_task()')],
  [45, P('bpf_probe_read_str(mw,s,s)')],
  [87, P('bpf_map_push_elem(M,v,s)')],
  [88, P('bpf_map_pop_elem(M,vw)')],
  [89, P('bpf_map_peek_elem(M,vw)')],
  [112, P('bpf_probe_read_user(mw,s,s)')],
  [113, P('bpf_probe_read_kernel(mw,s,s)')],
  [114, P('bpf_probe_read_user_str(mw,s,s)')],
  [115, P('bpf_probe_read_kernel_str(mw,s,s)')],
  [118, P('bpf_jiffies64()')],
  [125, P('bpf_ktime_get_boot_ns()')],
  [130, P('bpf_ringbuf_output(M,m,s,s)')],
  [131, P('bpf_ringbuf_reserve(M,s,s)')],
  [164, P('bpf_for_each_map_elem(M,s,p,s)')],
  [165, P('bpf_snprintf(m,s,s,m,s)')],
  [180, P('bpf_find_vma(s,s,s,p,s)')],
  [181, P('bpf_loop(s,s,p,s)')],
  [182, P('bpf_strncmp(m,s,s)')],
  [209, P('bpf_user_ringbuf_drain(M,s,p,s)')],
]);

/** Merge `helper.N`, `kfunc.N` and `map.N` pass options over programmatic tables. */
export function callTablesFrom(options: PassOptions, base: Partial<CallTables> = {}): CallTables {
  const helpers = new Map(base.helpers ?? BUILTIN_HELPER_PROTOS);
  const kfuncs = new Map(base.kfuncs ?? []);
  const maps = new Map(base.maps ?? []);
  for (const [k, v] of Object.entries(options)) {
    const m = /^(helper|kfunc|map)\.(\d+)$/.exec(k);
    if (!m) continue;
    const id = Number(m[2]);
    const text = String(v);
    if (m[1] === 'map') {
      const s = /^(\d+):(\d+)$/.exec(text);
      if (!s) throw new BpfError('OPTION', `${k}: expected <key size>:<value size>, found '${text}'`, { pass: 'liveness' });
      maps.set(id, { keySize: Number(s[1]), valueSize: Number(s[2]) });
    } else if (m[1] === 'helper') helpers.set(id, parseProto(text, true, k));
    else kfuncs.set(id, parseProto(text, false, k));
  }
  return { helpers, kfuncs, maps };
}

/**
 * bpf_helper_stack_access_bytes(): bytes the helper `proto` accesses through argument `arg`
 * (0-based) at call instruction `idx`. > 0 read, < 0 write, 0 none, S64_MIN unknown.
 */
export function helperStackAccessBytes(proto: CallProto | undefined, arg: number, idx: number, facts: ConstFacts, maps: ReadonlyMap<number, MapShape>): number {
  if (proto === undefined) return S64_MIN;
  const at = proto.args[arg];
  if (at === undefined) return S64_MIN;
  let size: number;
  switch (at.kind) {
    case 'key':
    case 'value': {
      const isKey = at.kind === 'key';
      let i = 0;
      for (; i < arg; i++) if (proto.args[i]!.kind === 'map') break;
      if (i < arg) {
        const mapReg = 1 + i;
        if (facts.mapRegMask[idx]! & (1 << mapReg)) {
          const shape = maps.get(facts.regVal(idx, mapReg)!);
          if (shape !== undefined) {
            size = isKey ? shape.keySize : shape.valueSize;
            break;
          }
        }
      }
      // Map not known at this call site: the largest key/value size of all maps used.
      let val = 0;
      for (const s of maps.values()) val = Math.max(val, isKey ? s.keySize : s.valueSize);
      if (!val) return S64_MIN;
      size = val;
      break;
    }
    case 'fixed':
      size = at.size;
      break;
    case 'mem': {
      if (arg + 1 < 5) {
        const sizeReg = 1 + arg + 1;
        if (facts.constRegMask[idx]! & (1 << sizeReg)) {
          size = facts.regVal(idx, sizeReg)!;
          break;
        }
        return at.write ? 0 : MAX_BPF_STACK_BYTES;
      }
      return S64_MIN;
    }
    case 'dynptr':
      size = BPF_DYNPTR_SIZE;
      break;
    case 'stack':
      return 0;
    default:
      return S64_MIN;
  }
  return at.write ? -size : size;
}

/**
 * bpf_kfunc_stack_access_bytes(): bytes the kfunc `proto` accesses through argument `arg`
 * (0-based, 5.. are stack arguments). A size pair whose size is itself a stack argument is not
 * tracked by const-fold, so it counts as MAX_BPF_STACK (the kernel's non-constant bound).
 */
export function kfuncStackAccessBytes(proto: CallProto | undefined, arg: number, idx: number, facts: ConstFacts): number {
  if (proto === undefined) return S64_MIN;
  if (arg >= proto.args.length) return 0;
  const at = proto.args[arg]!;
  let size: number;
  switch (at.kind) {
    case 'scalar':
      return 0;
    case 'dynptr':
      size = BPF_DYNPTR_SIZE;
      break;
    case 'mem': {
      const sizeArg = arg + 1;
      if (sizeArg < 5 && facts.constRegMask[idx]! & (1 << (sizeArg + 1))) {
        size = facts.regVal(idx, sizeArg + 1)!;
        break;
      }
      return MAX_BPF_STACK_BYTES;
    }
    case 'fixed':
      size = at.size;
      break;
    default:
      return S64_MIN;
  }
  return at.write ? -size : size;
}
