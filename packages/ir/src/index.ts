// Public API of @bpfkit/ir: the ground floor every other bpfkit package stands on.
export * from './opcodes.js';
export * from './registers.js';
export {
  isStackArgStx, isStackArgSt, isStackArgLdx, outgoingStackArgSlot, incomingStackArgSlot, inStackArgCount,
} from './stack-args.js';
export { BpfError, isBpfError, type BpfErrorCode, type BpfErrorInit } from './error.js';
export {
  type Insn, insn, isJmpClass, isExit, isCall, isCallx, isHelperCall, isPseudoCall, isKfuncCall, isLdImm64,
  isPseudoFunc, isGoto, isGotol, isGotox, isMayGoto, isCondJump, isDirectJump, jumpDisplacement,
} from './insn.js';
export { Program, type FuncMeta, type FuncInfo, type ProgramArrays, type ProgramOptions } from './program.js';
export { type Cfg, buildCfg, insnSuccessors } from './cfg.js';
export { rewrite, type Edit, type RewriteResult } from './rewrite.js';
export { HELPER_NAMES, helperName, helperId } from './helper-names.js';
export {
  formatKernelInsn, printKernelInsn, printKernelProgram, ALU_OP_STRINGS, JMP_OP_STRINGS,
  type KernelPrintOptions, type KernelListingOptions,
} from './print-kernel.js';
export {
  type PassOptionValue, type PassOptions, type PassContext, type AnalysisPass, type PreservedAnalyses,
  type TransformResult, type TransformPass, type JitRelocation, type JitFunction, type JitResult, type CodegenPass,
  type Pass, defineAnalysis, defineTransform, defineCodegen, runStandalone,
} from './pass.js';
export * as build from './build.js';
