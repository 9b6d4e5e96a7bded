// Program: the immutable, struct-of-arrays form of a BPF program shared by every pass.
// Instruction slots are numbered as in the kernel (ld_imm64 = two slots), so indices match
// verifier logs. Derived facts (subprograms, CFG, basic blocks) are computed once and cached;
// the arrays are never written after construction. Subprogram discovery mirrors the kernel's
// add_subprog_and_kfunc(): function starts are insn 0, every `call pc+N` target and every
// ld_imm64 BPF_PSEUDO_FUNC target.
import { BpfError } from './error.js';
import { BPF_LD_IMM64, BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC, BPF_CALL_OPCODE } from './opcodes.js';
import type { Insn } from './insn.js';
import { type Cfg, buildCfg } from './cfg.js';

/** User-supplied facts about one function, keyed by its first instruction. */
export interface FuncMeta {
  readonly start: number;
  readonly name?: string;
  /** Number of C arguments (0–12); from BTF func_info, or given by the user. */
  readonly argCount?: number;
}

/** One discovered subprogram (function), the kernel's `struct bpf_subprog_info` subset. */
export interface FuncInfo {
  /** Position in `program.funcs` (the kernel's subprog number: `func#N`). */
  readonly index: number;
  /** First instruction. */
  readonly start: number;
  /** One past the last instruction. */
  readonly end: number;
  readonly name: string | undefined;
  readonly argCount: number | undefined;
}

export interface ProgramArrays {
  readonly code: Uint8Array;
  readonly dst: Uint8Array;
  readonly src: Uint8Array;
  readonly off: Int16Array;
  readonly imm: Int32Array;
}

export interface ProgramOptions {
  readonly funcs?: readonly FuncMeta[];
  /**
   * Targets of every `call pc+N` and PSEUDO_FUNC ld_imm64, when the caller has just scanned
   * the instructions anyway (the decoder's validation does); saves the discovery pass.
   * Must be complete and in range — pass it only from code that checked it.
   */
  readonly callTargets?: readonly number[];
}

export class Program implements ProgramArrays {
  /** Number of instruction slots. */
  readonly length: number;
  readonly code: Uint8Array;
  readonly dst: Uint8Array;
  readonly src: Uint8Array;
  readonly off: Int16Array;
  readonly imm: Int32Array;
  /** Subprograms in ascending start order; `funcs[0]` starts at 0. */
  readonly funcs: readonly FuncInfo[];
  readonly meta: readonly FuncMeta[];
  #cfg: Cfg | undefined;
  #funcOf: Uint32Array | undefined;

  /** Takes ownership of the arrays (callers must not keep writing to them). */
  constructor(arrays: ProgramArrays, options: ProgramOptions = {}) {
    const n = arrays.code.length;
    if (arrays.dst.length !== n || arrays.src.length !== n || arrays.off.length !== n || arrays.imm.length !== n)
      throw new BpfError('INTERNAL', 'program arrays have different lengths');
    this.length = n;
    this.code = arrays.code;
    this.dst = arrays.dst;
    this.src = arrays.src;
    this.off = arrays.off;
    this.imm = arrays.imm;
    this.meta = options.funcs ?? [];
    this.funcs = discoverFuncs(this, this.meta, options.callTargets);
  }

  /** Function index of every slot (built on first use). */
  get funcOf(): Uint32Array {
    if (this.#funcOf === undefined) {
      const f = new Uint32Array(this.length);
      for (const fn of this.funcs) f.fill(fn.index, fn.start, fn.end);
      this.#funcOf = f;
    }
    return this.#funcOf;
  }

  static fromInsns(insns: readonly Insn[], options: ProgramOptions = {}): Program {
    const n = insns.length;
    const a = { code: new Uint8Array(n), dst: new Uint8Array(n), src: new Uint8Array(n), off: new Int16Array(n), imm: new Int32Array(n) };
    for (let i = 0; i < n; i++) {
      const x = insns[i]!;
      a.code[i] = x.code;
      a.dst[i] = x.dst;
      a.src[i] = x.src;
      a.off[i] = x.off;
      a.imm[i] = x.imm;
    }
    return new Program(a, options);
  }

  static empty(): Program {
    return Program.fromInsns([]);
  }

  /** A new Program sharing these instruction arrays with different function metadata. */
  withFuncs(funcs: readonly FuncMeta[]): Program {
    return new Program(this, { funcs });
  }

