// An interpreter trace (@bpfkit/interp's Trace, the jump-history shape) as a backtracking
// path in the kernel's model. Replays the history forward (sequential steps between entries,
// arrivals where recorded), attaching each visit's flags/slot. One difference is normalised:
// the interpreter returns from a callback straight to the instruction after the helper call
// (and re-enters the callback from its exit), while the kernel's verifier returns from a
// callback *to the callback-calling instruction* and continues from there — so a visit of the
// call site is inserted before each such return and re-entry (backtrack_insn()'s callback
// rules depend on it).
import { INSN_F_ARRIVAL, type Trace } from '@bpfkit/interp';
import { BPF_LD_IMM64, BPF_PSEUDO_CALL, BpfError, type Program, isCall, isExit } from '@bpfkit/ir';
import type { BacktrackPath } from './history.js';

export function pathFromTrace(trace: Trace, program: Program): BacktrackPath {
  const idx: number[] = [];
  const flags: number[] = [];
  const spi: number[] = [];
  const slotFrame: number[] = [];
  const frame: number[] = [];
  const callbackSites = new Set<number>();
  const sites: { site: number; frame: number }[] = [];
  const push = (i: number, fr: number, f: number, s: number, sf: number): void => {
    idx.push(i);
    frame.push(fr);
    flags.push(f);
    spi.push(s);
    slotFrame.push(sf);
  };
  const code = program.code;
  let pc = trace.firstIdx;
  let fr = 0;
  let e = 0;
  let carry = { f: 0, s: -1, sf: -1 };
  for (let k = 0; k < trace.steps; k++) {
    if (pc < 0 || pc >= program.length) {
      // A run that fell off the end counts the missing instruction as its last step.
      if (k === trace.steps - 1) break;
      throw new BpfError('INTERNAL', `trace replay left the program at step ${k}`, { pass: 'precision' });
    }
    let f = carry.f;
    let s = carry.s;
    let sf = carry.sf;
    carry = { f: 0, s: -1, sf: -1 };
    while (e < trace.length && (trace.flags[e]! & INSN_F_ARRIVAL) === 0 && trace.idx[e] === pc) {
      f |= trace.flags[e]!;
      if (trace.spi[e]! >= 0) {
        s = trace.spi[e]!;
        sf = trace.slotFrame[e]!;
      }
      e++;
    }
    push(pc, fr, f, s, sf);
    if (e < trace.length && (trace.flags[e]! & INSN_F_ARRIVAL) !== 0 && trace.prevIdx[e] === pc) {
      const to = trace.idx[e]!;
      const toFrame = trace.frame[e]!;
      const af = trace.flags[e]! & ~INSN_F_ARRIVAL;
      carry = { f: af, s: af !== 0 ? trace.spi[e]! : -1, sf: af !== 0 ? trace.slotFrame[e]! : -1 };
      e++;
      if (isCall(code[pc]!) && program.src[pc] !== BPF_PSEUDO_CALL && toFrame === fr + 1) {
        // A helper/kfunc calling back into the program.
        sites.push({ site: pc, frame: fr });
        callbackSites.add(pc);
      } else if (isExit(code[pc]!) && sites.length > 0) {
        const top = sites[sites.length - 1]!;
        if (toFrame === top.frame && to === top.site + 1) {
          push(top.site, top.frame, 0, -1, -1); // back at the call site, then on
          sites.pop();
        } else if (toFrame === fr && toFrame === top.frame + 1 && program.funcAt(to) !== undefined) {
          push(top.site, top.frame, 0, -1, -1); // the call site calls the callback again
        }
      }
      pc = to;
      fr = toFrame;
    } else pc += code[pc] === BPF_LD_IMM64 ? 2 : 1;
  }
  const n = idx.length;
  return {
    length: n,
    idx: Int32Array.from(idx),
    flags: Uint16Array.from(flags),
    spi: Int8Array.from(spi),
    slotFrame: Int8Array.from(slotFrame),
    frame: Int8Array.from(frame),
    callbackSites,
  };
}
