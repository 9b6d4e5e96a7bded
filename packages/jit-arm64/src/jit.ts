// The arm64 JIT: bpf_int_jit_compile() + build_body() of arch/arm64/net/bpf_jit_comp.c with the
// 2026 register map (BPF R0 in x8) and the stack-argument ABI (patch 17). Structure:
//   - kernel-named emit helpers (emitA64MovI64, emitLdx, emitStx, emitAtomic, emitCall …), each
//     machine instruction written through one `put`, with its asm text recorded only when a
//     listing was asked for;
//   - one lowering switch over the BPF opcode (lowerInsn);
//   - a sizing pass (no displacements known: every instruction's size is independent of them)
//     then an emit pass that must reproduce the sizing pass's layout exactly. Conditional
//     branches (imm19, ±1 MiB) take their long form `b.!cond +8; b target` (imm26, ±128 MiB)
//     when the sized image is larger than 1 MiB; any displacement that still does not fit is a
//     BpfError JIT_RANGE naming the instruction.
// Frame of one function (see docs/jit-arm64.md):
//   [x29+16 …]  incoming stack args 9..12 (the caller's outgoing area)
//   [x29+0]     saved x29, x30 (frame record)                         <- x29
//               used callee-saved registers, in pairs (x19–x22, x25)
//               BPF stack (stack depth, 16-byte aligned)                <- x25 = BPF R10 (top)
//               may_goto counter (16-byte slot, only with may_goto)
//   [sp+0 …]    outgoing stack args 9..12, round_up(n * 8, 16) bytes    <- sp at every call
import {
  BPF_ADD, BPF_ALU, BPF_ALU64, BPF_AND, BPF_ARSH, BPF_ATOMIC, BPF_B, BPF_CALL, BPF_CLASS, BPF_CMPXCHG, BPF_DIV, BPF_DW, BPF_END, BPF_EXIT,
  BPF_FETCH, BPF_H, BPF_JA, BPF_JCOND, BPF_JEQ, BPF_JGE, BPF_JGT, BPF_JLE, BPF_JLT, BPF_JMP, BPF_JMP32, BPF_JNE, BPF_JSET, BPF_JSGE,
  BPF_JSGT, BPF_JSLE, BPF_JSLT, BPF_LD, BPF_LD_IMM64, BPF_LDX, BPF_LOAD_ACQ, BPF_LSH, BPF_MEM, BPF_MEMSX, BPF_MOD, BPF_MODE, BPF_MOV,
  BPF_MUL, BPF_NEG, BPF_OP, BPF_OR, BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC, BPF_PSEUDO_KFUNC_CALL, BPF_REG_PARAMS, BPF_RSH, BPF_SIZE, BPF_SRC,
  BPF_ST, BPF_STORE_REL, BPF_STX, BPF_SUB, BPF_W, BPF_X, BPF_XCHG, BPF_XOR, BpfError, Program, type JitRelocation,
} from '@bpfkit/ir';
import { CodeBuffer, checkJitImage, sameLayout, type AsmNotes, type JitFunctionLayout, type JitStub } from '@bpfkit/jit-common';
import * as E from './encoders.js';
import { CTX_HELPERS, CTX_KFUNCS, CTX_MAY_GOTO, CTX_MEM, CTX_MEM_LEN, TABLE_ENTRIES } from './ctx-layout.js';
import { checkNoR10Write, scanFunction, type FuncScan } from './func-scan.js';
import type { Arm64CallSite, Arm64JitOptions, Arm64JitResult } from './options.js';
import { AX, BPF_TO_A64, CTX, FP, LR, NR_STACK_ARG_REGS, SP, STACK_ARG_REGS, TMP1, TMP2, TMP3, X0, X25, X8, ZR } from './registers.js';

export const PASS = 'jit-arm64';

/** Frame plan of one function. */
export interface Arm64FramePlan {
  /** Callee-saved registers pushed (pairs; an odd last one is paired with xzr). */
  readonly saved: readonly number[];
  readonly usesFp: boolean;
  /** BPF stack bytes below x25 (16-byte aligned). */
  readonly stackBytes: number;
  /** Outgoing area for stack args 9..12 at [sp]: round_up((outSlots - 3) * 8, 16). */
  readonly outBytes: number;
  /** sp-relative offset of the may_goto counter, or -1. */
  readonly mayGotoOff: number;
  /** `sub sp, sp, #frameBytes` after the pushes. */
  readonly frameBytes: number;
}

export function planArm64Frame(scan: FuncScan): Arm64FramePlan {
  const saved: number[] = [];
  for (let k = 0; k < 4; k++) if ((scan.calleeSavedMask & (1 << k)) !== 0) saved.push(BPF_TO_A64[6 + k]!);
  if (scan.usesFp) saved.push(X25);
  const stackBytes = (scan.stackDepth + 15) & ~15;
  const outBytes = ((Math.max(0, scan.outSlots - NR_STACK_ARG_REGS) * 8) + 15) & ~15;
  const mayGotoOff = scan.hasMayGoto ? outBytes : -1;
  const frameBytes = stackBytes + outBytes + (scan.hasMayGoto ? 16 : 0);
  return { saved, usesFp: scan.usesFp, stackBytes, outBytes, mayGotoOff, frameBytes };
}

/** Listing notes of results compiled with `listing: true`. */
export const listingNotes = new WeakMap<Arm64JitResult, AsmNotes>();

const COND_OF: Record<number, number> = {
  [BPF_JEQ]: E.A64_COND.EQ, [BPF_JNE]: E.A64_COND.NE, [BPF_JGT]: E.A64_COND.HI, [BPF_JGE]: E.A64_COND.HS, [BPF_JLT]: E.A64_COND.LO,
  [BPF_JLE]: E.A64_COND.LS, [BPF_JSGT]: E.A64_COND.GT, [BPF_JSGE]: E.A64_COND.GE, [BPF_JSLT]: E.A64_COND.LT, [BPF_JSLE]: E.A64_COND.LE,
  [BPF_JSET]: E.A64_COND.NE,
};
const SIZE_LOG: Record<number, E.SizeLog> = { [BPF_B]: 0, [BPF_H]: 1, [BPF_W]: 2, [BPF_DW]: 3 };
const ALWAYS = -1;
/** BPF register -> A64 register; out-of-range numbers were rejected by checkRegisters(). */
const regOf = (r: number): number => BPF_TO_A64[r]!;

/** Register numbers the JIT can map: R0..R10, and R11 only in the three stack-argument forms. */
function checkRegisters(p: Program, i: number): void {
  const code = p.code[i]!;
  const dst = p.dst[i]!;
  const src = p.src[i]!;
  const cls = BPF_CLASS(code);
  const stackArgDst = (code === 0x7b || code === 0x7a) && dst === BPF_REG_PARAMS;
  const stackArgSrc = code === 0x79 && src === BPF_REG_PARAMS;
  const srcIsReg = code !== BPF_LD_IMM64 && !(cls === BPF_JMP && (code & 0xf0) === BPF_CALL && (code & 0x08) === 0);
  if ((dst > 10 && !stackArgDst) || (srcIsReg && src > 10 && !stackArgSrc))
    throw new BpfError('INVALID_REGISTER', `R${dst > 10 && !stackArgDst ? dst : src} is invalid`, { insn: i, pass: PASS, errno: 'EINVAL' });
}
const TWO32 = 4294967296;
/** k when imm = 2^k with 1 <= k <= 30 (a positive power of two in both ALU widths), else -1. */
const log2Exact = (imm: number): number => (imm > 1 && (imm & (imm - 1)) === 0 ? 31 - Math.clz32(imm) : -1);

