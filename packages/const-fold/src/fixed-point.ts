// The const-fold fixed point: entry states per basic block, iterated in reverse postorder
// until nothing changes, publishing each instruction's facts as its block is processed.
// Mirrors the main loop of kernel/bpf/const_fold.c (kernel-semantics §2.3): every
// subprogram's first instruction starts with all registers UNKNOWN, everything else
// UNVISITED; out := transfer(in), joined into each successor; repeat over the RPO until no
// state changes. Working per block gives the same solution as the kernel's per-instruction
// states (inside a block each instruction's only predecessor is the one before it); sweeps
// revisit only blocks whose entry state changed.
//
// Publication during the iteration is exact because states only rise: a block is processed
// again only after its entry state went up, so each instruction's published set (constants,
// map pointers, subprogram pointers) can only shrink, and its values can be rewritten in
// place in the space its first processing reserved. The last processing of every block sees
// its final entry state.
//
// Speed: the work per block is a method (called once per block visit) rather than the body
// of one long loop, so V8 optimises it as a whole function after a few hundred calls instead
// of relying on on-stack replacement of a single huge loop.
import { BpfError, BPF_LD_IMM64 } from '@bpfkit/ir';
import type { Blocks } from './blocks.js';
import { CONST_ARG_CONST, CONST_ARG_MAP_PTR, CONST_ARG_SUBPROG, RegFile, VISITED, allocDense, joinDense, loadDense, lowBit, type DenseStates } from './lattice.js';
import { transfer, type TransferEnv } from './transfer.js';

export interface Solution {
  /** Final entry state of every block. */
  readonly entry: DenseStates;
  /** RPO sweeps the fixed point needed (1 for loop-free code). */
  readonly sweeps: number;
  readonly constRegMask: Uint16Array;
  readonly mapRegMask: Uint16Array;
  readonly subprogRegMask: Uint16Array;
  /** Values of instruction i start at vals[valStart[i]] (one per set mask bit, register order). */
  readonly valStart: Uint32Array;
  readonly vals: Uint32Array;
}

class Solver {
  readonly entry: DenseStates;
  readonly dirty: Uint8Array;
  readonly processed: Uint8Array;
  readonly constRegMask: Uint16Array;
  readonly mapRegMask: Uint16Array;
  readonly subprogRegMask: Uint16Array;
  readonly valStart: Uint32Array;
  vals: Uint32Array;
  count = 0;
  readonly rf = new RegFile();

  constructor(readonly env: TransferEnv, readonly blocks: Blocks) {
    const n = env.code.length;
    const B = blocks.count;
    this.entry = allocDense(B);
    this.dirty = new Uint8Array(B);
    this.processed = new Uint8Array(B);
    this.constRegMask = new Uint16Array(n);
    this.mapRegMask = new Uint16Array(n);
    this.subprogRegMask = new Uint16Array(n);
    this.valStart = new Uint32Array(n);
    this.vals = new Uint32Array(Math.max(64, n));
  }

  /** Sweep the RPO once; true when a back edge changed a state (another sweep is needed). */
  sweep(): boolean {
    const { rpo, rpoCount } = this.blocks;
    const dirty = this.dirty;
    let again = false;
    for (let k = 0; k < rpoCount; k++) {
      const b = rpo[k]!;
      if (dirty[b] === 0) continue;
      dirty[b] = 0;
      if (this.processBlock(b, k)) again = true;
    }
    return again;
  }

  /** Run block b (at RPO position k) from its entry state, publish, join into successors. */
  processBlock(b: number, k: number): boolean {
    const rf = this.rf;
    const env = this.env;
    const code = env.code;
    loadDense(this.entry, b, rf);
    const first = this.processed[b] === 0;
    this.processed[b] = 1;
    const start = this.blocks.start;
    const end = start[b + 1]!;
    for (let j = start[b]!; j < end; j += code[j] === BPF_LD_IMM64 ? 2 : 1) {
      this.publish(j, first);
      transfer(env, j, rf);
    }
    let backEdge = false;
    const succ = this.blocks.succ;
    for (let s = 2 * b; s < 2 * b + 2; s++) {
      const t = succ[s]!;
      if (t >= 0 && joinDense(this.entry, t, rf)) {
        this.dirty[t] = 1;
        if (this.blocks.rpoIndex[t]! <= k) backEdge = true;
      }
    }
    return backEdge;
  }

  /** Record the entry state of instruction j: the three masks and their values (R0..R9). */
  publish(j: number, first: boolean): void {
    const rf = this.rf;
    const st = rf.st;
    let vals = this.vals;
    let pos: number;
    if (first) {
      pos = this.valStart[j] = this.count;
      if (pos + 10 > vals.length) {
        const grown = new Uint32Array(vals.length * 2);
        grown.set(vals);
        vals = this.vals = grown;
      }
    } else pos = this.valStart[j]!;
    let cm = 0;
    let mm = 0;
    let sm = 0;
    for (let m = rf.known & 0x3ff; m !== 0; m &= m - 1) {
      const r = lowBit(m);
      const s = st[r]!;
      if (s === CONST_ARG_CONST) {
        if (rf.hi[r] !== 0) continue;
        cm |= 1 << r;
        vals[pos++] = rf.lo[r]!;
      } else if (s === CONST_ARG_MAP_PTR) {
        mm |= 1 << r;
        vals[pos++] = rf.aux[r]!;
      } else if (s === CONST_ARG_SUBPROG) {
        sm |= 1 << r;
        vals[pos++] = rf.lo[r]!;
      }
    }
    if (first) this.count = pos;
    else if ((cm | mm | sm) & ~(this.constRegMask[j]! | this.mapRegMask[j]! | this.subprogRegMask[j]!))
      throw new BpfError('INTERNAL', `const-fold: published facts grew at insn ${j} (the transfer function is not monotone)`, { insn: j, pass: 'const-fold' });
    this.constRegMask[j] = cm;
    this.mapRegMask[j] = mm;
    this.subprogRegMask[j] = sm;
  }
}

export function solve(env: TransferEnv, blocks: Blocks): Solution {
  const s = new Solver(env, blocks);
  for (let f = 0; f < blocks.funcEntry.length; f++) {
    const e = blocks.funcEntry[f]!;
    s.entry.mask[e] = VISITED; // every register UNKNOWN
    s.dirty[e] = 1;
  }
  let sweeps = 1;
  while (s.sweep()) sweeps++;
  return {
    entry: s.entry,
    sweeps,
    constRegMask: s.constRegMask,
    mapRegMask: s.mapRegMask,
    subprogRegMask: s.subprogRegMask,
    valStart: s.valStart,
    vals: s.vals,
  };
}
