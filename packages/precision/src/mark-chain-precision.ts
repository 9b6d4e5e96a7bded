// __mark_chain_precision() (kernel-semantics §4.3) over one path: seed the backtrack state
// with the requested register / spill slots / stack-argument slots (mark_chain_precision(),
// mark_stack_arg_precision()), log `mark_precise: frame%d: last_idx %d first_idx %d
// subseq_idx %d `, then walk the path backwards from the instruction that asked for
// precision (which is itself skipped) through backtrack_insn() until nothing is requested.
// The whole path is one verifier state: there are no checkpoints, hence no "parent state"
// lines. -ENOTSUPP logs "falling back to forcing all scalars precise" and stops. Requests
// left at the start of the path are the path's inputs: R1..R5 of frame 0 at a function
// entry are arguments (like the kernel's global-function entry); anything else falls back.
import { BpfError, MAX_CALL_FRAMES, type Program } from '@bpfkit/ir';
import { BacktrackState } from './backtrack-state.js';
import { REGMASK_ARGS, backtrackInsn } from './backtrack-insn.js';
import type { BacktrackPath } from './history.js';

/** What must be precise at the last step of the path. */
export interface PrecisionRequest {
  /** Registers (0..9). */
  readonly regs?: readonly number[];
  /** Spill slots of the current frame as frame offsets (-8, -16 …). */
  readonly stack?: readonly number[];
  /** Outgoing stack-argument slots of the current frame, as argument numbers 6..12 (mark_stack_arg_precision()). */
  readonly stackArgs?: readonly number[];
}

export interface BacktrackOptions {
  /** Subprograms (by index) verified as global functions. Default none. */
  readonly isGlobal?: (index: number) => boolean;
  /** Frame executing the last step when the path does not say (user histories). Default 0. */
  readonly frame?: number;
}

export interface PrecisionResult {
  /** The mark_precise log, as the kernel prints it at log level 2. */
  readonly log: readonly string[];
  /** Path steps visited, newest first; step 0 is the requesting instruction (not backtracked). */
  readonly count: number;
  /** Path position of each step. */
  readonly pos: Int32Array;
  /** Instruction of each step. */
  readonly idx: Int32Array;
  /** Backtracking frame after the step (the frame of the instruction's inputs). */
  readonly frame: Uint8Array;
  /** Per step and frame ([k * 8 + f]): registers precise before the instruction. */
  readonly regs: Uint32Array;
  /** Per step and frame: spill slots (bit spi) precise before the instruction. */
  readonly stack: BigUint64Array;
  /** Per step and frame: outgoing stack-argument slots (bit spi) precise before the instruction. */
  readonly stackArgs: Uint8Array;
  /** backtrack_insn() returned -ENOTSUPP, or requests were left that no input explains. */
  readonly fallback: boolean;
  /** Registers of frame 0 still requested at the path's first instruction (its inputs). */
  readonly entryRegs: number;
  readonly firstIdx: number;
  readonly lastIdx: number;
}

export function markChainPrecision(program: Program, path: BacktrackPath, request: PrecisionRequest, options: BacktrackOptions = {}): PrecisionResult {
  if (path.length === 0) throw new BpfError('OPTION', 'empty path', { pass: 'precision' });
  const last = path.length - 1;
  const bt = new BacktrackState();
  const execFrame = path.frame[last]!;
  bt.frame = execFrame >= 0 ? execFrame : options.frame ?? 0;
  if (bt.frame < 0 || bt.frame >= MAX_CALL_FRAMES) throw new BpfError('OPTION', `frame ${bt.frame} out of range`, { pass: 'precision' });
  for (const r of request.regs ?? []) {
    if (!Number.isInteger(r) || r < 0 || r > 9) throw new BpfError('OPTION', `precise register r${r}: only r0..r9 can be precise`, { pass: 'precision' });
    bt.setReg(r);
  }
  for (const o of request.stack ?? []) {
    if (!Number.isInteger(o) || o >= 0 || o % 8 !== 0 || o < -512) throw new BpfError('OPTION', `precise stack slot ${o}: expected -8, -16, … -512`, { pass: 'precision' });
    bt.setSlot(bt.frame, -o / 8 - 1);
  }
  for (const a of request.stackArgs ?? []) {
    if (!Number.isInteger(a) || a < 6 || a > 12) throw new BpfError('OPTION', `precise stack argument ${a}: expected an argument number 6..12`, { pass: 'precision' });
    bt.setStackArg(bt.frame, a - 6);
  }
  const log: string[] = [];
  const firstIdx = path.idx[0]!;
  const lastIdx = path.idx[last]!;
  if (!bt.empty()) log.push(`mark_precise: frame${bt.frame}: last_idx ${lastIdx} first_idx ${firstIdx} subseq_idx -1 `);

  const cap = path.length;
  const pos = new Int32Array(cap);
  const idx = new Int32Array(cap);
  const frame = new Uint8Array(cap);
  const regs = new Uint32Array(cap * MAX_CALL_FRAMES);
  const stack = new BigUint64Array(cap * MAX_CALL_FRAMES);
  const stackArgs = new Uint8Array(cap * MAX_CALL_FRAMES);
  let count = 0;
  const record = (k: number): void => {
    pos[count] = k;
    idx[count] = path.idx[k]!;
    frame[count] = bt.frame;
    regs.set(bt.regMasks, count * MAX_CALL_FRAMES);
    stack.set(bt.stackMasks, count * MAX_CALL_FRAMES);
    stackArgs.set(bt.stackArgMasks, count * MAX_CALL_FRAMES);
    count++;
  };
  const env = {
    program,
    isGlobal: options.isGlobal ?? (() => false),
    callbackSites: path.callbackSites,
    log: (line: string) => log.push(line),
  };
  let fallback = false;
  record(last);
  let entryRegs = 0;
  let done = bt.empty();
  let subseq = lastIdx;
  for (let k = last - 1; k >= 0 && !done; k--) {
    const i = path.idx[k]!;
    const f = path.flags[k]!;
    const hist = f !== 0 ? { flags: f, spi: path.spi[k]!, frame: path.slotFrame[k]! } : undefined;
    if (backtrackInsn(env, i, subseq, hist, bt) === 'notsupp') {
      log.push(`mark_precise: frame${execFrame >= 0 ? execFrame : bt.frame}: falling back to forcing all scalars precise`);
      fallback = true;
      record(k);
      done = true;
      break;
    }
    record(k);
    subseq = i;
    if (bt.empty()) done = true;
  }
  if (!done) {
    // Requests left at the first instruction of the path.
    const isEntry = program.funcAt(firstIdx) !== undefined && bt.frame === 0;
    const onlyArgs = (bt.regMask(0) & ~REGMASK_ARGS) === 0 && bt.stackMask(0) === 0n && bt.stackArgMask(0) === 0;
    if (isEntry && onlyArgs) entryRegs = bt.regMask(0);
    else {
      log.push(`mark_precise: frame${execFrame >= 0 ? execFrame : bt.frame}: falling back to forcing all scalars precise`);
      fallback = true;
    }
  }
  return {
    log, count,
    pos: pos.slice(0, count), idx: idx.slice(0, count), frame: frame.slice(0, count),
    regs: regs.slice(0, count * MAX_CALL_FRAMES), stack: stack.slice(0, count * MAX_CALL_FRAMES),
    stackArgs: stackArgs.slice(0, count * MAX_CALL_FRAMES),
    fallback, entryRegs, firstIdx, lastIdx,
  };
}
