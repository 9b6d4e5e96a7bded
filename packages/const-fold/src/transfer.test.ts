// Transfer-function table (kernel-semantics §2.2): one small program per rule, the expected
// lattice values written by hand from the spec and read through the public accessors at the
// `exit` that follows the instruction under test.
import { describe, expect, test } from '@jest/globals';
import {
  BPF_ABS, BPF_ADD, BPF_AND, BPF_ARSH, BPF_CMPXCHG, BPF_DIV, BPF_DW, BPF_END, BPF_FETCH, BPF_H, BPF_IND, BPF_JEQ,
  BPF_LD, BPF_LOAD_ACQ, BPF_LSH, BPF_MOD, BPF_MOV, BPF_MUL, BPF_NEG, BPF_OR, BPF_PSEUDO_BTF_ID, BPF_PSEUDO_FUNC,
  BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_IDX, BPF_PSEUDO_MAP_IDX_VALUE, BPF_PSEUDO_MAP_VALUE, BPF_RSH, BPF_STORE_REL,
  BPF_SUB, BPF_TO_LE, BPF_W, BPF_XCHG, BPF_XOR, BPF_ALU64, BPF_ALU, BPF_X, BPF_B, build as b, insn, type Insn,
} from '@bpfkit/ir';
import { computeConstFold } from './compute.js';
import { P, reg } from './test-support/programs.js';

interface Case {
  readonly name: string;
  readonly insns: readonly (Insn | readonly Insn[])[];
  /** Instructions after the `exit` (e.g. a subprogram for PSEUDO_FUNC / pseudo calls). */
  readonly tail?: readonly Insn[];
  /** Expected values at the `exit` that follows `insns`. */
  readonly regs: Readonly<Record<number, string>>;
}

const mapValue = (dst: number, map: number, off: number, src = BPF_PSEUDO_MAP_VALUE): Insn[] => b.ldImm64(dst, (BigInt(off) << 32n) | BigInt(map), src);
const mapPtr = (dst: number, map: number): Insn[] => b.ldImm64(dst, BigInt(map), BPF_PSEUDO_MAP_FD);
/** A subprogram after the main program's exit: `r0 = 0; exit`. */
const SUB = [b.mov64Imm(0, 0), b.exit()];
/** ld_imm64 PSEUDO_FUNC at slot `at` pointing to slot `target`. */
const funcPtr = (dst: number, at: number, target: number): Insn[] => b.ldImm64(dst, BigInt(target - at - 1), BPF_PSEUDO_FUNC);

