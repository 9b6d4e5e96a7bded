// The const-fold fixed point: entry states per (extended) block, iterated in reverse
// postorder until nothing changes. Mirrors the main loop of kernel/bpf/const_fold.c
// (kernel-semantics §2.3): every subprogram's first instruction starts with all registers
// UNKNOWN, everything else UNVISITED; out := transfer(in), joined into each successor;
// repeat over the RPO until no state changes. Working per block gives the same solution as
// the kernel's per-instruction states (on a block's path each instruction's only predecessor
// is the one before it; side exits are joined into their targets as they are passed); sweeps
// revisit only blocks whose entry state changed.
//
// The published masks are written as blocks are processed: a block's last processing sees
// its final entry state, so the masks end up exact. (The values behind them are not stored
// per instruction; the result replays them from the block entries on demand.)
//
// Speed: the work per block is a method rather than the body of one long loop, so V8
// optimises it as a whole function after a few calls instead of relying on on-stack
// replacement; memory is allocated once per run and sized by blocks, not instructions ×
// registers (page faults on fresh memory cost as much as the analysis itself).
import { BPF_LD_IMM64, type FuncInfo } from '@bpfkit/ir';
import { COND, FALLS_THROUGH, GOTOL, NO_SUCCESSOR, blockAt, jumpKind, type Blocks } from './blocks.js';
import { EntryStates, RegFile } from './lattice.js';
import { transfer, type TransferEnv } from './transfer.js';

export interface Solution {
  /** Final entry state of every block. */
  readonly entries: EntryStates;
  /** RPO sweeps the fixed point needed (1 for loop-free code). */
  readonly sweeps: number;
  readonly constRegMask: Uint16Array;
  readonly mapRegMask: Uint16Array;
  readonly subprogRegMask: Uint16Array;
}

class Solver {
  readonly entries: EntryStates;
  readonly dirty: Uint8Array;
  readonly constRegMask: Uint16Array;
  readonly mapRegMask: Uint16Array;
  readonly subprogRegMask: Uint16Array;
  readonly rf = new RegFile();
  // The subprogram being swept: its slots [fs, fe) and blocks [fb0, fb1).
  fs = 0;
  fe = 0;
  fb0 = 0;
  fb1 = 0;

  constructor(readonly env: TransferEnv, readonly blocks: Blocks, readonly funcs: readonly FuncInfo[]) {
    const n = env.code.length;
    this.entries = new EntryStates(blocks.count);
    this.dirty = new Uint8Array(blocks.count);
    this.constRegMask = new Uint16Array(n);
    this.mapRegMask = new Uint16Array(n);
    this.subprogRegMask = new Uint16Array(n);
  }

  /** Sweep every subprogram's RPO once, processing dirty blocks; true when one is dirty again. */
  sweep(): boolean {
    const { rpo, rpoStart, funcBlock } = this.blocks;
    const dirty = this.dirty;
    for (let f = 0; f < this.funcs.length; f++) {
      this.fs = this.funcs[f]!.start;
      this.fe = this.funcs[f]!.end;
      this.fb0 = funcBlock[f]!;
      this.fb1 = funcBlock[f + 1]!;
      for (let k = rpoStart[f]!, e = rpoStart[f + 1]!; k < e; k++) {
        const b = rpo[k]!;
        if (dirty[b] === 0) continue;
        dirty[b] = 0;
        this.processBlock(b);
      }
    }
    // A block after the one that dirtied it was processed in this sweep; what is still
    // dirty was reached by a back edge.
    return dirty.indexOf(1) >= 0;
  }

  /** Join the current state into the block starting at slot t, if t is in this subprogram. */
  joinAt(t: number): void {
    if (t < this.fs || t >= this.fe) return;
    const tb = blockAt(this.blocks.start, this.fb0, this.fb1, t);
    if (this.entries.join(tb, this.rf)) this.dirty[tb] = 1;
  }

  /** Run block b from its entry state, publishing the masks, joining into every successor. */
  processBlock(b: number): void {
    const rf = this.rf;
    const env = this.env;
    const code = env.code;
    this.entries.load(b, rf);
    const start = this.blocks.start;
    const end = start[b + 1]!;
    let j = start[b]!;
    while (j < end) {
      this.publish(j);
      transfer(env, j, rf);
      const c = code[j]!;
      if (c === BPF_LD_IMM64) {
        j += 2;
        continue;
      }
      const k = jumpKind(c);
      if (k === COND) this.joinAt(j + 1 + env.off[j]!); // side exit
      else if (k !== FALLS_THROUGH) {
        // goto / gotol / exit / gotox: the block's last instruction.
        if (k !== NO_SUCCESSOR) this.joinAt(j + 1 + (k === GOTOL ? env.imm[j]! : env.off[j]!));
        return;
      }
      j++;
    }
    if (j === end) this.joinAt(end); // falls through into the next block
  }

  /** The masks of the entry state of instruction j (R0..R9). */
  publish(j: number): void {
    const rf = this.rf;
    this.constRegMask[j] = rf.cmask & 0x3ff;
    this.mapRegMask[j] = rf.mmask & 0x3ff;
    this.subprogRegMask[j] = rf.smask & 0x3ff;
  }
}

export function solve(env: TransferEnv, blocks: Blocks, funcs: readonly FuncInfo[]): Solution {
  const s = new Solver(env, blocks, funcs);
  for (let f = 0; f < funcs.length; f++) {
    const e = blocks.funcBlock[f]!;
    s.entries.setUnknown(e);
    s.dirty[e] = 1;
  }
  let sweeps = 1;
  while (s.sweep()) sweeps++;
  s.entries.trim();
  return { entries: s.entries, sweeps, constRegMask: s.constRegMask, mapRegMask: s.mapRegMask, subprogRegMask: s.subprogRegMask };
}
