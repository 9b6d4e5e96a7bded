// computeConstFold(): the whole const-fold analysis on one Program — blocks and RPO, then
// the fixed point, which leaves the block-entry states and the published masks. Mirrors the
// const-fold analysis of kernel/bpf/const_fold.c and the way it fills bpf_insn_aux_data
// (kernel-semantics §2.2–§2.4).
import type { Program } from '@bpfkit/ir';
import { buildBlocks } from './blocks.js';
import { ConstFoldResult } from './const-fold-result.js';
import { solve } from './fixed-point.js';
import { VISITED } from './lattice.js';
import type { MapImages } from './map-images.js';
import { makeTransferEnv } from './transfer.js';

export interface ConstFoldOptions {
  /** Read-only map images by map index: LDX through a MAP_VALUE pointer into one of these
   * folds to the bytes read (bpf_map_direct_read). Default: none (every LDX is UNKNOWN). */
  readonly mapImages?: MapImages;
}

export function computeConstFold(program: Program, options: ConstFoldOptions = {}): ConstFoldResult {
  const env = makeTransferEnv(program, program.funcs, options.mapImages);
  const blocks = buildBlocks(program);
  const sol = solve(env, blocks, program.funcs);
  const { constRegMask, mapRegMask, subprogRegMask, entries } = sol;

  let reachable = 0;
  for (let b = 0; b < blocks.count; b++) if (entries.mask[b]! & VISITED) reachable++;
  return new ConstFoldResult({
    program,
    env,
    entries,
    blockStart: blocks.start,
    constRegMask,
    mapRegMask,
    subprogRegMask,
    stats: { blocks: blocks.count, reachableBlocks: reachable, sweeps: sol.sweeps },
  });
}