export class Arm64Jit {
  readonly p: Program;
  readonly n: number;
  readonly nf: number;
  readonly opts: Arm64JitOptions;
  readonly b: CodeBuffer;
  readonly plans: Arm64FramePlan[] = [];
  readonly scans: FuncScan[] = [];
  /** Layout: n + 1 insn offsets, then nf function starts, then nf epilogues. */
  cur: Int32Array;
  prev: Int32Array | null = null;
  long = false;
  /** Listing on (notes recorded)? */
  L = false;
  at = 0;
  f = 0;
  i = 0;
  /** Scratch halfwords of emitMovImm. */
  readonly hw = new Int32Array(4);
  relocations: JitRelocation[] = [];
  sites: Arm64CallSite[] = [];
  stubs: JitStub[] = [];

  constructor(p: Program, opts: Arm64JitOptions) {
    this.p = p;
    this.n = p.length;
    this.nf = p.funcs.length;
    this.opts = opts;
    this.b = new CodeBuffer(Math.max(256, p.length * 8 + 256));
    this.cur = new Int32Array(this.n + 1 + 2 * this.nf);
    for (const f of p.funcs) {
      const scan = scanFunction(p, f);
      const mask = opts.calleeSavedMasks?.[f.index];
      const s = mask === undefined ? scan : { ...scan, calleeSavedMask: mask };
      this.scans.push(s);
      this.plans.push(planArm64Frame(s));
    }
    for (let i = 0; i < p.length; i++) {
      if (p.isSecondHalf(i)) continue;
      checkRegisters(p, i);
      checkNoR10Write(p, i);
    }
  }

  funcStartIdx(f: number): number {
    return this.n + 1 + f;
  }
  epilogueIdx(f: number): number {
    return this.n + 1 + this.nf + f;
  }

  // ------------------------------------------------------------ the one emitter
  /** Emit one machine word; `text` is evaluated by callers only when this.L. */
  put(w: number): void {
    this.at = this.b.pos;
    this.b.u32(w);
  }
  note(text: string, target = -1): void {
    this.b.note(this.at, text, target);
  }
  err(code: string, msg: string): never {
    throw new BpfError(code, msg, { insn: this.i, pass: PASS });
  }

  // ------------------------------------------------------------ emit helpers (kernel names)
  /** mov rd, rm (64- or 32-bit; the 32-bit form zero-extends). */
  emitMov(sf: boolean, rd: number, rm: number): void {
    this.put(E.movReg(sf, rd, rm));
    if (this.L) this.note(E.logicalRegText(sf, E.LOG_ORR, rd, ZR, rm)); // mov rd, rm
  }

  /** emit_a64_mov_i64() / emit_a64_mov_i(): materialise (hi:lo) in rd, 64-bit (sf) or 32-bit. */
  emitMovImm(sf: boolean, rd: number, lo: number, hi: number): void {
    lo >>>= 0;
    hi = sf ? hi >>> 0 : 0;
    const h = this.hw;
    h[0] = lo & 0xffff;
    h[1] = lo >>> 16;
    h[2] = hi & 0xffff;
    h[3] = hi >>> 16;
    const nh = sf ? 4 : 2;
    let zeros = 0;
    let ones = 0;
    for (let k = 0; k < nh; k++) {
      if (h[k] === 0) zeros++;
      else if (h[k] === 0xffff) ones++;
    }
    const inverted = ones > zeros;
    const fill = inverted ? 0xffff : 0;
    const count = nh - (inverted ? ones : zeros);
    if (count >= 2) {
      const packed = E.encodeBitmaskImm32x2(lo, hi, sf);
      if (packed >= 0) {
        const bm = E.unpackBitmask(packed);
        this.put(E.logicalImm(sf, E.LOG_ORR, rd, ZR, bm));
        if (this.L) this.note(E.logicalImmText(sf, E.LOG_ORR, rd, ZR, bm)); // mov rd, #bitmask
        return;
      }
    }
    // A 32-bit value in a 64-bit register: the w form zero-extends and may need fewer words.
    if (sf && hi === 0) return this.emitMovImm(false, rd, lo, 0);
    if (count === 0) {
      const opc = inverted ? E.MOVN : E.MOVZ;
      this.put(E.moveWide(sf, opc, rd, 0, 0));
      if (this.L) this.note(E.moveWideText(sf, opc, rd, 0, 0)); // mov rd, #0 / #-1
      return;
    }
    let first = true;
    for (let k = 0; k < nh; k++) {
      if (h[k] === fill) continue;
      if (first) {
        const opc = inverted ? E.MOVN : E.MOVZ;
        const v = inverted ? ~h[k]! & 0xffff : h[k]!;
        this.put(E.moveWide(sf, opc, rd, v, k));
        if (this.L) this.note(E.moveWideText(sf, opc, rd, v, k)); // movz/movn
        first = false;
      } else {
        this.put(E.moveWide(sf, E.MOVK, rd, h[k]!, k));
        if (this.L) this.note(E.moveWideText(sf, E.MOVK, rd, h[k]!, k)); // movk
      }
    }
  }
  /** Signed 32-bit immediate, sign-extended to 64 bits (sf) or as a 32-bit value. */
  emitMovImm32(sf: boolean, rd: number, imm: number): void {
    this.emitMovImm(sf, rd, imm, imm >> 31);
  }

  /** add/sub rd, rn, #imm for any signed imm (tmp = TMP3 when it does not fit 12 bits). */
  emitAddImm(sf: boolean, rd: number, rn: number, imm: number): void {
    const sub = imm < 0;
    const a = Math.abs(imm);
    if (a <= 0xfff) {
      this.put(E.addSubImm(sf, sub, false, rd, rn, a));
      if (this.L) this.note(E.addSubImmText(sf, sub, false, rd, rn, a)); // add/sub rd, rn, #a
    } else if ((a & 0xfff) === 0 && a <= 0xfff000) {
      this.put(E.addSubImm(sf, sub, false, rd, rn, a >>> 12, true));
      if (this.L) this.note(E.addSubImmText(sf, sub, false, rd, rn, a >>> 12, true)); // add/sub rd, rn, #a, lsl #12
    } else if (a <= 0xffffff) {
      this.put(E.addSubImm(sf, sub, false, rd, rn, a >>> 12, true));
      if (this.L) this.note(E.addSubImmText(sf, sub, false, rd, rn, a >>> 12, true)); // add/sub rd, rn, #hi, lsl #12
      this.put(E.addSubImm(sf, sub, false, rd, rd, a & 0xfff));
      if (this.L) this.note(E.addSubImmText(sf, sub, false, rd, rd, a & 0xfff)); // add/sub rd, rd, #lo
    } else {
      this.emitMovImm(sf, TMP3, imm >>> 0, imm < 0 ? -1 : Math.floor(imm / TWO32));
      this.emitAluReg(sf, BPF_ADD, rd, rn, TMP3);
    }
  }

