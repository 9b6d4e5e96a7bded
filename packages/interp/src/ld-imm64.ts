// ld_imm64 with a pseudo source (src_reg 1–6): BPF_PSEUDO_FUNC becomes a code pointer
// (layout.ts) that `callx` and CallContext.call accept; map and BTF kinds are resolved by
// the user's resolver (the role of the kernel's resolve_pseudo_ldimm64(), which swaps map
// fds for kernel addresses at load time) or rejected with a clear error.
import {
  BPF_PSEUDO_BTF_ID, BPF_PSEUDO_FUNC, BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_IDX, BPF_PSEUDO_MAP_IDX_VALUE, BPF_PSEUDO_MAP_VALUE,
  BpfError,
} from '@bpfkit/ir';
import { CODE_HI } from './layout.js';
import type { Machine } from './machine.js';

const KIND_NAMES: Record<number, string> = {
  [BPF_PSEUDO_MAP_FD]: 'BPF_PSEUDO_MAP_FD',
  [BPF_PSEUDO_MAP_VALUE]: 'BPF_PSEUDO_MAP_VALUE',
  [BPF_PSEUDO_BTF_ID]: 'BPF_PSEUDO_BTF_ID',
  [BPF_PSEUDO_FUNC]: 'BPF_PSEUDO_FUNC',
  [BPF_PSEUDO_MAP_IDX]: 'BPF_PSEUDO_MAP_IDX',
  [BPF_PSEUDO_MAP_IDX_VALUE]: 'BPF_PSEUDO_MAP_IDX_VALUE',
};

/** Execute the pseudo ld_imm64 at `pc` (src = kind) into its dst register. */
export function ldImm64Pseudo(m: Machine, pc: number, kind: number): void {
  const p = m.program;
  const d2 = p.dst[pc]! << 1;
  if (kind === BPF_PSEUDO_FUNC) {
    m.regs[d2] = pc + 1 + p.imm[pc]!;
    m.regs[d2 + 1] = CODE_HI;
    return;
  }
  const name = KIND_NAMES[kind] ?? `src ${kind}`;
  if (m.ldImm64 === undefined)
    throw new BpfError('LD_IMM64_UNRESOLVED', `ld_imm64 ${name} imm ${p.imm[pc]} needs an ldImm64 resolver`, { insn: pc, pass: 'interp', errno: 'EINVAL' });
  let v: unknown;
  try {
    v = m.ldImm64(kind, p.imm[pc]!, p.imm[pc + 1]!, pc);
  } catch (err) {
    throw new BpfError('LD_IMM64_UNRESOLVED', `resolving ld_imm64 ${name} failed: ${err instanceof Error ? err.message : String(err)}`, {
      insn: pc, pass: 'interp', cause: err,
    });
  }
  if (typeof v !== 'bigint')
    throw new BpfError('LD_IMM64_UNRESOLVED', `ld_imm64 resolver returned ${typeof v}, not a bigint`, { insn: pc, pass: 'interp' });
  m.r64[d2 >> 1] = BigInt.asUintN(64, v);
}
