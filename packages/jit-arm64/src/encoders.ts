// Pure A64 encoders: one function per machine-instruction form, returning the 32-bit word
// (unsigned), plus a text function per form that spells the instruction exactly as
// `llvm-mc --disassemble -triple=aarch64` does (aliases included: mov, cmp, tst, lsl, uxth, …),
// which is what the JIT listing shows and what the table tests compare. Field layouts follow
// the Arm ARM (and arch/arm64/kernel/insn.c, whose aarch64_insn_gen_* helpers these mirror).
// Register numbers are 0..30; 31 means sp or xzr/wzr depending on the form (as in hardware).
// Invariants: every encoder range-checks its immediates and throws BpfError('JIT_RANGE').
import { BpfError } from '@bpfkit/ir';

export const SP = 31;
export const XZR = 31;

/** Condition codes (b.cond). */
export const A64_COND = { EQ: 0, NE: 1, HS: 2, LO: 3, MI: 4, PL: 5, VS: 6, VC: 7, HI: 8, LS: 9, GE: 10, LT: 11, GT: 12, LE: 13, AL: 14 } as const;
const COND_NAMES = ['eq', 'ne', 'hs', 'lo', 'mi', 'pl', 'vs', 'vc', 'hi', 'ls', 'ge', 'lt', 'gt', 'le', 'al', 'nv'];
export const condName = (c: number): string => COND_NAMES[c]!;
export const invertCond = (c: number): number => c ^ 1;

function rangeFail(what: string): never {
  throw new BpfError('JIT_RANGE', `arm64 encoder: ${what} out of range`, { pass: 'jit-arm64' });
}

/** Register name: x/w by `sf`; 31 is sp when `sp` is true, else xzr/wzr. */
export function reg(r: number, sf: boolean, sp = false): string {
  if (r === 31) return sp ? (sf ? 'sp' : 'wsp') : sf ? 'xzr' : 'wzr';
  return (sf ? 'x' : 'w') + r;
}
const x = (r: number, sp = false): string => reg(r, true, sp);
const s = (b: boolean): number => (b ? 1 : 0);
const imm = (v: number): string => `#${v}`;

// ---------------------------------------------------------------- add/sub (immediate)
/** ADD/SUB (immediate) `rd = rn ± imm12 << (12 * sh)`; `setFlags` gives ADDS/SUBS. */
export function addSubImm(sf: boolean, sub: boolean, setFlags: boolean, rd: number, rn: number, imm12: number, sh12 = false): number {
  if (!(imm12 >= 0 && imm12 <= 0xfff)) rangeFail(`add/sub imm12 ${imm12}`);
  return ((s(sf) << 31) | (s(sub) << 30) | (s(setFlags) << 29) | (0b100010 << 23) | (s(sh12) << 22) | (imm12 << 10) | (rn << 5) | rd) >>> 0;
}
export function addSubImmText(sf: boolean, sub: boolean, setFlags: boolean, rd: number, rn: number, imm12: number, sh12 = false): string {
  const tail = sh12 ? `${imm(imm12)}, lsl #12` : imm(imm12);
  if (setFlags && rd === 31) return `${sub ? 'cmp' : 'cmn'}\t${reg(rn, sf, true)}, ${tail}`;
  if (!sub && !setFlags && imm12 === 0 && !sh12 && (rd === 31 || rn === 31)) return `mov\t${reg(rd, sf, true)}, ${reg(rn, sf, true)}`;
  const m = (sub ? 'sub' : 'add') + (setFlags ? 's' : '');
  return `${m}\t${reg(rd, sf, !setFlags)}, ${reg(rn, sf, true)}, ${tail}`;
}

// ---------------------------------------------------------------- add/sub (shifted register)
export const SHIFT_LSL = 0;
export const SHIFT_LSR = 1;
export const SHIFT_ASR = 2;
const SHIFT_NAMES = ['lsl', 'lsr', 'asr', 'ror'];