  /** Three-register ALU op (add/sub/mul/and/or/xor/shifts/div). */
  emitAluReg(sf: boolean, op: number, rd: number, rn: number, rm: number): void {
    switch (op) {
      case BPF_ADD: case BPF_SUB: {
        const sub = op === BPF_SUB;
        this.put(E.addSubReg(sf, sub, false, rd, rn, rm));
        if (this.L) this.note(E.addSubRegText(sf, sub, false, rd, rn, rm)); // add/sub
        return;
      }
      case BPF_MUL:
        this.put(E.mulAdd(sf, false, rd, rn, rm, ZR));
        if (this.L) this.note(E.mulAddText(sf, false, rd, rn, rm, ZR)); // mul
        return;
      case BPF_AND: case BPF_OR: case BPF_XOR: {
        const opc = op === BPF_AND ? E.LOG_AND : op === BPF_OR ? E.LOG_ORR : E.LOG_EOR;
        this.put(E.logicalReg(sf, opc, rd, rn, rm));
        if (this.L) this.note(E.logicalRegText(sf, opc, rd, rn, rm)); // and/orr/eor
        return;
      }
      case BPF_LSH: case BPF_RSH: case BPF_ARSH: {
        const opc = op === BPF_LSH ? E.DP2_LSLV : op === BPF_RSH ? E.DP2_LSRV : E.DP2_ASRV;
        this.put(E.dataProc2(sf, opc, rd, rn, rm));
        if (this.L) this.note(E.dataProc2Text(sf, opc, rd, rn, rm)); // lslv/lsrv/asrv (amount masked by hardware)
        return;
      }
    }
    this.err('INTERNAL', `emitAluReg: op ${op}`);
  }

  lowerNeg(sf: boolean, dst: number): void {
    this.put(E.addSubReg(sf, true, false, dst, ZR, dst));
    if (this.L) this.note(E.addSubRegText(sf, true, false, dst, ZR, dst)); // neg dst, dst
  }

  /** lsl/lsr/asr dst, dst, #sh (sh already masked; 0 = nothing, or the 32-bit zero-extension). */
  emitShiftImm(sf: boolean, op: number, dst: number, sh: number): void {
    if (sh === 0) {
      if (!sf) this.emitMov(false, dst, dst); // mov wD, wD: zero-extend
      return;
    }
    const w = op === BPF_LSH ? E.lslImm(sf, dst, dst, sh) : op === BPF_RSH ? E.lsrImm(sf, dst, dst, sh) : E.asrImm(sf, dst, dst, sh);
    this.put(w);
    if (this.L) this.note(E.shiftImmText(op === BPF_LSH ? 'lsl' : op === BPF_RSH ? 'lsr' : 'asr', sf, dst, dst, sh)); // shift by #imm
  }

  /** BPF DIV/MOD (signed when `signed`): udiv/sdiv already give 0 for /0 and INT_MIN for INT_MIN/-1; msub gives the BPF remainders. */
  emitDivMod(sf: boolean, mod: boolean, signed: boolean, rd: number, rm: number): void {
    const dp = signed ? E.DP2_SDIV : E.DP2_UDIV;
    if (!mod) {
      this.put(E.dataProc2(sf, dp, rd, rd, rm));
      if (this.L) this.note(E.dataProc2Text(sf, dp, rd, rd, rm)); // udiv/sdiv rd, rd, rm
      return;
    }
    this.put(E.dataProc2(sf, dp, TMP2, rd, rm));
    if (this.L) this.note(E.dataProc2Text(sf, dp, TMP2, rd, rm)); // udiv/sdiv tmp2, rd, rm
    this.put(E.mulAdd(sf, true, rd, TMP2, rm, rd));
    if (this.L) this.note(E.mulAddText(sf, true, rd, TMP2, rm, rd)); // msub rd, tmp2, rm, rd
  }

  /** Load/store with the cheapest addressing form for `off`. */
  emitLdSt(size: E.SizeLog, opc: number, rt: number, rn: number, off: number): void {
    if (off >= 0 && off % (1 << size) === 0 && off >> size <= 0xfff) {
      this.put(E.ldstImm(size, opc, rt, rn, off));
      if (this.L) this.note(E.ldstImmText(size, opc, rt, rn, off)); // ldr/str [rn, #off]
    } else if (off >= -256 && off <= 255) {
      this.put(E.ldstUnscaled(size, opc, rt, rn, off));
      if (this.L) this.note(E.ldstUnscaledText(size, opc, rt, rn, off)); // ldur/stur [rn, #off]
    } else {
      this.emitMovImm32(true, TMP2, off);
      this.put(E.ldstReg(size, opc, rt, rn, TMP2));
      if (this.L) this.note(E.ldstRegText(size, opc, rt, rn, TMP2)); // ldr/str [rn, tmp2]
    }
  }
  /** emit_ldx: rD = *(size *)(rS + off), zero- or sign-extended. */
  emitLdx(size: E.SizeLog, signed: boolean, rd: number, rs: number, off: number): void {
    this.emitLdSt(size, signed ? E.LS_LOAD_SX : E.LS_LOAD, rd, rs, off);
  }
  /** emit_stx: *(size *)(rD + off) = rS. */
  emitStx(size: E.SizeLog, rd: number, off: number, rs: number): void {
    this.emitLdSt(size, E.LS_STORE, rs, rd, off);
  }

  /** Address rn + off in `into` (or rn itself when off == 0). */
  emitAddr(into: number, rn: number, off: number): number {
    if (off === 0) return rn;
    this.emitAddImm(true, into, rn, off);
    return into;
  }

  stp(load: boolean, pre: boolean, a: number, c: number, off: number): void {
    this.put(E.ldstPair(load, pre, a, c, SP, off));
    if (this.L) this.note(E.ldstPairText(load, pre, a, c, SP, off)); // stp/ldp
  }

