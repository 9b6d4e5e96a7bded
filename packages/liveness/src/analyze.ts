// The inter-procedural driver of kernel/bpf/liveness.c: analyze_subprog() (one instance: the
// complexity guard, re-analysis into a fresh instance merged afterwards, recursion into every
// reachable call that passes a frame pointer — in R1–R5, in an outgoing stack-argument slot, or
// as a bpf_loop/for_each_map_elem/find_vma/user_ringbuf_drain callback context — then pulling
// the callee's entry liveness for ancestor frames back to the call site, and the backward
// update_instance()) and bpf_compute_subprog_arg_access() (every subprogram not reached with
// frame-pointer arguments is analysed at depth 0, callers before callees).
import { BpfError, BPF_CALL, BPF_JMP, BPF_PSEUDO_CALL } from '@bpfkit/ir';
import { ARG_NONE, AT_NONE } from './arg-track.js';
import { AnalysisState, type StackLivenessConfig } from './analysis-state.js';
import {
  BPF_FUNC_find_vma, BPF_FUNC_for_each_map_elem, BPF_FUNC_loop, BPF_FUNC_user_ringbuf_drain, callsCallback, subprogTopoOrder,
} from './cfg-order.js';
import { AT_SA0, LIVENESS_MAX_SUBPROG_CALLS, MAX_AT_TRACK_REGS, MAX_CALL_FRAMES, MAX_STACK_ARG_SLOTS } from './constants.js';
import { LIVE_BEFORE, markStackRead, mergeInstances, updateInstance, type FuncInstance } from './instance.js';
import { computeSubprogArgs } from './subprog-args.js';

/**
 * find_callback_subprog(): for a callback-calling helper, [callback subprog, caller register,
 * callback register]; subprog -2 when the callback register is not a known subprogram
 * pointer, -1 when the instruction calls no callback.
 */
export function findCallbackSubprog(st: AnalysisState, idx: number): [number, number, number] {
  const p = st.cfg.program;
  if (p.code[idx] !== (BPF_JMP | BPF_CALL) || p.src[idx] !== 0) return [-1, -1, -1];
  let cbReg: number, callerReg: number, calleeReg: number;
  switch (p.imm[idx]) {
    case BPF_FUNC_loop: // bpf_loop(nr, cb, ctx, flags): caller R3 -> callback R2
      [cbReg, callerReg, calleeReg] = [2, 3, 2];
      break;
    case BPF_FUNC_for_each_map_elem: // (map, cb, ctx, flags): R3 -> R4
      [cbReg, callerReg, calleeReg] = [2, 3, 4];
      break;
    case BPF_FUNC_find_vma: // (task, addr, cb, ctx, flags): R4 -> R3
      [cbReg, callerReg, calleeReg] = [3, 4, 3];
      break;
    case BPF_FUNC_user_ringbuf_drain: // (map, cb, ctx, flags): R3 -> R2
      [cbReg, callerReg, calleeReg] = [2, 3, 2];
      break;
    default:
      return [-1, -1, -1];
  }
  const facts = st.cfg.facts;
  if (!(facts.subprogRegMask[idx]! & (1 << cbReg))) return [-2, callerReg, calleeReg];
  return [facts.regVal(idx, cbReg)!, callerReg, calleeReg];
}

/** has_fp_args(): is any of R1–R5 (or, with tracking, sa0–sa6) frame-pointer derived? */
function hasFpArgs(st: AnalysisState, args: Uint32Array): boolean {
  for (let r = 1; r <= 5; r++) if (st.at.isFp(args[r]!)) return true;
  if (st.cfg.stackArgTracking) for (let s = 0; s < MAX_STACK_ARG_SLOTS; s++) if (st.at.isFp(args[AT_SA0 + s]!)) return true;
  return false;
}

