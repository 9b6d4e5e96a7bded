// Public API of @bpfkit/runtime: run JIT output natively in this process — NativeProgram
// (compile + load + run + dispose), runNative() for one-shot runs, the helper-facing
// NativeCallContext, and low-level executable memory for tools and tests.
export { NativeProgram, runNative, NATIVE_MAY_GOTO_BUDGET, SANDBOX_DEFAULT_BUDGET } from './native-program.js';
export type {
  NativeCallContext, NativeExternFn, NativeExternEntry, NativeExternResult, NativeExternTable, NativeRegionSpec,
  NativeLdImm64Resolver, NativeProgramOptions, NativeRunOptions, NativeRunResult,
} from './options.js';
export { Mapping, PAGE_SIZE, nativeView, callNative12 } from './native.js';
export { ExecutableCode } from './executable-code.js';
export { checkCallGraph } from './call-graph.js';
// arm64: JIT output runs under qemu-aarch64 through the static runner shipped with
// @bpfkit/jit-arm64 (built at first use with aarch64-linux-gnu-gcc); re-exported here so
// every way of running JIT output is in one package.
export {
  runArm64, runArm64Batch, ensureArm64Runner, arm64ToolsAvailable, type Arm64RunRequest, type Arm64RunResult,
} from '@bpfkit/jit-arm64/qemu-runner';