export function addSubReg(sf: boolean, sub: boolean, setFlags: boolean, rd: number, rn: number, rm: number, shift = SHIFT_LSL, amount = 0): number {
  if (!(amount >= 0 && amount < (sf ? 64 : 32))) rangeFail(`shift amount ${amount}`);
  return ((s(sf) << 31) | (s(sub) << 30) | (s(setFlags) << 29) | (0b01011 << 24) | (shift << 22) | (rm << 16) | (amount << 10) | (rn << 5) | rd) >>> 0;
}
export function addSubRegText(sf: boolean, sub: boolean, setFlags: boolean, rd: number, rn: number, rm: number, shift = SHIFT_LSL, amount = 0): string {
  const sh = amount !== 0 || shift !== SHIFT_LSL ? `, ${SHIFT_NAMES[shift]} #${amount}` : '';
  if (setFlags && rd === 31) return `${sub ? 'cmp' : 'cmn'}\t${reg(rn, sf)}, ${reg(rm, sf)}${sh}`;
  if (sub && rn === 31) return `${setFlags ? 'negs' : 'neg'}\t${reg(rd, sf)}, ${reg(rm, sf)}${sh}`;
  return `${sub ? 'sub' : 'add'}${setFlags ? 's' : ''}\t${reg(rd, sf)}, ${reg(rn, sf)}, ${reg(rm, sf)}${sh}`;
}

// ---------------------------------------------------------------- logical (shifted register)
export const LOG_AND = 0;
export const LOG_ORR = 1;
export const LOG_EOR = 2;
export const LOG_ANDS = 3;
const LOG_NAMES = ['and', 'orr', 'eor', 'ands'];
const LOG_NOT_NAMES = ['bic', 'orn', 'eon', 'bics'];

/** AND/ORR/EOR/ANDS (shifted register); `invert` gives BIC/ORN/EON/BICS. */
export function logicalReg(sf: boolean, opc: number, rd: number, rn: number, rm: number, invert = false, shift = SHIFT_LSL, amount = 0): number {
  if (!(amount >= 0 && amount < (sf ? 64 : 32))) rangeFail(`shift amount ${amount}`);
  return ((s(sf) << 31) | (opc << 29) | (0b01010 << 24) | (shift << 22) | (s(invert) << 21) | (rm << 16) | (amount << 10) | (rn << 5) | rd) >>> 0;
}
export function logicalRegText(sf: boolean, opc: number, rd: number, rn: number, rm: number, invert = false, shift = SHIFT_LSL, amount = 0): string {
  const sh = amount !== 0 || shift !== SHIFT_LSL ? `, ${SHIFT_NAMES[shift]} #${amount}` : '';
  if (opc === LOG_ORR && rn === 31 && sh === '') return `${invert ? 'mvn' : 'mov'}\t${reg(rd, sf)}, ${reg(rm, sf)}`;
  if (opc === LOG_ANDS && rd === 31 && !invert) return `tst\t${reg(rn, sf)}, ${reg(rm, sf)}${sh}`;
  return `${(invert ? LOG_NOT_NAMES : LOG_NAMES)[opc]}\t${reg(rd, sf)}, ${reg(rn, sf)}, ${reg(rm, sf)}${sh}`;
}
/** `mov rd, rm` (ORR rd, zr, rm). */
export const movReg = (sf: boolean, rd: number, rm: number): number => logicalReg(sf, LOG_ORR, rd, XZR, rm);

// ---------------------------------------------------------------- logical (immediate): bitmask immediates
export interface BitmaskImm {
  readonly n: number;
  readonly immr: number;
  readonly imms: number;
}

const M64 = (1n << 64n) - 1n;
const isShiftedMask = (v: bigint): boolean => {
  if (v === 0n) return false;
  const low = v & -v; // lowest set bit
  const filled = v + low; // carries through the run of ones
  return (filled & (filled - 1n)) === 0n || filled === 1n << 64n;
};
const ctz = (v: bigint): number => {
  let n = 0;
  while ((v & 1n) === 0n && n < 64) { v >>= 1n; n++; }
  return n;
};
const cto = (v: bigint): number => {
  let n = 0;
  while ((v & 1n) === 1n && n < 64) { v >>= 1n; n++; }
  return n;
};
const clo64 = (v: bigint): number => {
  let n = 0;
  for (let b = 63; b >= 0 && ((v >> BigInt(b)) & 1n) === 1n; b--) n++;
  return n;
};