  // ------------------------------------------------------------ branches
  /** Byte offset of layout point k known from the sizing pass (0 while sizing). */
  layoutAt(k: number): number {
    return this.prev === null ? this.b.pos : this.prev[k]!;
  }
  /** b / b.cond (ALWAYS = unconditional) to byte offset `target`; long form when this.long. */
  emitBranch(cond: number, target: number): void {
    if (cond === ALWAYS) {
      const d = target - this.b.pos;
      this.put(E.b(this.check26(d)));
      if (this.L) this.note(E.bText('{T}'), target); // b target
      return;
    }
    if (this.long) {
      const inv = E.invertCond(cond);
      this.put(E.bCond(inv, 8));
      if (this.L) this.note(E.bCondText(inv, `#8`)); // b.!cond over the b
      this.emitBranch(ALWAYS, target);
      return;
    }
    const d = target - this.b.pos;
    this.put(E.bCond(cond, this.check19(d)));
    if (this.L) this.note(E.bCondText(cond, '{T}'), target); // b.cond target
  }
  /** cbz/cbnz rt, target. */
  emitCbz(sf: boolean, nonZero: boolean, rt: number, target: number): void {
    if (this.long) {
      this.put(E.cbz(sf, !nonZero, rt, 8));
      if (this.L) this.note(E.cbzText(sf, !nonZero, rt, '#8'));
      this.emitBranch(ALWAYS, target);
      return;
    }
    this.put(E.cbz(sf, nonZero, rt, this.check19(target - this.b.pos)));
    if (this.L) this.note(E.cbzText(sf, nonZero, rt, '{T}'), target);
  }
  check19(d: number): number {
    if (this.prev === null) return 0;
    if (!E.isImm19Branch(d)) this.err('JIT_RANGE', `conditional branch displacement ${d} does not fit imm19 (±1 MiB)`);
    return d;
  }
  check26(d: number): number {
    if (this.prev === null) return 0;
    if (!E.isImm26Branch(d)) this.err('JIT_RANGE', `branch displacement ${d} does not fit imm26 (±128 MiB)`);
    return d;
  }
  /** Target byte offset of BPF instruction index t (in the current function). */
  insnTarget(t: number): number {
    if (t < 0 || t > this.n) this.err('JUMP_OUT_OF_RANGE', `jump to ${t} outside the program`);
    return this.layoutAt(t);
  }

  // ------------------------------------------------------------ prologue / epilogue / entry
  emitEntryStub(): void {
    const start = this.b.pos;
    this.stp(false, true, FP, LR, -16); // stp x29, x30, [sp, #-16]!
    this.put(E.addSubImm(true, false, false, FP, SP, 0));
    if (this.L) this.note(E.addSubImmText(true, false, false, FP, SP, 0)); // mov x29, sp
    this.stp(false, true, 27, CTX, -16); // stp x27, x28, [sp, #-16]! (x28 is callee-saved in AAPCS64)
    this.emitMov(true, CTX, 5); // mov x28, x5: the context block
    const t = this.layoutAt(this.funcStartIdx(0));
    this.put(E.bl(this.check26(t - this.b.pos)));
    if (this.L) this.note(E.blText('{T}'), t); // bl func#0
    this.stp(true, false, 27, CTX, 16); // ldp x27, x28, [sp], #16
    this.stp(true, false, FP, LR, 16); // ldp x29, x30, [sp], #16
    this.put(E.ret());
    if (this.L) this.note(E.retText()); // ret (x0 = BPF R0, moved by func#0's epilogue)
    this.stubs.push({ name: 'entry', offset: start, size: this.b.pos - start });
  }

  emitPrologue(plan: Arm64FramePlan): void {
    this.stp(false, true, FP, LR, -16); // stp x29, x30, [sp, #-16]!
    this.put(E.addSubImm(true, false, false, FP, SP, 0));
    if (this.L) this.note(E.addSubImmText(true, false, false, FP, SP, 0)); // mov x29, sp
    const s = plan.saved;
    for (let k = 0; k < s.length; k += 2) this.stp(false, true, s[k]!, k + 1 < s.length ? s[k + 1]! : ZR, -16); // stp xA, xB, [sp, #-16]!
    if (plan.usesFp) {
      this.put(E.addSubImm(true, false, false, X25, SP, 0));
      if (this.L) this.note(E.addSubImmText(true, false, false, X25, SP, 0)); // mov x25, sp (BPF R10)
    }
    if (plan.frameBytes > 0) this.emitAddImm(true, SP, SP, -plan.frameBytes); // sub sp, sp, #frame
    if (plan.mayGotoOff >= 0) {
      this.emitLdSt(3, E.LS_LOAD, TMP1, CTX, CTX_MAY_GOTO); // ldr x10, [x28, #may_goto_budget]
      this.emitLdSt(3, E.LS_STORE, TMP1, SP, plan.mayGotoOff); // str x10, [sp, #counter]
    }
  }

  emitEpilogue(plan: Arm64FramePlan): void {
    if (plan.frameBytes > 0) this.emitAddImm(true, SP, SP, plan.frameBytes); // add sp, sp, #frame
    const s = plan.saved;
    const pairs: number[][] = [];
    for (let k = 0; k < s.length; k += 2) pairs.push([s[k]!, k + 1 < s.length ? s[k + 1]! : ZR]);
    for (let k = pairs.length - 1; k >= 0; k--) this.stp(true, false, pairs[k]![0]!, pairs[k]![1]!, 16); // ldp xA, xB, [sp], #16
    this.stp(true, false, FP, LR, 16); // ldp x29, x30, [sp], #16
    this.emitMov(true, X0, X8); // mov x0, x8: BPF R0 -> return value
    this.put(E.ret());
    if (this.L) this.note(E.retText()); // ret
  }

  // ------------------------------------------------------------ one pass
  runPass(): Int32Array {
    const p = this.p;
    this.b.reset(this.L);
    this.relocations = [];
    this.sites = [];
    this.stubs = [];
    const cur = this.cur;
    this.emitEntryStub();
    for (let f = 0; f < this.nf; f++) {
      this.f = f;
      const fn = p.funcs[f]!;
      const plan = this.plans[f]!;
      cur[this.funcStartIdx(f)] = this.b.pos;
      this.i = fn.start;
      this.emitPrologue(plan);
      for (let i = fn.start; i < fn.end; i++) {
        cur[i] = this.b.pos;
        if (p.isSecondHalf(i)) continue;
        this.i = i;
        this.lowerInsn(i);
      }
      // Falling off the end of a function is an exit (the verifier would reject it).
      cur[this.epilogueIdx(f)] = this.b.pos;
      this.emitEpilogue(plan);
    }
    cur[this.n] = this.b.pos;
    return cur.slice();
  }

