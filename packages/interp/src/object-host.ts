// ObjectHost: what the programs of a clang-built BPF object expect from the kernel when they run
// outside it — their maps (array, hash and their per-CPU/LRU variants on one CPU, and libbpf's
// global-data maps .data/.rodata/.bss) as memory regions, the map helpers, bpf_loop, and a few
// deterministic helpers (ktime, prandom, trace_printk). The role of the kernel's map ops
// (array_map_lookup_elem(), htab_map_lookup_elem(), …) and bpf_loop() in kernel/bpf/bpf_iter.c.
// One host serves the interpreter and the native runtime: a map is named in programs by the
// base address of its region (what `ld_imm64 rX, map` loads), and every value lives in that
// region, so pointers returned by lookups are ordinary region pointers on both.
import { BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_IDX, BPF_PSEUDO_MAP_IDX_VALUE, BPF_PSEUDO_MAP_VALUE, BpfError } from '@bpfkit/ir';
import { MAX_REGION_SIZE, userRegionBase } from './layout.js';
import type { CallContext, ExternEntry, RegionSpec } from './options.js';

/** A map as an object file defines it (the shape of @bpfkit/decoder's MapDef). */
export interface HostMapSpec {
  readonly name: string;
  /** BPF_MAP_TYPE_* value. */
  readonly type: number;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags?: number;
  /** Initial contents of a global-data map (.data, .rodata): one value of `valueSize` bytes. */
  readonly initial?: Uint8Array;
  /** The ELF section the map came from (`.maps`, `.data`, `.rodata`, `.bss`). */
  readonly section?: string;
}

export const BPF_MAP_TYPE_HASH = 1;
export const BPF_MAP_TYPE_ARRAY = 2;
export const BPF_MAP_TYPE_PERCPU_HASH = 5;
export const BPF_MAP_TYPE_PERCPU_ARRAY = 6;
export const BPF_MAP_TYPE_LRU_HASH = 9;
export const BPF_MAP_TYPE_LRU_PERCPU_HASH = 10;

const HASH_TYPES = new Set([BPF_MAP_TYPE_HASH, BPF_MAP_TYPE_PERCPU_HASH, BPF_MAP_TYPE_LRU_HASH, BPF_MAP_TYPE_LRU_PERCPU_HASH]);
const ARRAY_TYPES = new Set([BPF_MAP_TYPE_ARRAY, BPF_MAP_TYPE_PERCPU_ARRAY]);

/** Helper ids the host implements (uapi enum bpf_func_id). */
export const HOST_HELPERS = {
  map_lookup_elem: 1,
  map_update_elem: 2,
  map_delete_elem: 3,
  ktime_get_ns: 5,
  trace_printk: 6,
  get_prandom_u32: 7,
  get_smp_processor_id: 8,
  get_current_pid_tgid: 14,
  ktime_get_boot_ns: 125,
  loop: 181,
} as const;

const BPF_ANY = 0n, BPF_NOEXIST = 1n, BPF_EXIST = 2n;
const ENOENT = 2n, E2BIG = 7n, EEXIST = 17n, EINVAL = 22n, EPERM = 1n;
/** bpf_loop's iteration limit (BPF_MAX_LOOPS, 8 Mi). */
const MAX_LOOPS = 8n * 1024n * 1024n;
const neg = (e: bigint): bigint => BigInt.asUintN(64, -e);

export interface ObjectHostOptions {
  /** Seed of the get_prandom_u32 sequence (xorshift32). Default 1. */
  readonly seed?: number;
  /** Nanoseconds ktime_get_ns advances per call. Default 1000. */
  readonly ktimeStep?: number;
}

interface HostMap {
  readonly spec: HostMapSpec;
  readonly index: number;
  readonly bytes: Uint8Array;
  readonly hash: boolean;
  /** Hash maps: key (hex) -> value slot. */
  readonly slots: Map<string, number>;
  readonly free: number[];
}

const hex = (b: Uint8Array): string => {
  let s = '';
  for (let i = 0; i < b.length; i++) s += (b[i]! < 16 ? '0' : '') + b[i]!.toString(16);
  return s;
};

