// check_max_stack_depth() / check_max_stack_depth_subprog(): walk the static call graph from
// the main program and from every async callback (bpf-to-bpf calls and ld_imm64
// BPF_PSEUDO_FUNC references are edges; an async callback is an edge only when called
// directly), summing each frame's stack depth rounded up (16 bytes when JITed, 32 for the
// interpreter). Rejects "the call stack of %d frames is too deep !", "combined stack size of
// %d calls is %d. Too large", "tail_calls are not allowed when call stack of previous frames
// is %d bytes. Too large", and marks tail_call_reachable subprograms. Patch 09 of the series
// adds "tail_calls are not allowed in programs with stack args" to this walk.
import { BPF_CALL_OPCODE, MAX_BPF_STACK, MAX_CALL_FRAMES, type Program, inStackArgCount, isPseudoCall, isPseudoFunc } from '@bpfkit/ir';
import { reject } from './errors.js';
import { BPF_FUNC_TAIL_CALL } from './helper-protos.js';

export interface StackDepthInput {
  readonly stackDepth: readonly number[];
  readonly isAsync: readonly boolean[];
  readonly maxOut: readonly number[];
  readonly verified: readonly boolean[];
  readonly jit: boolean;
}

export interface StackDepthFacts {
  readonly hasTailCall: boolean[];
  readonly tailCallReachable: boolean[];
  /** First bpf_tail_call instruction of each subprogram (-1 = none). */
  readonly tailCallInsn: number[];
}

/** round_up_stack_depth(). */
export const roundUpStackDepth = (depth: number, jit: boolean): number =>
  jit ? Math.ceil(depth / 16) * 16 : Math.ceil(Math.max(depth, 1) / 32) * 32;

export function checkMaxStackDepth(p: Program, input: StackDepthInput): StackDepthFacts {
  const nf = p.funcs.length;
  const tailCallInsn = new Array<number>(nf).fill(-1);
  for (const f of p.funcs)
    for (let i = f.start; i < f.end; i++)
      if (p.code[i] === BPF_CALL_OPCODE && p.src[i] === 0 && p.imm[i] === BPF_FUNC_TAIL_CALL && !p.isSecondHalf(i)) {
        tailCallInsn[f.index] = i;
        break;
      }
  const hasTailCall = tailCallInsn.map((t) => t >= 0);
  const tailCallReachable = new Array<boolean>(nf).fill(false);
  for (let root = 0; root < nf; root++) {
    if (root !== 0 && !input.isAsync[root]) continue;
    walk(p, root, input, hasTailCall, tailCallReachable);
  }
  // Patch 09: stack arguments and tail calls do not mix.
  for (let s = 0; s < nf; s++) {
    const usesStackArgs = input.verified[s] && (inStackArgCount(p.funcs[s]!.argCount ?? 0) > 0 || input.maxOut[s]! > 0);
    if (!usesStackArgs) continue;
    if (hasTailCall[s] || tailCallReachable[s]) {
      const at = tailCallInsn.find((t) => t >= 0) ?? p.funcs[s]!.start;
      reject('STACK_ARG_TAIL_CALL', 'tail_calls are not allowed in programs with stack args', at);
    }
  }
  return { hasTailCall, tailCallReachable, tailCallInsn };
}

function walk(p: Program, root: number, input: StackDepthInput, hasTailCall: boolean[], tailCallReachable: boolean[]): void {
  const retInsn: number[] = [];
  const retProg: number[] = [];
  let depth = 0;
  let frame = 0;
  let idx = root;
  let i = p.funcs[root]!.start;
  let callInsn = i;
  let tcr = false;
  for (;;) {
    // process_func
    if (idx !== 0 && hasTailCall[idx] && depth >= 256)
      reject('TAIL_CALL_STACK', `tail_calls are not allowed when call stack of previous frames is ${depth} bytes. Too large`, callInsn, 'EACCES');
    depth += roundUpStackDepth(input.stackDepth[idx]!, input.jit);
    if (depth > MAX_BPF_STACK) reject('STACK_SIZE', `combined stack size of ${frame + 1} calls is ${depth}. Too large`, callInsn, 'EACCES');
    // continue_func
    let descended = false;
    for (;;) {
      const end = p.funcs[idx]!.end;
      for (; i < end; i++) {
        const code = p.code[i]!;
        const src = p.src[i]!;
        if (!isPseudoCall(code, src) && !(isPseudoFunc(code, src) && !p.isSecondHalf(i))) continue;
        const callee = p.funcAt(i + 1 + p.imm[i]!)!;
        if (input.isAsync[callee.index] && !isPseudoCall(code, src)) continue;
        retInsn[frame] = i + 1;
        retProg[frame] = idx;
        callInsn = i;
        i = callee.start;
        idx = callee.index;
        if (hasTailCall[idx]) tcr = true;
        frame++;
        if (frame >= MAX_CALL_FRAMES) reject('CALL_DEPTH', `the call stack of ${frame} frames is too deep !`, callInsn, 'E2BIG');
        descended = true;
        break;
      }
      if (descended) break;
      if (tcr) for (let j = 0; j < frame; j++) tailCallReachable[retProg[j]!] = true;
      if (frame === 0) return;
      depth -= roundUpStackDepth(input.stackDepth[idx]!, input.jit);
      frame--;
      i = retInsn[frame]!;
      idx = retProg[frame]!;
    }
  }
}