  // ------------------------------------------------------------ the lowering switch
  lowerInsn(i: number): void {
    const p = this.p;
    const code = p.code[i]!;
    const cls = BPF_CLASS(code);
    const op = BPF_OP(code);
    const dstN = p.dst[i]!;
    const srcN = p.src[i]!;
    const off = p.off[i]!;
    const imm = p.imm[i]!;
    const isX = BPF_SRC(code) === BPF_X;
    const reg = regOf;
    switch (cls) {
      case BPF_ALU:
      case BPF_ALU64: {
        const sf = cls === BPF_ALU64;
        const dst = reg(dstN);
        switch (op) {
          case BPF_MOV:
            if (!isX) return this.emitMovImm32(sf, dst, imm); // mov dst, #imm
            if (off === 0) return this.emitMov(sf, dst, reg(srcN));
            if (off === 8 || off === 16 || (off === 32 && sf)) {
              const bits = off as 8 | 16 | 32;
              const src = reg(srcN);
              this.put(E.sxt(sf, bits, dst, src));
              if (this.L) this.note(E.sxtText(sf, bits, dst, src)); // movsx: sxtb/sxth/sxtw
              return;
            }
            return this.err('UNSUPPORTED', off === 1 && sf ? 'addr_space_cast (arena pointers) is not supported by the arm64 JIT' : `invalid movsx offset ${off}`);
          case BPF_NEG:
            return this.lowerNeg(sf, dst);
          case BPF_END:
            return this.lowerEnd(cls === BPF_ALU64 ? 'swap' : isX ? 'be' : 'le', dst, imm);
          case BPF_ADD: case BPF_SUB:
            if (isX) return this.emitAluReg(sf, op, dst, dst, reg(srcN));
            if (!sf && imm === -0x80000000) { // |imm| does not fit: go through a register
              this.emitMovImm32(sf, TMP1, imm);
              return this.emitAluReg(sf, op, dst, dst, TMP1);
            }
            return this.emitAddImm(sf, dst, dst, op === BPF_SUB ? -imm : imm);
          case BPF_AND: case BPF_OR: case BPF_XOR: {
            if (isX) return this.emitAluReg(sf, op, dst, dst, reg(srcN));
            const packed = E.encodeBitmaskImm32x2(imm, imm >> 31, sf);
            if (packed >= 0) {
              const bm = E.unpackBitmask(packed);
              const opc = op === BPF_AND ? E.LOG_AND : op === BPF_OR ? E.LOG_ORR : E.LOG_EOR;
              this.put(E.logicalImm(sf, opc, dst, dst, bm));
              if (this.L) this.note(E.logicalImmText(sf, opc, dst, dst, bm)); // and/orr/eor dst, dst, #bitmask
              return;
            }
            this.emitMovImm32(sf, TMP1, imm);
            return this.emitAluReg(sf, op, dst, dst, TMP1);
          }
          case BPF_MUL: {
            if (isX) return this.emitAluReg(sf, op, dst, dst, reg(srcN));
            const k = log2Exact(imm);
            if (k > 0) return this.emitShiftImm(sf, BPF_LSH, dst, k); // mul by 2^k = lsl #k
            if (imm === 0) return this.emitMovImm(sf, dst, 0, 0); // mul by 0
            if (imm === 1) return this.emitShiftImm(sf, BPF_LSH, dst, 0); // mul by 1 (32-bit: zero-extend)
            if (imm === -1) return this.lowerNeg(sf, dst); // mul by -1 = neg
            const k1 = log2Exact(imm - 1);
            if (k1 > 0) { // mul by 2^k + 1 = add dst, dst, dst, lsl #k
              this.put(E.addSubReg(sf, false, false, dst, dst, dst, E.SHIFT_LSL, k1));
              if (this.L) this.note(E.addSubRegText(sf, false, false, dst, dst, dst, E.SHIFT_LSL, k1));
              return;
            }
            this.emitMovImm32(sf, TMP1, imm);
            return this.emitAluReg(sf, op, dst, dst, TMP1);
          }
          case BPF_DIV: case BPF_MOD: {
            if (off !== 0 && off !== 1) return this.err('RESERVED_FIELD', `invalid div/mod offset ${off}`);
            if (!isX && (imm === 0 || imm === 1 || (imm === -1 && off === 1))) {
              // x / 0 = 0, x % 0 = x; x / 1 = x, x % 1 = 0; x s/ -1 = -x, x s% -1 = 0 (BPF semantics).
              const mod = op === BPF_MOD;
              if (imm === -1) return mod ? this.emitMovImm(sf, dst, 0, 0) : this.lowerNeg(sf, dst);
              if ((imm === 0) === mod) return this.emitShiftImm(sf, BPF_LSH, dst, 0); // unchanged (32-bit: zero-extend)
              return this.emitMovImm(sf, dst, 0, 0);
            }
            const k = isX || off !== 0 ? -1 : log2Exact(imm);
            if (k > 0 && op === BPF_DIV) return this.emitShiftImm(sf, BPF_RSH, dst, k); // unsigned div by 2^k = lsr #k
            if (k > 0) { // unsigned mod by 2^k = and #(2^k - 1)
              const bm = E.unpackBitmask(E.encodeBitmaskImm32x2(imm - 1, 0, sf));
              this.put(E.logicalImm(sf, E.LOG_AND, dst, dst, bm));
              if (this.L) this.note(E.logicalImmText(sf, E.LOG_AND, dst, dst, bm)); // and dst, dst, #(2^k - 1)
              return;
            }
            let src: number;
            if (isX) src = reg(srcN);
            else {
              this.emitMovImm32(sf, TMP1, imm);
              src = TMP1;
            }
            return this.emitDivMod(sf, op === BPF_MOD, off === 1, dst, src);
          }
          case BPF_LSH: case BPF_RSH: case BPF_ARSH: {
            if (isX) return this.emitAluReg(sf, op, dst, dst, reg(srcN));
            return this.emitShiftImm(sf, op, dst, imm & (sf ? 63 : 31));
          }
        }
        return this.err('UNKNOWN_OPCODE', `unknown opcode ${code.toString(16)}`);
      }
      case BPF_LDX: {
        const mode = BPF_MODE(code);
        const size = SIZE_LOG[BPF_SIZE(code)]!;
        if (srcN === BPF_REG_PARAMS) return this.lowerStackArgLoad(reg(dstN), off);
        if (mode === BPF_MEM) return this.emitLdx(size, false, reg(dstN), reg(srcN), off);
        if (mode === BPF_MEMSX && size < 3) return this.emitLdx(size, true, reg(dstN), reg(srcN), off);
        return this.err('UNKNOWN_OPCODE', `unknown opcode ${code.toString(16)}`);
      }
      case BPF_ST: {
        const size = SIZE_LOG[BPF_SIZE(code)]!;
        if (dstN === BPF_REG_PARAMS) return this.lowerStackArgStore(-1, off, imm);
        let src = ZR;
        if (imm !== 0) {
          this.emitMovImm32(true, TMP1, imm);
          src = TMP1;
        }
        return this.emitStx(size, reg(dstN), off, src);
      }
      case BPF_STX: {
        const mode = BPF_MODE(code);
        const size = SIZE_LOG[BPF_SIZE(code)]!;
        if (dstN === BPF_REG_PARAMS) return this.lowerStackArgStore(reg(srcN), off, 0);
        if (mode === BPF_MEM) return this.emitStx(size, reg(dstN), off, reg(srcN));
        if (mode === BPF_ATOMIC) return this.emitAtomic(size, reg(dstN), reg(srcN), off, imm);
        return this.err('UNKNOWN_OPCODE', `unknown opcode ${code.toString(16)}`);
      }
      case BPF_LD: {
        if (code === BPF_LD_IMM64) return this.lowerLdImm64(i, reg(dstN), srcN);
        const mode = BPF_MODE(code);
        if (mode === 0x20 || mode === 0x40) return this.lowerLdAbs(code, mode === 0x40 ? reg(srcN) : -1, imm);
        return this.err('UNKNOWN_OPCODE', `unknown opcode ${code.toString(16)}`);
      }
      case BPF_JMP:
      case BPF_JMP32: {
        const sf = cls === BPF_JMP;
        if (op === BPF_JA) {
          if (isX) return this.err('UNSUPPORTED', 'gotox (indirect jumps) is not supported by the arm64 JIT');
          const disp = cls === BPF_JMP32 ? imm : off;
          if (disp === 0) return; // goto +0
          return this.emitBranch(ALWAYS, this.insnTarget(i + 1 + disp)); // b target
        }
        if (op === BPF_EXIT && sf) {
          if (i === p.funcs[this.f]!.end - 1) return; // falls into the epilogue
          return this.emitBranch(ALWAYS, this.layoutAt(this.epilogueIdx(this.f))); // b epilogue
        }
        if (op === BPF_CALL && sf) return this.lowerCall(i, isX, srcN, dstN, imm);
        if (op === BPF_JCOND && sf && !isX) return this.lowerMayGoto(i + 1 + off);
        const cond = COND_OF[op];
        if (cond === undefined) return this.err('UNKNOWN_OPCODE', `unknown opcode ${code.toString(16)}`);
        const target = this.insnTarget(i + 1 + off);
        const dst = reg(dstN);
        if (op === BPF_JSET) {
          if (isX) {
            this.put(E.logicalReg(sf, E.LOG_ANDS, ZR, dst, reg(srcN)));
            if (this.L) this.note(E.logicalRegText(sf, E.LOG_ANDS, ZR, dst, reg(srcN))); // tst dst, src
          } else {
            const packed = E.encodeBitmaskImm32x2(imm, imm >> 31, sf);
            if (packed >= 0) {
              const bm = E.unpackBitmask(packed);
              this.put(E.logicalImm(sf, E.LOG_ANDS, ZR, dst, bm));
              if (this.L) this.note(E.logicalImmText(sf, E.LOG_ANDS, ZR, dst, bm)); // tst dst, #imm
            } else {
              this.emitMovImm32(sf, TMP1, imm);
              this.put(E.logicalReg(sf, E.LOG_ANDS, ZR, dst, TMP1));
              if (this.L) this.note(E.logicalRegText(sf, E.LOG_ANDS, ZR, dst, TMP1)); // tst dst, tmp
            }
          }
          return this.emitBranch(cond, target);
        }
        if (isX) {
          const src = reg(srcN);
          this.put(E.addSubReg(sf, true, true, ZR, dst, src));
          if (this.L) this.note(E.addSubRegText(sf, true, true, ZR, dst, src)); // cmp dst, src
          return this.emitBranch(cond, target);
        }
        if (imm === 0 && (op === BPF_JEQ || op === BPF_JNE)) return this.emitCbz(sf, op === BPF_JNE, dst, target); // cbz/cbnz
        if (imm >= 0 && imm <= 0xfff) {
          this.put(E.addSubImm(sf, true, true, ZR, dst, imm));
          if (this.L) this.note(E.addSubImmText(sf, true, true, ZR, dst, imm)); // cmp dst, #imm
        } else if (imm < 0 && imm >= -0xfff) {
          this.put(E.addSubImm(sf, false, true, ZR, dst, -imm));
          if (this.L) this.note(E.addSubImmText(sf, false, true, ZR, dst, -imm)); // cmn dst, #-imm
        } else {
          this.emitMovImm32(sf, TMP1, imm);
          this.put(E.addSubReg(sf, true, true, ZR, dst, TMP1));
          if (this.L) this.note(E.addSubRegText(sf, true, true, ZR, dst, TMP1)); // cmp dst, tmp
        }
        return this.emitBranch(cond, target);
      }
    }
    return this.err('UNKNOWN_OPCODE', `unknown opcode ${code.toString(16)}`);
  }

