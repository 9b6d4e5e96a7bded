// Public API of @bpfkit/precision: the kernel's precision backtracking (backtrack_insn()
// and __mark_chain_precision()) with the stack-argument additions of the 2026 series, over
// an interpreter trace or a user-supplied jump history.
export { precision, precisionRequestFrom } from './precision-pass.js';
export { precisionFromRun, precisionFromTrace, precisionFromHistory, type PrecisionAt } from './precision-run.js';
export { markChainPrecision, type PrecisionRequest, type PrecisionResult, type BacktrackOptions } from './mark-chain-precision.js';
export { backtrackInsn, REGMASK_ARGS, SYNC_CALLBACK_HELPERS, type BacktrackEnv, type HistFacts } from './backtrack-insn.js';
export { BacktrackState } from './backtrack-state.js';
export { fmtRegMask, fmtStackMask } from './format-masks.js';
export { pathFromHistory, truncatePath, type BacktrackPath, type HistoryEntry, type JumpHistory } from './history.js';
export { pathFromTrace } from './trace-path.js';
export {
  INSN_F_STACK_ACCESS, INSN_F_DST_REG_STACK, INSN_F_SRC_REG_STACK, INSN_F_STACK_ARG_ACCESS,
} from '@bpfkit/interp';
