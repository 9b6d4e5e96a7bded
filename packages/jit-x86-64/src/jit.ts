// The x86-64 JIT driver: bpf_int_jit_compile() + do_jit()'s outer structure. One pass emits
// the stubs, then every function (prologue, each instruction through the lowering switch,
// epilogue) and returns the layout; sizeByFixpoint() repeats passes until the layout is stable
// and runs the final pass. Branch helpers here choose rel8 or rel32 from the previous pass's
// layout exactly as the kernel does from `addrs[]` (first pass: all long). The layout vector
// holds, in order: the start of every instruction slot (n + 1 entries, the last one the end of
// the last instruction), the start of every function's prologue, and every epilogue.
import { BpfError, Program, type FuncInfo, type JitRelocation } from '@bpfkit/ir';
import {
  CodeBuffer, LabelTable, checkJitImage, isImm8, sizeByFixpoint, type AsmNotes, type JitFunctionLayout, type SizingPass,
} from '@bpfkit/jit-common';
import { callRel32, jccRel32, jccRel8, jmpRel32, jmpRel8, nop } from './encode-control.js';
import { emitEpilogue, emitPrologue, planFrame, type FrameHooks, type FramePlan } from './frame.js';
import { outgoingSlotsAtCalls, scanFunction } from './func-scan.js';
import { lowerInsn } from './lower.js';
import type { X86CallSite, X86JitOptions, X86JitResult } from './options.js';
import { emitStubsCached, type StubOffsets } from './stubs.js';
import { CC_NE } from './encode-control.js';
import { incDecM } from './encode-mem.js';
import { CTX_BUDGET } from './ctx-layout.js';
import { CTX_REG } from './registers.js';

export const PASS = 'jit-x86-64';
/** Condition "always" for branch helpers (an unconditional jmp). */
export const JMP_ALWAYS = -1;

export class X86Jit {
  readonly p: Program;
  /** The program's instruction arrays (hot in the lowering). */
  readonly pc: Uint8Array;
  readonly pd: Uint8Array;
  readonly ps: Uint8Array;
  readonly po: Int16Array;
  readonly pi: Int32Array;
  readonly n: number;
  readonly nf: number;
  readonly sandbox: boolean;
  readonly budget: boolean;
  readonly opts: X86JitOptions;
  /** Buffer and label table of the current pass (two of each, alternating by pass). */
  b: CodeBuffer;
  lt: LabelTable;
  /** Bytes of the previous pass (the other buffer), or null in the first pass. */
  prevCode: Uint8Array | null = null;
  /**
   * Per instruction: 1 when its last lowering consulted no layout or position (no branch, call
   * or stub reference) — its bytes are the same in the next pass and are copied from the
   * previous pass's buffer instead of being lowered again.
   */
  readonly indep: Uint8Array;
  /** Set by every layout- or position-dependent emission during the current instruction. */
  dependent = false;
  readonly plans: FramePlan[];
  readonly fallsOff: boolean[];
  /** Per call site: outgoing slots written before it. */
  readonly outAtCall: Map<number, number>;
  /** Instructions not emitted (dead writes to callee-saved registers, from liveness), or null. */
  readonly skip: Uint8Array | null;
  /** Functions whose address is taken (ld_imm64 BPF_PSEUDO_FUNC): callx may call them. */
  readonly addressTaken: number[];
  /** Layout of the previous pass (null in the first pass). */
  prev: Int32Array | null = null;
  /** Layout being built in this pass. */
  cur: Int32Array;
  /** Two layout vectors used alternately (the previous pass's stays intact). */
  readonly layouts: [Int32Array, Int32Array];
  /** The reusable buffers this compilation borrowed (returned by jitX8664Compile). */
  readonly scratch: Scratch;
  stubs!: StubOffsets;
  /** Current function and instruction. */
  f = 0;
  i = 0;
  /** Start of the current instruction in this pass, and the shift to the previous layout. */
  curStart = 0;
  shift = 0;
  isFinal = false;
  padding = false;
  /** Did this pass estimate any displacement from the previous layout (or lack of one)? */
  estimated = false;
  relocations: JitRelocation[] = [];
  sites: X86CallSite[] = [];
  readonly hooks: FrameHooks;

