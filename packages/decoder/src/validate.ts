// Structural validation of a Program, with the kernel's own messages: the per-class
// "uses reserved fields" checks of check_alu_op()/do_check(), resolve_pseudo_ldimm64()'s
// ld_imm64 checks, check_reg_arg()'s "R%d is invalid" (r11 allowed only in the three
// stack-argument forms of kernel-semantics §1.2), and check_subprogs()/push_insn()'s jump
// range checks. Semantic rules (division by zero, shift ranges, stack bounds) belong to the
// verifier, not here. Every failure is a BpfError naming the instruction.
import {
  BPF_ADD, BPF_AND, BPF_CALL_OPCODE, BPF_CMPXCHG, BPF_FETCH, BPF_LD_IMM64, BPF_LOAD_ACQ, BPF_OR,
  BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC, BPF_PSEUDO_KFUNC_CALL, BPF_PSEUDO_MAP_IDX_VALUE, BPF_REG_PARAMS, BPF_STORE_REL,
  BPF_XCHG, BPF_XOR, BPF_ALU64, BPF_CLASS, BpfError, type ProgramArrays, isStackArgLdx, isStackArgSt, isStackArgStx,
  type BpfErrorCode,
} from '@bpfkit/ir';
import { OPCODE_SHAPE, Shape } from './opcode-table.js';

const PASS = 'decoder';
const hex2 = (v: number): string => v.toString(16).padStart(2, '0');

function fail(code: BpfErrorCode, message: string, insn: number, errno = 'EINVAL'): never {
  throw new BpfError(code, message, { insn, pass: PASS, errno });
}

const reserved = (what: string, i: number): never => fail('RESERVED_FIELD', `${what} uses reserved fields`, i);

/** Is `imm` an atomic operation the kernel accepts (`bh`: for BPF_B / BPF_H, only acquire/release)? */
function atomicImmOk(imm: number, bh: boolean): boolean {
  if (imm === BPF_LOAD_ACQ || imm === BPF_STORE_REL) return true;
  if (bh) return false;
  const op = imm & ~BPF_FETCH;
  if (imm === BPF_XCHG || imm === BPF_CMPXCHG) return true;
  return (op === BPF_ADD || op === BPF_AND || op === BPF_OR || op === BPF_XOR) && (imm & ~0xf1) === 0;
}

function checkAtomicImm(imm: number, bh: boolean, i: number): void {
  if (!atomicImmOk(imm, bh)) fail('RESERVED_FIELD', `BPF_ATOMIC uses invalid atomic opcode ${hex2(imm & 0xff)}`, i);
}

