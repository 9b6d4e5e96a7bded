// NativeProgram: a BPF program compiled by the x86-64 JIT and loaded into executable memory
// of this process through koffi — mmap read-write, copy the code, patch helper/kfunc call
// targets (relocations) with the bridge's or a native function's address, mprotect
// read-execute — then run any number of times by calling the entry trampoline as a function
// pointer, and freed deterministically by dispose() (munmap). The ABI of a run (the uBPF /
// bpf_conformance convention, as in @bpfkit/interp): R1 = native address of the input memory,
// R2 = its length, R3..R5 = 0 unless given; R0 is the result. The input memory and user
// regions are copied into native memory before the run and back after it. In sandbox mode the
// JIT'd code checks every access and the budget; the run status in the context block becomes
// a BpfError naming the instruction. The kernel counterpart is bpf_prog_load() (JIT +
// bpf_jit_binary_lock_ro()) followed by bpf_prog_run().
import { validate } from '@bpfkit/decoder';
import { BpfError, MAX_BPF_FUNC_REG_ARGS, MAX_CALL_FRAMES, Program, isBpfError } from '@bpfkit/ir';
import { insnAtOffset } from '@bpfkit/jit-common';
import { ctxLayout as L, jitX8664Compile, printX8664Listing, type X86CallSite, type X86JitResult } from '@bpfkit/jit-x86-64';
import { activeDepth, bridgeAddress, withActive, type BridgeTarget } from './bridge.js';
import { NativeCallContextImpl, type MemoryPolicy } from './call-context.js';
import { checkCallGraph } from './call-graph.js';
import { resolveNativeTable, type ResolvedNativeExtern } from './extern-table.js';
import { toR0 } from '@bpfkit/interp';
import { Mapping, PAGE_SIZE, callEntry, callNative12, ctxBlock, roundPages } from './native.js';
import type { NativeProgramOptions, NativeRunOptions, NativeRunResult } from './options.js';

const PASS = 'runtime';
/** The kernel's BPF_MAX_LOOPS: may_goto budget per frame. */
export const NATIVE_MAY_GOTO_BUDGET = 8 * 1024 * 1024;
/** Default budget (back edges + calls) of a sandboxed run. */
export const SANDBOX_DEFAULT_BUDGET = 100_000_000;
/** Normal mode: helpers may touch native stack within this distance of the entry's stack pointer. */
const STACK_WINDOW = 64n * 1024n;
/** Input memory that fits here lives right after the code (one mapping per program). */
const INLINE_MEM = PAGE_SIZE;

/** Thrown inside a helper when a callback it ran ended the run abnormally (the status is already set). */
class RunAborted extends Error {}

/**
 * The mapping holding code (read + execute) and inline input memory (read-write) of one
 * program, or of a batch (loadBatch): freed when the last program using it is disposed.
 */
class Slab {
  refs = 0;
  constructor(
    readonly map: Mapping,
    /** Bytes of code pages (read + execute) at the start of the mapping. */
    readonly codeBytes: number,
  ) {}

  release(): void {
    if (--this.refs === 0) this.map.free();
  }
}

/** Per-program resources the finalizer frees if dispose() was never called. */
interface Owned {
  readonly maps: Mapping[];
  slab: Slab | undefined;
}

const cleanup = new FinalizationRegistry<Owned>((o) => {
  for (const m of o.maps) m.free();
  o.slab?.release();
});

/** Programs compiled for loadBatch(), waiting for their shared mapping. */
interface PendingBatch {
  readonly items: { np: NativeProgram; code: Uint8Array }[];
}

/** Lay out and map the code of `codes` (16-byte aligned, then one inline memory page each). */
function makeSlab(codes: readonly Uint8Array[]): { slab: Slab; codeOffsets: number[]; memOffsets: number[] } {
  const codeOffsets: number[] = [];
  let at = 0;
  for (const c of codes) {
    codeOffsets.push(at);
    at = (at + c.length + 15) & ~15;
  }
  const codeBytes = roundPages(at);
  const map = new Mapping(codeBytes + codes.length * INLINE_MEM);
  try {
    codes.forEach((c, k) => map.write(codeOffsets[k]!, c));
    map.protectExec(codeBytes);
  } catch (e) {
    map.free();
    throw e;
  }
  return { slab: new Slab(map, codeBytes), codeOffsets, memOffsets: codes.map((_, k) => codeBytes + k * INLINE_MEM) };
}