const CASES: readonly Case[] = [
  // MOV
  { name: 'MOV K: positive imm', insns: [b.mov64Imm(1, 5)], regs: { 1: 'const 0x5' } },
  { name: 'MOV K: imm sign-extended to 64 bits', insns: [b.mov64Imm(1, -2)], regs: { 1: 'const 0xfffffffffffffffe' } },
  { name: 'ALU32 MOV K: negative imm truncated to 32 bits', insns: [b.mov32Imm(1, -2)], regs: { 1: 'const 0xfffffffe' } },
  { name: 'MOV X copies CONST', insns: [b.mov64Imm(2, 7), b.mov64Reg(1, 2)], regs: { 1: 'const 0x7', 2: 'const 0x7' } },
  { name: 'MOV X copies MAP_PTR', insns: [mapPtr(2, 3), b.mov64Reg(1, 2)], regs: { 1: 'map_ptr 3' } },
  { name: 'MOV X copies MAP_VALUE', insns: [mapValue(2, 3, 16), b.mov64Reg(1, 2)], regs: { 1: 'map_value 3 +16' } },
  { name: 'MOV X copies SUBPROG', insns: [funcPtr(2, 0, 4), b.mov64Reg(1, 2)], tail: SUB, regs: { 1: 'subprog 1', 2: 'subprog 1' } },
  { name: 'MOV X copies UNKNOWN over a constant', insns: [b.mov64Imm(1, 5), b.mov64Reg(1, 2)], regs: { 1: 'unknown' } },
  { name: 'ALU32 MOV X truncates CONST', insns: [b.ldImm64(2, 0x123456789n), b.mov32Reg(1, 2)], regs: { 1: 'const 0x23456789' } },
  { name: 'ALU32 MOV X of MAP_PTR is UNKNOWN', insns: [mapPtr(2, 3), b.mov32Reg(1, 2)], regs: { 1: 'unknown', 2: 'map_ptr 3' } },
  { name: 'ALU32 MOV X of SUBPROG is UNKNOWN', insns: [funcPtr(2, 0, 4), b.mov32Reg(1, 2)], tail: SUB, regs: { 1: 'unknown' } },
  { name: 'MOVSX s8 of 0x80', insns: [b.mov64Imm(2, 0x80), b.alu64Reg(BPF_MOV, 1, 2, 8)], regs: { 1: 'const 0xffffffffffffff80' } },
  { name: 'MOVSX s8 keeps only the low byte', insns: [b.mov64Imm(2, 0x17f), b.alu64Reg(BPF_MOV, 1, 2, 8)], regs: { 1: 'const 0x7f' } },
  { name: 'MOVSX s16', insns: [b.mov64Imm(2, 0x18000), b.alu64Reg(BPF_MOV, 1, 2, 16)], regs: { 1: 'const 0xffffffffffff8000' } },
  { name: 'MOVSX s32', insns: [b.ldImm64(2, 0x180000000n), b.alu64Reg(BPF_MOV, 1, 2, 32)], regs: { 1: 'const 0xffffffff80000000' } },
  { name: 'MOVSX s32 of a positive value', insns: [b.ldImm64(2, 0xff7fffffffn), b.alu64Reg(BPF_MOV, 1, 2, 32)], regs: { 1: 'const 0x7fffffff' } },
  { name: 'ALU32 MOVSX s8: sign-extended, then truncated to 32 bits', insns: [b.mov64Imm(2, 0x80), b.alu32Reg(BPF_MOV, 1, 2, 8)], regs: { 1: 'const 0xffffff80' } },
  { name: 'ALU32 MOVSX s16', insns: [b.mov64Imm(2, 0x8001), b.alu32Reg(BPF_MOV, 1, 2, 16)], regs: { 1: 'const 0xffff8001' } },
  { name: 'MOVSX of UNKNOWN', insns: [b.mov64Imm(1, 1), b.alu64Reg(BPF_MOV, 1, 2, 8)], regs: { 1: 'unknown' } },
  { name: 'MOVSX of MAP_PTR', insns: [mapPtr(2, 1), b.alu64Reg(BPF_MOV, 1, 2, 32)], regs: { 1: 'unknown' } },
  { name: 'addr_space_cast (MOV X off 1) of CONST', insns: [b.mov64Imm(2, 5), insn(BPF_ALU64 | BPF_MOV | BPF_X, 1, 2, 1, 1)], regs: { 1: 'unknown' } },
  { name: 'percpu cast (MOV X off -1) of CONST', insns: [b.mov64Imm(2, 5), insn(BPF_ALU64 | BPF_MOV | BPF_X, 1, 2, -1, 0)], regs: { 1: 'unknown' } },
  // ADD / SUB
  { name: 'ADD K on CONST', insns: [b.mov64Imm(1, 5), b.alu64Imm(BPF_ADD, 1, 3)], regs: { 1: 'const 0x8' } },
  { name: 'ADD K carries into the high half', insns: [b.ldImm64(1, 0xffffffffn), b.alu64Imm(BPF_ADD, 1, 1)], regs: { 1: 'const 0x100000000' } },
  { name: 'ADD K with a negative imm', insns: [b.mov64Imm(1, 5), b.alu64Imm(BPF_ADD, 1, -8)], regs: { 1: 'const 0xfffffffffffffffd' } },
  { name: 'ADD K wraps at 2^64', insns: [b.mov64Imm(1, -1), b.alu64Imm(BPF_ADD, 1, 2)], regs: { 1: 'const 0x1' } },
  { name: 'SUB K on CONST', insns: [b.mov64Imm(1, 5), b.alu64Imm(BPF_SUB, 1, 7)], regs: { 1: 'const 0xfffffffffffffffe' } },
  { name: 'SUB K of INT32_MIN', insns: [b.mov64Imm(1, 0), b.alu64Imm(BPF_SUB, 1, -2147483648)], regs: { 1: 'const 0x80000000' } },
  { name: 'SUB K borrows from the high half', insns: [b.ldImm64(1, 0x100000000n), b.alu64Imm(BPF_SUB, 1, 1)], regs: { 1: 'const 0xffffffff' } },
  { name: 'ADD K on MAP_VALUE moves the offset', insns: [mapValue(1, 3, 16), b.alu64Imm(BPF_ADD, 1, 8)], regs: { 1: 'map_value 3 +24' } },
  { name: 'SUB K on MAP_VALUE can go negative', insns: [mapValue(1, 3, 16), b.alu64Imm(BPF_SUB, 1, 24)], regs: { 1: 'map_value 3 -8' } },
  { name: 'ADD K on MAP_PTR', insns: [mapPtr(1, 3), b.alu64Imm(BPF_ADD, 1, 0)], regs: { 1: 'unknown' } },
  { name: 'ADD K on SUBPROG', insns: [funcPtr(1, 0, 4), b.alu64Imm(BPF_ADD, 1, 8)], tail: SUB, regs: { 1: 'unknown' } },
  { name: 'ADD K on UNKNOWN', insns: [b.alu64Imm(BPF_ADD, 1, 1)], regs: { 1: 'unknown' } },
  { name: 'ADD X of two constants is not folded', insns: [b.mov64Imm(1, 1), b.mov64Imm(2, 2), b.alu64Reg(BPF_ADD, 1, 2)], regs: { 1: 'unknown', 2: 'const 0x2' } },
  { name: 'SUB X of two constants is not folded', insns: [b.mov64Imm(1, 1), b.mov64Imm(2, 2), b.alu64Reg(BPF_SUB, 1, 2)], regs: { 1: 'unknown' } },
  { name: 'ALU32 ADD K wraps at 2^32', insns: [b.mov32Imm(1, -1), b.alu32Imm(BPF_ADD, 1, 1)], regs: { 1: 'const 0x0' } },
  { name: 'ALU32 ADD K drops the high half', insns: [b.ldImm64(1, 0x100000005n), b.alu32Imm(BPF_ADD, 1, 1)], regs: { 1: 'const 0x6' } },
  { name: 'ALU32 SUB K', insns: [b.mov32Imm(1, 0), b.alu32Imm(BPF_SUB, 1, 1)], regs: { 1: 'const 0xffffffff' } },
  { name: 'ALU32 ADD K on MAP_VALUE', insns: [mapValue(1, 3, 16), b.alu32Imm(BPF_ADD, 1, 8)], regs: { 1: 'unknown' } },
  // AND
  { name: 'AND K on CONST', insns: [b.mov64Imm(1, 0xff), b.alu64Imm(BPF_AND, 1, 0x0f)], regs: { 1: 'const 0xf' } },
  { name: 'AND K with a negative imm keeps the high half', insns: [b.ldImm64(1, 0x123456789abcdeffn), b.alu64Imm(BPF_AND, 1, -16)], regs: { 1: 'const 0x123456789abcdef0' } },
  { name: 'AND K with a positive imm clears the high half', insns: [b.mov64Imm(1, -1), b.alu64Imm(BPF_AND, 1, 0x7fffffff)], regs: { 1: 'const 0x7fffffff' } },
  { name: 'AND K 0 on UNKNOWN is CONST 0', insns: [b.alu64Imm(BPF_AND, 1, 0)], regs: { 1: 'const 0x0' } },
  { name: 'AND K 0 on MAP_PTR is CONST 0', insns: [mapPtr(1, 3), b.alu64Imm(BPF_AND, 1, 0)], regs: { 1: 'const 0x0' } },
  { name: 'AND K 0 on MAP_VALUE is CONST 0', insns: [mapValue(1, 3, 8), b.alu64Imm(BPF_AND, 1, 0)], regs: { 1: 'const 0x0' } },
  { name: 'AND K non-zero on UNKNOWN', insns: [b.alu64Imm(BPF_AND, 1, 0xff)], regs: { 1: 'unknown' } },
  { name: 'AND K non-zero on MAP_VALUE', insns: [mapValue(1, 3, 8), b.alu64Imm(BPF_AND, 1, -8)], regs: { 1: 'unknown' } },
  { name: 'AND X: dst CONST 0 stays 0', insns: [b.mov64Imm(1, 0), b.alu64Reg(BPF_AND, 1, 2)], regs: { 1: 'const 0x0' } },
  { name: 'AND X: src CONST 0 makes dst 0', insns: [b.mov64Imm(2, 0), b.alu64Reg(BPF_AND, 1, 2)], regs: { 1: 'const 0x0' } },
  { name: 'AND X: MAP_PTR & CONST 0', insns: [mapPtr(1, 3), b.mov64Imm(2, 0), b.alu64Reg(BPF_AND, 1, 2)], regs: { 1: 'const 0x0' } },
  { name: 'AND X of two constants (64-bit)', insns: [b.ldImm64(1, 0xff00ff00ff00ff00n), b.ldImm64(2, 0x0ff00ff00ff00ff0n), b.alu64Reg(BPF_AND, 1, 2)], regs: { 1: 'const 0xf000f000f000f00' } },
  { name: 'AND X: CONST & UNKNOWN', insns: [b.mov64Imm(1, 5), b.alu64Reg(BPF_AND, 1, 2)], regs: { 1: 'unknown' } },
  { name: 'AND X: UNKNOWN & CONST', insns: [b.mov64Imm(2, 5), b.alu64Reg(BPF_AND, 1, 2)], regs: { 1: 'unknown' } },
  { name: 'ALU32 AND X: the zero test looks at all 64 bits', insns: [b.ldImm64(1, 0x100000000n), b.alu32Reg(BPF_AND, 1, 2)], regs: { 1: 'unknown' } },
  { name: 'ALU32 AND K truncates', insns: [b.mov64Imm(1, -1), b.alu32Imm(BPF_AND, 1, -1)], regs: { 1: 'const 0xffffffff' } },
  // every other ALU op
  ...[
    ['MUL K', b.alu64Imm(BPF_MUL, 1, 2)],
    ['DIV K', b.alu64Imm(BPF_DIV, 1, 2)],
    ['SDIV K', b.alu64Imm(BPF_DIV, 1, 2, 1)],
    ['OR K', b.alu64Imm(BPF_OR, 1, 0)],
    ['XOR K', b.alu64Imm(BPF_XOR, 1, 0)],
    ['LSH K', b.alu64Imm(BPF_LSH, 1, 0)],
    ['RSH K', b.alu64Imm(BPF_RSH, 1, 0)],
    ['ARSH K', b.alu64Imm(BPF_ARSH, 1, 1)],
    ['MOD K', b.alu64Imm(BPF_MOD, 1, 7)],
    ['NEG', b.alu64Imm(BPF_NEG, 1, 0)],
    ['END le16 (ALU)', insn(BPF_ALU | BPF_END | BPF_TO_LE, 1, 0, 0, 16)],
    ['BSWAP64 (ALU64 END)', insn(BPF_ALU64 | BPF_END, 1, 0, 0, 64)],
    ['MUL X', b.alu64Reg(BPF_MUL, 1, 2)],
    ['ALU32 OR K', b.alu32Imm(BPF_OR, 1, 0)],
  ].map(([name, x]): Case => ({ name: `${name as string} on CONST is UNKNOWN`, insns: [b.mov64Imm(1, 6), b.mov64Imm(2, 9), x as Insn], regs: { 1: 'unknown', 2: 'const 0x9' } })),
  // LD_IMM64
  { name: 'ld_imm64: full 64-bit constant', insns: [b.ldImm64(1, 0xdeadbeefcafef00dn)], regs: { 1: 'const 0xdeadbeefcafef00d' } },
  { name: 'ld_imm64 PSEUDO_MAP_FD', insns: [b.ldImm64(1, 7n, BPF_PSEUDO_MAP_FD)], regs: { 1: 'map_ptr 7' } },
  { name: 'ld_imm64 PSEUDO_MAP_IDX', insns: [b.ldImm64(1, 2n, BPF_PSEUDO_MAP_IDX)], regs: { 1: 'map_ptr 2' } },
  { name: 'ld_imm64 PSEUDO_MAP_FD: the index is the u32 imm', insns: [b.ldImm64(1, 0xffffffffn, BPF_PSEUDO_MAP_FD)], regs: { 1: 'map_ptr 4294967295' } },
  { name: 'ld_imm64 PSEUDO_MAP_VALUE', insns: [mapValue(1, 7, 40)], regs: { 1: 'map_value 7 +40' } },
  { name: 'ld_imm64 PSEUDO_MAP_IDX_VALUE', insns: [mapValue(1, 2, 8, BPF_PSEUDO_MAP_IDX_VALUE)], regs: { 1: 'map_value 2 +8' } },
  { name: 'ld_imm64 PSEUDO_MAP_VALUE: the offset is the u32 next imm', insns: [mapValue(1, 2, -8)], regs: { 1: 'map_value 2 +4294967288' } },
  { name: 'ld_imm64 PSEUDO_BTF_ID', insns: [b.mov64Imm(1, 1), b.ldImm64(1, 5n, BPF_PSEUDO_BTF_ID)], regs: { 1: 'unknown' } },
  { name: 'ld_imm64 PSEUDO_FUNC', insns: [funcPtr(1, 0, 3)], tail: SUB, regs: { 1: 'subprog 1' } },
  // LD_ABS / LD_IND: like a call
  ...[
    ['LD_ABS', insn(BPF_LD | BPF_ABS | BPF_W, 0, 0, 0, 12)],
    ['LD_IND', insn(BPF_LD | BPF_IND | BPF_H, 0, 7, 0, 4)],
  ].map(([name, x]): Case => ({
    name: `${name as string} clobbers R0..R5, keeps R6..R9`,
    insns: [b.mov64Imm(0, 10), b.mov64Imm(1, 1), b.mov64Imm(5, 5), b.mov64Imm(6, 6), b.mov64Imm(9, 9), x as Insn],
    regs: { 0: 'unknown', 1: 'unknown', 5: 'unknown', 6: 'const 0x6', 9: 'const 0x9' },
  })),
  // LDX
  { name: 'LDX from the stack', insns: [b.mov64Imm(1, 5), b.ldxMem(BPF_DW, 1, 10, -8)], regs: { 1: 'unknown' } },
  { name: 'LDX through MAP_VALUE without a map image', insns: [mapValue(2, 0, 0), b.mov64Imm(1, 5), b.ldxMem(BPF_W, 1, 2, 0)], regs: { 1: 'unknown', 2: 'map_value 0 +0' } },
  { name: 'LDX MEMSX', insns: [b.mov64Imm(1, 5), b.ldxMemSx(BPF_B, 1, 10, -1)], regs: { 1: 'unknown' } },
  // calls
  ...[
    ['helper call', b.callHelper(1)],
    ['kfunc call', b.callKfunc(1234)],
    ['callx', b.callx(8)],
  ].map(([name, x]): Case => ({
    name: `${name as string} clobbers R0..R5, keeps R6..R9`,
    insns: [b.mov64Imm(0, 10), b.mov64Imm(1, 1), b.mov64Imm(5, 5), b.mov64Imm(6, 6), b.mov64Imm(9, 9), x as Insn],
    regs: { 0: 'unknown', 1: 'unknown', 5: 'unknown', 6: 'const 0x6', 9: 'const 0x9' },
  })),
  {
    name: 'bpf-to-bpf call clobbers R0..R5, keeps R6..R9',
    insns: [b.mov64Imm(1, 1), b.mov64Imm(6, 6), b.callPseudo(1)],
    tail: SUB,
    regs: { 1: 'unknown', 6: 'const 0x6' },
  },
  // STX / ST / atomics
  { name: 'STX MEM changes no register', insns: [b.mov64Imm(1, 5), b.stxMem(BPF_DW, 10, 1, -8)], regs: { 1: 'const 0x5' } },
  { name: 'ST MEM changes no register', insns: [b.mov64Imm(1, 5), b.stMem(BPF_W, 1, 0, 7)], regs: { 1: 'const 0x5' } },
  { name: 'atomic add (no fetch) changes no register', insns: [b.mov64Imm(2, 5), b.atomicOp(BPF_DW, BPF_ADD, 10, 2, -8)], regs: { 2: 'const 0x5' } },
  { name: 'atomic fetch_add: src UNKNOWN', insns: [b.mov64Imm(0, 7), b.mov64Imm(2, 5), b.atomicOp(BPF_DW, BPF_ADD | BPF_FETCH, 10, 2, -8)], regs: { 0: 'const 0x7', 2: 'unknown' } },
  { name: 'atomic fetch_xor (32-bit): src UNKNOWN', insns: [b.mov64Imm(2, 5), b.atomicOp(BPF_W, BPF_XOR | BPF_FETCH, 10, 2, -8)], regs: { 2: 'unknown' } },
  { name: 'atomic xchg: src UNKNOWN', insns: [b.mov64Imm(2, 5), b.atomicOp(BPF_DW, BPF_XCHG, 10, 2, -8)], regs: { 2: 'unknown' } },
  { name: 'atomic cmpxchg: R0 UNKNOWN, src kept', insns: [b.mov64Imm(0, 7), b.mov64Imm(2, 5), b.atomicOp(BPF_DW, BPF_CMPXCHG, 10, 2, -8)], regs: { 0: 'unknown', 2: 'const 0x5' } },
  { name: 'load_acquire: dst UNKNOWN', insns: [b.mov64Imm(3, 5), b.atomicOp(BPF_DW, BPF_LOAD_ACQ, 3, 10, -8)], regs: { 3: 'unknown' } },
  { name: 'store_release changes no register', insns: [b.mov64Imm(2, 5), b.atomicOp(BPF_DW, BPF_STORE_REL, 10, 2, -8)], regs: { 2: 'const 0x5' } },
  // r11 stack-argument forms (§1.2)
  { name: 'stack-arg STX (*(u64 *)(r11 -8) = r1) changes no register', insns: [b.mov64Imm(1, 5), b.stackArgStore(6, 1)], regs: { 1: 'const 0x5' } },
  { name: 'stack-arg ST (*(u64 *)(r11 -16) = 7) changes no register', insns: [b.mov64Imm(1, 5), b.stackArgStoreImm(7, 7)], regs: { 1: 'const 0x5' } },
  { name: 'stack-arg LDX (r1 = *(u64 *)(r11 +8)): dst UNKNOWN', insns: [b.mov64Imm(1, 5), b.mov64Imm(2, 6), b.stackArgLoad(1, 6)], regs: { 1: 'unknown', 2: 'const 0x6' } },
  // jumps
  { name: 'conditional jump changes no register', insns: [b.mov64Imm(1, 5), b.jmpImm(BPF_JEQ, 1, 5, 0)], regs: { 1: 'const 0x5' } },
];

describe('transfer function (kernel-semantics §2.2)', () => {
  test.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const p = P(...c.insns, b.exit(), ...(c.tail ?? []));
    const at = c.insns.flat().length;
    const res = computeConstFold(p);
    const actual: Record<number, string> = {};
    for (const r of Object.keys(c.regs)) actual[Number(r)] = reg(res, at, Number(r));
    expect(actual).toEqual(c.regs);
  });

  test('every case checks the register it names against a program that runs', () => {
    // Guard against a table entry whose program never reaches its exit.
    for (const c of CASES) {
      const p = P(...c.insns, b.exit(), ...(c.tail ?? []));
      expect(computeConstFold(p).regState(c.insns.flat().length, 10)).not.toBe(0);
    }
  });

  test('registers above r10 outside the r11 forms are ignored, never tracked', () => {
    const p = P(b.mov64Imm(1, 5), insn(BPF_ALU64 | BPF_MOV, 12, 0, 0, 3), b.mov64Reg(2, 12), b.exit());
    const res = computeConstFold(p);
    expect(reg(res, 3, 1)).toBe('const 0x5');
    expect(reg(res, 3, 2)).toBe('unknown');
  });
});