  constructor(p: Program, opts: X86JitOptions) {
    this.p = p;
    this.pc = p.code;
    this.pd = p.dst;
    this.ps = p.src;
    this.po = p.off;
    this.pi = p.imm;
    this.n = p.length;
    this.nf = p.funcs.length;
    this.opts = opts;
    this.sandbox = opts.sandbox === true;
    this.budget = this.sandbox || opts.budget === true;
    this.indep = new Uint8Array(p.length);
    this.cur = new Int32Array(0);
    this.plans = [];
    this.fallsOff = [];
    this.outAtCall = new Map();
    const live = opts.liveRegsBefore !== undefined && opts.liveRegsBefore.length >= p.length ? opts.liveRegsBefore : undefined;
    this.skip = live === undefined ? null : new Uint8Array(p.length);
    for (const f of p.funcs) {
      const scan = scanFunction(p, f, this.sandbox);
      const mask = live === undefined ? scan.calleeSavedMask : deadCalleeSavedWrites(p, f, live, scan.calleeSavedMask, this.skip!);
      this.plans.push(planFrame(mask === scan.calleeSavedMask ? scan : { ...scan, calleeSavedMask: mask }));
      this.fallsOff.push(scan.fallsOff);
      if (scan.hasExternCalls) for (const [k, v] of outgoingSlotsAtCalls(p, f)) this.outAtCall.set(k, v);
    }
    const taken = new Set<number>();
    const codes = p.code;
    const srcs = p.src;
    for (let i = 0; i < p.length; i++) {
      if (codes[i] === 0x18 && srcs[i] === 4) {
        const fn = p.funcAt(i + 1 + p.imm[i]!);
        if (fn === undefined) throw new BpfError('CALL_OUT_OF_RANGE', 'BPF_PSEUDO_FUNC does not point at a function start', { insn: i, pass: PASS });
        taken.add(fn.index);
      }
    }
    this.addressTaken = [...taken].sort((a, b) => a - b);
    // Borrow the scratch buffers last: nothing above may throw while holding them.
    const scratch = takeScratch(p.length * 10 + 2048, this.n + 1 + 2 * this.nf);
    this.scratch = scratch;
    this.b = scratch.bufs[0];
    this.lt = scratch.lts[0];
    this.layouts = scratch.layouts;
    const self = this;
    this.hooks = {
      callDepthError() {
        self.callStub(self.stubs.errCallDepth);
      },
      budgetCheck() {
        self.emitBudgetCheck();
      },
      skipCallIfBelow() {
        jccRel8(self.b, 0x2, 5, self.b.pos + 7); // jb over the 5-byte call
      },
    };
  }

  // ---- layout indices
  funcStartIdx(f: number): number {
    return this.n + 1 + f;
  }
  epilogueIdx(f: number): number {
    return this.n + 1 + this.nf + f;
  }

  /** Offset of layout point `k` in the previous pass (-1 in the first pass). */
  prevAt(k: number): number {
    return this.prev === null ? -1 : this.prev[k]!;
  }

  /**
   * Branch (jcc `cc`, or jmp for JMP_ALWAYS) to a point whose offset in the previous layout is
   * `prevTarget`; rel8 when the estimated displacement fits, rel32 otherwise or when unknown.
   */
  branchPrev(cc: number, prevTarget: number): void {
    const b = this.b;
    this.estimated = true;
    this.dependent = true;
    if (prevTarget < 0 || this.prev === null) {
      if (cc === JMP_ALWAYS) jmpRel32(b, 0);
      else jccRel32(b, cc, 0);
      return;
    }
    const target = prevTarget - this.shift; // where it lands if nothing else moves
    const d8 = target - (b.pos + 2);
    if (isImm8(d8)) {
      if (cc === JMP_ALWAYS) jmpRel8(b, d8, target);
      else jccRel8(b, cc, d8, target);
      return;
    }
    const len = cc === JMP_ALWAYS ? 5 : 6;
    const d32 = target - (b.pos + len);
    if (cc === JMP_ALWAYS) jmpRel32(b, d32, target);
    else jccRel32(b, cc, d32, target);
  }

