// struct func_instance of kernel/bpf/liveness.c: the stack read/write marks of one subprogram
// analysed at one (callsite, depth) — per instruction and per frame 0..depth (its own frame
// and every ancestor's), three interned 128-bit masks: may_read, must_write, live_before.
// Frames are allocated lazily (alloc_frame_masks()); mark_stack_read()/mark_stack_write()
// accumulate; merge_instances() combines a fresh re-analysis into the original (may_read
// union, must_write intersection); update_instance() is the backward live_before fixed point
// (update_insn()) over the subprogram's postorder.
import type { Program } from '@bpfkit/ir';
import { insnSuccessors, type Postorder } from './cfg-order.js';
import { SPIS_ZERO, type SpisPool } from './spis.js';

/** Offsets inside a frame array: 3 ids per instruction. */
export const MAY_READ = 0;
export const MUST_WRITE = 1;
export const LIVE_BEFORE = 2;

export class FuncInstance {
  /** Call instruction that invoked this instance (the subprogram's start for depth 0). */
  readonly callsite: number;
  /** Call depth (0 = analysed as an entry). */
  readonly depth: number;
  /** Subprogram index (program.funcs). */
  readonly subprog: number;
  readonly start: number;
  readonly len: number;
  /** frames[f]: Uint32Array(3*len) of mask ids [may_read, must_write, live_before] per insn, or null. */
  readonly frames: (Uint32Array | null)[];
  mustWriteInitialized = false;

  constructor(callsite: number, depth: number, subprog: number, start: number, len: number) {
    this.callsite = callsite;
    this.depth = depth;
    this.subprog = subprog;
    this.start = start;
    this.len = len;
    this.frames = new Array<Uint32Array | null>(depth + 1).fill(null);
  }

  /** alloc_frame_masks(): the frame array, allocated on first use. */
  frameArray(frame: number): Uint32Array {
    let a = this.frames[frame];
    if (!a) {
      a = new Uint32Array(3 * this.len);
      this.frames[frame] = a;
    }
    return a;
  }

  /** The mask id at (frame, insn, which), SPIS_ZERO when the frame has no array. */
  mask(frame: number, insn: number, which: number): number {
    const a = this.frames[frame];
    return a ? a[3 * (insn - this.start) + which]! : SPIS_ZERO;
  }

  /** fresh_instance(): same identity, no marks. */
  fresh(): FuncInstance {
    return new FuncInstance(this.callsite, this.depth, this.subprog, this.start, this.len);
  }
}

/** mark_stack_read(). */
export function markStackRead(pool: SpisPool, inst: FuncInstance, frame: number, insn: number, mask: number): void {
  const a = inst.frameArray(frame);
  const o = 3 * (insn - inst.start) + MAY_READ;
  a[o] = pool.or(a[o]!, mask);
}

/** mark_stack_write(). */
export function markStackWrite(pool: SpisPool, inst: FuncInstance, frame: number, insn: number, mask: number): void {
  const a = inst.frameArray(frame);
  const o = 3 * (insn - inst.start) + MUST_WRITE;
  a[o] = pool.or(a[o]!, mask);
}

/** merge_instances(): fold the fresh analysis `src` into `dst`; live_before is recomputed later. */
export function mergeInstances(pool: SpisPool, dst: FuncInstance, src: FuncInstance): void {
  const len = dst.len;
  for (let f = 0; f <= dst.depth; f++) {
    const s = src.frames[f];
    const d = dst.frames[f];
    if (!s) {
      // This pass did not touch frame f: must_write intersects with empty.
      if (d) for (let i = 0; i < len; i++) d[3 * i + MUST_WRITE] = SPIS_ZERO;
      continue;
    }
    if (!d) {
      // The previous passes did not touch frame f: take src's, with must_write zeroed.
      dst.frames[f] = s;
      src.frames[f] = null;
      for (let i = 0; i < len; i++) s[3 * i + MUST_WRITE] = SPIS_ZERO;
      continue;
    }
    for (let i = 0; i < len; i++) {
      d[3 * i + MAY_READ] = pool.or(d[3 * i + MAY_READ]!, s[3 * i + MAY_READ]!);
      d[3 * i + MUST_WRITE] = pool.and(d[3 * i + MUST_WRITE]!, s[3 * i + MUST_WRITE]!);
    }
  }
}

/**
 * update_instance(): repeat, over every allocated frame and the subprogram's postorder,
 * live_before = (OR of successors' live_before) & ~must_write | may_read, until nothing changes.
 */
export function updateInstance(p: Program, po: Postorder, pool: SpisPool, inst: FuncInstance): void {
  inst.mustWriteInitialized = true;
  const order = po.order;
  const from = po.start[inst.subprog]!;
  const to = po.start[inst.subprog + 1]!;
  const start = inst.start;
  const end = start + inst.len;
  const succ = new Int32Array(2);
  let changed: boolean;
  do {
    changed = false;
    for (let f = 0; f <= inst.depth; f++) {
      const a = inst.frames[f];
      if (!a) continue;
      for (let k = from; k < to; k++) {
        const idx = order[k]!;
        const c = insnSuccessors(p, idx, succ);
        if (c === 0) continue;
        let after = SPIS_ZERO;
        for (let s = 0; s < c; s++) {
          const t = succ[s]!;
          if (t >= start && t < end) after = pool.or(after, a[3 * (t - start) + LIVE_BEFORE]!);
        }
        const o = 3 * (idx - start);
        const before = pool.transfer(after, a[o + MUST_WRITE]!, a[o + MAY_READ]!);
        if (before !== a[o + LIVE_BEFORE]) {
          a[o + LIVE_BEFORE] = before;
          changed = true;
        }
      }
    }
  } while (changed);
}