// Per-opcode masks for the fast path: a field that must be zero is and-ed with an all-ones
// mask, so checking an ordinary instruction is a handful of table loads and no branches that
// depend on the opcode. Opcodes with richer rules (SPECIAL) and any instruction that trips a
// mask go to checkInsn(), which names the exact problem.
const DST_MASK = new Int32Array(256);
const SRC_MASK = new Int32Array(256);
const OFF_MASK = new Int32Array(256);
const IMM_MASK = new Int32Array(256);
const SRC_IS_REG = new Int32Array(256);
const SPECIAL = new Int32Array(256);
const IS_END = new Int32Array(256);
/** Jump displacement selectors: -1 where the displacement lives in off (or imm, for gotol). */
const OFF_SEL = new Int32Array(256);
const IMM_SEL = new Int32Array(256);
const IS_JUMP = new Int32Array(256);
for (let c = 0; c < 256; c++) {
  const sh = OPCODE_SHAPE[c]!;
  SRC_IS_REG[c] = usesSrcReg(sh) ? 1 : 0;
  const Z = -1;
  switch (sh) {
    case Shape.AluK: case Shape.MovK: SRC_MASK[c] = Z; OFF_MASK[c] = Z; break;
    case Shape.AluX: IMM_MASK[c] = Z; OFF_MASK[c] = Z; break;
    case Shape.DivModK: SRC_MASK[c] = Z; OFF_MASK[c] = ~1; break; // off 1 = signed
    case Shape.DivModX: IMM_MASK[c] = Z; OFF_MASK[c] = ~1; break;
    case Shape.MovX: IMM_MASK[c] = Z; OFF_MASK[c] = Z; break; // movsx / addr_space_cast: slow path
    case Shape.Neg: SRC_MASK[c] = Z; OFF_MASK[c] = Z; IMM_MASK[c] = Z; break;
    case Shape.EndAlu: case Shape.Bswap: SRC_MASK[c] = Z; OFF_MASK[c] = Z; IMM_MASK[c] = ~0x70; IS_END[c] = 1; break;
    case Shape.LdxMem: case Shape.LdxMemSx: case Shape.StxMem: IMM_MASK[c] = Z; break;
    case Shape.StMem: SRC_MASK[c] = Z; break;
    case Shape.Ja: case Shape.MayGoto: SRC_MASK[c] = Z; DST_MASK[c] = Z; IMM_MASK[c] = Z; OFF_SEL[c] = Z; break;
    case Shape.Gotol: SRC_MASK[c] = Z; DST_MASK[c] = Z; OFF_MASK[c] = Z; IMM_SEL[c] = Z; break;
    case Shape.JcondK: SRC_MASK[c] = Z; OFF_SEL[c] = Z; break;
    case Shape.JcondX: IMM_MASK[c] = Z; OFF_SEL[c] = Z; break;
    case Shape.Exit: SRC_MASK[c] = Z; DST_MASK[c] = Z; OFF_MASK[c] = Z; IMM_MASK[c] = Z; break;
    case Shape.Callx: SRC_MASK[c] = Z; OFF_MASK[c] = Z; IMM_MASK[c] = Z; break;
    // Helper calls (src 0) pass the screen; bpf-to-bpf calls and kfuncs (src 1, 2) have
    // their src masked, so they stay suspects — checkSuspects collects call targets there.
    case Shape.Call: SRC_MASK[c] = Z; DST_MASK[c] = Z; OFF_MASK[c] = Z; break;
    case Shape.LdAbs: SRC_MASK[c] = Z; DST_MASK[c] = Z; OFF_MASK[c] = Z; break;
    case Shape.LdInd: DST_MASK[c] = Z; OFF_MASK[c] = Z; break;
    default: SPECIAL[c] = 1; // invalid, atomics, ld_imm64
  }
  IS_JUMP[c] = OFF_SEL[c] | IMM_SEL[c] ? 1 : 0;
}
/** Atomic imm values checkAtomicImm() accepts: bit 0 for BPF_W/BPF_DW, bit 1 for BPF_B/BPF_H. */
const ATOMIC_IMM_OK = new Uint8Array(0x200);
for (let k = 0; k < 0x200; k++) ATOMIC_IMM_OK[k] = (atomicImmOk(k, false) ? 1 : 0) | (atomicImmOk(k, true) ? 2 : 0);

/** Bit b set when END's imm>>4 == b is NOT one of 16/32/64. */
const END_BAD_WIDTH = ~((1 << 1) | (1 << 2) | (1 << 4)) & 0xff;

// The per-opcode masks packed for the screen: LO_MASK applies to the raw low word of a slot
// (`code | dst << 8 | src << 12 | off << 16`) so the dst, src and off checks are one AND;
// FLAGS holds SPECIAL (bit 0), direct jump (bit 1), END (bit 2) and "src is a register" (bit 4).
const LO_MASK = new Int32Array(256);
const FLAGS = new Int32Array(256);
for (let c = 0; c < 256; c++) {
  LO_MASK[c] = (DST_MASK[c]! & 0xf00) | (SRC_MASK[c]! & 0xf000) | ((OFF_MASK[c]! & 0xffff) << 16);
  FLAGS[c] = SPECIAL[c]! | (IS_JUMP[c]! << 1) | (IS_END[c]! << 2) | (SRC_IS_REG[c]! << 4);
}