/**
 * The bitmask-immediate encoder (LLVM's processLogicalImmediate): the (N, immr, imms) that
 * decodes to `value` in a register of 64 (`sf`) or 32 bits, or null when none does.
 */
export function encodeBitmaskImm(value: bigint, sf: boolean): BitmaskImm | null {
  const regSize = sf ? 64 : 32;
  let v = BigInt.asUintN(regSize, value);
  if (v === 0n || v === (1n << BigInt(regSize)) - 1n) return null;
  if (!sf) v |= v << 32n; // a 32-bit pattern is a replicated 64-bit one
  let size = 64;
  do {
    size /= 2;
    const mask = (1n << BigInt(size)) - 1n;
    if ((v & mask) !== ((v >> BigInt(size)) & mask)) {
      size *= 2;
      break;
    }
  } while (size > 2);
  const mask = size === 64 ? M64 : (1n << BigInt(size)) - 1n;
  v &= mask;
  let i: number;
  let ones: number;
  if (isShiftedMask(v)) {
    i = ctz(v);
    ones = cto(v >> BigInt(i));
  } else {
    v |= ~mask & M64;
    if (!isShiftedMask(~v & M64)) return null;
    const clo = clo64(v);
    i = 64 - clo;
    ones = clo + cto(v) - (64 - size);
  }
  const immr = (size - i) & (size - 1);
  let nimms = (~(size - 1) << 1) & 0x7f;
  nimms |= ones - 1;
  const n = ((nimms >> 6) & 1) ^ 1;
  if (!sf && n === 1) return null;
  return { n, immr, imms: nimms & 0x3f };
}

const popcount32 = (v: number): number => {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24);
};

/** Element of `e` bits (2..32) holding a rotated run of ones: the (immr, imms) or -1. */
function runInElement(elem: number, e: number): number {
  const mask = e === 32 ? 0xffffffff : (1 << e) - 1;
  elem = elem >>> 0;
  if (elem === 0 || elem === mask) return -1;
  const k = popcount32(elem);
  // Start of the run: a set bit whose lower neighbour (cyclically) is clear.
  const lowerNeighbour = (((elem << 1) | (elem >>> (e - 1))) & mask) >>> 0;
  const starts = (elem & ~lowerNeighbour & mask) >>> 0;
  if (popcount32(starts) !== 1) return -1;
  const i = 31 - Math.clz32(starts);
  const immr = (e - i) & (e - 1);
  const imms = (((~(e - 1) << 1) & 0x3f) | (k - 1)) & 0x3f;
  return (immr << 6) | imms;
}

/**
 * Fast bitmask-immediate encoder on 32-bit halves (what the JIT calls): for a 64-bit register
 * (`sf`) the value is hi:lo, for a 32-bit one lo. Returns N << 12 | immr << 6 | imms, or -1.
 */
export function encodeBitmaskImm32x2(lo: number, hi: number, sf: boolean): number {
  lo >>>= 0;
  hi >>>= 0;
  if (!sf || lo === hi) {
    if (lo === 0 || lo === 0xffffffff) return -1;
    let e = 32;
    while (e > 2) {
      const h = e >>> 1;
      const m = (1 << h) - 1;
      if ((lo & m) !== ((lo >>> h) & m)) break;
      e = h;
    }
    const elemMask = e === 32 ? 0xffffffff : (1 << e) - 1;
    return runInElement(lo & elemMask, e);
  }
  // A 64-bit element: one rotated run of ones across both halves.
  const k = popcount32(lo) + popcount32(hi);
  // Run starts: bit j set and bit j-1 (cyclic over 64) clear.
  const lowerLo = ((lo << 1) | (hi >>> 31)) >>> 0;
  const lowerHi = ((hi << 1) | (lo >>> 31)) >>> 0;
  const sLo = (lo & ~lowerLo) >>> 0;
  const sHi = (hi & ~lowerHi) >>> 0;
  if (popcount32(sLo) + popcount32(sHi) !== 1) return -1;
  const i = sLo !== 0 ? 31 - Math.clz32(sLo) : 32 + 31 - Math.clz32(sHi);
  return (1 << 12) | (((64 - i) & 63) << 6) | (k - 1);
}

