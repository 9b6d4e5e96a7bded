// The passes bpfkit ships, in one list: defaultRegistry() registers exactly these. Adding a
// pass package is one import and one entry here (the pass's name comes from the pass object).
import type { Pass } from '@bpfkit/ir';
import { constFold, pruneDeadBranches } from '@bpfkit/const-fold';
import { liveness } from '@bpfkit/liveness';
import { verifier } from '@bpfkit/verifier';
import { precision } from '@bpfkit/precision';
import { jitX8664 } from '@bpfkit/jit-x86-64';
import { jitArm64 } from '@bpfkit/jit-arm64';

export const BUILTIN_PASSES: readonly Pass[] = [
  constFold,
  pruneDeadBranches,
  liveness,
  verifier,
  precision,
  jitX8664,
  jitArm64,
];