  /** BPF_END: le (truncate), be / swap (byte reverse), result zero-extended. */
  lowerEnd(kind: 'le' | 'be' | 'swap', dst: number, width: number): void {
    if (width !== 16 && width !== 32 && width !== 64) this.err('RESERVED_FIELD', `invalid byte-swap width ${width}`);
    if (kind === 'le') {
      if (width === 16) {
        this.put(E.uxt(16, dst, dst));
        if (this.L) this.note(E.uxtText(16, dst, dst)); // uxth
      } else if (width === 32) this.emitMov(false, dst, dst); // mov wD, wD
      return;
    }
    if (width === 16) {
      this.put(E.rev(false, E.REV16, dst, dst));
      if (this.L) this.note(E.revText(false, E.REV16, dst, dst)); // rev16 wD, wD
      this.put(E.uxt(16, dst, dst));
      if (this.L) this.note(E.uxtText(16, dst, dst)); // uxth wD, wD
    } else if (width === 32) {
      this.put(E.rev(false, E.REV32, dst, dst));
      if (this.L) this.note(E.revText(false, E.REV32, dst, dst)); // rev wD, wD
    } else {
      this.put(E.rev(true, E.REV64, dst, dst));
      if (this.L) this.note(E.revText(true, E.REV64, dst, dst)); // rev xD, xD
    }
  }

  /** Caller side of the stack-argument ABI: spi 0..2 -> x5..x7, spi >= 3 -> [sp + (spi-3)*8]. */
  lowerStackArgStore(src: number, off: number, imm: number): void {
    const spi = -off / 8 - 1;
    if (!Number.isInteger(spi) || spi < 0 || spi >= 7) this.err('STACK_ARG_OFFSET', `stack arg write offset ${off} exceeds max 7 stack args`);
    if (spi < NR_STACK_ARG_REGS) {
      const r = STACK_ARG_REGS[spi]!;
      if (src < 0) return this.emitMovImm32(true, r, imm); // mov x5..x7, #imm
      return this.emitMov(true, r, src); // mov x5..x7, src
    }
    let s = src;
    if (s < 0) {
      s = imm === 0 ? ZR : TMP1;
      if (imm !== 0) this.emitMovImm32(true, TMP1, imm);
    }
    this.emitLdSt(3, E.LS_STORE, s, SP, (spi - NR_STACK_ARG_REGS) * 8); // str src, [sp, #(spi-3)*8]
  }

  /** Callee side: r11+8..+24 read x5..x7; args 9+ at [x29 + 16 + (spi-3)*8] (above the frame record). */
  lowerStackArgLoad(dst: number, off: number): void {
    const spi = off / 8 - 1;
    if (!Number.isInteger(spi) || spi < 0 || spi >= 7) this.err('STACK_ARG_OFFSET', `invalid read from stack arg off ${off}`);
    if (spi < NR_STACK_ARG_REGS) return this.emitMov(true, dst, STACK_ARG_REGS[spi]!); // mov dst, x5..x7
    this.emitLdSt(3, E.LS_LOAD, dst, FP, 16 + (spi - NR_STACK_ARG_REGS) * 8); // ldr dst, [x29, #16+…]
  }