/** The BitmaskImm of a packed encodeBitmaskImm32x2 result. */
export const unpackBitmask = (packed: number): BitmaskImm => ({ n: packed >>> 12, immr: (packed >>> 6) & 0x3f, imms: packed & 0x3f });

/** DecodeBitMasks(): the value a (N, immr, imms) names, or null for a reserved encoding. */
export function decodeBitmaskImm(n: number, immr: number, imms: number, sf: boolean): bigint | null {
  const combined = (n << 6) | (~imms & 0x3f);
  if (combined === 0) return null;
  const len = 31 - Math.clz32(combined);
  if (len < 1 || (!sf && n === 1)) return null;
  const size = 1 << len;
  const levels = size - 1;
  const sBits = imms & levels;
  const r = immr & levels;
  if (sBits === levels) return null;
  let pattern = (1n << BigInt(sBits + 1)) - 1n;
  const sizeMask = size === 64 ? M64 : (1n << BigInt(size)) - 1n;
  if (r !== 0) pattern = ((pattern >> BigInt(r)) | (pattern << BigInt(size - r))) & sizeMask;
  let out = 0n;
  for (let k = 0; k < 64; k += size) out |= pattern << BigInt(k);
  return sf ? out & M64 : out & 0xffffffffn;
}

/** AND/ORR/EOR/ANDS (immediate) with an encoded bitmask. */
export function logicalImm(sf: boolean, opc: number, rd: number, rn: number, bm: BitmaskImm): number {
  return ((s(sf) << 31) | (opc << 29) | (0b100100 << 23) | (bm.n << 22) | (bm.immr << 16) | (bm.imms << 10) | (rn << 5) | rd) >>> 0;
}
export function logicalImmText(sf: boolean, opc: number, rd: number, rn: number, bm: BitmaskImm): string {
  const v = decodeBitmaskImm(bm.n, bm.immr, bm.imms, sf)!;
  const hex = `#0x${v.toString(16)}`;
  if (opc === LOG_ANDS && rd === 31) return `tst\t${reg(rn, sf)}, ${hex}`;
  if (opc === LOG_ORR && rn === 31) return `mov\t${reg(rd, sf, true)}, #${sf ? BigInt.asIntN(64, v) : BigInt.asIntN(32, v)}`;
  return `${LOG_NAMES[opc]}\t${reg(rd, sf, opc !== LOG_ANDS)}, ${reg(rn, sf)}, ${hex}`;
}

// ---------------------------------------------------------------- move wide
export const MOVN = 0;
export const MOVZ = 2;
export const MOVK = 3;

export function moveWide(sf: boolean, opc: number, rd: number, imm16: number, hw: number): number {
  if (!(imm16 >= 0 && imm16 <= 0xffff)) rangeFail(`imm16 ${imm16}`);
  if (!(hw >= 0 && hw < (sf ? 4 : 2))) rangeFail(`hw ${hw}`);
  return ((s(sf) << 31) | (opc << 29) | (0b100101 << 23) | (hw << 21) | (imm16 << 5) | rd) >>> 0;
}
export function moveWideText(sf: boolean, opc: number, rd: number, imm16: number, hw: number): string {
  const sh = hw !== 0 ? `, lsl #${16 * hw}` : '';
  if (opc === MOVK) return `movk\t${reg(rd, sf)}, #${imm16}${sh}`;
  const v = BigInt(imm16) << BigInt(16 * hw);
  if (opc === MOVZ) {
    if (imm16 === 0 && hw !== 0) return `movz\t${reg(rd, sf)}, #0${sh}`;
    return `mov\t${reg(rd, sf)}, #${sf ? BigInt.asIntN(64, v) : BigInt.asIntN(32, v)}`;
  }
  // MOVN: the mov alias unless the value is also a movz (imm16 == 0, hw != 0) or, for W, all-ones imm16.
  if ((imm16 === 0 && hw !== 0) || (!sf && imm16 === 0xffff)) return `movn\t${reg(rd, sf)}, #${imm16}${sh}`;
  return `mov\t${reg(rd, sf)}, #${sf ? BigInt.asIntN(64, ~v) : BigInt.asIntN(32, ~v)}`;
}

