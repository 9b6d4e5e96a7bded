// The interpreter's public option and result types: what a run is given (input memory,
// extra regions, helper and kfunc tables, budgets, trace switch) and what it returns.
// Plain data so callers (CLI, JIT differential tests, fuzzers) can build them literally.
import type { Trace } from './trace.js';

/** What a helper or kfunc receives besides its arguments: the call site and memory access. */
export interface CallContext {
  /** Instruction index of the call. */
  readonly insn: number;
  /** Call-frame depth of the caller (0 = main program). */
  readonly frame: number;
  /** Helper id (`call imm`, callx) or kfunc BTF id. */
  readonly id: number;
  /** `call` kind: 0 = helper, 2 = kfunc (BPF_PSEUDO_KFUNC_CALL). */
  readonly kind: number;
  /** Copy of `len` bytes at `addr`; BpfError MEM_OOB unless the whole range is in one live region. */
  read(addr: bigint, len: number): Uint8Array;
  /** Live view of `len` bytes at `addr` (writes go to BPF memory); `writable` requires a writable region. */
  view(addr: bigint, len: number, writable?: boolean): Uint8Array;
  /** Copy `bytes` to `addr`; the region must be writable. */
  write(addr: bigint, bytes: Uint8Array): void;
  /** Little-endian unsigned load of 1, 2, 4 or 8 bytes. */
  load(addr: bigint, size: 1 | 2 | 4 | 8): bigint;
  /** Little-endian store of the low `size` bytes of `value`. */
  store(addr: bigint, size: 1 | 2 | 4 | 8, value: bigint): void;
  /** Bytes of the NUL-terminated string at `addr` (without the NUL); faults if no NUL within `max`. */
  cString(addr: bigint, max?: number): Uint8Array;
  /** End the program when this call returns, with R0 = `r0` (the bpf_conformance "unwind" convention). */
  exit(r0: bigint): void;
  /**
   * Run the BPF function at code pointer `fn` (what `ld_imm64 rX, BPF_PSEUDO_FUNC` loads) in a
   * new frame with R1..R5 = `args`, and return its R0 — how callback helpers such as
   * bpf_loop or bpf_for_each_map_elem call back into the program.
   */
  call(fn: bigint, ...args: bigint[]): bigint;
}

/** Result a helper/kfunc may return: bigint (taken mod 2^64), number (integer), boolean, or nothing (0). */
export type ExternResult = bigint | number | boolean | void | undefined;

/** A helper or kfunc: receives the context, then its arguments R1..R5 and, for kfuncs, args 6..12. */
export type ExternFn = (ctx: CallContext, ...args: bigint[]) => ExternResult;

/** A table entry: the function, optionally its argument count (0–12) and a name for messages. */
export interface ExternEntry {
  readonly fn: ExternFn;
  /**
   * C argument count. Helpers default to 5 (R1..R5). Kfuncs default to 5 plus the number of
   * outgoing stack-argument slots the caller has written (highest slot + 1); when given, the
   * caller must have written every slot up to it.
   */
  readonly argCount?: number;
  readonly name?: string;
}

/** Helpers by id or kfuncs by BTF id: a Map, or a plain object keyed by the decimal id. */
export type ExternTable =
  | ReadonlyMap<number, ExternFn | ExternEntry>
  | { readonly [id: number]: ExternFn | ExternEntry };

/** A user-registered memory region (a map value, a packet, a ring buffer …). */
export interface RegionSpec {
  /** Backing bytes; the program reads and writes them in place (no copy). */
  readonly bytes: Uint8Array;
  /** Stores allowed? Default true. */
  readonly writable?: boolean;
  /** Name used in fault messages. */
  readonly name?: string;
}

/** Resolves a pseudo `ld_imm64` (src 1, 2, 3, 5, 6) to the 64-bit value the program sees. */
export type LdImm64Resolver = (kind: number, imm: number, nextImm: number, insn: number) => bigint;

/** Options fixed for an Interpreter instance (program-wide). */
export interface InterpreterOptions {
  /** Helper functions by id (`call N`, `callx` with a small integer). Default: none. */
  readonly helpers?: ExternTable;
  /** Kfuncs by BTF id (`call` with src 2). Default: none. */
  readonly kfuncs?: ExternTable;
  /** Extra memory regions; region i starts at `userRegionBase(i)`. */
  readonly regions?: readonly RegionSpec[];
  /** Pseudo ld_imm64 resolver (maps, BTF ids). BPF_PSEUDO_FUNC is resolved internally. */
  readonly ldImm64?: LdImm64Resolver;
  /** Instruction budget per run (instructions executed). Default 100_000_000; Infinity for none. */
  readonly budget?: number;
  /**
   * may_goto budget per call frame: the jump is taken once this many may_goto instructions
   * have fallen through in the frame. Default BPF_MAX_LOOPS = 8 * 1024 * 1024 (the kernel's
   * count-based implementation, do_misc_fixups()).
   */
  readonly mayGotoBudget?: number;
}

/** Options of one run. */
export interface RunOptions {
  /** Input memory (the context): R1 = its address, R2 = its length (the uBPF / bpf_conformance convention). */
  readonly mem?: Uint8Array;
  /** Is the input memory writable? Default true. */
  readonly memWritable?: boolean;
  /** Initial R1..R5 overriding the defaults (R1 = mem address, R2 = mem length, others 0). */
  readonly args?: readonly bigint[];
  /** Start at this instruction (a function start) instead of 0. */
  readonly entry?: number;
  /** Record the path in the shape of the kernel's jump history (see trace.ts). */
  readonly trace?: boolean;
  /** Most trace entries to record before failing with TRACE_LIMIT. Default 4 Mi. */
  readonly traceLimit?: number;
  /** Per-run override of InterpreterOptions.budget. */
  readonly budget?: number;
}

/** Result of a run. */
export interface RunResult {
  /** R0 at the final exit, as an unsigned 64-bit value. */
  readonly r0: bigint;
  /** Instructions executed (ld_imm64 counts once). */
  readonly steps: number;
  /** The path, when `trace` was requested. */
  readonly trace?: Trace;
}
