// Static call-depth check for unsandboxed runs, the part of the kernel verifier's
// check_max_stack_depth() that keeps native code from overflowing the machine stack: the
// bpf-to-bpf call graph (direct `call pc+N`, plus callx from any function to every function
// whose address the program takes) must be acyclic and at most MAX_CALL_FRAMES deep. The
// sandbox checks depth at run time instead and skips this.
import { BpfError, MAX_CALL_FRAMES, isCallx, isPseudoCall, isPseudoFunc, type Program } from '@bpfkit/ir';

export function checkCallGraph(p: Program): void {
  const nf = p.funcs.length;
  const edges: Set<number>[] = p.funcs.map(() => new Set<number>());
  const taken = new Set<number>();
  const hasCallx: boolean[] = new Array(nf).fill(false);
  const site: number[][] = p.funcs.map(() => []);
  for (let i = 0; i < p.length; i++) {
    if (p.isSecondHalf(i)) continue;
    const code = p.code[i]!;
    const src = p.src[i]!;
    const f = p.funcOf[i]!;
    if (isPseudoCall(code, src)) {
      const t = p.funcAt(i + 1 + p.imm[i]!);
      if (t !== undefined) {
        edges[f]!.add(t.index);
        site[f]!.push(i);
      }
    } else if (isPseudoFunc(code, src)) {
      const t = p.funcAt(i + 1 + p.imm[i]!);
      if (t !== undefined) taken.add(t.index);
    } else if (isCallx(code)) hasCallx[f] = true;
  }
  for (let f = 0; f < nf; f++) if (hasCallx[f]) for (const t of taken) edges[f]!.add(t);
  // Longest path from func 0 by DFS with cycle detection (0 = new, 1 = on stack, 2 = done).
  const state = new Uint8Array(nf);
  const depth = new Int32Array(nf);
  const visit = (f: number): number => {
    if (state[f] === 2) return depth[f]!;
    if (state[f] === 1)
      throw new BpfError('CALL_DEPTH', `recursive call to func#${f} (the call graph must be acyclic without the sandbox)`, {
        insn: p.funcs[f]!.start, pass: 'runtime', errno: 'EINVAL',
      });
    state[f] = 1;
    let d = 1;
    for (const t of edges[f]!) d = Math.max(d, 1 + visit(t));
    state[f] = 2;
    depth[f] = d;
    return d;
  };
  for (let f = 0; f < nf; f++) {
    const d = visit(f);
    if (f === 0 && d > MAX_CALL_FRAMES)
      throw new BpfError('CALL_DEPTH', `the call stack of ${d} frames is too deep !`, { insn: site[0]![0] ?? 0, pass: 'runtime', errno: 'E2BIG' });
  }
}