// ---------------------------------------------------------------- data processing (2 / 3 / 1 source)
export const DP2_UDIV = 0b000010;
export const DP2_SDIV = 0b000011;
export const DP2_LSLV = 0b001000;
export const DP2_LSRV = 0b001001;
export const DP2_ASRV = 0b001010;
const DP2_NAMES: Record<number, string> = { 2: 'udiv', 3: 'sdiv', 8: 'lsl', 9: 'lsr', 10: 'asr' };

export function dataProc2(sf: boolean, opcode: number, rd: number, rn: number, rm: number): number {
  return ((s(sf) << 31) | (0b11010110 << 21) | (rm << 16) | (opcode << 10) | (rn << 5) | rd) >>> 0;
}
export const dataProc2Text = (sf: boolean, opcode: number, rd: number, rn: number, rm: number): string =>
  `${DP2_NAMES[opcode]}\t${reg(rd, sf)}, ${reg(rn, sf)}, ${reg(rm, sf)}`;

/** MADD (`sub` false) / MSUB: rd = ra ± rn * rm; ra = zr gives MUL / MNEG. */
export function mulAdd(sf: boolean, sub: boolean, rd: number, rn: number, rm: number, ra: number): number {
  return ((s(sf) << 31) | (0b0011011 << 24) | (rm << 16) | (s(sub) << 15) | (ra << 10) | (rn << 5) | rd) >>> 0;
}
export function mulAddText(sf: boolean, sub: boolean, rd: number, rn: number, rm: number, ra: number): string {
  if (ra === 31) return `${sub ? 'mneg' : 'mul'}\t${reg(rd, sf)}, ${reg(rn, sf)}, ${reg(rm, sf)}`;
  return `${sub ? 'msub' : 'madd'}\t${reg(rd, sf)}, ${reg(rn, sf)}, ${reg(rm, sf)}, ${reg(ra, sf)}`;
}

export const REV16 = 1;
export const REV32 = 2;
export const REV64 = 3;
/** REV16 / REV (32-bit: opcode REV32 with sf=0) / REV (64-bit). */
export function rev(sf: boolean, opcode: number, rd: number, rn: number): number {
  return ((s(sf) << 31) | (1 << 30) | (0b11010110 << 21) | (opcode << 10) | (rn << 5) | rd) >>> 0;
}
export function revText(sf: boolean, opcode: number, rd: number, rn: number): string {
  const m = opcode === REV16 ? 'rev16' : opcode === REV32 && sf ? 'rev32' : 'rev';
  return `${m}\t${reg(rd, sf)}, ${reg(rn, sf)}`;
}

// ---------------------------------------------------------------- bitfield moves (shifts by immediate, extends)
export const BF_SBFM = 0;
export const BF_UBFM = 2;
export function bitfield(sf: boolean, opc: number, rd: number, rn: number, immr: number, imms: number): number {
  return ((s(sf) << 31) | (opc << 29) | (0b100110 << 23) | (s(sf) << 22) | (immr << 16) | (imms << 10) | (rn << 5) | rd) >>> 0;
}
export function lslImm(sf: boolean, rd: number, rn: number, sh: number): number {
  const w = sf ? 64 : 32;
  if (!(sh > 0 && sh < w)) rangeFail(`lsl #${sh}`);
  return bitfield(sf, BF_UBFM, rd, rn, (w - sh) % w, w - 1 - sh);
}
export function lsrImm(sf: boolean, rd: number, rn: number, sh: number): number {
  if (!(sh > 0 && sh < (sf ? 64 : 32))) rangeFail(`lsr #${sh}`);
  return bitfield(sf, BF_UBFM, rd, rn, sh, sf ? 63 : 31);
}
export function asrImm(sf: boolean, rd: number, rn: number, sh: number): number {
  if (!(sh > 0 && sh < (sf ? 64 : 32))) rangeFail(`asr #${sh}`);
  return bitfield(sf, BF_SBFM, rd, rn, sh, sf ? 63 : 31);
}
export const shiftImmText = (kind: 'lsl' | 'lsr' | 'asr', sf: boolean, rd: number, rn: number, sh: number): string =>
  `${kind}\t${reg(rd, sf)}, ${reg(rn, sf)}, #${sh}`;