interface RegionSlot {
  readonly bytes: Uint8Array;
  readonly writable: boolean;
  readonly address: bigint;
  readonly offset: number;
}

/** One (possibly nested) run: its context block and the error a helper raised. */
class RunState implements BridgeTarget {
  error: unknown = undefined;
  constructor(
    readonly program: NativeProgram,
    readonly ctx: DataView,
    readonly ctxAddress: bigint,
  ) {}

  dispatch(raw: readonly (number | bigint)[]): bigint {
    return this.program.dispatchCall(this, raw);
  }
}

export class NativeProgram {
  readonly program: Program;
  /** The JIT output that was loaded. */
  readonly jit: X86JitResult;
  readonly sandbox: boolean;
  readonly #helpers: Map<number, ResolvedNativeExtern>;
  readonly #kfuncs: Map<number, ResolvedNativeExtern>;
  readonly #sites = new Map<number, X86CallSite>();
  /** Shared code + inline-memory mapping, this program's code address and inline memory offset. */
  #slab: Slab | undefined;
  #codeAddr = 0n;
  #memOffset = 0;
  /** User regions (read-write), when there are any. */
  readonly #data: Mapping | undefined;
  /** Input memory too large for the inline page. */
  #bigMem: Mapping | undefined;
  readonly #owned: Owned = { maps: [], slab: undefined };
  readonly #regions: RegionSlot[] = [];
  readonly #funcByAddress = new Map<bigint, number>();
  readonly #budget: number;
  readonly #mayGoto: number;
  #disposed = false;

