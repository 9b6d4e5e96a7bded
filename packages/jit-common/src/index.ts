// Public API of @bpfkit/jit-common: the architecture-independent building blocks of bpfkit's
// JITs — code buffer, labels and fixups, the fixpoint branch-sizing driver, the JitResult
// builder and the listing printer.
export { CodeBuffer, isImm8, isImm32, type AsmNotes } from './code-buffer.js';
export { LabelTable, rel8, rel32, type Label } from './labels.js';
export { sizeByFixpoint, sameLayout, type SizingPass, type FixpointOptions, type FixpointResult } from './fixpoint.js';
export {
  buildJitResult, checkJitImage, insnAtOffset, type JitImage, type JitImageInput, type JitFunctionLayout, type JitStub,
} from './jit-result.js';
export { printJitListing, formatMachineLine } from './listing.js';
