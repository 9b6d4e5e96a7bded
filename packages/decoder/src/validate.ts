// Structural validation of a Program, with the kernel's own messages: the per-class
// "uses reserved fields" checks of check_alu_op()/do_check(), resolve_pseudo_ldimm64()'s
// ld_imm64 checks, check_reg_arg()'s "R%d is invalid" (r11 allowed only in the three
// stack-argument forms of kernel-semantics §1.2), and check_subprogs()/push_insn()'s jump
// range checks. Semantic rules (division by zero, shift ranges, stack bounds) belong to the
// verifier, not here. Every failure is a BpfError naming the instruction.
import {
  BPF_ADD, BPF_AND, BPF_CMPXCHG, BPF_FETCH, BPF_LOAD_ACQ, BPF_OR,
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

function checkAtomicImm(imm: number, bh: boolean, i: number): void {
  if (imm === BPF_LOAD_ACQ || imm === BPF_STORE_REL) return;
  if (!bh) {
    const op = imm & ~BPF_FETCH;
    if (imm === BPF_XCHG || imm === BPF_CMPXCHG) return;
    if ((op === BPF_ADD || op === BPF_AND || op === BPF_OR || op === BPF_XOR) && (imm & ~0xf1) === 0) return;
  }
  fail('RESERVED_FIELD', `BPF_ATOMIC uses invalid atomic opcode ${hex2(imm & 0xff)}`, i);
}

/**
 * Validate every instruction slot; throws the first problem as a BpfError. `p` may be a
 * Program or raw arrays (the decoder validates before building the Program).
 */
export function validate(p: ProgramArrays): void {
  const { code, dst, src, off, imm } = p;
  const n = code.length;
  if (n === 0) fail('BAD_LENGTH', 'program has no instructions', -1);
  // second[i] = 1 for ld_imm64 second halves (jumping there is an error).
  let second: Uint8Array | undefined;
  for (let i = 0; i < n; i++) {
    const c = code[i]!;
    const d = dst[i]!;
    const s = src[i]!;
    const o = off[i]!;
    const k = imm[i]!;
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
        }
        (second ??= new Uint8Array(n))[i + 1] = 1;
        i++; // skip the second half
        continue;
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
  }
  // Jump targets: inside the program and never into an ld_imm64 second half.
  for (let i = 0; i < n; i++) {
    const sh = OPCODE_SHAPE[code[i]!];
    if (sh === Shape.LdImm64) {
      i++;
      continue;
    }
    if (sh !== Shape.Ja && sh !== Shape.Gotol && sh !== Shape.JcondK && sh !== Shape.JcondX && sh !== Shape.MayGoto) continue;
    const t = i + 1 + (sh === Shape.Gotol ? imm[i]! : off[i]!);
    if (t < 0 || t >= n) fail('JUMP_OUT_OF_RANGE', `jump out of range from insn ${i} to ${t}`, i);
    if (second && second[t]) fail('JUMP_INTO_LD_IMM64', `jump into the middle of ldimm64 insn ${t - 1}`, i);
  }
  if (second) {
    for (let i = 0; i < n; i++) {
      const c = code[i]!;
      const s = src[i]!;
      if (OPCODE_SHAPE[c] === Shape.LdImm64) {
        if (s === BPF_PSEUDO_FUNC && second[i + 1 + imm[i]!]) fail('JUMP_INTO_LD_IMM64', `jump into the middle of ldimm64 insn ${i + imm[i]!}`, i);
        i++;
      } else if (OPCODE_SHAPE[c] === Shape.Call && s === BPF_PSEUDO_CALL && second[i + 1 + imm[i]!])
        fail('JUMP_INTO_LD_IMM64', `jump into the middle of ldimm64 insn ${i + imm[i]!}`, i);
    }
  }
}

/** Shapes whose src_reg field names a register (not a pseudo kind or reserved zero). */
function usesSrcReg(shape: number): boolean {
  return (
    shape === Shape.AluX || shape === Shape.DivModX || shape === Shape.MovX || shape === Shape.LdxMem ||
    shape === Shape.LdxMemSx || shape === Shape.StxMem || shape === Shape.AtomicWD || shape === Shape.AtomicBH ||
    shape === Shape.JcondX || shape === Shape.LdInd
  );
}