  /** Branch to an exactly known offset of this pass (stubs, already emitted code). */
  branchExact(cc: number, target: number): void {
    const b = this.b;
    this.dependent = true;
    const d8 = target - (b.pos + 2);
    if (isImm8(d8)) {
      if (cc === JMP_ALWAYS) jmpRel8(b, d8, target);
      else jccRel8(b, cc, d8, target);
      return;
    }
    const len = cc === JMP_ALWAYS ? 5 : 6;
    if (cc === JMP_ALWAYS) jmpRel32(b, target - (b.pos + len), target);
    else jccRel32(b, cc, target - (b.pos + len), target);
  }

  /** `call rel32` to a stub (exact). */
  callStub(target: number): void {
    this.dependent = true;
    callRel32(this.b, target - (this.b.pos + 5), target);
  }

  /** `call rel32` to function `fi`'s prologue (previous layout). */
  callFunc(fi: number): void {
    this.estimated = true;
    this.dependent = true;
    const t = this.prevAt(this.funcStartIdx(fi));
    if (t < 0) callRel32(this.b, 0);
    else {
      const target = t - this.shift;
      callRel32(this.b, target - (this.b.pos + 5), target);
    }
  }

  /** Displacement for a rip-relative field ending `fieldEnd - b.pos` bytes ahead, to function `fi`. */
  ripDispToFunc(fi: number, insnLen: number): { disp: number; target: number } {
    this.estimated = true;
    this.dependent = true;
    const t = this.prevAt(this.funcStartIdx(fi));
    if (t < 0) return { disp: 0, target: -1 };
    const target = t - this.shift;
    return { disp: target - (this.b.pos + insnLen), target };
  }

  /** Budget: decq budget(%r12); jnz 1f; callq <err_budget>; 1: */
  emitBudgetCheck(): void {
    incDecM(this.b, true, true, CTX_REG, CTX_BUDGET); // decq budget(%r12)
    jccRel8(this.b, CC_NE, 5, this.b.pos + 7); // jne 1f
    this.callStub(this.stubs.errBudget); // callq <err_budget>
  }

  /** The instructions of one function (the hot loop, kept small so V8 optimizes it early). */
  emitBody(fn: FuncInfo, cur: Int32Array): void {
    const b = this.b;
    const prev = this.prev;
    const skip = this.skip;
    const indep = this.indep;
    const pcode = this.pc;
    const prevCode = this.prevCode;
    const copyOk = prev !== null && prevCode !== null && b.notes === null && !this.padding;
    for (let i = fn.start; i < fn.end; ) {
      if (copyOk && indep[i] === 1) {
        // A run of layout-independent instructions: their bytes from the previous pass.
        let j = i;
        while (j < fn.end && indep[j] === 1) j += pcode[j] === 0x18 ? 2 : 1;
        const from = prev[i]!;
        const to = j < fn.end ? prev[j]! : prev[this.epilogueIdx(fn.index)]! - (this.fallsOff[fn.index] ? 5 : 0);
        const len = to - from;
        if (b.pos + len + 96 > b.u8.length) b.ensure(len + 96);
        const delta = b.pos - from;
        const u8 = b.u8;
        if (len < 64) for (let q = 0; q < len; q++) u8[b.pos + q] = prevCode[from + q]!;
        else u8.set(prevCode.subarray(from, to), b.pos);
        for (let k = i; k < j; k++) cur[k] = prev[k]! + delta;
        b.pos += len;
        i = j;
        continue;
      }
      this.i = i;
      const start = b.pos;
      cur[i] = start;
      this.curStart = start;
      this.shift = prev === null ? 0 : prev[i]! - start;
      if (start + 96 > b.u8.length) b.ensure(96);
      this.dependent = false;
      const used = skip !== null && skip[i] === 1 ? (pcode[i] === 0x18 ? 2 : 1) : lowerInsn(this, i);
      indep[i] = this.dependent ? 0 : 1;
      if (this.padding && prev !== null) {
        const prevEnd = i + used < fn.end ? prev[i + used]! : prev[this.epilogueIdx(fn.index)]! - (this.fallsOff[fn.index] ? 5 : 0);
        const want = prevEnd - prev[i]!;
        while (b.pos - start < want) nop(b);
      }
      if (used === 2) {
        cur[i + 1] = b.pos;
        indep[i + 1] = indep[i]!;
      }
      i += used;
    }
  }

