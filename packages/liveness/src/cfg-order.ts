// Control-flow facts in the exact order the kernel computes them, since the analyses'
// iteration (and therefore their log output) follows these orders:
//   - insnSuccessors(): bpf_insn_successors() — fall-through first, then the jump target;
//     calls fall through; exit and gotox have none; ld_imm64 continues at +2;
//   - computePostorder(): compute_postorder() — per subprogram, an explicit-stack DFS from the
//     subprogram's first instruction that pushes every undiscovered successor at once;
//   - subprogTopoOrder(): env->subprog_topo_order — callees (leaves) first, callers last;
//   - computeScc(): compute_scc() — the SCC ids printed in the "Live regs before insn:" table.
import {
  BPF_CALL, BPF_CLASS, BPF_EXIT, BPF_JA, BPF_JMP, BPF_JMP32, BPF_LD_IMM64, BPF_OP, BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC,
  BPF_SRC, BPF_X, type Program,
} from '@bpfkit/ir';

/** Helper ids of the synchronous callback-calling helpers find_callback_subprog() knows. */
export const BPF_FUNC_for_each_map_elem = 164;
export const BPF_FUNC_find_vma = 180;
export const BPF_FUNC_loop = 181;
export const BPF_FUNC_user_ringbuf_drain = 209;

/** bpf_calls_callback(): does instruction `i` call a (synchronous) callback? */
export function callsCallback(p: Program, i: number): boolean {
  if (p.code[i] !== (BPF_JMP | BPF_CALL) || p.src[i] !== 0) return false;
  const id = p.imm[i]!;
  return id === BPF_FUNC_loop || id === BPF_FUNC_for_each_map_elem || id === BPF_FUNC_find_vma || id === BPF_FUNC_user_ringbuf_drain;
}

/** bpf_insn_successors(): writes up to two successors of `i` into out, returns the count. */
export function insnSuccessors(p: Program, i: number, out: Int32Array): number {
  const code = p.code[i]!;
  const cls = BPF_CLASS(code);
  if (cls === BPF_JMP || cls === BPF_JMP32) {
    const op = BPF_OP(code);
    if (op === BPF_EXIT) return 0;
    if (op === BPF_JA) {
      if (cls === BPF_JMP && BPF_SRC(code) === BPF_X) return 0; // gotox: jump tables are not modelled
      out[0] = i + 1 + (cls === BPF_JMP32 ? p.imm[i]! : p.off[i]!);
      return 1;
    }
    if (op === BPF_CALL) {
      out[0] = i + 1;
      return 1;
    }
    out[0] = i + 1;
    out[1] = i + 1 + p.off[i]!;
    return 2;
  }
  out[0] = code === BPF_LD_IMM64 ? i + 2 : i + 1;
  return 1;
}

export interface Postorder {
  /** Instruction indices, grouped by subprogram, each group in DFS postorder. */
  readonly order: Int32Array;
  /** order[start[f] .. start[f+1]) belongs to subprogram f (length funcs + 1). */
  readonly start: Int32Array;
}

const DISCOVERED = 1;
const EXPLORED = 2;

/** compute_postorder(). Successors outside the program are ignored. */
export function computePostorder(p: Program): Postorder {
  const n = p.length;
  const funcs = p.funcs;
  const order = new Int32Array(n);
  const start = new Int32Array(funcs.length + 1);
  const state = new Uint8Array(n);
  const stack = new Int32Array(n + 2);
  const succ = new Int32Array(2);
  let cur = 0;
  for (let f = 0; f < funcs.length; f++) {
    start[f] = cur;
    let sp = 0;
    stack[sp++] = funcs[f]!.start;
    while (sp > 0) {
      const top = stack[sp - 1]!;
      state[top]! |= DISCOVERED;
      if (state[top]! & EXPLORED) {
        order[cur++] = top;
        sp--;
        continue;
      }
      const k = insnSuccessors(p, top, succ);
      for (let s = 0; s < k; s++) {
        const t = succ[s]!;
        if (t < 0 || t >= n) continue;
        if (!state[t]) {
          stack[sp++] = t;
          state[t]! |= DISCOVERED;
        }
      }
      state[top]! |= EXPLORED;
    }
  }
  start[funcs.length] = cur;
  return { order: cur === n ? order : order.subarray(0, cur), start };
}