/**
 * Branch-free screening of one slot given its raw words (`lo` = code | dst<<8 | src<<12 |
 * off<<16, `k` = imm): 0 when the instruction is certainly valid (fields, registers, and for
 * direct jumps the target range and not landing on an ld_imm64 second half), non-zero when
 * checkInsn() must look. Small enough for V8 to inline into the decode and validate loops.
 */
export function screenInsn(
  lo: number, k: number, i: number, n: number,
  /** Opcode bytes of the whole program at `codes[stride * j] & 0xff` (decoded array or input words). */
  codes: Uint8Array | Int32Array, stride: number,
): number {
  const c = lo & 0xff;
  const f = FLAGS[c]!;
  const t = (i + 1 + (((lo >> 16) & OFF_SEL[c]!) | (k & IMM_SEL[c]!))) | 0;
  const isJump = (f >>> 1) & 1;
  // A direct jump must not land on an ld_imm64 second half, i.e. right after an 0x18 slot.
  const before = (t - 1) >>> 0 < n ? t - 1 : i;
  const intoLdImm64 = isJump & ((codes[stride * before]! & 0xff) === BPF_LD_IMM64 ? 1 : 0);
  return (
    intoLdImm64 | (f & 1) | (lo & LO_MASK[c]!) | (k & IMM_MASK[c]!) |
    ((((lo >>> 8) & 0xf) + 0x5) & 0x10) | // dst >= 11
    ((((lo >>> 12) & 0xf) + 0x5) & f & 0x10) | // src >= 11 where src is a register
    (isJump & ((t >>> 31) | ((n - 1 - t) >>> 31))) |
    ((f >>> 2) & 1 & (END_BAD_WIDTH >>> ((k >>> 4) & 7)))
  );
}

/** The field arrays decode() fills, with 32-bit views of the byte and half-word ones (see field-arrays.ts). */
export interface FieldArrays {
  readonly code: Uint8Array;
  readonly dst: Uint8Array;
  readonly src: Uint8Array;
  readonly off: Int16Array;
  readonly imm: Int32Array;
  /** Four code / dst / src bytes, or two off half-words, per element (little-endian), or undefined. */
  readonly code32: Int32Array | undefined;
  readonly dst32: Int32Array | undefined;
  readonly src32: Int32Array | undefined;
  readonly off32: Int32Array | undefined;
}

/** Non-zero when the fields and registers of a slot need the exact checks (screenInsn() minus the jump target). */
function fieldsBad(lo: number, k: number, f: number): number {
  const c = lo & 0xff;
  return (
    (f & 1) | (lo & LO_MASK[c]!) | (k & IMM_MASK[c]!) |
    ((((lo >>> 8) & 0xf) + 0x5) & 0x10) | // dst >= 11
    ((((lo >>> 12) & 0xf) + 0x5) & f & 0x10) | // src >= 11 where src is a register
    ((f >>> 2) & 1 & (END_BAD_WIDTH >>> ((k >>> 4) & 7)))
  );
}

/**
 * The decoder's fused hot loop (in a function of its own so V8 optimises it once and keeps
 * it): split each slot's words into the five field arrays and screen its fields and
 * registers branch-free — screenInsn() without the jump-target part. Four slots per step
 * when the 32-bit views exist: their code, dst and src bytes and their offsets are packed
 * into whole words, so a step makes 9 stores instead of 20. Slots that need the exact checks
 * are appended to `suspects`, direct jumps to `jumps` (both without a data-dependent
 * branch); screenJumps() then checks only the jumps' targets, which is cheaper than
 * computing a target for every slot. Writes the two counts to `counts`.
 */
