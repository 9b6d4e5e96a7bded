// check_cfg(): a depth-first walk of the control-flow graph from insn 0 (visit_insn() and
// push_insn()), where a bpf-to-bpf call and an ld_imm64 BPF_PSEUDO_FUNC have two edges — the
// next instruction first, then the callee. An edge to an instruction still on the DFS stack is
// a back-edge: "back-edge from insn %d to %d" unless loops are allowed (bpf_capable); an edge
// leaving the program is "jump out of range from insn %d to %d"; any instruction the walk
// never explored is "unreachable insn %d". The walk order (fall-through before branch target)
// matches the kernel's, so the first back-edge reported is the kernel's.
import { type Program, isCondJump, isExit, isGoto, isGotol, isLdImm64, isPseudoCall, isPseudoFunc, jumpDisplacement } from '@bpfkit/ir';
import { reject } from './errors.js';

const DISCOVERED = 1;
const EXPLORED = 2;

/** Successors of insn t in the kernel's push order. */
function edges(p: Program, t: number): number[] {
  const code = p.code[t]!;
  if (isExit(code)) return [];
  if (isGoto(code) || isGotol(code)) return [t + 1 + jumpDisplacement(code, p.off[t]!, p.imm[t]!)];
  if (isCondJump(code)) return [t + 1, t + 1 + p.off[t]!];
  if (isPseudoCall(code, p.src[t]!)) return [t + 1, t + 1 + p.imm[t]!];
  if (isPseudoFunc(code, p.src[t]!)) return [t + 2, t + 1 + p.imm[t]!];
  if (isLdImm64(code)) return [t + 2];
  return [t + 1];
}

export interface CfgFacts {
  readonly backEdges: (readonly [number, number])[];
}

export function checkCfg(p: Program, allowLoops: boolean): CfgFacts {
  const n = p.length;
  const state = new Uint8Array(n);
  const nextEdge = new Uint8Array(n);
  const stack: number[] = [0];
  const backEdges: (readonly [number, number])[] = [];
  state[0] = DISCOVERED;
  while (stack.length > 0) {
    const t = stack[stack.length - 1]!;
    const succ = edges(p, t);
    let pushed = false;
    while (nextEdge[t]! < succ.length) {
      const w = succ[nextEdge[t]!++]!;
      if (w < 0 || w >= n) reject('JUMP_OUT_OF_RANGE', `jump out of range from insn ${t} to ${w}`, t);
      if (state[w] === 0) {
        state[w] = DISCOVERED;
        stack.push(w);
        pushed = true;
        break;
      }
      if (state[w] === DISCOVERED) {
        if (!allowLoops) reject('BACK_EDGE', `back-edge from insn ${t} to ${w}`, t);
        backEdges.push([t, w]);
      }
    }
    if (!pushed) {
      state[t] = EXPLORED;
      stack.pop();
    }
  }
  for (let i = 0; i < n; i++) {
    if (state[i] !== EXPLORED) reject('UNREACHABLE', `unreachable insn ${i}`, i);
    if (isLdImm64(p.code[i]!)) {
      if (i + 1 < n && state[i + 1] !== 0) reject('JUMP_INTO_LD_IMM64', `jump into the middle of ldimm64 insn ${i}`, i);
      i++;
    }
  }
  return { backEdges };
}