/** UXTB/UXTH wd, wn (UBFM, 32-bit). */
export const uxt = (bits: 8 | 16, rd: number, rn: number): number => bitfield(false, BF_UBFM, rd, rn, 0, bits - 1);
export const uxtText = (bits: 8 | 16, rd: number, rn: number): string => `uxt${bits === 8 ? 'b' : 'h'}\t${reg(rd, false)}, ${reg(rn, false)}`;
/** SXTB/SXTH/SXTW into a 64-bit (sf) or 32-bit destination (SBFM). */
export function sxt(sf: boolean, bits: 8 | 16 | 32, rd: number, rn: number): number {
  if (!(sf || bits !== 32)) rangeFail('sxtw needs a 64-bit destination');
  return bitfield(sf, BF_SBFM, rd, rn, 0, bits - 1);
}
export const sxtText = (sf: boolean, bits: 8 | 16 | 32, rd: number, rn: number): string =>
  `sxt${bits === 8 ? 'b' : bits === 16 ? 'h' : 'w'}\t${reg(rd, sf)}, ${reg(rn, false)}`;

// ---------------------------------------------------------------- loads and stores
/** Access size field: 0 = byte, 1 = half, 2 = word, 3 = double. */
export type SizeLog = 0 | 1 | 2 | 3;
export const LS_STORE = 0;
export const LS_LOAD = 1;
/** Load sign-extended to 64 bits (LDRSB/LDRSH/LDRSW Xt). */
export const LS_LOAD_SX = 2;

function lsName(size: SizeLog, opc: number, unscaled: boolean): string {
  const base = opc === LS_STORE ? (unscaled ? 'stur' : 'str') : opc === LS_LOAD ? (unscaled ? 'ldur' : 'ldr') : unscaled ? 'ldurs' : 'ldrs';
  const suffix = size === 0 ? 'b' : size === 1 ? 'h' : size === 2 && opc === LS_LOAD_SX ? 'w' : '';
  return base + suffix;
}
const rtName = (size: SizeLog, opc: number, rt: number): string => reg(rt, size === 3 || opc === LS_LOAD_SX);

/** LDR/STR (unsigned offset): byte offset `off` must be a multiple of the size, < 4096 << size. */
export function ldstImm(size: SizeLog, opc: number, rt: number, rn: number, off: number): number {
  if (!(off >= 0 && off % (1 << size) === 0 && off >> size <= 0xfff)) rangeFail(`ldr/str offset ${off}`);
  return ((size << 30) | (0b111001 << 24) | (opc << 22) | ((off >> size) << 10) | (rn << 5) | rt) >>> 0;
}
export const ldstImmText = (size: SizeLog, opc: number, rt: number, rn: number, off: number): string =>
  `${lsName(size, opc, false)}\t${rtName(size, opc, rt)}, [${x(rn, true)}${off !== 0 ? `, #${off}` : ''}]`;
/** LDUR/STUR (unscaled signed 9-bit offset). */
export function ldstUnscaled(size: SizeLog, opc: number, rt: number, rn: number, off: number): number {
  if (!(off >= -256 && off <= 255)) rangeFail(`ldur/stur offset ${off}`);
  return ((size << 30) | (0b111000 << 24) | (opc << 22) | ((off & 0x1ff) << 12) | (rn << 5) | rt) >>> 0;
}
export const ldstUnscaledText = (size: SizeLog, opc: number, rt: number, rn: number, off: number): string =>
  `${lsName(size, opc, true)}\t${rtName(size, opc, rt)}, [${x(rn, true)}${off !== 0 ? `, #${off}` : ''}]`;
