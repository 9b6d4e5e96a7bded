// The passes bpfkit ships, in one list: defaultRegistry() registers exactly these. Adding a
// pass package is one import and one entry here (the pass's name comes from the pass object).
import type { Pass } from '@bpfkit/ir';
import { constFold, pruneDeadBranches } from '@bpfkit/const-fold';
import { liveness } from '@bpfkit/liveness';
import { verifier } from '@bpfkit/verifier';
import { precision } from '@bpfkit/precision';

export const BUILTIN_PASSES: readonly Pass[] = [
  // e.g. liveness, (import { liveness } from '@bpfkit/liveness';)
  constFold,
  pruneDeadBranches,
  liveness,
  verifier,
  precision,
];
