// One namespace for every pure x86-64 encoder (layer 1 of the JIT): what the table tests
// check against llvm-mc and what tools may use to assemble their own snippets.
export * from './encode-alu.js';
export * from './encode-mem.js';
export * from './encode-control.js';
export { hexS, immS, immU32, immU16, memText } from './encode-core.js';
