// Public API of @bpfkit/interp: the reference BPF interpreter (the semantic oracle for every
// pass and JIT), its address-space layout, trace format and the bpf_conformance plugin core.
export { Interpreter, DEFAULT_BUDGET, BPF_MAX_LOOPS } from './interpreter.js';
export { runProgram, interpret, type RunProgramOptions } from './run.js';
export { conformancePluginRun, formatConformanceR0, type ConformancePluginOptions } from './conformance-plugin.js';
export { CONFORMANCE_HELPERS } from './conformance-helpers.js';
export {
  REGION_HI_BASE, CODE_HI, STACK_SIZE, MEM_REGION, FIRST_USER_REGION, MAX_REGION_SIZE, regionWindow, regionBase, stackTop, memBase,
  userRegionBase, codePointer,
} from './layout.js';
export {
  type Trace, type TraceEntry, expandPath, DEFAULT_TRACE_LIMIT, INSN_F_STACK_ACCESS, INSN_F_DST_REG_STACK, INSN_F_SRC_REG_STACK, INSN_F_STACK_ARG_ACCESS,
  INSN_F_ARRIVAL,
} from './trace.js';
export type {
  InterpreterOptions, RunOptions, RunResult, CallContext, ExternFn, ExternEntry, ExternResult, ExternTable, RegionSpec, LdImm64Resolver,
} from './options.js';
export { toR0, externTableEntries, type ExternTableLike } from './extern-table.js';
export {
  ObjectHost, HOST_HELPERS, BPF_MAP_TYPE_HASH, BPF_MAP_TYPE_ARRAY, BPF_MAP_TYPE_PERCPU_HASH, BPF_MAP_TYPE_PERCPU_ARRAY, BPF_MAP_TYPE_LRU_HASH,
  BPF_MAP_TYPE_LRU_PERCPU_HASH, type HostMapSpec, type ObjectHostOptions,
} from './object-host.js';