/** analyze_subprog(). */
export function analyzeSubprog(st: AnalysisState, entry: Uint32Array | null, instance: FuncInstance): void {
  const { program: p, postorder, log } = st.cfg;
  if (++st.subprogCalls > LIVENESS_MAX_SUBPROG_CALLS) {
    const msg = `liveness analysis exceeded complexity limit (${st.subprogCalls} calls)`;
    log?.(msg);
    throw new BpfError('LIVENESS_COMPLEXITY', msg, { pass: 'liveness', errno: 'E2BIG' });
  }
  let prev: FuncInstance | null = null;
  if (instance.mustWriteInitialized) {
    // Record into a fresh instance and merge afterwards, so instructions not reached in this
    // pass keep no stale must_write marks.
    prev = instance;
    instance = instance.fresh();
  }
  const subprog = instance.subprog;
  const depth = instance.depth;
  const start = instance.start;
  if (st.active[subprog] === 0 && st.atIn[subprog]) st.giveBuffer(st.atIn[subprog]!);
  st.atIn[subprog] = null;
  st.active[subprog]!++;
  try {
    computeSubprogArgs(st, instance, entry);
    const order = postorder.order;
    let args: Uint32Array | undefined;
    const from = postorder.start[subprog]!;
    const to = postorder.start[subprog + 1]!;
    for (let k = from; k < to; k++) {
      const idx = order[k]!;
      const j = idx - start;
      // A recursive analysis of this same subprogram replaces its entry states, and (as in the
      // kernel) the remaining call sites then read the replaced ones.
      const row = j * MAX_AT_TRACK_REGS;
      let callee: number;
      if (p.code[idx] === (BPF_JMP | BPF_CALL) && p.src[idx] === BPF_PSEUDO_CALL) {
        const f = p.funcAt(idx + 1 + p.imm[idx]!);
        if (f === undefined) continue;
        callee = f.index;
        args ??= new Uint32Array(MAX_AT_TRACK_REGS);
        args.fill(AT_NONE);
        const atIn = st.atIn[subprog]!;
        for (let r = 1; r <= 5; r++) args[r] = atIn[row + r]!;
        for (let s = 0; s < MAX_STACK_ARG_SLOTS; s++) args[AT_SA0 + s] = st.cfg.stackArgTracking ? atIn[row + AT_SA0 + s]! : AT_NONE;
      } else if (callsCallback(p, idx)) {
        const [cb, callerReg, calleeReg] = findCallbackSubprog(st, idx);
        const atIn = st.atIn[subprog]!;
        if (cb === -2) {
          // The same helper call may invoke different callbacks with a stack pointer.
          if (st.at.frame[atIn[row + callerReg]!] === ARG_NONE) continue;
          for (let f = 0; f <= depth; f++) markStackRead(st.spis, instance, f, idx, st.spis.all);
          continue;
        }
        if (cb < 0 || cb >= p.funcs.length) continue;
        callee = cb;
        args ??= new Uint32Array(MAX_AT_TRACK_REGS);
        args.fill(AT_NONE);
        args[calleeReg] = atIn[row + callerReg]!;
      } else {
        continue;
      }
      if (!hasFpArgs(st, args!)) continue;
      if (depth === MAX_CALL_FRAMES - 1)
        throw new BpfError(
          'LIVENESS_CALL_DEPTH',
          `liveness analysis: frame pointer passed through more than ${MAX_CALL_FRAMES} frames (call at insn ${idx})`,
          { pass: 'liveness', insn: idx, errno: 'EINVAL' },
        );
      const calleeInst = st.callInstance(depth + 1, idx, callee);
      st.callsites[depth] = idx;
      analyzeSubprog(st, args!, calleeInst);
      // Pull the callee's entry liveness of ancestor frames back to the call site.
      for (let f = 0; f < calleeInst.depth; f++) {
        const a = calleeInst.frames[f];
        if (!a) continue;
        markStackRead(st.spis, instance, f, idx, a[LIVE_BEFORE]!);
      }
    }
    if (prev) {
      mergeInstances(st.spis, prev, instance);
      instance = prev;
    }
    updateInstance(p, postorder, st.spis, instance);
  } finally {
    if (--st.active[subprog]! === 0) {
      const a = st.atIn[subprog];
      if (a && st.cfg.keepArgTrackIn) {
        const old = st.finalAtIn[subprog];
        if (old) st.giveBuffer(old);
        st.finalAtIn[subprog] = a;
      } else if (a) st.giveBuffer(a);
      st.atIn[subprog] = null;
    }
  }
}

/** bpf_compute_subprog_arg_access(): every instance of the program, analysed. */
export function computeSubprogArgAccess(cfg: StackLivenessConfig): AnalysisState {
  const st = new AnalysisState(cfg);
  const topo = subprogTopoOrder(cfg.program);
  for (let k = topo.length - 1; k >= 0; k--) {
    const sub = topo[k]!;
    if (st.analysed[sub]) continue; // (global subprograms would be analysed again: bpfkit has none)
    const inst = st.callInstance(0, 0, sub);
    analyzeSubprog(st, null, inst);
  }
  return st;
}
