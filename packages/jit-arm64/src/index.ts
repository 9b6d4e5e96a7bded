// Public API of @bpfkit/jit-arm64: the arm64 JIT (compile, listing, the `jit-arm64` codegen
// pass), its pure A64 encoders (for tests and tools), the register map and frame plan, the
// context-block layout JIT'd code expects in x28. The qemu runner wrapper (node only) is the
// subpath export '@bpfkit/jit-arm64/qemu-runner'.
export { jitArm64Compile, planArm64Frame, bytesPerInsn, PASS as JIT_ARM64_PASS_NAME, type Arm64FramePlan } from './jit.js';
export { printArm64Listing } from './listing.js';
export { jitArm64 } from './pass.js';
export type { Arm64JitOptions, Arm64JitResult, Arm64CallSite, Arm64LdImm64Resolver } from './options.js';
export * as ctxLayout from './ctx-layout.js';
export { BPF_TO_A64, STACK_ARG_REGS, NR_STACK_ARG_REGS, AX, TMP1, TMP2, TMP3, CTX, FP, LR, regName } from './registers.js';
export * as enc from './encoders.js';
// Not re-exported here: the qemu runner (node:child_process, node:fs) lives at
// '@bpfkit/jit-arm64/qemu-runner', so browser bundles of the JIT pull no node modules.