/** LDR/STR (register offset, `[rn, xm]`). */
export function ldstReg(size: SizeLog, opc: number, rt: number, rn: number, rm: number): number {
  return ((size << 30) | (0b111000 << 24) | (opc << 22) | (1 << 21) | (rm << 16) | (0b011 << 13) | (0b10 << 10) | (rn << 5) | rt) >>> 0;
}
export const ldstRegText = (size: SizeLog, opc: number, rt: number, rn: number, rm: number): string =>
  `${lsName(size, opc, false)}\t${rtName(size, opc, rt)}, [${x(rn, true)}, ${x(rm)}]`;

/** STP/LDP of X registers with pre-index (`[rn, #off]!`) or post-index (`[rn], #off`) writeback. */
export function ldstPair(load: boolean, pre: boolean, rt: number, rt2: number, rn: number, off: number): number {
  if (!(off % 8 === 0 && off >= -512 && off <= 504)) rangeFail(`stp/ldp offset ${off}`);
  return ((0b10 << 30) | (0b101 << 27) | ((pre ? 0b011 : 0b001) << 23) | (s(load) << 22) | (((off / 8) & 0x7f) << 15) | (rt2 << 10) | (rn << 5) | rt) >>> 0;
}
export function ldstPairText(load: boolean, pre: boolean, rt: number, rt2: number, rn: number, off: number): string {
  const m = load ? 'ldp' : 'stp';
  const addr = pre ? `[${x(rn, true)}, #${off}]!` : `[${x(rn, true)}], #${off}`;
  return `${m}\t${x(rt)}, ${x(rt2)}, ${addr}`;
}

// ---------------------------------------------------------------- atomics (LSE, ARMv8.1) and acquire/release
export const AT_ADD = 0b000;
export const AT_CLR = 0b001;
export const AT_EOR = 0b010;
export const AT_SET = 0b011;
const AT_NAMES = ['add', 'clr', 'eor', 'set'];

/** LD<op>{A}{L} rs, rt, [rn] (rt = zr and no acquire prints as ST<op>{L}). */
export function lseOp(size: 2 | 3, op: number, acquire: boolean, release: boolean, rs: number, rt: number, rn: number): number {
  return ((size << 30) | (0b111 << 27) | (s(acquire) << 23) | (s(release) << 22) | (1 << 21) | (rs << 16) | (op << 12) | (rn << 5) | rt) >>> 0;
}
export function lseOpText(size: 2 | 3, op: number, acquire: boolean, release: boolean, rs: number, rt: number, rn: number): string {
  const sf = size === 3;
  const ord = (acquire ? 'a' : '') + (release ? 'l' : '');
  if (rt === 31 && !acquire) return `st${AT_NAMES[op]}${ord}\t${reg(rs, sf)}, [${x(rn, true)}]`;
  return `ld${AT_NAMES[op]}${ord}\t${reg(rs, sf)}, ${reg(rt, sf)}, [${x(rn, true)}]`;
}
/** SWPAL rs, rt, [rn]. */
export function swpal(size: 2 | 3, rs: number, rt: number, rn: number): number {
  return ((size << 30) | (0b111 << 27) | (1 << 23) | (1 << 22) | (1 << 21) | (rs << 16) | (1 << 15) | (rn << 5) | rt) >>> 0;
}
export const swpalText = (size: 2 | 3, rs: number, rt: number, rn: number): string =>
  `swpal\t${reg(rs, size === 3)}, ${reg(rt, size === 3)}, [${x(rn, true)}]`;
