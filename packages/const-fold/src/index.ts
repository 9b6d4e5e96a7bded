// Public API of @bpfkit/const-fold: the kernel's static constant propagation
// (kernel/bpf/const_fold.c) as the `const-fold` analysis pass, and dead-branch pruning
// (bpf_prune_dead_branches) as the `prune-dead-branches` transform pass.
export {
  CONST_ARG_UNVISITED, CONST_ARG_UNKNOWN, CONST_ARG_CONST, CONST_ARG_MAP_PTR, CONST_ARG_MAP_VALUE, CONST_ARG_SUBPROG,
  CONST_ARG_STATE_NAMES, TRACKED_REGS, type ConstArgState,
} from './lattice.js';
export { ConstFoldResult, PUBLISHED_REGS, type ConstFoldStats } from './const-fold-result.js';
export { computeConstFold, type ConstFoldOptions } from './compute.js';
export { constFold } from './const-fold-pass.js';
export { pruneDeadBranches } from './prune-dead-branches.js';
export { printConstFold } from './print.js';
export { evalCondJump } from './eval-cond.js';
export { mapImagesFromOptions, MAP_IMAGE_OPTION_PREFIX, type MapImages } from './map-images.js';
export { vlogAlignment } from './vlog.js';
