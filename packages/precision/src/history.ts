// The jump history the backtracker walks (struct bpf_jmp_history_entry and
// get_prev_insn_idx()): entries for every non-sequential arrival and for instructions whose
// backtracking needs extra facts (stack spill/fill slot and frame, stack-argument slot,
// conditional jumps on stack pointers). A path is the result of walking a history backwards
// from last_idx to first_idx: one step per executed instruction, with the history flags of
// that visit. Everything downstream works on paths.
import { BpfError, type Program } from '@bpfkit/ir';

/** One history entry as the kernel records it (flags use @bpfkit/interp's INSN_F_* bits). */
export interface HistoryEntry {
  readonly idx: number;
  readonly prevIdx: number;
  readonly flags?: number;
  /** Spill slot (-off/8 - 1) or stack-argument slot (arg6 = 0 …), -1 when none. */
  readonly spi?: number;
  /** Frame owning the accessed slot (insn_stack_access_frameno()), -1 when none. */
  readonly frame?: number;
}

/** A user-supplied history of one verifier state. */
export interface JumpHistory {
  readonly firstIdx: number;
  readonly lastIdx: number;
  /** Call-frame depth executing last_idx (bt->frame at the start). Default 0. */
  readonly frame?: number;
  readonly entries: readonly HistoryEntry[];
}

/** A path: one step per instruction visit, oldest first. */
export interface BacktrackPath {
  readonly length: number;
  readonly idx: Int32Array;
  /** History flags of the visit (0 = no entry). */
  readonly flags: Uint16Array;
  readonly spi: Int8Array;
  /** Frame owning the slot the visit accessed. */
  readonly slotFrame: Int8Array;
  /** Executing frame, or -1 when unknown (user histories). */
  readonly frame: Int8Array;
  /** Helper/kfunc calls seen calling back into the program (calls_callback()). */
  readonly callbackSites: ReadonlySet<number>;
}

const MAX_STEPS = 1 << 24;

const fail = (msg: string, insn = -1): never => {
  throw new BpfError('BACKTRACK_HISTORY', msg, { insn, pass: 'precision', errno: 'EFAULT' });
};

/** Walk `h` backwards with get_prev_insn_idx() from last_idx to first_idx. */
export function pathFromHistory(program: Program, h: JumpHistory): BacktrackPath {
  const n = program.length;
  const check = (v: unknown, what: string): number => {
    if (typeof v !== 'number' || !Number.isInteger(v)) fail(`history: ${what} must be an integer`);
    return v as number;
  };
  const first = check(h.firstIdx, 'firstIdx');
  let i = check(h.lastIdx, 'lastIdx');
  if (i < 0 || i >= n || first < 0 || first >= n) fail(`history: first_idx ${first} / last_idx ${i} outside the program`);
  const hist = h.entries.map((e, k) => {
    check(e.idx, `entries[${k}].idx`);
    check(e.prevIdx, `entries[${k}].prevIdx`);
    return e;
  });
  const steps: { idx: number; e: HistoryEntry | undefined }[] = [];
  for (;;) {
    let cnt = hist.length;
    const top = cnt > 0 ? hist[cnt - 1]! : undefined;
    steps.push({ idx: i, e: top !== undefined && top.idx === i ? top : undefined });
    if (steps.length > MAX_STEPS) fail('history: path too long');
    if (i === first) {
      if (cnt === 0) break;
      if (cnt === 1 && hist[0]!.idx === i) break;
    }
    if (top !== undefined && top.idx === i) {
      i = top.prevIdx;
      hist.pop();
      cnt--;
    } else i--;
    if (i < 0 || i >= n) fail(`BUG backtracking idx ${i}`, i);
  }
  steps.reverse();
  const len = steps.length;
  const path = {
    length: len,
    idx: new Int32Array(len),
    flags: new Uint16Array(len),
    spi: new Int8Array(len).fill(-1),
    slotFrame: new Int8Array(len).fill(-1),
    frame: new Int8Array(len).fill(-1),
    callbackSites: new Set<number>(),
  };
  steps.forEach((s, k) => {
    path.idx[k] = s.idx;
    if (s.e !== undefined) {
      path.flags[k] = s.e.flags ?? 0;
      path.spi[k] = s.e.spi ?? -1;
      path.slotFrame[k] = s.e.frame ?? -1;
    }
  });
  if (h.frame !== undefined) path.frame[len - 1] = h.frame;
  return path;
}

/** The prefix of `path` ending at visit `visit` of instruction `insn` (default: its last visit; negative counts from the end). */
export function truncatePath(path: BacktrackPath, insn: number, visit = -1): BacktrackPath {
  const at: number[] = [];
  for (let k = 0; k < path.length; k++) if (path.idx[k] === insn) at.push(k);
  if (at.length === 0) throw new BpfError('OPTION', `insn ${insn} is not on the traced path`, { pass: 'precision', insn });
  const v = visit < 0 ? at.length + visit : visit;
  if (v < 0 || v >= at.length) throw new BpfError('OPTION', `insn ${insn} was visited ${at.length} time(s); visit ${visit} does not exist`, { pass: 'precision', insn });
  const end = at[v]! + 1;
  return {
    length: end,
    idx: path.idx.slice(0, end),
    flags: path.flags.slice(0, end),
    spi: path.spi.slice(0, end),
    slotFrame: path.slotFrame.slice(0, end),
    frame: path.frame.slice(0, end),
    callbackSites: path.callbackSites,
  };
}