  /** One complete pass; returns its layout. */
  emitPass(sp: SizingPass): Int32Array {
    const k = sp.pass & 1;
    this.prevCode = sp.prev === null ? null : this.scratch.bufs[k ^ 1].u8;
    this.b = this.scratch.bufs[k];
    this.lt = this.scratch.lts[k];
    const b = this.b;
    const p = this.p;
    this.prev = sp.prev;
    this.isFinal = sp.final;
    this.padding = sp.padding;
    this.estimated = false;
    const cur = this.layouts[sp.pass & 1]!;
    this.cur = cur;
    b.reset(sp.final && this.opts.listing === true);
    this.relocations = [];
    this.sites = [];
    this.stubs = emitStubsCached(b, this.sandbox);
    const frameOpts = { sandbox: this.sandbox, budget: this.budget };
    for (const fn of p.funcs) {
      this.f = fn.index;
      cur[this.funcStartIdx(fn.index)] = b.pos;
      const plan = this.plans[fn.index]!;
      emitPrologue(b, plan, frameOpts, this.hooks);
      this.emitBody(fn, cur);
      if (this.fallsOff[fn.index]) this.callStub(this.stubs.errFellOff); // callq <err_fell_off>
      cur[this.epilogueIdx(fn.index)] = b.pos;
      emitEpilogue(b, plan, frameOpts);
    }
    // insnOffsets[n]: end of the last instruction = the last function's epilogue.
    cur[this.n] = this.nf > 0 ? cur[this.epilogueIdx(this.nf - 1)]! : b.pos;
    return cur;
  }
}

/**
 * Code buffer and layout vectors reused from one compilation to the next: allocating (and
 * zero-filling) hundreds of kilobytes per compile costs more than emitting the code. Only one
 * compilation holds the scratch at a time; a nested one (a resolver that compiles) gets fresh
 * buffers.
 */
interface Scratch {
  /** Code buffers and their label tables, alternating by pass (the previous pass's bytes stay). */
  readonly bufs: [CodeBuffer, CodeBuffer];
  readonly lts: [LabelTable, LabelTable];
  layouts: [Int32Array, Int32Array];
  inUse: boolean;
}
let scratch: Scratch | undefined;

function newScratch(codeBytes: number, layoutLen: number): Scratch {
  const bufs: [CodeBuffer, CodeBuffer] = [new CodeBuffer(codeBytes), new CodeBuffer(codeBytes)];
  return { bufs, lts: [new LabelTable(bufs[0]), new LabelTable(bufs[1])], layouts: [new Int32Array(layoutLen), new Int32Array(layoutLen)], inUse: true };
}

function takeScratch(codeBytes: number, layoutLen: number): Scratch {
  const s = scratch;
  if (s !== undefined && !s.inUse) {
    for (const buf of s.bufs) {
      buf.reset();
      if (buf.u8.length < codeBytes) buf.ensure(codeBytes);
    }
    if (s.layouts[0].length !== layoutLen) {
      // Layout vectors must have exactly the program's length; reuse the storage when large enough.
      const cap = s.layouts[0].buffer.byteLength / 4;
      if (cap >= layoutLen) s.layouts = [new Int32Array(s.layouts[0].buffer, 0, layoutLen), new Int32Array(s.layouts[1].buffer, 0, layoutLen)];
      else s.layouts = [new Int32Array(layoutLen), new Int32Array(layoutLen)];
    }
    s.inUse = true;
    return s;
  }
  const fresh = newScratch(Math.max(2048, codeBytes), layoutLen);
  if (s === undefined) scratch = fresh;
  return fresh;
}

/**
 * With liveness: for each callee-saved register the function writes, if every write is a pure
 * one (ALU, ld_imm64) whose value is dead right after it, mark those writes as skipped and
 * drop the register from the save mask. Returns the mask of registers still to save.
 */
