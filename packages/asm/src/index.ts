// Public API of @bpfkit/asm: BPF text <-> Program. Two parsers (kernel/verifier syntax with
// LLVM spellings and labels; the bpf_conformance dialect), two printers (llvm-objdump style;
// bpf_conformance disassembler style), and the .data test-file splitter. The kernel-syntax
// printer itself lives in @bpfkit/ir (printKernelProgram).
export { parseKernel, type KernelParseOptions } from './parse-kernel.js';
export { parseConformance, type ConformanceParseOptions } from './parse-conformance.js';
export { printLlvm, formatLlvmInsn, type LlvmPrintOptions } from './print-llvm.js';
export { printConformance, formatConformanceInsn, type ConformancePrintOptions } from './print-conformance.js';
export {
  splitConformanceDataFile, conformanceMemoryBytes, type ConformanceDataFile, type ConformanceSection,
} from './conformance-data-file.js';
export { type CallNameTables, type KfuncRef } from './call-names.js';
export { type AsmErrorCode } from './source-error.js';
