// Test-only generator of random programs that run natively without faulting and whose result
// does not depend on real addresses, so the arm64 JIT under qemu and the interpreter must agree
// bit for bit: R1 stays the input-memory pointer (never written, never used as a value), R10 is
// only a base, loads/stores/atomics hit in-bounds aligned offsets of the memory or the stack
// (initialised first), jumps go forward (plus may_goto-bounded loops), and bpf-to-bpf calls go
// to later functions only (a DAG) with 0–7 stack arguments. The end folds R0, R2..R9 and the
// stack slots into R0. Every RFC 9669 v1–v4 ALU/JMP/load/store/atomic form appears.
import { Program, insn, type FuncMeta, type Insn } from '@bpfkit/ir';

export type Rnd = (k: number) => number;
export const MEM_LEN = 32;
const STACK_SLOTS = 8;
const PTR_SLOT = -8 * (STACK_SLOTS + 1);

const VALS = [0, 1, -1, 2, 3, 5, 9, 17, 0x40000001, 7, 31, 32, 63, 64, 0x7fffffff, -0x80000000, 0xffff, 0x8000, -2, 0x80, 255, 4096, -4096];
const pickImm = (r: Rnd): number => (r(3) === 0 ? (r(0x100000000) | 0) : VALS[r(VALS.length)]!);
const valueReg = (r: Rnd): number => { const k = r(9); return k === 0 ? 0 : k + 1; }; // 0, 2..9
const SIZES = [0x00, 0x08, 0x10, 0x18]; // W, H, B, DW
const sizeBytes = (s: number): number => (s === 0x18 ? 8 : s === 0x00 ? 4 : s === 0x08 ? 2 : 1);

function ldImm64(dst: number, lo: number, hi: number): Insn[] {
  return [insn(0x18, dst, 0, 0, lo | 0), insn(0, 0, 0, 0, hi | 0)];
}

/** A memory operand: base R1 (input memory) or R10 (stack), an aligned in-bounds offset. */
function memOperand(r: Rnd, size: number): { base: number; off: number } {
  const n = sizeBytes(size);
  if (r(2) === 0) return { base: 1, off: r(MEM_LEN / n) * n };
  return { base: 10, off: -(r((STACK_SLOTS * 8) / n) + 1) * n };
}