  /** emit_atomic (LSE): stadd/ldaddal, stclr/ldclral (inverted src), stset/ldsetal, steor/ldeoral, swpal, casal; ldar/stlr. */
  emitAtomic(size: E.SizeLog, dst: number, src: number, off: number, imm: number): void {
    if (imm === BPF_LOAD_ACQ) {
      // dst is the destination register, src the base (STX|ATOMIC encoding of load-acquire).
      const a = this.emitAddr(TMP2, src, off);
      this.put(E.ldarStlr(true, size, dst, a));
      if (this.L) this.note(E.ldarStlrText(true, size, dst, a)); // ldar dst, [src + off]
      return;
    }
    if (imm === BPF_STORE_REL) {
      const a = this.emitAddr(TMP2, dst, off);
      this.put(E.ldarStlr(false, size, src, a));
      if (this.L) this.note(E.ldarStlrText(false, size, src, a)); // stlr src, [dst + off]
      return;
    }
    if (size !== 2 && size !== 3) this.err('UNKNOWN_OPCODE', 'atomic operations need a W or DW size');
    const sz = size as 2 | 3;
    const a = this.emitAddr(TMP2, dst, off);
    if (imm === BPF_XCHG) {
      this.put(E.swpal(sz, src, src, a));
      if (this.L) this.note(E.swpalText(sz, src, src, a)); // swpal src, src, [addr]
      return;
    }
    if (imm === BPF_CMPXCHG) {
      this.emitMov(true, TMP1, X8); // mov x10, x8 (expected = R0)
      this.put(E.casal(sz, TMP1, src, a));
      if (this.L) this.note(E.casalText(sz, TMP1, src, a)); // casal x10, src, [addr]
      return this.emitMov(sz === 3, X8, TMP1); // mov x8, x10 (R0 = old value, zero-extended)
    }
    const fetch = (imm & BPF_FETCH) !== 0;
    const base = imm & ~BPF_FETCH;
    let rs = src;
    let op: number;
    switch (base) {
      case BPF_ADD: op = E.AT_ADD; break;
      case BPF_OR: op = E.AT_SET; break;
      case BPF_XOR: op = E.AT_EOR; break;
      case BPF_AND:
        op = E.AT_CLR;
        this.put(E.logicalReg(sz === 3, E.LOG_ORR, TMP1, ZR, src, true));
        if (this.L) this.note(E.logicalRegText(sz === 3, E.LOG_ORR, TMP1, ZR, src, true)); // mvn tmp, src
        rs = TMP1;
        break;
      default: return this.err('UNKNOWN_OPCODE', `unknown atomic operation 0x${imm.toString(16)}`);
    }
    const rt = fetch ? src : ZR;
    this.put(E.lseOp(sz, op, fetch, fetch, rs, rt, a));
    if (this.L) this.note(E.lseOpText(sz, op, fetch, fetch, rs, rt, a)); // st<op> / ld<op>al
  }

  lowerLdImm64(i: number, dst: number, kind: number): void {
    const p = this.p;
    if (kind === 0) return this.emitMovImm(true, dst, p.imm[i]!, p.imm[i + 1] ?? 0); // mov dst, #imm64
    if (kind === BPF_PSEUDO_FUNC) {
      const fn = p.funcAt(i + 1 + p.imm[i]!);
      if (fn === undefined) this.err('CALL_OUT_OF_RANGE', 'BPF_PSEUDO_FUNC does not point at a function start');
      const t = this.layoutAt(this.funcStartIdx(fn.index));
      const d = this.prev === null ? 0 : t - this.b.pos;
      if (!(d >= -(1 << 20) && d < 1 << 20)) this.err('JIT_RANGE', `adr displacement ${d} to func#${fn.index} does not fit ±1 MiB`);
      this.put(E.adr(dst, d));
      if (this.L) this.note(E.adrText(dst, '{T}'), t); // adr dst, func
      // Keep ld_imm64 two words long so its size never depends on the layout.
      this.put(E.NOP);
      if (this.L) this.note('nop');
      return;
    }
    const resolve = this.opts.ldImm64;
    if (resolve === undefined) this.err('LD_IMM64_UNRESOLVED', `ld_imm64 with src ${kind} needs an ldImm64 resolver`);
    const v = BigInt.asUintN(64, resolve(kind, p.imm[i]!, p.imm[i + 1] ?? 0, i));
    this.emitMovImm(true, dst, Number(v & 0xffffffffn), Number(v >> 32n));
  }

  /** LD_ABS / LD_IND: R0 = big-endian load from the input memory; out of bounds -> return 0. */
  lowerLdAbs(code: number, src: number, imm: number): void {
    const sizeCode = BPF_SIZE(code);
    const size = sizeCode === BPF_B ? 1 : sizeCode === BPF_H ? 2 : 4;
    const sl = SIZE_LOG[sizeCode]!;
    if (src >= 0) {
      this.emitMovImm32(false, TMP1, imm);
      this.emitAluReg(false, BPF_ADD, TMP1, src, TMP1); // add w10, wSrc, w10
      this.put(E.sxt(true, 32, TMP1, TMP1));
      if (this.L) this.note(E.sxtText(true, 32, TMP1, TMP1)); // sxtw x10, w10
    } else this.emitMovImm32(true, TMP1, imm); // mov x10, #imm
    this.emitLdSt(3, E.LS_LOAD, TMP2, CTX, CTX_MEM_LEN); // ldr x11, [x28, #mem_len]
    this.emitAddImm(true, TMP3, TMP1, size); // add x12, x10, #size
    this.put(E.addSubReg(true, true, true, ZR, TMP3, TMP2));
    if (this.L) this.note(E.addSubRegText(true, true, true, ZR, TMP3, TMP2)); // cmp x12, x11
    // Out of bounds when off < 0 (signed) or off + size > len (unsigned, with off >= 0).
    const failAt = this.b.pos + 4 * 7; // fixed-size fast path below
    this.put(E.bCond(E.A64_COND.HI, failAt - this.b.pos));
    if (this.L) this.note(E.bCondText(E.A64_COND.HI, '{T}'), failAt); // b.hi fail
    this.put(E.addSubImm(true, true, true, ZR, TMP1, 0));
    if (this.L) this.note(E.addSubImmText(true, true, true, ZR, TMP1, 0)); // cmp x10, #0
    this.put(E.bCond(E.A64_COND.LT, failAt - this.b.pos));
    if (this.L) this.note(E.bCondText(E.A64_COND.LT, '{T}'), failAt); // b.lt fail
    this.emitLdSt(3, E.LS_LOAD, TMP2, CTX, CTX_MEM); // ldr x11, [x28, #mem]
    this.put(E.ldstReg(sl, E.LS_LOAD, X8, TMP2, TMP1));
    if (this.L) this.note(E.ldstRegText(sl, E.LS_LOAD, X8, TMP2, TMP1)); // ldr{b,h} w8, [x11, x10]
    if (size === 2) {
      this.put(E.rev(false, E.REV16, X8, X8));
      if (this.L) this.note(E.revText(false, E.REV16, X8, X8)); // rev16 w8, w8 (upper half is zero)
    } else if (size === 4) {
      this.put(E.rev(false, E.REV32, X8, X8));
      if (this.L) this.note(E.revText(false, E.REV32, X8, X8)); // rev w8, w8
    } else {
      this.put(E.NOP);
      if (this.L) this.note('nop');
    }
    const done = this.b.pos + 12;
    this.put(E.b(done - this.b.pos));
    if (this.L) this.note(E.bText('{T}'), done); // b done
    if (this.b.pos !== failAt) this.err('INTERNAL', 'ld_abs sequence size changed');
    this.emitMovImm(true, X8, 0, 0); // fail: mov x8, #0
    this.emitBranch(ALWAYS, this.layoutAt(this.epilogueIdx(this.f))); // b epilogue (return 0)
  }

