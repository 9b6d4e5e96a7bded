// Public API of @bpfkit/liveness: the `liveness` analysis pass (register liveness and the
// kernel's 2026 stack liveness with argument tracking, including stack-argument slots), its
// result type, the configurable factory, and the building blocks for tests and tools.
export { liveness, createLiveness, analyzeLiveness, type LivenessConfig } from './liveness-pass.js';
export { type LivenessResult } from './result.js';
export { FuncInstance, MAY_READ, MUST_WRITE, LIVE_BEFORE } from './instance.js';
export { SpisPool, SPIS_ZERO } from './spis.js';
export { ArgTrackPool, ARG_NONE, ARG_UNVISITED, ARG_IMPRECISE, AT_NONE, AT_UNVISITED, argAdd } from './arg-track.js';
export {
  BUILTIN_HELPER_PROTOS, parseProto, parseArgSpec, callTablesFrom, helperStackAccessBytes, kfuncStackAccessBytes,
  type ArgKind, type ArgSpec, type CallProto, type CallTables, type MapShape,
} from './call-protos.js';
export { type ConstFacts, emptyConstFacts, constFactsFrom } from './const-facts.js';
export { computeLiveRegs, formatLiveRegs, insnUseDef } from './live-regs.js';
export { computePostorder, computeScc, subprogTopoOrder, insnSuccessors, type Postorder } from './cfg-order.js';
export { fmtSpisMask, formatInstances, vlogAlignment } from './print-instances.js';
export * from './constants.js';