/** One straight-line or forward-jumping unit; `left` = instructions after it in the body (jump range). */
function unit(r: Rnd, left: number): Insn[] {
  const k = r(20);
  const dst = valueReg(r);
  const src = valueReg(r);
  switch (k) {
    case 0: case 1: case 2: case 3: case 4: { // ALU / ALU64, K or X
      const ops = [0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x80, 0x90, 0xa0, 0xb0, 0xc0];
      const op = ops[r(ops.length)]!;
      const cls = r(2) === 0 ? 0x04 : 0x07;
      const x = r(2) === 0 && op !== 0x80 ? 0x08 : 0;
      const off = op === 0x30 || op === 0x90 ? r(2) : 0;
      if (op === 0xb0 && x !== 0 && r(3) === 0) {
        const widths = cls === 0x07 ? [8, 16, 32] : [8, 16];
        return [insn(cls | op | x, dst, src, widths[r(widths.length)]!, 0)];
      }
      return [insn(cls | op | x, dst, x ? src : 0, off, op === 0x80 || x ? 0 : pickImm(r))];
    }
    case 5: { // byte swaps
      const w = [16, 32, 64][r(3)]!;
      const code = [0xd4, 0xdc, 0xd7][r(3)]!;
      return [insn(code, dst, 0, 0, w)];
    }
    case 6: return ldImm64(dst, r(0x100000000), r(0x100000000));
    case 7: case 8: { // LDX (MEM or MEMSX)
      const size = SIZES[r(4)]!;
      const { base, off } = memOperand(r, size);
      const sx = size !== 0x18 && r(2) === 0;
      return [insn((sx ? 0x80 : 0x60) | size | 0x01, dst, base, off, 0)];
    }
    case 9: { // ST imm
      const size = SIZES[r(4)]!;
      const { base, off } = memOperand(r, size);
      return [insn(0x60 | size | 0x02, base, 0, off, pickImm(r))];
    }
    case 10: { // STX
      const size = SIZES[r(4)]!;
      const { base, off } = memOperand(r, size);
      return [insn(0x60 | size | 0x03, base, src, off, 0)];
    }
    case 11: { // atomics (W/DW) and load-acquire / store-release (all sizes)
      const kind = r(4);
      if (kind === 0) {
        const size = SIZES[r(4)]!;
        const { base, off } = memOperand(r, size);
        return r(2) === 0 ? [insn(0xc3 | size, dst, base, off, 0x100)] : [insn(0xc3 | size, base, src, off, 0x110)];
      }
      const size = r(2) === 0 ? 0x00 : 0x18;
      const { base, off } = memOperand(r, size);
      const ops = [0x00, 0x01, 0x40, 0x41, 0x50, 0x51, 0xa0, 0xa1, 0xe1, 0xf1];
      return [insn(0xc3 | size, base, src, off, ops[r(ops.length)]!)];
    }
    case 12: case 13: case 14: case 15: { // conditional jumps forward (JMP / JMP32, K / X)
      const ops = [0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0xa0, 0xb0, 0xc0, 0xd0];
      const cls = r(2) === 0 ? 0x05 : 0x06;
      const x = r(2) === 0 ? 0x08 : 0;
      const off = r(Math.min(left, 12) + 1);
      return [insn(cls | ops[r(ops.length)]! | x, dst, x ? src : 0, off, x ? 0 : pickImm(r))];
    }
    case 16: { // goto / gotol forward
      const off = r(Math.min(left, 6) + 1);
      return r(2) === 0 ? [insn(0x05, 0, 0, off, 0)] : [insn(0x06, 0, 0, 0, off)];
    }
    case 17: { // a may_goto-bounded loop: L: may_goto +2; alu; goto L
      return [insn(0xe5, 0, 0, 2, 0), insn(0x07, dst, 0, 0, pickImm(r)), insn(0x05, 0, 0, -3, 0)];
    }
    case 18: return r(8) === 0 ? [insn(0x95)] : [insn(0xbf, dst, src, 0, 0)];
    default: return [insn(0x2f, dst, src, 0, 0)];
  }
}

const isFwdJump = (x: Insn): boolean => {
  const c = x.code;
  const cls = c & 0x07;
  if (cls !== 0x05 && cls !== 0x06) return false;
  if (c === 0x95 || c === 0x85 || c === 0xe5) return false;
  return c === 0x06 ? x.imm >= 0 : x.off >= 0;
};

function body(r: Rnd, n: number): Insn[] {
  const units: Insn[][] = [];
  for (let k = 0; k < n; k++) units.push(unit(r, 0));
  let total = 0;
  for (const u of units) total += u.length;
  // Draw forward-jump displacements now that the remaining length is known.
  const out: Insn[] = [];
  for (const u of units) {
    const x = u[0]!;
    if (u.length === 1 && isFwdJump(x)) {
      const left = total - out.length - 1;
      const d = r(Math.min(left, 12) + 1);
      out.push(x.code === 0x06 ? { ...x, imm: d } : { ...x, off: d });
    } else out.push(...u);
  }
  return fixJumpsIntoLdImm64(out);
}