/**
 * env->subprog_topo_order: subprograms sorted callees first, callers last — a DFS postorder of
 * the call graph (edges: `call pc+N` and ld_imm64 BPF_PSEUDO_FUNC references, in instruction
 * order) from subprogram 0, then from every subprogram not reached yet, in index order.
 */
export function subprogTopoOrder(p: Program): Int32Array {
  const funcs = p.funcs;
  const nf = funcs.length;
  const edges: number[][] = funcs.map(() => []);
  for (let i = 0; i < p.length; i++) {
    const code = p.code[i]!;
    const isCall = code === (BPF_JMP | BPF_CALL) && p.src[i] === BPF_PSEUDO_CALL;
    const isFunc = code === BPF_LD_IMM64 && p.src[i] === BPF_PSEUDO_FUNC;
    if (!isCall && !isFunc) continue;
    const callee = p.funcAt(i + 1 + p.imm[i]!);
    if (callee !== undefined) edges[p.funcOf[i]!]!.push(callee.index);
  }
  const out = new Int32Array(nf);
  const seen = new Uint8Array(nf);
  let k = 0;
  const visit = (root: number): void => {
    const stack: [number, number][] = [[root, 0]];
    seen[root] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1]!;
      const es = edges[top[0]]!;
      if (top[1] < es.length) {
        const c = es[top[1]++]!;
        if (!seen[c]) {
          seen[c] = 1;
          stack.push([c, 0]);
        }
      } else {
        out[k++] = top[0];
        stack.pop();
      }
    }
  };
  for (let f = 0; f < nf; f++) if (!seen[f]) visit(f);
  return out;
}

const NOT_ON_STACK = 0xffffffff;

/**
 * compute_scc(): SCC id (1, 2, …) of every instruction that is in a loop — a component of two
 * or more instructions, a self loop, or a callback-calling call (an implicit loop); 0 otherwise.
 */
export function computeScc(p: Program): Uint32Array {
  const n = p.length;
  const scc = new Uint32Array(n);
  const stack = new Uint32Array(n);
  const pre = new Uint32Array(n);
  const low = new Uint32Array(n);
  const dfs = new Uint32Array(n + 2);
  const succ = new Int32Array(2);
  let nextPre = 1;
  let nextScc = 1;
  for (let i = 0; i < n; i++) {
    if (pre[i]) continue;
    let stackSz = 0;
    let dfsSz = 1;
    dfs[0] = i;
    outer: while (dfsSz) {
      const w = dfs[dfsSz - 1]!;
      if (pre[w] === 0) {
        low[w] = nextPre;
        pre[w] = nextPre;
        nextPre++;
        stack[stackSz++] = w;
      }
      const k = insnSuccessors(p, w, succ);
      for (let j = 0; j < k; j++) {
        const s = succ[j]!;
        if (s < 0 || s >= n) continue;
        if (pre[s]) {
          low[w] = Math.min(low[w]!, low[s]!);
        } else {
          dfs[dfsSz++] = s;
          continue outer;
        }
      }
      if (low[w]! < pre[w]!) {
        dfsSz--;
        continue;
      }
      let assign = stack[stackSz - 1] !== w;
      for (let j = 0; j < k; j++) if (succ[j] === w) assign = true;
      if (callsCallback(p, w)) assign = true;
      let t: number;
      do {
        t = stack[--stackSz]!;
        low[t] = NOT_ON_STACK;
        if (assign) scc[t] = nextScc;
      } while (t !== w);
      if (assign) nextScc++;
      dfsSz--;
    }
  }
  return scc;
}