export function scatterScreen(w: Int32Array, n: number, a: FieldArrays, suspects: Int32Array, jumps: Int32Array, counts: Int32Array): void {
  const { code, dst, src, off, imm, code32, dst32, src32, off32 } = a;
  let ns = 0;
  let nj = 0;
  let i = 0;
  if (code32 !== undefined && dst32 !== undefined && src32 !== undefined && off32 !== undefined) {
    const q = n >> 2;
    for (let g = 0, j = 0; g < q; g++, j += 8, i += 4) {
      const l0 = w[j]!, k0 = w[j + 1]!, l1 = w[j + 2]!, k1 = w[j + 3]!, l2 = w[j + 4]!, k2 = w[j + 5]!, l3 = w[j + 6]!, k3 = w[j + 7]!;
      imm[i] = k0;
      imm[i + 1] = k1;
      imm[i + 2] = k2;
      imm[i + 3] = k3;
      code32[g] = (l0 & 0xff) | ((l1 & 0xff) << 8) | ((l2 & 0xff) << 16) | (l3 << 24);
      dst32[g] = ((l0 >>> 8) & 0xf) | (l1 & 0xf00) | ((l2 & 0xf00) << 8) | ((l3 & 0xf00) << 16);
      src32[g] = ((l0 >>> 12) & 0xf) | ((l1 >>> 4) & 0xf00) | ((l2 << 4) & 0xf0000) | ((l3 << 12) & 0xf000000);
      off32[2 * g] = (l0 >>> 16) | (l1 & 0xffff0000);
      off32[2 * g + 1] = (l2 >>> 16) | (l3 & 0xffff0000);
      const f0 = FLAGS[l0 & 0xff]!, f1 = FLAGS[l1 & 0xff]!, f2 = FLAGS[l2 & 0xff]!, f3 = FLAGS[l3 & 0xff]!;
      const b0 = fieldsBad(l0, k0, f0), b1 = fieldsBad(l1, k1, f1), b2 = fieldsBad(l2, k2, f2), b3 = fieldsBad(l3, k3, f3);
      suspects[ns] = i;
      ns += (b0 | -b0) >>> 31;
      suspects[ns] = i + 1;
      ns += (b1 | -b1) >>> 31;
      suspects[ns] = i + 2;
      ns += (b2 | -b2) >>> 31;
      suspects[ns] = i + 3;
      ns += (b3 | -b3) >>> 31;
      jumps[nj] = i;
      nj += (f0 >>> 1) & 1;
      jumps[nj] = i + 1;
      nj += (f1 >>> 1) & 1;
      jumps[nj] = i + 2;
      nj += (f2 >>> 1) & 1;
      jumps[nj] = i + 3;
      nj += (f3 >>> 1) & 1;
    }
  }
  for (let j = 2 * i; i < n; i++, j += 2) {
    const lo = w[j]!;
    const k = w[j + 1]!;
    code[i] = lo & 0xff;
    dst[i] = (lo >>> 8) & 0xf;
    src[i] = (lo >>> 12) & 0xf;
    off[i] = lo >> 16;
    imm[i] = k;
    const f = FLAGS[lo & 0xff]!;
    const bad = fieldsBad(lo, k, f);
    suspects[ns] = i;
    ns += (bad | -bad) >>> 31;
    jumps[nj] = i;
    nj += (f >>> 1) & 1;
  }
  counts[0] = ns;
  counts[1] = nj;
}

/**
 * The jump-target part of the screen for the `count` direct jumps listed in `jumps`: keeps
 * (in place, in order) the ones whose target is outside the program or an ld_imm64 second
 * half, and returns how many. `code`/`off`/`imm` are the decoded fields.
 */
export function screenJumps(jumps: Int32Array, count: number, code: Uint8Array, off: Int16Array, imm: Int32Array): number {
  const n = code.length;
  let nb = 0;
  for (let q = 0; q < count; q++) {
    const i = jumps[q]!;
    const c = code[i]!;
    const t = (i + 1 + ((off[i]! & OFF_SEL[c]!) | (imm[i]! & IMM_SEL[c]!))) | 0;
    const before = (t - 1) >>> 0 < n ? t - 1 : i;
    const bad = ((t | (n - 1 - t)) >>> 31) | (code[before] === BPF_LD_IMM64 ? 1 : 0);
    jumps[nb] = i;
    nb += bad;
  }
  return nb;
}

