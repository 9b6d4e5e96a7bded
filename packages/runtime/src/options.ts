// The runtime's public option and result types: helpers and kfuncs (JS functions or native
// addresses), user regions, the sandbox switch, budgets, and what a helper sees of the run
// (NativeCallContext — the same shape as @bpfkit/interp's CallContext, so helper tables such
// as the conformance suite's run unchanged on both). Plain data, buildable literally.

/** What a helper or kfunc receives besides its arguments: the call site and memory access. */
export interface NativeCallContext {
  /** Instruction index of the call. */
  readonly insn: number;
  /** Call-frame depth of the caller when the sandbox tracks frames, else 0. */
  readonly frame: number;
  /** Helper id or kfunc BTF id. */
  readonly id: number;
  /** 0 = helper, 2 = kfunc (BPF_PSEUDO_KFUNC_CALL). */
  readonly kind: number;
  /** Copy of `len` bytes at `addr`; BpfError MEM_OOB unless the range lies in one allowed region. */
  read(addr: bigint, len: number): Uint8Array;
  /** Live view of `len` bytes at `addr`; `writable` requires a writable region. */
  view(addr: bigint, len: number, writable?: boolean): Uint8Array;
  write(addr: bigint, bytes: Uint8Array): void;
  load(addr: bigint, size: 1 | 2 | 4 | 8): bigint;
  store(addr: bigint, size: 1 | 2 | 4 | 8, value: bigint): void;
  /** Bytes of the NUL-terminated string at `addr` (without the NUL). */
  cString(addr: bigint, max?: number): Uint8Array;
  /** End the program when this call returns, with R0 = `r0`. */
  exit(r0: bigint): void;
  /** Run the BPF function at code address `fn` with R1..R5 = `args` (bpf_loop-style callbacks). */
  call(fn: bigint, ...args: bigint[]): bigint;
}

/** Result a helper may return: bigint (mod 2^64), integer number, boolean, or nothing (0). */
export type NativeExternResult = bigint | number | boolean | void | undefined;

export type NativeExternFn = (ctx: NativeCallContext, ...args: bigint[]) => NativeExternResult;

export interface NativeExternEntry {
  /** A JS implementation (bridged through a koffi callback)… */
  readonly fn?: NativeExternFn;
  /** …or the address of a native function taking up to 12 u64 arguments (SysV), called directly. */
  readonly native?: bigint;
  /** C argument count; helpers default to 5, kfuncs to 5 + the outgoing slots written before the call. */
  readonly argCount?: number;
  readonly name?: string;
}

export type NativeExternTable =
  | ReadonlyMap<number, NativeExternFn | NativeExternEntry>
  | { readonly [id: number]: NativeExternFn | NativeExternEntry };

export interface NativeRegionSpec {
  /** Initial and final contents: copied into native memory before a run and back after it. */
  readonly bytes: Uint8Array;
  readonly writable?: boolean;
  readonly name?: string;
}

/** Pseudo ld_imm64 resolver; `regionAddress(i)` is the native address of user region i. */
export type NativeLdImm64Resolver = (kind: number, imm: number, nextImm: number, insn: number, regionAddress: (index: number) => bigint) => bigint;

export interface NativeProgramOptions {
  readonly helpers?: NativeExternTable;
  readonly kfuncs?: NativeExternTable;
  readonly regions?: readonly NativeRegionSpec[];
  readonly ldImm64?: NativeLdImm64Resolver;
  /**
   * Bounds-check every load, store and atomic (and helper memory access) against the input
   * memory, the user regions and the live frames' stacks; bound the call depth; count a budget.
   * A violation ends the run with a BpfError. Default false.
   */
  readonly sandbox?: boolean;
  /** Back-edge + call budget per run (enables budget checks). Default: none, or 100 000 000 in the sandbox. */
  readonly budget?: number;
  /** may_goto budget per frame (default BPF_MAX_LOOPS = 8 Mi, as the interpreter). */
  readonly mayGotoBudget?: number;
  /**
   * Register liveness for the JIT (@bpfkit/liveness's `liveRegsBefore`): dead writes to R6..R9
   * are dropped and fewer registers saved. Optional; see X86JitOptions.liveRegsBefore.
   */
  readonly liveRegsBefore?: Uint16Array;
}

export interface NativeRunOptions {
  /** Input memory: R1 = its native address, R2 = its length (the uBPF / bpf_conformance convention). */
  readonly mem?: Uint8Array;
  /** Copy the memory back after the run? Default true (the program writes it in place, as in the interpreter). */
  readonly memWritable?: boolean;
  /** Initial R1..R5 overriding the defaults (R1 = mem address, R2 = mem length, others 0). */
  readonly args?: readonly bigint[];
  /** Start at this function start instead of instruction 0. */
  readonly entry?: number;
  /** Per-run budget override (only when budget checks were compiled in). */
  readonly budget?: number;
}

export interface NativeRunResult {
  /** R0 at the final exit (unsigned 64-bit). */
  readonly r0: bigint;
}
