// compute_subprog_args() of kernel/bpf/liveness.c: arg tracking for one subprogram analysed as
// one instance — entry state (R10 = fp<depth>+0, R1–R5 and the incoming stack-argument tracks
// from the caller, everything else "not a pointer"), a forward fixed point in reverse
// postorder with arg_track_xfer() and __arg_track_join() (successors outside the subprogram
// ignored), then one recording pass over the converged entry states, which also snapshots the
// caller's spill tracks at every call site for callees that read ancestor stack. With a
// BPF_LOG_LEVEL2 sink it logs what the kernel logs: "subprog#N: analyzing (depth D)...", the
// per-instruction changes, the "arg JOIN" lines and the annotated "subprog#N name:" listing.
import { BPF_CALL, BPF_CLASS, BPF_JMP, BPF_LDX, BPF_PSEUDO_CALL, BPF_STX, printKernelInsn } from '@bpfkit/ir';
import { AT_NONE, AT_UNVISITED } from './arg-track.js';
import type { AnalysisState } from './analysis-state.js';
import { argTrackXfer } from './arg-track-xfer.js';
import { callsCallback, insnSuccessors } from './cfg-order.js';
import { AT_SA0, MAX_ARG_SPILL_SLOTS, MAX_AT_TRACK_REGS, MAX_STACK_ARG_SLOTS } from './constants.js';
import type { FuncInstance } from './instance.js';
import { recordCallAccess, recordLoadStoreAccess } from './record-access.js';

const NREG = MAX_AT_TRACK_REGS;
const NSLOT = MAX_ARG_SPILL_SLOTS;

/** fmt_subprog(): `subprog#N` plus ` name` when the function has one. */
export function fmtSubprog(st: AnalysisState, subprog: number): string {
  const name = st.cfg.program.funcs[subprog]!.name;
  return `subprog#${subprog}${name ? ` ${name}` : ''}`;
}

const fpSlotName = (slot: number): string => `fp-${(slot + 1) * 8}`;
const atName = (r: number): string => (r >= AT_SA0 ? `sa${r - AT_SA0}` : `r${r}`);

/** Shared snapshot for call sites whose spill slots hold no frame pointer. */
let allNone: Uint32Array | undefined;

/**
 * Runs the analysis of `inst` with `entry` (18 ids, or null for an entry subprogram) and
 * records its stack accesses. Leaves the converged per-insn register states in st.atIn.
 */