  /** The instruction at slot `i` as an object. */
  insn(i: number): Insn {
    return { code: this.code[i]!, dst: this.dst[i]!, src: this.src[i]!, off: this.off[i]!, imm: this.imm[i]! };
  }

  /** All slots as objects (tests, printing). */
  insns(): Insn[] {
    const out: Insn[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.insn(i);
    return out;
  }

  /** Is slot `i` the second half of an ld_imm64? */
  isSecondHalf(i: number): boolean {
    return i > 0 && this.code[i - 1] === BPF_LD_IMM64 && this.code[i] === 0;
  }

  /** 64-bit immediate of the ld_imm64 at slot `i` (unsigned). */
  imm64(i: number): bigint {
    const lo = BigInt(this.imm[i]! >>> 0);
    const hi = BigInt(i + 1 < this.length ? this.imm[i + 1]! >>> 0 : 0);
    return (hi << 32n) | lo;
  }

  /** Function that contains slot `i`. */
  func(i: number): FuncInfo {
    return this.funcs[this.funcOf[i]!]!;
  }

  /** Function whose first instruction is `start`, if any. */
  funcAt(start: number): FuncInfo | undefined {
    if (start < 0 || start >= this.length) return undefined;
    const f = this.funcs[this.funcOf[start]!]!;
    return f.start === start ? f : undefined;
  }

  /** Control-flow graph (successors, basic blocks), built on first use. */
  get cfg(): Cfg {
    return (this.#cfg ??= buildCfg(this));
  }

  /** Structural equality of the instruction slots (metadata ignored). */
  sameInsns(other: Program): boolean {
    if (other.length !== this.length) return false;
    for (let i = 0; i < this.length; i++)
      if (
        this.code[i] !== other.code[i] ||
        this.dst[i] !== other.dst[i] ||
        this.src[i] !== other.src[i] ||
        this.off[i] !== other.off[i] ||
        this.imm[i] !== other.imm[i]
      )
        return false;
    return true;
  }
}

function discoverFuncs(p: ProgramArrays, meta: readonly FuncMeta[], callTargets: readonly number[] | undefined): FuncInfo[] {
  const n = p.code.length;
  if (n === 0) return [];
  // Function starts are few: collect them in a small array rather than an n-sized bitmap.
  const starts: number[] = [0];
  const codes = p.code;
  const srcs = p.src;
  const imms = p.imm;
  if (callTargets) for (const t of callTargets) starts.push(t);
  for (let i = 0; i < (callTargets ? 0 : n); i++) {
    const code = codes[i]!;
    if (code !== BPF_CALL_OPCODE && code !== BPF_LD_IMM64) continue;
    const src = srcs[i]!;
    if (!(code === BPF_CALL_OPCODE ? src === BPF_PSEUDO_CALL : src === BPF_PSEUDO_FUNC)) continue;
    const target = i + 1 + imms[i]!;
    if (target < 0 || target >= n)
      throw new BpfError('CALL_OUT_OF_RANGE', `call to invalid destination`, { insn: i, errno: 'EINVAL' });
    starts.push(target);
  }
  for (const m of meta) {
    if (!Number.isInteger(m.start) || m.start < 0 || m.start >= n)
      throw new BpfError('OPTION', `function metadata names start ${m.start}, outside the program (0..${n - 1})`);
    if (m.argCount !== undefined && (!Number.isInteger(m.argCount) || m.argCount < 0 || m.argCount > 12))
      throw new BpfError('TOO_MANY_ARGS', `function at ${m.start} declares ${m.argCount} arguments; at most 12 are supported`, { insn: m.start });
    starts.push(m.start);
  }
  // A typed-array sort is numeric and fast even for many thousands of call targets.
  const sorted = Int32Array.from(starts).sort();
  const byStart = new Map<number, FuncMeta>();
  for (const m of meta) byStart.set(m.start, { ...byStart.get(m.start), ...m });
  const funcs: FuncInfo[] = [];
  const k = sorted.length;
  for (let j = 0; j < k; j++) {
    const start = sorted[j]!;
    if (j > 0 && start === sorted[j - 1]) continue;
    let q = j + 1;
    while (q < k && sorted[q] === start) q++;
    const end = q < k ? sorted[q]! : n;
    const m = byStart.size > 0 ? byStart.get(start) : undefined;
    funcs.push({ index: funcs.length, start, end, name: m?.name, argCount: m?.argCount });
  }
  return funcs;
}