/** CASAL rs, rt, [rn]: if [rn] == rs then [rn] = rt; rs = old value. */
export function casal(size: 2 | 3, rs: number, rt: number, rn: number): number {
  return ((size << 30) | (0b001000 << 24) | (1 << 23) | (1 << 22) | (1 << 21) | (rs << 16) | (1 << 15) | (31 << 10) | (rn << 5) | rt) >>> 0;
}
export const casalText = (size: 2 | 3, rs: number, rt: number, rn: number): string =>
  `casal\t${reg(rs, size === 3)}, ${reg(rt, size === 3)}, [${x(rn, true)}]`;
/** LDAR{B,H} / STLR{B,H} rt, [rn]. */
export function ldarStlr(load: boolean, size: SizeLog, rt: number, rn: number): number {
  return ((size << 30) | (0b001000 << 24) | (1 << 23) | (s(load) << 22) | (31 << 16) | (1 << 15) | (31 << 10) | (rn << 5) | rt) >>> 0;
}
export const ldarStlrText = (load: boolean, size: SizeLog, rt: number, rn: number): string =>
  `${load ? 'ldar' : 'stlr'}${size === 0 ? 'b' : size === 1 ? 'h' : ''}\t${reg(rt, size === 3)}, [${x(rn, true)}]`;

// ---------------------------------------------------------------- branches
/** Signed word displacement check for a `bits`-bit field; returns the field value. */
function branchField(byteDisp: number, bits: number, what: string): number {
  const w = byteDisp / 4;
  const lim = 2 ** (bits - 1);
  if (!Number.isInteger(w) || w < -lim || w >= lim)
    throw new BpfError('JIT_RANGE', `arm64 ${what} displacement ${byteDisp} does not fit imm${bits}`, { pass: 'jit-arm64' });
  return w & (2 ** bits - 1);
}
export const isImm19Branch = (byteDisp: number): boolean => byteDisp >= -(1 << 20) && byteDisp < 1 << 20;
export const isImm26Branch = (byteDisp: number): boolean => byteDisp >= -(2 ** 27) && byteDisp < 2 ** 27;

export const b = (disp: number): number => ((0b000101 << 26) | branchField(disp, 26, 'b')) >>> 0;
export const bl = (disp: number): number => ((0b100101 << 26) | branchField(disp, 26, 'bl')) >>> 0;
export const bCond = (cond: number, disp: number): number => ((0b01010100 << 24) | (branchField(disp, 19, 'b.cond') << 5) | cond) >>> 0;
export const cbz = (sf: boolean, nonZero: boolean, rt: number, disp: number): number =>
  ((s(sf) << 31) | (0b011010 << 25) | (s(nonZero) << 24) | (branchField(disp, 19, 'cbz') << 5) | rt) >>> 0;
export const br = (rn: number): number => (0xd61f0000 | (rn << 5)) >>> 0;
export const blr = (rn: number): number => (0xd63f0000 | (rn << 5)) >>> 0;
export const ret = (rn = 30): number => (0xd65f0000 | (rn << 5)) >>> 0;
export const NOP = 0xd503201f;
/** ADR rd, pc + disp (±1 MiB). */
export function adr(rd: number, disp: number): number {
  if (!(disp >= -(1 << 20) && disp < 1 << 20)) rangeFail(`adr displacement ${disp}`);
  return ((((disp & 3) << 29) | (0b10000 << 24) | (((disp >> 2) & 0x7ffff) << 5) | rd) >>> 0);
}
/** Branch texts take the target as text (`#8` relative for llvm-mc, `{T}` for the listing). */
export const bText = (t: string): string => `b\t${t}`;
export const blText = (t: string): string => `bl\t${t}`;
export const bCondText = (cond: number, t: string): string => `b.${condName(cond)}\t${t}`;
export const cbzText = (sf: boolean, nonZero: boolean, rt: number, t: string): string => `${nonZero ? 'cbnz' : 'cbz'}\t${reg(rt, sf)}, ${t}`;
export const brText = (rn: number): string => `br\t${x(rn)}`;
export const blrText = (rn: number): string => `blr\t${x(rn)}`;
export const retText = (rn = 30): string => (rn === 30 ? 'ret' : `ret\t${x(rn)}`);
export const adrText = (rd: number, t: string): string => `adr\t${x(rd)}, ${t}`;
