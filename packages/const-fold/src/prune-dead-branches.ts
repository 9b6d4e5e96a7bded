// The `prune-dead-branches` transform: every conditional jump whose outcome const-fold
// already knows becomes an unconditional `goto` — with its original offset when taken,
// `goto +0` when not — so later analyses (liveness) no longer flow through dead edges.
// Mirrors bpf_prune_dead_branches() in kernel/bpf/const_fold.c (kernel-semantics §2.5):
// only jumps (not may_goto) whose dst is in const_reg_mask and whose source is an immediate
// or a register also in const_reg_mask are decided; instruction count and indices never
// change. The rewrite goes through ir's rewrite() (replace edits). One pass, like the kernel:
// a second run may decide more jumps, because the first run's dead edges no longer weaken
// const-fold's joins (see docs/prune-dead-branches.md).
import { BPF_K, BPF_LD_IMM64, build, defineTransform, isCondJump, isMayGoto, printKernelInsn, rewrite, type Edit, type TransformPass } from '@bpfkit/ir';
import { constFold } from './const-fold-pass.js';
import { evalCondJump } from './eval-cond.js';

export const pruneDeadBranches: TransformPass = defineTransform({
  name: 'prune-dead-branches',
  description: 'turn conditional jumps with const-fold-known operands into goto (taken) or goto +0 (not taken) (bpf_prune_dead_branches)',
  run(ctx) {
    const p = ctx.program;
    const cf = ctx.get(constFold);
    const { code, dst, src, off, imm } = p;
    const mask = cf.constRegMask;
    const edits: Edit[] = [];
    for (let i = 0; i < p.length; i += code[i] === BPF_LD_IMM64 ? 2 : 1) {
      const c = code[i]!;
      if (!isCondJump(c) || isMayGoto(c)) continue;
      const m = mask[i]!;
      const d = dst[i]!;
      if (d >= 10 || !(m & (1 << d))) continue;
      let b: bigint;
      if ((c & 0x08) === BPF_K) b = BigInt(imm[i]!); // sign-extended imm
      else {
        const s = src[i]!;
        if (s >= 10 || !(m & (1 << s))) continue;
        b = BigInt(cf.regVal(i, s)!);
      }
      const a = BigInt(cf.regVal(i, d)!);
      const taken = evalCondJump(c, a, b);
      const replacement = build.ja(taken ? off[i]! : 0);
      ctx.log(`prune-dead-branches: ${i}: ${printKernelInsn(p, i)} -> (05) goto pc${taken ? (off[i]! < 0 ? off[i] : `+${off[i]}`) : '+0'} (${taken ? 'always taken' : 'never taken'})`);
      edits.push({ kind: 'replace', at: i, insns: [replacement] });
    }
    if (edits.length === 0) return { program: p, preserved: 'all' };
    return { program: rewrite(p, edits).program, preserved: 'none' };
  },
});
