// Public API of @bpfkit/decoder: bytes <-> Program with the kernel's validation.
export { decode, type DecodeOptions } from './decode.js';
export { encode } from './encode.js';
export { validate, screenInsn, checkSuspects } from './validate.js';
export { hexToBytes, bytesToHex } from './hex.js';
export { OPCODE_SHAPE, Shape } from './opcode-table.js';
export { randomInsn, randomProgram, type RandomInt } from './random-program.js';
export { loadObject } from './elf/load-object.js';
export type { BpfObject, ObjectProgram, LineInfo, MapDef, LoadObjectOptions } from './elf/object-types.js';
export { Btf } from './btf/btf.js';
export { parseBtf, BTF_MAGIC } from './btf/btf-parse.js';
export { parseBtfExt, type BtfExt, type BtfExtSection, type FuncInfoRecord, type LineInfoRecord } from './btf/btf-ext.js';
export * from './btf/btf-types.js';