/** A forward jump must not land on the second slot of an ld_imm64: shorten it to the first slot. */
function fixJumpsIntoLdImm64(xs: Insn[]): Insn[] {
  const second = new Uint8Array(xs.length + 1);
  for (let i = 0; i + 1 < xs.length; i++) if (xs[i]!.code === 0x18) second[i + 1] = 1;
  return xs.map((x, i) => {
    const c = x.code;
    const isJ = ((c & 0x07) === 0x05 || (c & 0x07) === 0x06) && c !== 0x95 && c !== 0x85 && !second[i];
    if (!isJ) return x;
    const d = c === 0x06 ? x.imm : x.off;
    const t = i + 1 + d;
    if (t <= xs.length && second[t]) return c === 0x06 ? { ...x, imm: d - 1 } : { ...x, off: d - 1 };
    return x;
  });
}

function initState(r: Rnd, regs: readonly number[]): Insn[] {
  const out: Insn[] = [];
  for (const reg of regs) out.push(...ldImm64(reg, r(0x100000000), r(0x100000000)));
  for (let s = 1; s <= STACK_SLOTS; s++) out.push(insn(0x7a, 10, 0, -8 * s, pickImm(r)));
  return out;
}

function fold(): Insn[] {
  const out: Insn[] = [];
  for (const reg of [2, 3, 4, 5, 6, 7, 8, 9]) out.push(insn(0xaf, 0, reg, 0, 0), insn(0x27, 0, 0, 0, 3));
  for (let s = 1; s <= STACK_SLOTS; s++) out.push(insn(0x79, 2, 10, -8 * s, 0), insn(0xaf, 0, 2, 0, 0), insn(0x27, 0, 0, 0, 5));
  out.push(insn(0x95));
  return out;
}

/** A random safe program with 1–3 functions. */
export function safeProgram(r: Rnd, maxBody = 30): Program {
  const nf = 1 + r(3);
  const argc = Array.from({ length: nf }, () => 5 + r(8)); // 5..12 arguments per callee
  const funcs: Insn[][] = [];
  const callSites: { f: number; at: number; callee: number }[] = [];
  for (let f = 0; f < nf; f++) {
    const code: Insn[] = [];
    if (f > 0) for (let s = 0; s < argc[f]! - 5; s++) if (r(2) === 0) code.push(insn(0x79, valueReg(r), 11, 8 * (s + 1), 0));
    code.push(...initState(r, f === 0 ? [0, 3, 4, 5, 6, 7, 8, 9] : []));
    code.push(insn(0x7b, 10, 1, PTR_SLOT, 0)); // the memory pointer survives calls here (never folded)
    code.push(...body(r, 1 + r(maxBody)));
    if (f + 1 < nf && r(4) !== 0) {
      const callee = f + 1 + r(nf - f - 1);
      for (let s = 0; s < argc[callee]! - 5; s++) code.push(r(2) === 0 ? insn(0x7a, 11, 0, -8 * (s + 1), pickImm(r)) : insn(0x7b, 11, valueReg(r), -8 * (s + 1), 0));
      callSites.push({ f, at: code.length, callee });
      code.push(insn(0x85, 0, 1, 0, 0));
      code.push(insn(0x79, 1, 10, PTR_SLOT, 0)); // R1..R5 are dead after a call: reload the pointer
      code.push(...body(r, 1 + r(8)));
    }
    code.push(...(f === 0 ? fold() : [insn(0x95)]));
    funcs.push(code);
  }
  const starts: number[] = [];
  let pos = 0;
  for (const c of funcs) { starts.push(pos); pos += c.length; }
  for (const cs of callSites) {
    const i = starts[cs.f]! + cs.at;
    funcs[cs.f]![cs.at] = insn(0x85, 0, 1, 0, starts[cs.callee]! - i - 1);
  }
  const meta: FuncMeta[] = starts.slice(1).map((start, k) => ({ start, argCount: argc[k + 1]! }));
  return Program.fromInsns(funcs.flat(), { funcs: meta });
}

/** Deterministic LCG stream from a seed (what fast-check hands out). */
export function lcg(seed: number): Rnd {
  let s = seed >>> 0;
  return (k: number) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const hi = s >>> 8;
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return Math.floor(((hi * 16777216 + (s >>> 8)) / 2 ** 48) * k);
  };
}
