// Kernel-named emit helpers (arch/x86/net/bpf_jit_comp.c): each picks the x86-64 form(s) for
// one BPF-level operation, on hardware registers already mapped through BPF_TO_X86. They
// carry the kernel's size choices — emit_mov_imm32() (xor for 0, sign-extending C7 for
// negative 64-bit, B8 otherwise), emit_mov_imm64() (32-bit forms when the value allows, else
// movabs), EMIT_mov() skipping 64-bit self-moves, emit_movsx_reg(), emit_ldx()/emit_ldsx(),
// emit_stx(), emit_st(), emit_atomic_rmw() — so code size tracks the kernel's.
import type { CodeBuffer } from '@bpfkit/jit-common';
import {
  BPF_ADD, BPF_AND, BPF_CMPXCHG, BPF_FETCH, BPF_OR, BPF_XCHG, BPF_XOR, BpfError,
} from '@bpfkit/ir';
import { ALU_ADD, ALU_AND, ALU_OR, ALU_XOR, ALU_SUB, aluRR, movRI32, movRI64sx, movRR, movabs, movsxRR, movsxdRR } from './encode-alu.js';
import { loadSx, loadZx, lockAluMR, lockCmpxchg, lockXadd, store, storeImm, xchgMR } from './encode-mem.js';

/** BPF ALU op (high nibble) -> x86 group-1 /digit for the ops that map one-to-one. */
export function bpfAluToX86(op: number): number {
  switch (op) {
    case BPF_ADD: return ALU_ADD;
    case 0x10: return ALU_SUB;
    case BPF_AND: return ALU_AND;
    case BPF_OR: return ALU_OR;
    case BPF_XOR: return ALU_XOR;
    default: throw new BpfError('INTERNAL', `no x86 ALU op for BPF op ${op.toString(16)}`);
  }
}

/** emit_mov_imm32(): dst = imm (sign-extended to 64 bits when `signPropagate`, else zero-extended). */
export function emitMovImm32(b: CodeBuffer, signPropagate: boolean, dst: number, imm: number): void {
  if (signPropagate && imm < 0) movRI64sx(b, dst, imm); // movq $imm, dst
  else if (imm === 0) aluRR(b, ALU_XOR, false, dst, dst); // xorl dst, dst
  else movRI32(b, dst, imm); // movl $imm, dst
}

/** emit_mov_imm64(): dst = (hi:lo), in the shortest form that produces the value. */
export function emitMovImm64(b: CodeBuffer, dst: number, lo: number, hi: number): void {
  if (hi === 0) emitMovImm32(b, false, dst, lo); // movl $lo, dst (zero-extends)
  else if (hi === -1 && lo < 0) emitMovImm32(b, true, dst, lo); // movq $lo, dst (sign-extends)
  else movabs(b, dst, lo, hi); // movabsq $imm64, dst
}

/** EMIT_mov()/emit_mov_reg(): dst = src; a 64-bit self-move is dropped, a 32-bit one zero-extends. */
export function emitMovReg(b: CodeBuffer, is64: boolean, dst: number, src: number): void {
  if (is64 && dst === src) return;
  movRR(b, is64, dst, src); // mov src, dst
}

/** emit_movsx_reg(): dst = (s8/s16/s32) src, into 64 bits or (ALU32) 32 bits. */
export function emitMovsxReg(b: CodeBuffer, bits: 8 | 16 | 32, is64: boolean, dst: number, src: number): void {
  if (bits === 32) movsxdRR(b, dst, src); // movslq src32, dst
  else movsxRR(b, is64, bits, dst, src); // movs{b,w}{l,q} src, dst
}

/** emit_ldx(): dst = *(u8/u16/u32/u64 *)(base + off), zero-extended. */
export function emitLdx(b: CodeBuffer, size: 1 | 2 | 4 | 8, dst: number, base: number, off: number): void {
  loadZx(b, size, dst, base, off); // movz{b,w}l / movl / movq off(base), dst
}

/** emit_ldsx(): dst = *(s8/s16/s32 *)(base + off), sign-extended to 64 bits. */
export function emitLdsx(b: CodeBuffer, size: 1 | 2 | 4, dst: number, base: number, off: number): void {
  loadSx(b, size, dst, base, off); // movs{b,w,l}q off(base), dst
}

/** emit_stx(): *(size *)(base + off) = src. */
export function emitStx(b: CodeBuffer, size: 1 | 2 | 4 | 8, base: number, off: number, src: number): void {
  store(b, size, base, off, src); // mov{b,w,l,q} src, off(base)
}

/** BPF_ST | BPF_MEM: *(size *)(base + off) = imm (sign-extended for DW). */
export function emitSt(b: CodeBuffer, size: 1 | 2 | 4 | 8, base: number, off: number, imm: number): void {
  storeImm(b, size, base, off, imm); // mov{b,w,l,q} $imm, off(base)
}

/**
 * emit_atomic_rmw(): the single-instruction atomics — lock add/or/and/xor, lock xadd
 * (fetch add), xchg, lock cmpxchg (R0 is the comparand). Fetch or/and/xor need the
 * cmpxchg loop the lowering builds around lockCmpxchg.
 */
export function emitAtomicRmw(b: CodeBuffer, atomicOp: number, w: boolean, base: number, off: number, src: number): void {
  switch (atomicOp) {
    case BPF_ADD:
    case BPF_OR:
    case BPF_AND:
    case BPF_XOR:
      lockAluMR(b, bpfAluToX86(atomicOp), w, base, off, src); // lock {add,or,and,xor} src, off(base)
      return;
    case BPF_ADD | BPF_FETCH:
      lockXadd(b, w, base, off, src); // lock xadd src, off(base)
      return;
    case BPF_XCHG:
      xchgMR(b, w, base, off, src); // xchg src, off(base)
      return;
    case BPF_CMPXCHG:
      lockCmpxchg(b, w, base, off, src); // lock cmpxchg src, off(base)
      return;
    default:
      throw new BpfError('INTERNAL', `emit_atomic_rmw: unsupported atomic op ${atomicOp.toString(16)}`);
  }
}