/**
 * Finish validation after screening: run the exact checks on the screened-out slots, in
 * order, so the first problem is the one reported. Returns the subprogram entry targets.
 */
export function checkSuspects(p: ProgramArrays, suspects: ArrayLike<number>): number[] {
  const { code, dst, src, off, imm } = p;
  const n = code.length;
  let skip = -1;
  // Every call and ld_imm64 is a suspect, so the subprogram starts (targets of `call pc+N`
  // and of PSEUDO_FUNC ld_imm64) are collected here for free.
  const funcStarts: number[] = [];
  for (let j = 0; j < suspects.length; j++) {
    const i = suspects[j]!;
    if (i <= skip) continue;
    const c = code[i]!;
    const s = src[i]!;
    // Quick acceptance of the suspects that are common and valid: atomics (their imm is an
    // operation code) and plain ld_imm64 (the pair's fields). Anything else, or anything that
    // fails these, gets the exact check with the kernel's message.
    const shape = OPCODE_SHAPE[c]!;
    if (shape === Shape.AtomicWD || shape === Shape.AtomicBH) {
      const k = imm[i]!;
      if ((k >>> 0) < 0x200 && (ATOMIC_IMM_OK[k]! & (shape === Shape.AtomicWD ? 1 : 2)) !== 0 && dst[i]! <= 10 && s <= 10) continue;
    } else if (shape === Shape.Call && (s === BPF_PSEUDO_CALL || s === BPF_PSEUDO_KFUNC_CALL) && dst[i] === 0) {
      // bpf-to-bpf calls (collect the target) and kfunc calls (off names the module BTF).
      if (s === BPF_PSEUDO_KFUNC_CALL) continue;
      const t = i + 1 + imm[i]!;
      if (off[i] === 0 && t >= 0 && t < n && (t === 0 || code[t - 1] !== BPF_LD_IMM64)) {
        funcStarts.push(t);
        continue;
      }
    } else if (shape === Shape.MovX) {
      // movsx (off 8/16/32) and addr_space_cast are valid MovX forms the screen leaves out.
      const o = off[i]!;
      const k = imm[i]!;
      const is64 = BPF_CLASS(c) === BPF_ALU64;
      const ok = o === 1 && is64 ? k === 1 || k === 0x10000 : k === 0 && (o === 8 || o === 16 || (o === 32 && is64));
      if (ok && dst[i]! <= 10 && s <= 10) continue;
    } else if (
      shape === Shape.LdImm64 && i + 1 < n && s !== BPF_PSEUDO_FUNC && s <= BPF_PSEUDO_MAP_IDX_VALUE && dst[i]! <= 10 && off[i] === 0 &&
      code[i + 1] === 0 && dst[i + 1] === 0 && src[i + 1] === 0 && off[i + 1] === 0
    ) {
      skip = i + 1;
      continue;
    }
    if (checkInsn(p, i, n) === 2) skip = i + 1;
    if ((c === BPF_CALL_OPCODE && s === BPF_PSEUDO_CALL) || (c === BPF_LD_IMM64 && s === BPF_PSEUDO_FUNC)) funcStarts.push(i + 1 + imm[i]!);
  }
  return funcStarts;
}

/**
 * The reference: the exact check on every slot in order, no screening and no quick paths
 * (for tests that hold the fast paths to it). Throws the first problem.
 */
export function checkEverySlot(p: ProgramArrays): void {
  const n = p.code.length;
  for (let i = 0; i < n; i++) if (checkInsn(p, i, n) === 2) i++;
}

/**
 * Validate every instruction slot; throws the first problem as a BpfError. `p` may be a
 * Program or raw arrays.
 */
export function validate(p: ProgramArrays): void {
  const { code, dst, src, off, imm } = p;
  const n = code.length;
  if (n === 0) fail('BAD_LENGTH', 'program has no instructions', -1);
  const suspects: number[] = [];
  for (let i = 0; i < n; i++) {
    const lo = code[i]! | (dst[i]! << 8) | (src[i]! << 12) | (off[i]! << 16);
    if (screenInsn(lo, imm[i]!, i, n, code, 1) !== 0) suspects.push(i);
  }
  checkSuspects(p, suspects);
}