export class ObjectHost {
  /** Regions to hand to the interpreter or runtime (`regions`), one per map, in map order. */
  readonly regions: readonly RegionSpec[];
  /** Helper table (`helpers`). */
  readonly helpers: ReadonlyMap<number, ExternEntry>;
  /** Lines printed by bpf_trace_printk, in order. */
  readonly printk: string[] = [];
  readonly #maps: HostMap[];
  #regionAddress: (index: number) => bigint = userRegionBase;
  #rand: number;
  #ktime = 0n;
  readonly #ktimeStep: bigint;

  constructor(maps: readonly HostMapSpec[], options: ObjectHostOptions = {}) {
    this.#rand = (options.seed ?? 1) >>> 0 || 1;
    this.#ktimeStep = BigInt(options.ktimeStep ?? 1000);
    this.#maps = maps.map((spec, index) => {
      const { keySize, valueSize, maxEntries } = spec;
      for (const [k, v] of [['keySize', keySize], ['valueSize', valueSize], ['maxEntries', maxEntries]] as const)
        if (!Number.isSafeInteger(v) || v < 0) throw new BpfError('OPTION', `map '${spec.name}': ${k} ${v} is not a size`, { pass: 'interp' });
      const size = valueSize * maxEntries;
      if (size > MAX_REGION_SIZE) throw new BpfError('OPTION', `map '${spec.name}': ${maxEntries} x ${valueSize} bytes is too large to simulate`, { pass: 'interp' });
      const bytes = new Uint8Array(size);
      if (spec.initial) bytes.set(spec.initial.subarray(0, size));
      const hash = HASH_TYPES.has(spec.type);
      return { spec, index, bytes, hash, slots: new Map(), free: hash ? [...Array(maxEntries).keys()].reverse() : [] };
    });
    this.regions = this.#maps.map((m) => ({ bytes: m.bytes, writable: m.spec.section !== '.rodata' && !m.spec.section?.startsWith('.rodata.'), name: m.spec.name }));
    const h = new Map<number, ExternEntry>();
    const def = (id: number, name: string, argCount: number, fn: ExternEntry['fn']): void => void h.set(id, { fn, argCount, name });
    def(HOST_HELPERS.map_lookup_elem, 'bpf_map_lookup_elem', 2, (c, map, key) => this.#lookup(c, map!, key!));
    def(HOST_HELPERS.map_update_elem, 'bpf_map_update_elem', 4, (c, map, key, value, flags) => this.#update(c, map!, key!, value!, flags!));
    def(HOST_HELPERS.map_delete_elem, 'bpf_map_delete_elem', 2, (c, map, key) => this.#delete(c, map!, key!));
    def(HOST_HELPERS.ktime_get_ns, 'bpf_ktime_get_ns', 0, () => (this.#ktime += this.#ktimeStep));
    def(HOST_HELPERS.ktime_get_boot_ns, 'bpf_ktime_get_boot_ns', 0, () => (this.#ktime += this.#ktimeStep));
    def(HOST_HELPERS.trace_printk, 'bpf_trace_printk', 5, (c, fmt, size, a, b, d) => this.#printk(c, fmt!, size!, [a!, b!, d!]));
    def(HOST_HELPERS.get_prandom_u32, 'bpf_get_prandom_u32', 0, () => this.#nextRandom());
    def(HOST_HELPERS.get_smp_processor_id, 'bpf_get_smp_processor_id', 0, () => 0);
    def(HOST_HELPERS.get_current_pid_tgid, 'bpf_get_current_pid_tgid', 0, () => (4242n << 32n) | 4243n);
    def(HOST_HELPERS.loop, 'bpf_loop', 4, (c, nr, fn, ctx, flags) => this.#loop(c, nr!, fn!, ctx!, flags!));
    this.helpers = h;
  }

  /**
   * The `ldImm64` resolver: BPF_PSEUDO_MAP_FD / MAP_IDX load the map (its region's base
   * address), MAP_VALUE / MAP_IDX_VALUE the address `nextImm` bytes into its value. The native
   * runtime passes `regionAddress`; the interpreter's regions sit at userRegionBase(i).
   */
  readonly ldImm64 = (kind: number, imm: number, nextImm: number, insn: number, regionAddress?: (index: number) => bigint): bigint => {
    if (regionAddress) this.#regionAddress = regionAddress;
    const m = this.#maps[imm];
    if (m === undefined || (kind !== BPF_PSEUDO_MAP_FD && kind !== BPF_PSEUDO_MAP_IDX && kind !== BPF_PSEUDO_MAP_VALUE && kind !== BPF_PSEUDO_MAP_IDX_VALUE))
      throw new BpfError('LD_IMM64_UNRESOLVED', m === undefined ? `ld_imm64 names map ${imm}; the object has ${this.#maps.length}` : `ld_imm64 kind ${kind} is not a map reference`, {
        insn, pass: 'interp', errno: 'EINVAL',
      });
    const base = this.#regionAddress(m.index);
    if (kind === BPF_PSEUDO_MAP_FD || kind === BPF_PSEUDO_MAP_IDX) return base;
    const off = nextImm >>> 0;
    if (off >= Math.max(1, m.bytes.length))
      throw new BpfError('LD_IMM64_UNRESOLVED', `invalid access to map value pointer, value_size=${m.spec.valueSize} off=${off}`, { insn, pass: 'interp', errno: 'EACCES' });
    return base + BigInt(off);
  };

  /** The current value of `key` in map `name` (a copy), or undefined — for checking results after a run. */
  lookup(name: string, key: Uint8Array): Uint8Array | undefined {
    const m = this.#maps.find((x) => x.spec.name === name);
    if (m === undefined) throw new BpfError('OPTION', `no map named '${name}'`, { pass: 'interp' });
    const slot = this.#slot(m, key);
    return slot < 0 ? undefined : m.bytes.slice(slot * m.spec.valueSize, (slot + 1) * m.spec.valueSize);
  }

  /** Keys present in map `name` (array maps: every index), each as bytes. */
  keys(name: string): Uint8Array[] {
    const m = this.#maps.find((x) => x.spec.name === name);
    if (m === undefined) throw new BpfError('OPTION', `no map named '${name}'`, { pass: 'interp' });
    if (m.hash) return [...m.slots.keys()].map((k) => Uint8Array.from(k.match(/../g) ?? [], (b) => parseInt(b, 16)));
    return [...Array(m.spec.maxEntries).keys()].map((i) => new Uint8Array(new Uint32Array([i]).buffer));
  }

  #map(c: CallContext, ptr: bigint, helper: string): HostMap {
    for (const m of this.#maps) if (this.#regionAddress(m.index) === ptr) return m;
    throw new BpfError('HELPER_ARG', `${helper}: R1 (0x${BigInt.asUintN(64, ptr).toString(16)}) is not a map`, { insn: c.insn, pass: 'interp', errno: 'EINVAL' });
  }

  #supported(c: CallContext, m: HostMap, helper: string): void {
    if (!m.hash && !ARRAY_TYPES.has(m.spec.type))
      throw new BpfError('HELPER_ARG', `${helper}: map '${m.spec.name}' of type ${m.spec.type} is not simulated (array and hash maps are)`, { insn: c.insn, pass: 'interp' });
  }

  /** Value slot of `key`, or -1. */
  #slot(m: HostMap, key: Uint8Array): number {
    if (m.hash) return m.slots.get(hex(key)) ?? -1;
    const i = key.length >= 4 ? new DataView(key.buffer, key.byteOffset, 4).getUint32(0, true) : -1;
    return i >= 0 && i < m.spec.maxEntries ? i : -1;
  }

  #lookup(c: CallContext, mapPtr: bigint, keyPtr: bigint): bigint {
    const m = this.#map(c, mapPtr, 'bpf_map_lookup_elem');
    this.#supported(c, m, 'bpf_map_lookup_elem');
    const slot = this.#slot(m, c.read(keyPtr, m.spec.keySize));
    return slot < 0 ? 0n : this.#regionAddress(m.index) + BigInt(slot * m.spec.valueSize);
  }

  #update(c: CallContext, mapPtr: bigint, keyPtr: bigint, valuePtr: bigint, flags: bigint): bigint {
    const m = this.#map(c, mapPtr, 'bpf_map_update_elem');
    this.#supported(c, m, 'bpf_map_update_elem');
    if (flags > BPF_EXIST) return neg(EINVAL);
    const key = c.read(keyPtr, m.spec.keySize);
    const value = c.read(valuePtr, m.spec.valueSize);
    let slot = this.#slot(m, key);
    if (!m.hash) {
      if (slot < 0) return neg(E2BIG);
      if (flags === BPF_NOEXIST) return neg(EEXIST);
    } else if (slot < 0) {
      if (flags === BPF_EXIST) return neg(ENOENT);
      const fresh = m.free.pop();
      if (fresh === undefined) return neg(E2BIG);
      slot = fresh;
      m.slots.set(hex(key), slot);
    } else if (flags === BPF_NOEXIST) return neg(EEXIST);
    else if (flags !== BPF_ANY && flags !== BPF_EXIST) return neg(EINVAL);
    // Through the context, not m.bytes: during a native run the live copy of the region is
    // the runtime's (copied back after the run), so a direct write would be lost.
    c.write(this.#regionAddress(m.index) + BigInt(slot * m.spec.valueSize), value);
    return 0n;
  }

  #delete(c: CallContext, mapPtr: bigint, keyPtr: bigint): bigint {
    const m = this.#map(c, mapPtr, 'bpf_map_delete_elem');
    this.#supported(c, m, 'bpf_map_delete_elem');
    if (!m.hash) return neg(EINVAL);
    const k = hex(c.read(keyPtr, m.spec.keySize));
    const slot = m.slots.get(k);
    if (slot === undefined) return neg(ENOENT);
    m.slots.delete(k);
    c.write(this.#regionAddress(m.index) + BigInt(slot * m.spec.valueSize), new Uint8Array(m.spec.valueSize));
    m.free.push(slot);
    return 0n;
  }

  #loop(c: CallContext, nr: bigint, fn: bigint, ctx: bigint, flags: bigint): bigint {
    if (flags !== 0n) return neg(EINVAL);
    if (nr > MAX_LOOPS) return neg(E2BIG);
    for (let i = 0n; i < nr; i++) if (c.call(fn, i, ctx) !== 0n) return i + 1n;
    return nr;
  }

  #nextRandom(): number {
    let x = this.#rand;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.#rand = x >>> 0;
    return this.#rand;
  }

  /** bpf_trace_printk: %d %i %u %x %ld %lu %lx %lld %llu %llx %p %s %c %%, at most three arguments. */
  #printk(c: CallContext, fmtPtr: bigint, size: bigint, args: bigint[]): bigint {
    if (size === 0n || size > 1024n) return neg(EINVAL);
    const raw = c.read(fmtPtr, Number(size));
    const end = raw.indexOf(0);
    const fmt = new TextDecoder().decode(end < 0 ? raw : raw.subarray(0, end));
    let next = 0;
    let bad = false;
    const out = fmt.replace(/%(%|l{0,2}[diuxp]|s|c)/g, (all, spec: string) => {
      if (spec === '%') return '%';
      const v = args[next++];
      if (v === undefined) return (bad = true), all;
      const conv = spec.replace(/l/g, '');
      const wide = spec.startsWith('l') || conv === 'p';
      const u = wide ? BigInt.asUintN(64, v) : BigInt.asUintN(32, v);
      switch (conv) {
        case 'd': case 'i': return (wide ? BigInt.asIntN(64, v) : BigInt.asIntN(32, v)).toString();
        case 'u': return u.toString();
        case 'x': return u.toString(16);
        case 'p': return '0x' + u.toString(16);
        case 'c': return String.fromCharCode(Number(v & 0xffn));
        default: return new TextDecoder().decode(c.cString(v));
      }
    });
    if (bad) return neg(EPERM);
    this.printk.push(out.replace(/\n$/, ''));
    return BigInt(new TextEncoder().encode(out).length);
  }
}
