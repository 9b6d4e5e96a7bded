// Instruction builders named after the kernel's filter.h macros (BPF_ALU64_IMM, BPF_MOV64_REG,
// BPF_LDX_MEM, BPF_LD_IMM64 …) so tests and passes can write programs as the selftests do.
// Pure functions returning Insn objects; ldImm64 returns the two slots it occupies.
import type { Insn } from './insn.js';
import {
  BPF_ALU, BPF_ALU64, BPF_ATOMIC, BPF_CALL, BPF_DW, BPF_EXIT, BPF_JA, BPF_JCOND, BPF_JMP, BPF_JMP32, BPF_K, BPF_LD,
  BPF_IMM, BPF_LDX, BPF_MEM, BPF_MEMSX, BPF_MOV, BPF_PSEUDO_CALL, BPF_PSEUDO_KFUNC_CALL, BPF_ST, BPF_STX, BPF_X,
} from './opcodes.js';
import { BPF_REG_PARAMS } from './registers.js';

const mk = (code: number, dst: number, src: number, off: number, imm: number): Insn => ({ code, dst, src, off, imm });

export const alu64Imm = (op: number, dst: number, imm: number, off = 0): Insn => mk(BPF_ALU64 | op | BPF_K, dst, 0, off, imm);
export const alu64Reg = (op: number, dst: number, src: number, off = 0): Insn => mk(BPF_ALU64 | op | BPF_X, dst, src, off, 0);
export const alu32Imm = (op: number, dst: number, imm: number, off = 0): Insn => mk(BPF_ALU | op | BPF_K, dst, 0, off, imm);
export const alu32Reg = (op: number, dst: number, src: number, off = 0): Insn => mk(BPF_ALU | op | BPF_X, dst, src, off, 0);
export const mov64Imm = (dst: number, imm: number): Insn => alu64Imm(BPF_MOV, dst, imm);
export const mov64Reg = (dst: number, src: number): Insn => alu64Reg(BPF_MOV, dst, src);
export const mov32Imm = (dst: number, imm: number): Insn => alu32Imm(BPF_MOV, dst, imm);
export const mov32Reg = (dst: number, src: number): Insn => alu32Reg(BPF_MOV, dst, src);

/** `rD = imm64` (two slots). `src` selects a BPF_PSEUDO_* kind. */
export const ldImm64 = (dst: number, value: bigint, src = 0): [Insn, Insn] => {
  const v = BigInt.asUintN(64, value);
  return [mk(BPF_LD | BPF_DW | BPF_IMM, dst, src, 0, Number(BigInt.asIntN(32, v))), mk(0, 0, 0, 0, Number(BigInt.asIntN(32, v >> 32n)))];
};

export const ldxMem = (size: number, dst: number, src: number, off: number): Insn => mk(BPF_LDX | BPF_MEM | size, dst, src, off, 0);
export const ldxMemSx = (size: number, dst: number, src: number, off: number): Insn => mk(BPF_LDX | BPF_MEMSX | size, dst, src, off, 0);
export const stxMem = (size: number, dst: number, src: number, off: number): Insn => mk(BPF_STX | BPF_MEM | size, dst, src, off, 0);
export const stMem = (size: number, dst: number, off: number, imm: number): Insn => mk(BPF_ST | BPF_MEM | size, dst, 0, off, imm);
export const atomicOp = (size: number, op: number, dst: number, src: number, off: number): Insn => mk(BPF_STX | BPF_ATOMIC | size, dst, src, off, op);

/** Caller side of stack argument `arg` (6..12): `*(u64 *)(r11 - 8*(arg-5)) = rS`. */
export const stackArgStore = (arg: number, src: number): Insn => stxMem(BPF_DW, BPF_REG_PARAMS, src, -8 * (arg - 5));
/** Caller side with an immediate: `*(u64 *)(r11 - 8*(arg-5)) = imm`. */
export const stackArgStoreImm = (arg: number, imm: number): Insn => stMem(BPF_DW, BPF_REG_PARAMS, -8 * (arg - 5), imm);
/** Callee side: `rD = *(u64 *)(r11 + 8*(arg-5))`. */
export const stackArgLoad = (dst: number, arg: number): Insn => ldxMem(BPF_DW, dst, BPF_REG_PARAMS, 8 * (arg - 5));

export const jmpImm = (op: number, dst: number, imm: number, off: number): Insn => mk(BPF_JMP | op | BPF_K, dst, 0, off, imm);
export const jmpReg = (op: number, dst: number, src: number, off: number): Insn => mk(BPF_JMP | op | BPF_X, dst, src, off, 0);
export const jmp32Imm = (op: number, dst: number, imm: number, off: number): Insn => mk(BPF_JMP32 | op | BPF_K, dst, 0, off, imm);
export const jmp32Reg = (op: number, dst: number, src: number, off: number): Insn => mk(BPF_JMP32 | op | BPF_X, dst, src, off, 0);
export const ja = (off: number): Insn => mk(BPF_JMP | BPF_JA, 0, 0, off, 0);
export const gotol = (imm: number): Insn => mk(BPF_JMP32 | BPF_JA, 0, 0, 0, imm);
export const mayGoto = (off: number): Insn => mk(BPF_JMP | BPF_JCOND, 0, 0, off, 0);
export const callHelper = (id: number): Insn => mk(BPF_JMP | BPF_CALL, 0, 0, 0, id);
export const callPseudo = (disp: number): Insn => mk(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_CALL, 0, disp);
export const callKfunc = (btfId: number, off = 0): Insn => mk(BPF_JMP | BPF_CALL, 0, BPF_PSEUDO_KFUNC_CALL, off, btfId);
export const callx = (reg: number): Insn => mk(BPF_JMP | BPF_CALL | BPF_X, reg, 0, 0, 0);
export const exit = (): Insn => mk(BPF_JMP | BPF_EXIT, 0, 0, 0, 0);
