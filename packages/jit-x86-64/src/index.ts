// Public API of @bpfkit/jit-x86-64: the x86-64 JIT (compile, listing, the `jit-x86-64`
// codegen pass), its pure encoders and kernel-named emit helpers (for tests and tools), and
// the runtime contract (context-block layout, run statuses, register map).
export { jitX8664Compile, PASS as JIT_X86_64_PASS_NAME } from './jit.js';
export { jitX8664EntryStub } from './stubs.js';
export { printX8664Listing } from './listing.js';
export { jitX8664 } from './pass.js';
export type { X86JitOptions, X86JitResult, X86CallSite, X86LdImm64Resolver } from './options.js';
export * as ctxLayout from './ctx-layout.js';
export {
  RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI, R8, R9, R10, R11, R12, R13, R14, R15, BPF_TO_X86, AX_REG, AUX_REG, CTX_REG, regName,
} from './registers.js';
export * as enc from './encoders.js';
export {
  emitMovImm32, emitMovImm64, emitMovReg, emitMovsxReg, emitLdx, emitLdsx, emitStx, emitSt, emitAtomicRmw,
} from './emit.js';
export { planFrame, type FramePlan } from './frame.js';
