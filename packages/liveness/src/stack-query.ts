// bpf_live_stack_query_init() + bpf_stack_slot_alive() of kernel/bpf/liveness.c: is a 4-byte
// half slot of some frame possibly read later, for a verifier state whose innermost frame is at
// `insn` and whose call chain is `callsites` (callsites[f] = the call in frame f that entered
// frame f+1)? Alive if live before `insn` in the innermost frame's instance, or, for each outer
// frame, live at its call site (when the call site calls a callback, which may run again) or
// after it (a normal return). A frame without an instance is conservatively alive.
import type { Program } from '@bpfkit/ir';
import { instanceKey } from './analysis-state.js';
import { callsCallback } from './cfg-order.js';
import { LIVE_BEFORE, type FuncInstance } from './instance.js';
import type { SpisPool } from './spis.js';

/** lookup_instance(): the instance for frame `frameno`, trying shallower depths as the kernel does. */
function lookupInstance(p: Program, instances: ReadonlyMap<number, FuncInstance>, insnOfFrame: number, frameno: number, callsite: number): FuncInstance | undefined {
  const subprogStart = p.func(insnOfFrame).start;
  const cs = frameno > 0 ? callsite : subprogStart;
  for (let depth = frameno; ; depth--) {
    const key = depth > 0 ? cs : subprogStart;
    const f = instances.get(instanceKey(key, depth));
    if (f || depth === 0) return f;
  }
}

function isLiveBefore(pool: SpisPool, inst: FuncInstance, insn: number, frame: number, halfSpi: number): boolean {
  const a = inst.frames[frame];
  if (!a) return false;
  const i = insn - inst.start;
  if (i < 0 || i >= inst.len) return false;
  return pool.test(a[3 * i + LIVE_BEFORE]!, halfSpi);
}

export function stackSlotAlive(
  p: Program, pool: SpisPool, instances: ReadonlyMap<number, FuncInstance>,
  insn: number, frameno: number, halfSpi: number, callsites: readonly number[] = [],
): boolean {
  const curframe = callsites.length;
  const q: (FuncInstance | undefined)[] = [];
  for (let f = 0; f <= curframe; f++) {
    const at = f === curframe ? insn : callsites[f]!;
    q.push(lookupInstance(p, instances, at, f, f > 0 ? callsites[f - 1]! : 0));
  }
  const cur = q[curframe];
  if (!cur) return true;
  let rel = frameno + cur.depth - curframe;
  if (rel >= 0 && rel <= cur.depth && isLiveBefore(pool, cur, insn, rel, halfSpi)) return true;
  for (let i = frameno; i < curframe; i++) {
    const inst = q[i];
    if (!inst) return true;
    rel = frameno + inst.depth - i;
    if (rel < 0 || rel > inst.depth) return true;
    const cs = callsites[i]!;
    if (callsCallback(p, cs) ? isLiveBefore(pool, inst, cs, rel, halfSpi) : isLiveBefore(pool, inst, cs + 1, rel, halfSpi)) return true;
  }
  return false;
}