function deadCalleeSavedWrites(p: Program, f: FuncInfo, live: Uint16Array, mask: number, skip: Uint8Array): number {
  const codes = p.code;
  const dsts = p.dst;
  let keep = 0;
  const dead: number[][] = [[], [], [], []];
  // callx reads its target register; liveness (modelled on the kernel verifier, which has no
  // callx) does not count that use, so writes to such registers are always kept.
  for (let i = f.start; i < f.end; i++) if (codes[i] === 0x8d && dsts[i]! >= 6 && dsts[i]! <= 9) keep |= 1 << (dsts[i]! - 6);
  for (let i = f.start; i < f.end; i++) {
    const code = codes[i]!;
    const cls = code & 7;
    const next = code === 0x18 ? i + 2 : i + 1;
    const pure = cls === 0x04 || cls === 0x07 || (code === 0x18 && p.src[i] === 0);
    const d = dsts[i]!;
    if (pure && d >= 6 && d <= 9 && (keep & (1 << (d - 6))) === 0) {
      const liveAfter = next < p.length ? live[next]! : 0;
      if ((liveAfter & (1 << d)) === 0) dead[d - 6]!.push(i);
      else keep |= 1 << (d - 6);
    }
    if (code === 0x18) i++;
  }
  // Registers written some other way (loads, fetches) must be saved.
  for (let k = 0; k < 4; k++) {
    const writtenPurely = dead[k]!.length > 0 || (keep & (1 << k)) !== 0;
    if ((mask & (1 << k)) !== 0 && !writtenPurely) keep |= 1 << k;
    if ((mask & (1 << k)) !== 0 && (keep & (1 << k)) === 0 && hasImpureWrite(p, f, 6 + k)) keep |= 1 << k;
  }
  for (let k = 0; k < 4; k++) if ((keep & (1 << k)) === 0) for (const i of dead[k]!) skip[i] = 1;
  return keep & mask;
}

/** Does `f` write BPF register `r` other than by ALU / plain ld_imm64 (a load, a fetch, a pseudo ld_imm64)? */
function hasImpureWrite(p: Program, f: FuncInfo, r: number): boolean {
  for (let i = f.start; i < f.end; i++) {
    const code = p.code[i]!;
    const cls = code & 7;
    if (code === 0x18) {
      if (p.dst[i] === r && p.src[i] !== 0) return true;
      i++;
      continue;
    }
    if (cls === 0x01 && p.dst[i] === r) return true;
    if (cls === 0x03 && (code & 0xe0) === 0xc0) {
      const imm = p.imm[i]!;
      if ((imm === 0x100 && p.dst[i] === r) || ((imm & 1) !== 0 && imm !== 0xf1 && imm !== 0x100 && p.src[i] === r)) return true;
    }
  }
  return false;
}

/** Compile `program` to x86-64 machine code. Throws BpfError on unsupported input. */
export function jitX8664Compile(program: Program, options: X86JitOptions = {}): X86JitResult {
  if (!(program instanceof Program)) throw new BpfError('OPTION', 'jitX8664Compile needs a Program', { pass: PASS });
  const j = new X86Jit(program, options);
  let code: Uint8Array;
  let layout: Int32Array;
  let passes: number;
  try {
    ({ layout, passes } = sizeByFixpoint((sp) => j.emitPass(sp), { exact: () => !j.estimated }));
    code = j.b.finish();
    layout = layout.slice(); // the scratch vector is reused by the next compilation
  } finally {
    j.scratch.inUse = false;
  }
  const n = program.length;
  const funcs: JitFunctionLayout[] = program.funcs.map((f) => {
    const offset = layout[j.funcStartIdx(f.index)]!;
    const next = f.index + 1 < j.nf ? layout[j.funcStartIdx(f.index + 1)]! : code.length;
    return {
      index: f.index,
      start: f.start,
      end: f.end,
      offset,
      size: next - offset,
      bodyOffset: f.start < n ? layout[f.start]! : offset,
      epilogueOffset: layout[j.epilogueIdx(f.index)]!,
    };
  });
  const input = {
    arch: 'x86-64',
    code,
    insnOffsets: layout.subarray(0, n + 1),
    funcs,
    relocations: j.relocations,
    stubs: j.stubs.list,
  };
  checkJitImage(input, n);
  const result: X86JitResult = {
    arch: 'x86-64',
    code,
    insnOffsets: input.insnOffsets,
    funcs,
    relocations: j.relocations,
    stubs: j.stubs.list,
    entry: j.stubs.entry,
    sites: j.sites,
    sandbox: j.sandbox,
    budget: j.budget,
    passes,
  };
  compileOptions.set(result, options);
  if (options.listing === true) listingNotes.set(result, j.b.notes!);
  return result;
}

/** The options each result was compiled with (the listing recompiles with them). */
export const compileOptions = new WeakMap<X86JitResult, X86JitOptions>();
/** Listing notes of results compiled with `listing: true`. */
export const listingNotes = new WeakMap<X86JitResult, AsmNotes>();