export function computeSubprogArgs(st: AnalysisState, inst: FuncInstance, entry: Uint32Array | null): void {
  const { program: p, postorder, log } = st.cfg;
  const at = st.at;
  const subprog = inst.subprog;
  const depth = inst.depth;
  const start = inst.start;
  const len = inst.len;
  const end = start + len;
  const from = postorder.start[subprog]!;
  const to = postorder.start[subprog + 1]!;
  const order = postorder.order;
  const atIn = st.takeBuffer(len * NREG);
  // Spill slots are stored for the first `ns` slots only: a slot that no instruction has ever
  // spilled a frame pointer into is "not a pointer" in every reached state (as in the kernel,
  // whose 64 slots start NONE), so it is left implicit and materialised when first written.
  let ns = 8;
  let stackIn = st.takeBuffer(len * ns);
  const out = new Uint32Array(NREG);
  const stackOut = new Uint32Array(NSLOT);
  const stackArgEntry = new Uint32Array(MAX_STACK_ARG_SLOTS).fill(AT_NONE);

  atIn.fill(AT_NONE, 0, NREG);
  atIn[10] = at.single(depth, 0);
  if (entry) for (let r = 1; r <= 5; r++) atIn[r] = entry[r]!;
  stackIn.fill(AT_NONE, 0, ns);
  if (entry && st.cfg.stackArgTracking) for (let r = 0; r < MAX_STACK_ARG_SLOTS; r++) stackArgEntry[r] = entry[AT_SA0 + r]!;
  st.analysed[subprog] = 1;

  /** Widen the stored spill slots to `want` (reached rows get NONE, the others UNVISITED). */
  const grow = (want: number): void => {
    const nn = Math.min(NSLOT, (want + 7) & ~7);
    const wider = st.takeBuffer(len * nn);
    for (let i = 0; i < len; i++) {
      const o = i * nn;
      for (let s = 0; s < ns; s++) wider[o + s] = stackIn[i * ns + s]!;
      if (atIn[i * NREG] !== AT_UNVISITED) wider.fill(AT_NONE, o + ns, o + nn);
    }
    st.giveBuffer(stackIn);
    stackIn = wider;
    ns = nn;
  };
  // Without a log, an instruction whose entry state has not changed since it was last
  // transferred is skipped: it would produce the same output and joins (the join is
  // idempotent), so the fixed point is the kernel's, reached with less work.
  const dirty = log ? undefined : new Uint8Array(len);
  if (dirty) dirty[0] = 1;

  log?.(`subprog#${subprog}: analyzing (depth ${depth})...`);
  const insnText = (idx: number): string => printKernelInsn(p, idx, st.cfg.printOptions);
  const succ = new Int32Array(2);
  let changed: boolean;
  do {
    changed = false;
    for (let k = to - 1; k >= from; k--) {
      const idx = order[k]!;
      const i = idx - start;
      const row = i * NREG;
      if (atIn[row] === AT_UNVISITED && atIn[row + 1] === AT_UNVISITED) continue;
      if (dirty) {
        if (!dirty[i]) continue;
        dirty[i] = 0;
      }
      for (let r = 0; r < NREG; r++) out[r] = atIn[row + r]!;
      let srow = i * ns;
      for (let s = 0; s < ns; s++) stackOut[s] = stackIn[srow + s]!;
      if (ns < NSLOT) stackOut.fill(AT_NONE, ns);
      argTrackXfer(st, idx, out, stackOut, stackArgEntry, depth);
      if (ns < NSLOT && BPF_CLASS(p.code[idx]!) === BPF_STX) {
        let hi = ns;
        for (let s = ns; s < NSLOT; s++) if (stackOut[s] !== AT_NONE) hi = s + 1;
        if (hi > ns) {
          grow(hi);
          srow = i * ns;
        }
      }
      if (log) {
        let line = '';
        for (let r = 0; r < NREG; r++)
          if (out[r] !== atIn[row + r]) line += `\t${atName(r)}: ${at.format(atIn[row + r]!)} -> ${at.format(out[r]!)}`;
        for (let s = 0; s < ns; s++)
          if (stackOut[s] !== stackIn[srow + s]) line += `\t${fpSlotName(s)}: ${at.format(stackIn[srow + s]!)} -> ${at.format(stackOut[s]!)}`;
        if (line) log(`${String(idx).padStart(3)}: ${insnText(idx)}${line}`);
      }
      const c = insnSuccessors(p, idx, succ);
      for (let sc = 0; sc < c; sc++) {
        const target = succ[sc]!;
        if (target < start || target >= end) continue;
        const trow = (target - start) * NREG;
        const tsrow = (target - start) * ns;
        const before: boolean = changed;
        changed = false;
        for (let r = 0; r < NREG; r++) {
          const old = atIn[trow + r]!;
          const o = out[r]!;
          if (old === o) continue;
          const nv = at.join(old, o);
          if (nv === old) continue;
          atIn[trow + r] = nv;
          changed = true;
          if (log && old !== AT_UNVISITED)
            log(`arg JOIN insn ${idx} -> ${target} ${atName(r)}: ${at.format(old)} + ${at.format(o)} => ${at.format(nv)}`);
        }
        for (let r = 0; r < ns; r++) {
          const old = stackIn[tsrow + r]!;
          const o = stackOut[r]!;
          if (old === o) continue;
          const nv = at.join(old, o);
          if (nv === old) continue;
          stackIn[tsrow + r] = nv;
          changed = true;
          if (log && old !== AT_UNVISITED)
            log(`arg JOIN insn ${idx} -> ${target} ${fpSlotName(r)}: ${at.format(old)} + ${at.format(o)} => ${at.format(nv)}`);
        }
        if (changed && dirty) dirty[target - start] = 1;
        changed ||= before;
      }
    }
  } while (changed);

  // Record memory accesses using the converged entry states (RPO skips dead code).
  for (let k = to - 1; k >= from; k--) {
    const idx = order[k]!;
    const i = idx - start;
    recordLoadStoreAccess(st, inst, atIn, i * NREG, idx);
    const code = p.code[idx]!;
    if (code === (BPF_JMP | BPF_CALL)) recordCallAccess(st, inst, atIn, i * NREG, idx);
    if ((code === (BPF_JMP | BPF_CALL) && p.src[idx] === BPF_PSEUDO_CALL) || callsCallback(p, idx)) {
      let fp = false;
      for (let s = 0; s < ns; s++) if (stackIn[i * ns + s] !== AT_NONE) fp = true;
      let snap = (allNone ??= new Uint32Array(NSLOT).fill(AT_NONE));
      if (fp) {
        snap = new Uint32Array(NSLOT).fill(AT_NONE);
        for (let s = 0; s < ns; s++) snap[s] = stackIn[i * ns + s]!;
      }
      st.callsiteAtStack.set(idx, snap);
    }
  }
  st.atIn[subprog] = atIn;
  if (log) printSubprogArgAccess(st, inst, atIn, stackIn, ns);
  st.giveBuffer(stackIn);
}

/** print_subprog_arg_access(): the listing with ` // r1=fp0-8 sa0=… fp-8=…` annotations. */
function printSubprogArgAccess(st: AnalysisState, inst: FuncInstance, atIn: Uint32Array, stackIn: Uint32Array, ns: number): void {
  const { program: p, log } = st.cfg;
  const at = st.at;
  log!(`${fmtSubprog(st, inst.subprog)}:`);
  for (let i = 0; i < inst.len; i++) {
    const idx = inst.start + i;
    const code = p.code[idx]!;
    const cls = BPF_CLASS(code);
    const ldxStxCall = cls === BPF_LDX || cls === BPF_STX || code === (BPF_JMP | BPF_CALL);
    let extra = '';
    if (ldxStxCall && atIn[i * NREG] !== AT_UNVISITED) {
      for (let r = 0; r < 10; r++) {
        const id = atIn[i * NREG + r]!;
        if (at.isFp(id)) extra += ` r${r}=${at.format(id)}`;
      }
      if (st.cfg.stackArgTracking)
        for (let s = 0; s < MAX_STACK_ARG_SLOTS; s++) {
          const id = atIn[i * NREG + AT_SA0 + s]!;
          if (at.isFp(id)) extra += ` sa${s}=${at.format(id)}`;
        }
    }
    if (ldxStxCall)
      for (let s = 0; s < ns; s++) {
        const id = stackIn[i * ns + s]!;
        if (at.isFp(id)) extra += ` ${fpSlotName(s)}=${at.format(id)}`;
      }
    const text = `${String(idx).padStart(3)}: ${printKernelInsn(p, idx, st.cfg.printOptions)}`;
    log!(extra ? `${text} //${extra}` : text);
    if (code === 0x18) i++;
  }
}