  /**
   * Compile `program` and load it: mmap read-write, copy the code, patch the call targets,
   * mprotect read + execute. (`batch` is internal to loadBatch().)
   */
  constructor(program: Program, options: NativeProgramOptions = {}, batch?: unknown) {
    if (!(program instanceof Program)) throw new BpfError('OPTION', 'NativeProgram needs a Program', { pass: PASS });
    validate(program);
    this.program = program;
    this.sandbox = options.sandbox === true;
    this.#helpers = resolveNativeTable(options.helpers, 'helper');
    this.#kfuncs = resolveNativeTable(options.kfuncs, 'kfunc');
    const budgetOn = this.sandbox || options.budget !== undefined;
    this.#budget = checkCount(options.budget ?? SANDBOX_DEFAULT_BUDGET, 'budget');
    this.#mayGoto = checkCount(options.mayGotoBudget ?? NATIVE_MAY_GOTO_BUDGET, 'mayGotoBudget');
    if (!this.sandbox) checkCallGraph(program);

    const regions = options.regions ?? [];
    if (regions.length > L.MAX_RANGES - MAX_CALL_FRAMES - 1) throw new BpfError('OPTION', `too many regions (${regions.length})`, { pass: PASS });
    const maps = this.#owned.maps;
    try {
      if (regions.length > 0) {
        let size = 0;
        const offsets = regions.map((r, i) => {
          if (!(r?.bytes instanceof Uint8Array)) throw new BpfError('OPTION', `region ${i}: bytes must be a Uint8Array`, { pass: PASS });
          const at = size;
          size += (r.bytes.length + 15) & ~15;
          return at;
        });
        const data = new Mapping(size);
        this.#data = data;
        maps.push(data);
        regions.forEach((r, i) =>
          this.#regions.push({ bytes: r.bytes, writable: r.writable ?? true, address: data.address + BigInt(offsets[i]!), offset: offsets[i]! }),
        );
      }
      const ldImm64 = options.ldImm64;
      this.jit = jitX8664Compile(program, {
        sandbox: this.sandbox,
        budget: budgetOn,
        liveRegsBefore: options.liveRegsBefore,
        ldImm64: ldImm64 === undefined ? undefined : (kind, imm, next, insn) => ldImm64(kind, imm, next, insn, (k) => this.regionAddress(k)),
      });
      for (const s of this.jit.sites) this.#sites.set(s.insn, s);

      // Code: patch call targets in a copy, copy it in, then read + execute only.
      const code = this.jit.code.slice();
      const dv = new DataView(code.buffer, code.byteOffset, code.byteLength);
      for (const s of this.jit.sites) {
        if (s.relocOffset < 0) continue;
        const e = (s.kind === 'kfunc' ? this.#kfuncs : this.#helpers).get(s.id);
        dv.setBigUint64(s.relocOffset, e?.native ?? bridgeAddress(), true);
      }
      if (batch !== undefined) (batch as PendingBatch).items.push({ np: this, code });
      else {
        const { slab, codeOffsets, memOffsets } = makeSlab([code]);
        this.#attach(slab, codeOffsets[0]!, memOffsets[0]!);
      }
    } catch (e) {
      for (const m of maps) m.free();
      throw e;
    }
    cleanup.register(this, this.#owned, this);
  }

  #attach(slab: Slab, codeOffset: number, memOffset: number): void {
    slab.refs++;
    this.#slab = slab;
    this.#owned.slab = slab;
    this.#codeAddr = slab.map.address + BigInt(codeOffset);
    this.#memOffset = memOffset;
    for (const f of this.jit.funcs) this.#funcByAddress.set(this.#codeAddr + BigInt(f.offset), f.index);
  }

  /**
   * Compile and load many programs into one mapping (one mmap, one mprotect; munmap when the
   * last of them is disposed) — for workloads that load thousands of small programs, where the
   * three system calls per program would dominate.
   */
  static loadBatch(programs: readonly Program[], options: NativeProgramOptions = {}): NativeProgram[] {
    const batch: PendingBatch = { items: [] };
    let made: ReturnType<typeof makeSlab>;
    try {
      for (const p of programs) new NativeProgram(p, options, batch);
      made = makeSlab(batch.items.map((x) => x.code));
    } catch (e) {
      for (const x of batch.items) x.np.dispose();
      throw e;
    }
    batch.items.forEach((x, k) => x.np.#attach(made.slab, made.codeOffsets[k]!, made.memOffsets[k]!));
    return batch.items.map((x) => x.np);
  }

  /** Native address of user region `index` (stable for the program's lifetime). */
  regionAddress(index: number): bigint {
    const r = this.#regions[index];
    if (r === undefined) throw new BpfError('OPTION', `no region ${index}`, { pass: PASS });
    return r.address;
  }

  /** Native address of the code. */
  get codeAddress(): bigint {
    this.#live();
    return this.#codeAddr;
  }

  /** Native address of function `index` (what ld_imm64 BPF_PSEUDO_FUNC loads). */
  functionAddress(index: number): bigint {
    const f = this.jit.funcs[index];
    if (f === undefined) throw new BpfError('OPTION', `no function ${index}`, { pass: PASS });
    return this.codeAddress + BigInt(f.offset);
  }

  get disposed(): boolean {
    return this.#disposed;
  }

  /** The JIT listing (kernel syntax + machine code). */
  listing(): string {
    return printX8664Listing(this.jit, this.program);
  }

  /** Free the executable and data mappings (munmap). Idempotent; the program cannot run afterwards. */
  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    cleanup.unregister(this);
    for (const m of this.#owned.maps) m.free();
    this.#slab?.release();
    this.#slab = undefined;
  }

  #live(): void {
    if (this.#disposed) throw new BpfError('DISPOSED', 'the native program was disposed', { pass: PASS });
    if (this.#slab === undefined) throw new BpfError('INTERNAL', 'the native program is not loaded yet', { pass: PASS });
  }

  run(options: NativeRunOptions = {}): NativeRunResult {
    this.#live();
    const p = this.program;
    const mem = options.mem ?? new Uint8Array(0);
    if (!(mem instanceof Uint8Array)) throw new BpfError('OPTION', 'mem must be a Uint8Array', { pass: PASS });
    const args = options.args ?? [];
    if (args.length > MAX_BPF_FUNC_REG_ARGS || args.some((a) => typeof a !== 'bigint'))
      throw new BpfError('OPTION', `args must be at most ${MAX_BPF_FUNC_REG_ARGS} bigints (R1..R5)`, { pass: PASS });
    const entry = options.entry ?? 0;
    const ef = p.funcAt(entry);
    if (ef === undefined) throw new BpfError('OPTION', `entry ${entry} is not the start of a function`, { pass: PASS });
    const budget = options.budget === undefined ? this.#budget : checkCount(options.budget, 'budget');

    // Input memory: inline after the code, or a mapping of its own when larger.
    let memMap = this.#slab!.map;
    let memOff = this.#memOffset;
    if (mem.length > INLINE_MEM) {
      if (this.#bigMem === undefined || this.#bigMem.size < mem.length) {
        const maps = this.#owned.maps;
        if (this.#bigMem !== undefined) {
          this.#bigMem.free();
          maps.splice(maps.indexOf(this.#bigMem), 1);
        }
        this.#bigMem = new Mapping(mem.length);
        maps.push(this.#bigMem);
      }
      memMap = this.#bigMem;
      memOff = 0;
    }
    memMap.write(memOff, mem);
    const memAddr = memMap.address + BigInt(memOff);
    const writable = options.memWritable ?? true;
    if (this.#data !== undefined) for (const r of this.#regions) this.#data.write(r.offset, r.bytes);

    const block = ctxBlock(activeDepth());
    const c = block.view;
    const run = new RunState(this, c, block.address);
    c.setBigUint64(L.CTX_SAVED_RSP, 0n, true);
    c.setUint32(L.CTX_STATUS, L.STATUS_OK, true);
    c.setUint32(L.CTX_CUR_INSN, 0, true);
    c.setBigUint64(L.CTX_EXIT_VALUE, 0n, true);
    c.setBigUint64(L.CTX_MEM_BASE, memAddr, true);
    c.setBigUint64(L.CTX_MEM_LEN, BigInt(mem.length), true);
    c.setBigUint64(L.CTX_ENTRY_TARGET, this.#codeAddr + BigInt(this.jit.funcs[ef.index]!.offset), true);
    c.setBigUint64(L.CTX_BUDGET, BigInt(budget + 1), true);
    c.setBigUint64(L.CTX_MAY_GOTO, BigInt(this.#mayGoto), true);
    c.setBigUint64(L.CTX_CALLX_BRIDGE, bridgeAddress(), true);
    for (let k = 0; k < 4; k++) {
      const size = 1 << k;
      const lim = mem.length >= size ? BigInt(mem.length - size + 1) : 0n;
      c.setBigUint64(L.CTX_MEM_RLIM + 8 * k, lim, true);
      c.setBigUint64(L.CTX_MEM_WLIM + 8 * k, writable ? lim : 0n, true);
    }
    let n = 0;
    const range = (base: bigint, rlen: number, wlen: number): void => {
      const at = L.CTX_RANGES + n * L.RANGE_SIZE;
      c.setBigUint64(at + L.RANGE_BASE, base, true);
      c.setBigUint64(at + L.RANGE_RLEN, BigInt(rlen), true);
      c.setBigUint64(at + L.RANGE_WLEN, BigInt(wlen), true);
      n++;
    };
    range(memAddr, mem.length, writable ? mem.length : 0);
    for (const r of this.#regions) range(r.address, r.bytes.length, r.writable ? r.bytes.length : 0);
    c.setBigUint64(L.CTX_NRANGES, BigInt(n), true);
    c.setBigUint64(L.CTX_MAXRANGES, BigInt(n + MAX_CALL_FRAMES), true);

    const regs = [memAddr, BigInt(mem.length), 0n, 0n, 0n];
    args.forEach((a, i) => (regs[i] = BigInt.asUintN(64, a)));
    let ret: bigint;
    try {
      ret = withActive(run, () => callEntry(regs[0]!, regs[1]!, regs[2]!, regs[3]!, regs[4]!, block.address));
    } finally {
      if (writable) memMap.read(memOff, mem);
      if (this.#data !== undefined) for (const r of this.#regions) if (r.writable) this.#data.read(r.offset, r.bytes);
    }
    const status = c.getUint32(L.CTX_STATUS, true);
    if (status === L.STATUS_OK) return { r0: BigInt.asUintN(64, ret) };
    if (status === L.STATUS_EXIT) return { r0: c.getBigUint64(L.CTX_EXIT_VALUE, true) };
    throw this.#statusError(run, status);
  }

  /** The BPF instruction at native code address `site` (a return address: the call ends there). */
  #insnAtSite(site: bigint): number {
    const off = Number(site - this.#codeAddr) - 1;
    for (const f of this.jit.funcs) {
      if (off < f.offset || off >= f.offset + f.size) continue;
      if (off < f.bodyOffset) return f.start;
      return Math.min(Math.max(insnAtOffset(this.jit.insnOffsets, off), f.start), f.end - 1);
    }
    return -1;
  }

  #statusError(run: RunState, status: number): BpfError {
    const c = run.ctx;
    const site = c.getBigUint64(L.CTX_ERR_SITE, true);
    const insn = this.#insnAtSite(site);
    switch (status) {
      case L.STATUS_HELPER_ERROR: {
        const e = run.error;
        if (isBpfError(e)) return e;
        return new BpfError('HELPER_ERROR', `helper failed: ${String(e)}`, { insn: c.getUint32(L.CTX_CUR_INSN, true), pass: PASS, cause: e });
      }
      case L.STATUS_MEM_OOB: {
        const addr = c.getBigUint64(L.CTX_ERR_ADDR, true);
        const sz = Number(c.getBigUint64(L.CTX_ERR_SIZE, true));
        const size = sz & 0xff;
        const write = (sz & 0x100) !== 0;
        let readable = false;
        if (write) for (const [base, rlen] of this.#rangeList(run)) if (addr >= base && addr - base + BigInt(size) <= BigInt(rlen)) readable = true;
        const what = `${write ? 'write' : 'read'} of ${size} byte${size === 1 ? '' : 's'} at 0x${addr.toString(16)}`;
        return readable
          ? new BpfError('MEM_RDONLY', `invalid ${what}: read-only region`, { insn, pass: PASS, errno: 'EACCES' })
          : new BpfError('MEM_OOB', `invalid ${what}: outside the input memory, the regions and the live stack frames`, { insn, pass: PASS, errno: 'EACCES' });
      }
      case L.STATUS_MISALIGNED: {
        const addr = c.getBigUint64(L.CTX_ERR_ADDR, true);
        const size = Number(c.getBigUint64(L.CTX_ERR_SIZE, true)) & 0xff;
        return new BpfError('MISALIGNED', `misaligned ${size}-byte atomic access at 0x${addr.toString(16)}`, { insn, pass: PASS, errno: 'EACCES' });
      }
      case L.STATUS_BUDGET:
        return new BpfError('BUDGET', `budget exhausted at insn ${insn}`, { insn, pass: PASS, errno: 'E2BIG' });
      case L.STATUS_CALL_DEPTH:
        return new BpfError('CALL_DEPTH', `the call stack of ${MAX_CALL_FRAMES + 1} frames is too deep !`, { insn, pass: PASS, errno: 'E2BIG' });
      case L.STATUS_CALLX_TARGET:
        return new BpfError('CALLX_TARGET', 'callx target is neither a function pointer nor a helper id', { insn, pass: PASS, errno: 'EINVAL' });
      case L.STATUS_FELL_OFF:
        return new BpfError('FELL_OFF', 'execution ran past the last instruction of a function', { insn, pass: PASS });
      default:
        return new BpfError('INTERNAL', `native run ended with unknown status ${status}`, { insn, pass: PASS });
    }
  }

  *#rangeList(run: RunState): Iterable<readonly [bigint, number, number]> {
    const c = run.ctx;
    const n = Number(c.getBigUint64(L.CTX_NRANGES, true));
    for (let k = 0; k < Math.min(n, L.MAX_RANGES); k++) {
      const at = L.CTX_RANGES + k * L.RANGE_SIZE;
      yield [c.getBigUint64(at + L.RANGE_BASE, true), Number(c.getBigUint64(at + L.RANGE_RLEN, true)), Number(c.getBigUint64(at + L.RANGE_WLEN, true))];
    }
    if (!this.sandbox) {
      const sp = c.getBigUint64(L.CTX_SAVED_RSP, true);
      yield [sp - STACK_WINDOW, Number(2n * STACK_WINDOW), Number(2n * STACK_WINDOW)];
    }
  }

  /** One helper/kfunc/callx call from JIT'd code (through the bridge). @internal */
  dispatchCall(run: RunState, raw: readonly (number | bigint)[]): bigint {
    const c = run.ctx;
    const insn = c.getUint32(L.CTX_CUR_INSN, true);
    try {
      const site = this.#sites.get(insn);
      if (site === undefined) throw new BpfError('INTERNAL', `no call site recorded for insn ${insn}`, { insn, pass: PASS });
      const kind = site.kind === 'kfunc' ? 2 : 0;
      const id = site.kind === 'callx' ? Number(c.getBigUint64(L.CTX_CUR_ID, true)) : site.id;
      const e = (kind === 2 ? this.#kfuncs : this.#helpers).get(id);
      if (e === undefined) {
        if (kind === 2)
          throw new BpfError('KFUNC_UNKNOWN', `calling kernel function btf_id ${id} is not allowed (no such kfunc in the table)`, { insn, pass: PASS, errno: 'EACCES' });
        throw new BpfError('HELPER_UNKNOWN', `invalid func unknown#${id}`, { insn, pass: PASS, errno: 'EINVAL' });
      }
      const argc = e.argCount ?? (kind === 2 ? MAX_BPF_FUNC_REG_ARGS + site.outSlots : MAX_BPF_FUNC_REG_ARGS);
      const args: bigint[] = [];
      for (let k = 0; k < argc; k++) args.push(BigInt(raw[k]!));
      if (e.native !== undefined) return callNative12(e.native, args);
      const frames = this.sandbox ? Number(c.getBigUint64(L.CTX_NRANGES, true)) - 1 - this.#regions.length : 1;
      const policy: MemoryPolicy = {
        ranges: () => this.#rangeList(run),
        invoke: (fn, a, at) => this.#invoke(run, fn, a, at),
      };
      const ctx = new NativeCallContextImpl(insn, Math.max(0, frames - 1), id, kind, policy);
      let r: unknown;
      try {
        r = e.fn!(ctx, ...args);
      } catch (err) {
        if (err instanceof RunAborted) return 0n;
        if (isBpfError(err)) throw err.insn >= 0 ? err : new BpfError(err.code, err.message, { insn, pass: err.pass ?? PASS, errno: err.errno, cause: err });
        const msg = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        throw new BpfError('HELPER_ERROR', `${e.name} threw ${msg}`, { insn, pass: PASS, cause: err });
      }
      const r0 = toR0(r as bigint, e.name, insn, 'runtime');
      if (ctx.exitRequested && c.getUint32(L.CTX_STATUS, true) === L.STATUS_OK) {
        c.setBigUint64(L.CTX_EXIT_VALUE, ctx.exitValue, true);
        c.setUint32(L.CTX_STATUS, L.STATUS_EXIT, true);
      }
      return r0;
    } catch (err) {
      if (c.getUint32(L.CTX_STATUS, true) === L.STATUS_OK) {
        run.error = err;
        c.setUint32(L.CTX_STATUS, L.STATUS_HELPER_ERROR, true);
      }
      return 0n;
    }
  }

  /** CallContext.call: run the function at code address `fn` nested in the current run. */
  #invoke(run: RunState, fn: bigint, args: readonly bigint[], insn: number): bigint {
    const c = run.ctx;
    const v = BigInt.asUintN(64, BigInt(fn));
    const fi = this.#funcByAddress.get(v);
    if (fi === undefined) throw new BpfError('CALLX_TARGET', `callback 0x${v.toString(16)} is not a function pointer`, { insn, pass: PASS, errno: 'EINVAL' });
    if ((this.program.funcs[fi]!.argCount ?? 0) > MAX_BPF_FUNC_REG_ARGS)
      throw new BpfError('TOO_MANY_ARGS', 'callback subprog cannot have stack args', { insn, pass: PASS, errno: 'EINVAL' });
    if (args.length > MAX_BPF_FUNC_REG_ARGS || args.some((a) => typeof a !== 'bigint'))
      throw new BpfError('OPTION', `a callback takes at most ${MAX_BPF_FUNC_REG_ARGS} bigint arguments`, { insn, pass: PASS });
    if (c.getUint32(L.CTX_STATUS, true) !== L.STATUS_OK) throw new RunAborted();
    const regs = [0n, 0n, 0n, 0n, 0n];
    args.forEach((a, k) => (regs[k] = BigInt.asUintN(64, a)));
    const savedTarget = c.getBigUint64(L.CTX_ENTRY_TARGET, true);
    const savedInsn = c.getUint32(L.CTX_CUR_INSN, true);
    c.setBigUint64(L.CTX_ENTRY_TARGET, v, true);
    let ret: bigint;
    try {
      ret = callEntry(regs[0]!, regs[1]!, regs[2]!, regs[3]!, regs[4]!, run.ctxAddress);
    } finally {
      c.setBigUint64(L.CTX_ENTRY_TARGET, savedTarget, true);
      c.setUint32(L.CTX_CUR_INSN, savedInsn, true);
    }
    const status = c.getUint32(L.CTX_STATUS, true);
    if (status === L.STATUS_EXIT) return c.getBigUint64(L.CTX_EXIT_VALUE, true);
    if (status !== L.STATUS_OK) throw new RunAborted();
    return BigInt.asUintN(64, ret);
  }
}

function checkCount(b: unknown, what: string): number {
  if (typeof b !== 'number' || !Number.isSafeInteger(b) || b < 0)
    throw new BpfError('OPTION', `${what} must be a non-negative integer, not ${String(b)}`, { pass: PASS });
  return b;
}

/** Compile, load, run once, free: R0 of `program` run natively. */
export function runNative(program: Program, options: NativeProgramOptions & NativeRunOptions = {}): bigint {
  const np = new NativeProgram(program, options);
  try {
    return np.run(options).r0;
  } finally {
    np.dispose();
  }
}
