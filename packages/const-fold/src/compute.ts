// computeConstFold(): the whole const-fold analysis on one Program — blocks and RPO, the
// fixed point (which also publishes the per-instruction facts), then packing: values into
// instruction order, block-entry states into their compact variable-length form. Mirrors the
// const-fold analysis of kernel/bpf/const_fold.c and the way it fills bpf_insn_aux_data
// (kernel-semantics §2.2–§2.4).
import type { Program } from '@bpfkit/ir';
import { buildBlocks } from './blocks.js';
import { ConstFoldResult, REG_VAL_GROUP, popcount16, type BlockEntries } from './const-fold-result.js';
import { solve } from './fixed-point.js';
import { CONST_ARG_MAP_PTR, CONST_ARG_MAP_VALUE, TRACKED_REGS, VISITED, lowBit, type DenseStates } from './lattice.js';
import type { MapImages } from './map-images.js';
import { makeTransferEnv } from './transfer.js';

export interface ConstFoldOptions {
  /** Read-only map images by map index: LDX through a MAP_VALUE pointer into one of these
   * folds to the bytes read (bpf_map_direct_read). Default: none (every LDX is UNKNOWN). */
  readonly mapImages?: MapImages;
}

export function computeConstFold(program: Program, options: ConstFoldOptions = {}): ConstFoldResult {
  const n = program.length;
  const env = makeTransferEnv(program, program.funcs, options.mapImages);
  const blocks = buildBlocks(program);
  const sol = solve(env, blocks);

  // Values in instruction order, with a start offset per group of REG_VAL_GROUP insns.
  const { constRegMask, mapRegMask, subprogRegMask, valStart, vals } = sol;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const u = constRegMask[i]! | mapRegMask[i]! | subprogRegMask[i]!;
    if (u !== 0) total += popcount16(u);
  }
  const regValData = new Uint32Array(total);
  const regValGroup = new Uint32Array(Math.ceil(n / REG_VAL_GROUP) + 1);
  let pos = 0;
  for (let i = 0; i < n; i++) {
    if (i % REG_VAL_GROUP === 0) regValGroup[i / REG_VAL_GROUP] = pos;
    const u = constRegMask[i]! | mapRegMask[i]! | subprogRegMask[i]!;
    if (u === 0) continue;
    const from = valStart[i]!;
    for (let c = popcount16(u), k = 0; k < c; k++) regValData[pos++] = vals[from + k]!;
  }
  regValGroup[regValGroup.length - 1] = pos;

  const entries = packEntries(sol.entry, blocks.start);
  let reachable = 0;
  for (let b = 0; b < blocks.count; b++) if (entries.mask[b]! & VISITED) reachable++;
  return new ConstFoldResult({
    program,
    env,
    entries,
    constRegMask,
    mapRegMask,
    subprogRegMask,
    regValGroup,
    regValData,
    stats: { blocks: blocks.count, reachableBlocks: reachable, sweeps: sol.sweeps },
  });
}

/** Dense block-entry states → the compact form of BlockEntries. */
function packEntries(d: DenseStates, start: Int32Array): BlockEntries {
  const B = d.mask.length;
  let E = 0;
  let W = 0;
  for (let b = 0; b < B; b++)
    for (let m = d.mask[b]! & 0x7ff; m !== 0; m &= m - 1) {
      const j = b * TRACKED_REGS + lowBit(m);
      const st = d.st[j]!;
      E++;
      W += (st === CONST_ARG_MAP_VALUE ? 2 : 1) + (st !== CONST_ARG_MAP_PTR && d.hi[j] !== 0 ? 1 : 0);
    }
  const kinds = new Uint8Array(E);
  const words = new Uint32Array(W);
  const kindOff = new Uint32Array(B + 1);
  const wordOff = new Uint32Array(B + 1);
  let e = 0;
  let w = 0;
  for (let b = 0; b < B; b++) {
    kindOff[b] = e;
    wordOff[b] = w;
    for (let m = d.mask[b]! & 0x7ff; m !== 0; m &= m - 1) {
      const j = b * TRACKED_REGS + lowBit(m);
      const st = d.st[j]!;
      const wide = st !== CONST_ARG_MAP_PTR && d.hi[j] !== 0;
      kinds[e++] = st | (wide ? 0x80 : 0);
      if (st === CONST_ARG_MAP_PTR || st === CONST_ARG_MAP_VALUE) words[w++] = d.aux[j]!;
      if (st !== CONST_ARG_MAP_PTR) words[w++] = d.lo[j]!;
      if (wide) words[w++] = d.hi[j]!;
    }
  }
  kindOff[B] = e;
  wordOff[B] = w;
  return { start, mask: d.mask, kindOff, kinds, wordOff, words };
}
