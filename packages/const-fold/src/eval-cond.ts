// Evaluating a conditional jump whose operands are both known constants. Mirrors the
// condition evaluation inside bpf_prune_dead_branches() in kernel/bpf/const_fold.c
// (kernel-semantics §2.5): JEQ/JNE/JGT/JGE/JLT/JLE unsigned, JSGT/JSGE/JSLT/JSLE signed,
// JSET = (dst & src) != 0; for JMP32 both operands are first cast through s32, which keeps
// both the signed and the unsigned order of the 32-bit values when compared as 64-bit.
import {
  BpfError, BPF_JEQ, BPF_JGE, BPF_JGT, BPF_JLE, BPF_JLT, BPF_JMP32, BPF_JNE, BPF_JSET, BPF_JSGE, BPF_JSGT, BPF_JSLE,
  BPF_JSLT,
} from '@bpfkit/ir';

/**
 * Is the jump with opcode `code` taken for operands a (dst) and b (src), given as unsigned
 * 64-bit bigints? Throws BpfError 'INTERNAL' ("Unknown conditional jump %x", the kernel's
 * EFAULT) for an opcode that is not a conditional jump.
 */
export function evalCondJump(code: number, a: bigint, b: bigint): boolean {
  if ((code & 0x07) === BPF_JMP32) {
    a = BigInt.asUintN(64, BigInt.asIntN(32, a));
    b = BigInt.asUintN(64, BigInt.asIntN(32, b));
  } else {
    a = BigInt.asUintN(64, a);
    b = BigInt.asUintN(64, b);
  }
  const sa = BigInt.asIntN(64, a);
  const sb = BigInt.asIntN(64, b);
  switch (code & 0xf0) {
    case BPF_JEQ:
      return a === b;
    case BPF_JNE:
      return a !== b;
    case BPF_JGT:
      return a > b;
    case BPF_JGE:
      return a >= b;
    case BPF_JLT:
      return a < b;
    case BPF_JLE:
      return a <= b;
    case BPF_JSGT:
      return sa > sb;
    case BPF_JSGE:
      return sa >= sb;
    case BPF_JSLT:
      return sa < sb;
    case BPF_JSLE:
      return sa <= sb;
    case BPF_JSET:
      return (a & b) !== 0n;
    default:
      throw new BpfError('INTERNAL', `Unknown conditional jump ${(code & 0xf0).toString(16)}`, { pass: 'prune-dead-branches', errno: 'EFAULT' });
  }
}
