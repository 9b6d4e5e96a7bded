// Public API of @bpfkit/decoder: bytes <-> Program with the kernel's validation.
export { decode, type DecodeOptions } from './decode.js';
export { encode } from './encode.js';
export { validate, screenInsn, checkSuspects } from './validate.js';
export { hexToBytes, bytesToHex } from './hex.js';
export { OPCODE_SHAPE, Shape } from './opcode-table.js';
export { randomInsn, randomProgram, type RandomInt } from './random-program.js';