/** Detailed check of slot `i`: throws the kernel's message, or returns the slot count (1 or 2). */
function checkInsn(p: ProgramArrays, i: number, n: number): number {
  const { code, dst, src, off, imm } = p;
  const c = code[i]!;
  const d = dst[i]!;
  const s = src[i]!;
  const o = off[i]!;
  const k = imm[i]!;
  const slots = 1;
  switch (OPCODE_SHAPE[c]) {
    case Shape.AluK:
      if (s !== 0 || o !== 0) reserved('BPF_ALU', i);
      break;
    case Shape.AluX:
      if (k !== 0 || o !== 0) reserved('BPF_ALU', i);
      break;
    case Shape.DivModK:
      if (s !== 0 || (o !== 0 && o !== 1)) reserved('BPF_ALU', i);
      break;
    case Shape.DivModX:
      if (k !== 0 || (o !== 0 && o !== 1)) reserved('BPF_ALU', i);
      break;
    case Shape.Neg:
      if (s !== 0 || o !== 0 || k !== 0) reserved('BPF_NEG', i);
      break;
    case Shape.EndAlu:
    case Shape.Bswap:
      if (s !== 0 || o !== 0 || (k !== 16 && k !== 32 && k !== 64)) reserved('BPF_END', i);
      break;
    case Shape.MovK:
      if (s !== 0 || o !== 0) reserved('BPF_MOV', i);
      break;
    case Shape.MovX: {
      const is64 = BPF_CLASS(c) === BPF_ALU64;
      if (o === 1 && is64) {
        if (k !== 1 && k !== 0x10000) reserved('BPF_MOV', i); // addr_space_cast(rS, 0, 1) / (rS, 1, 0)
      } else if (k !== 0 || !(o === 0 || o === 8 || o === 16 || (o === 32 && is64))) reserved('BPF_MOV', i);
      break;
    }
    case Shape.LdxMem:
      if (k !== 0) reserved('BPF_LDX', i);
      if (s === BPF_REG_PARAMS && !isStackArgLdx(c, d, s, o)) fail('INVALID_REGISTER', `R${s} is invalid`, i);
      break;
    case Shape.LdxMemSx:
      if (k !== 0) reserved('BPF_LDX', i);
      break;
    case Shape.StMem:
      if (s !== 0) reserved('BPF_ST', i);
      if (d === BPF_REG_PARAMS && !isStackArgSt(c, d, o)) fail('INVALID_REGISTER', `R${d} is invalid`, i);
      break;
    case Shape.StxMem:
      if (k !== 0) reserved('BPF_STX', i);
      if (d === BPF_REG_PARAMS && !isStackArgStx(c, d, s, o)) fail('INVALID_REGISTER', `R${d} is invalid`, i);
      break;
    case Shape.AtomicWD:
    case Shape.AtomicBH:
      checkAtomicImm(k, OPCODE_SHAPE[c] === Shape.AtomicBH, i);
      break;
    case Shape.LdImm64: {
      if (i === n - 1 || code[i + 1] !== 0 || dst[i + 1] !== 0 || src[i + 1] !== 0 || off[i + 1] !== 0)
        fail(i === n - 1 ? 'LD_IMM64_TRUNCATED' : 'LD_IMM64_INVALID', 'invalid bpf_ld_imm64 insn', i);
      if (o !== 0) fail('LD_IMM64_INVALID', 'invalid bpf_ld_imm64 insn', i);
      if (s > BPF_PSEUDO_MAP_IDX_VALUE) fail('LD_IMM64_INVALID', 'unrecognized bpf_ld_imm64 insn', i);
      if (d > 10) fail('INVALID_REGISTER', `R${d} is invalid`, i);
      if (s === BPF_PSEUDO_FUNC) {
        const t = i + 1 + k;
        if (t < 0 || t >= n) fail('CALL_OUT_OF_RANGE', 'call to invalid destination', i);
        checkNotSecondHalf(p, t, i);
      }
      return 2;
    }
    case Shape.LdAbs:
      if (d !== 0 || o !== 0 || s !== 0) reserved('BPF_LD_[ABS|IND]', i);
      break;
    case Shape.LdInd:
      if (d !== 0 || o !== 0) reserved('BPF_LD_[ABS|IND]', i);
      break;
    case Shape.Ja:
      if (s !== 0 || d !== 0 || k !== 0) reserved('BPF_JA', i);
      break;
    case Shape.Gotol:
      if (s !== 0 || d !== 0 || o !== 0) reserved('BPF_JA', i);
      break;
    case Shape.MayGoto:
      if (s !== 0 || d !== 0 || k !== 0) reserved('BPF_JCOND', i);
      break;
    case Shape.JcondK:
      if (s !== 0) reserved('BPF_JMP/JMP32', i);
      break;
    case Shape.JcondX:
      if (k !== 0) reserved('BPF_JMP/JMP32', i);
      break;
    case Shape.Call:
      if (d !== 0 || (s !== 0 && s !== BPF_PSEUDO_CALL && s !== BPF_PSEUDO_KFUNC_CALL)) reserved('BPF_CALL', i);
      if (o !== 0 && s !== BPF_PSEUDO_KFUNC_CALL) reserved('BPF_CALL', i);
      if (s === BPF_PSEUDO_CALL) {
        const t = i + 1 + k;
        if (t < 0 || t >= n) fail('CALL_OUT_OF_RANGE', 'call to invalid destination', i);
        checkNotSecondHalf(p, t, i);
      }
      break;
    case Shape.Callx:
      if (s !== 0 || o !== 0 || k !== 0) reserved('BPF_CALL', i);
      break;
    case Shape.Exit:
      if (s !== 0 || d !== 0 || o !== 0 || k !== 0) reserved('BPF_EXIT', i);
      break;
    default:
      fail('UNKNOWN_OPCODE', `unknown opcode ${hex2(c)}`, i);
  }
  // Register numbers: r11 only in the stack-argument forms checked above; r12+ never.
  if (d > 10 && !(d === BPF_REG_PARAMS && (isStackArgSt(c, d, o) || isStackArgStx(c, d, s, o))))
    fail('INVALID_REGISTER', `R${d} is invalid`, i);
  if (s > 10 && !(s === BPF_REG_PARAMS && isStackArgLdx(c, d, s, o)) && usesSrcReg(OPCODE_SHAPE[c]!))
    fail('INVALID_REGISTER', `R${s} is invalid`, i);
  if (IS_JUMP[c] !== 0) {
    const t = i + 1 + (OFF_SEL[c] !== 0 ? o : k);
    if (t < 0 || t >= n) fail('JUMP_OUT_OF_RANGE', `jump out of range from insn ${i} to ${t}`, i);
    checkNotSecondHalf(p, t, i);
  }
  return slots;
}

/** Slot `t` must not be an ld_imm64 second half (the slot after an 0x18 opcode). */
function checkNotSecondHalf(p: ProgramArrays, t: number, i: number): void {
  if (t > 0 && p.code[t - 1] === BPF_LD_IMM64) fail('JUMP_INTO_LD_IMM64', `jump into the middle of ldimm64 insn ${t - 1}`, i);
}

/** Shapes whose src_reg field names a register (not a pseudo kind or reserved zero). */
function usesSrcReg(shape: number): boolean {
  return (
    shape === Shape.AluX || shape === Shape.DivModX || shape === Shape.MovX || shape === Shape.LdxMem ||
    shape === Shape.LdxMemSx || shape === Shape.StxMem || shape === Shape.AtomicWD || shape === Shape.AtomicBH ||
    shape === Shape.JcondX || shape === Shape.LdInd
  );
}