  /** may_goto: taken once the activation's counter is exhausted, else count down and fall through. */
  lowerMayGoto(t: number): void {
    const plan = this.plans[this.f]!;
    this.emitLdSt(3, E.LS_LOAD, TMP1, SP, plan.mayGotoOff); // ldr x10, [sp, #counter]
    this.emitCbz(true, false, TMP1, this.insnTarget(t)); // cbz x10, target
    this.put(E.addSubImm(true, true, false, TMP1, TMP1, 1));
    if (this.L) this.note(E.addSubImmText(true, true, false, TMP1, TMP1, 1)); // sub x10, x10, #1
    this.emitLdSt(3, E.LS_STORE, TMP1, SP, plan.mayGotoOff); // str x10, [sp, #counter]
  }

  /** Calls: bpf-to-bpf (bl), helper/kfunc through the context tables (ldr x9; blr x9), callx; then mov x8, x0. */
  lowerCall(i: number, isX: boolean, srcN: number, dstN: number, imm: number): void {
    if (isX) {
      const r = BPF_TO_A64[dstN];
      if (r === undefined) this.err('INVALID_REGISTER', `R${dstN} is invalid`);
      // callx: a small integer is a helper id (table), anything else a code address.
      this.emitMov(true, AX, r); // mov x9, rD
      this.put(E.addSubImm(true, true, true, ZR, AX, TABLE_ENTRIES));
      if (this.L) this.note(E.addSubImmText(true, true, true, ZR, AX, TABLE_ENTRIES)); // cmp x9, #entries
      const at = this.b.pos + 12;
      this.put(E.bCond(E.A64_COND.HS, 12));
      if (this.L) this.note(E.bCondText(E.A64_COND.HS, '{T}'), at); // b.hs 1f (code address)
      this.put(E.addSubReg(true, false, false, AX, CTX, AX, E.SHIFT_LSL, 3));
      if (this.L) this.note(E.addSubRegText(true, false, false, AX, CTX, AX, E.SHIFT_LSL, 3)); // add x9, x28, x9, lsl #3
      this.emitLdSt(3, E.LS_LOAD, AX, AX, CTX_HELPERS); // ldr x9, [x9, #helpers]
      this.put(E.blr(AX));
      if (this.L) this.note(E.blrText(AX)); // 1: blr x9
      this.sites.push({ insn: i, kind: 'callx', id: 0, relocOffset: -1 });
      return this.emitMov(true, X8, X0); // mov x8, x0
    }
    if (srcN === BPF_PSEUDO_CALL) {
      const fn = this.p.funcAt(i + 1 + imm);
      if (fn === undefined) this.err('CALL_OUT_OF_RANGE', 'call to invalid destination');
      const t = this.layoutAt(this.funcStartIdx(fn.index));
      this.put(E.bl(this.check26(t - this.b.pos)));
      if (this.L) this.note(E.blText('{T}'), t); // bl func#N
      return this.emitMov(true, X8, X0); // mov x8, x0
    }
    if (srcN !== 0 && srcN !== BPF_PSEUDO_KFUNC_CALL) this.err('UNKNOWN_OPCODE', `unknown call kind ${srcN}`);
    const kfunc = srcN === BPF_PSEUDO_KFUNC_CALL;
    if (imm < 0 || imm >= TABLE_ENTRIES)
      this.err(kfunc ? 'KFUNC_UNKNOWN' : 'HELPER_UNKNOWN', `${kfunc ? 'kfunc btf_id' : 'helper id'} ${imm} is outside the runtime's table (0..${TABLE_ENTRIES - 1})`);
    const slot = (kfunc ? CTX_KFUNCS : CTX_HELPERS) + 8 * imm;
    const relocOffset = this.b.pos;
    this.emitLdSt(3, E.LS_LOAD, AX, CTX, slot); // ldr x9, [x28, #table + 8*id]
    this.relocations.push({ offset: relocOffset, kind: kfunc ? 'kfunc' : 'helper', target: imm, insn: i });
    this.sites.push({ insn: i, kind: kfunc ? 'kfunc' : 'helper', id: imm, relocOffset });
    this.put(E.blr(AX));
    if (this.L) this.note(E.blrText(AX)); // blr x9 (args already in x0-x7 and [sp])
    this.emitMov(true, X8, X0); // mov x8, x0: result -> BPF R0
  }
}

/** Compile `program` to arm64 machine code. Throws BpfError. */
export function jitArm64Compile(program: Program, options: Arm64JitOptions = {}): Arm64JitResult {
  if (program.length === 0) throw new BpfError('BAD_LENGTH', 'empty program', { pass: PASS });
  const jit = new Arm64Jit(program, options);
  // Sizing pass: no displacement is known, every instruction's size is fixed by the program.
  jit.long = options.longBranches === true;
  let layout = jit.runPass();
  let passes = 1;
  if (!jit.long && jit.b.pos >= 1 << 20) {
    jit.long = true;
    layout = jit.runPass();
    passes++;
  }
  // Emit pass: displacements from the sizing layout; the layout must not move.
  jit.prev = layout;
  jit.L = options.listing === true;
  const fin = jit.runPass();
  passes++;
  if (!sameLayout(fin, layout)) throw new BpfError('INTERNAL', `bpf_jit: proglen=${fin[program.length]} != oldproglen=${layout[program.length]}`, { pass: PASS });
  const code = jit.b.finish();
  const insnOffsets = fin.slice(0, program.length + 1);
  const funcs: JitFunctionLayout[] = program.funcs.map((f, k) => {
    const offset = fin[jit.funcStartIdx(k)]!;
    const end = k + 1 < jit.nf ? fin[jit.funcStartIdx(k + 1)]! : code.length;
    return { index: k, start: f.start, end: f.end, offset, size: end - offset, bodyOffset: fin[f.start]!, epilogueOffset: fin[jit.epilogueIdx(k)]! };
  });
  const input = { arch: 'arm64', code, insnOffsets, funcs, relocations: jit.relocations, stubs: jit.stubs };
  checkJitImage(input, program.length);
  const result: Arm64JitResult = {
    arch: 'arm64', code, insnOffsets, funcs, relocations: jit.relocations, stubs: jit.stubs, entry: 0, sites: jit.sites,
    longBranches: jit.long, passes,
  };
  if (jit.b.notes !== null) listingNotes.set(result, jit.b.notes);
  return result;
}

/** Bytes of code per BPF instruction slot (the bench's figure). */
export const bytesPerInsn = (r: Arm64JitResult, program: Program): number => r.code.length / program.length;
