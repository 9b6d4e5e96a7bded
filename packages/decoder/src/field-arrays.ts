// The five field arrays of a decoded Program in one fresh backing store, each starting on a
// 4-byte boundary so that, on a little-endian host, code / dst / src can be written four
// slots per 32-bit store and off two slots per store (the decoder's hot loops make 9 stores
// per four slots instead of 20). Also the trusted (non-validating) scatter loop itself.
import type { FieldArrays } from './validate.js';

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

type BufferCtor = { allocUnsafeSlow(size: number): Uint8Array };
const NodeBuffer = (globalThis as { Buffer?: BufferCtor }).Buffer;

/** A fresh byte block of `size` bytes starting at offset 0 of its buffer (contents unspecified). */
export function backingStore(size: number): ArrayBuffer {
  if (NodeBuffer) {
    const b = NodeBuffer.allocUnsafeSlow(size);
    if (b.byteOffset === 0 && b.buffer instanceof ArrayBuffer) return b.buffer;
  }
  return new ArrayBuffer(size);
}

const align4 = (x: number): number => (x + 3) & ~3;

/** Uninitialised field arrays for `n` slots (every element must be written by the caller). */
export function allocFieldArrays(n: number): FieldArrays {
  const offAt = 4 * n;
  const codeAt = align4(offAt + 2 * n);
  const dstAt = align4(codeAt + n);
  const srcAt = align4(dstAt + n);
  const buf = backingStore(Math.max(4, align4(srcAt + n)));
  const packed = LITTLE_ENDIAN_HOST;
  return {
    imm: new Int32Array(buf, 0, n),
    off: new Int16Array(buf, offAt, n),
    code: new Uint8Array(buf, codeAt, n),
    dst: new Uint8Array(buf, dstAt, n),
    src: new Uint8Array(buf, srcAt, n),
    off32: packed ? new Int32Array(buf, offAt, n >> 1) : undefined,
    code32: packed ? new Int32Array(buf, codeAt, n >> 2) : undefined,
    dst32: packed ? new Int32Array(buf, dstAt, n >> 2) : undefined,
    src32: packed ? new Int32Array(buf, srcAt, n >> 2) : undefined,
  };
}

/**
 * The trusted hot loop, in a function of its own so V8 optimises it once and keeps it: split
 * the words into the five field arrays, four slots per step where the 32-bit views exist.
 * (The validating one, scatterScreen, lives with the screening tables in validate.ts.)
 */
export function scatterFields(w: Int32Array, n: number, a: FieldArrays): void {
  const { code, dst, src, off, imm, code32, dst32, src32, off32 } = a;
  let i = 0;
  if (code32 !== undefined && dst32 !== undefined && src32 !== undefined && off32 !== undefined) {
    const q = n >> 2;
    for (let g = 0, j = 0; g < q; g++, j += 8, i += 4) {
      const l0 = w[j]!, l1 = w[j + 2]!, l2 = w[j + 4]!, l3 = w[j + 6]!;
      imm[i] = w[j + 1]!;
      imm[i + 1] = w[j + 3]!;
      imm[i + 2] = w[j + 5]!;
      imm[i + 3] = w[j + 7]!;
      code32[g] = (l0 & 0xff) | ((l1 & 0xff) << 8) | ((l2 & 0xff) << 16) | (l3 << 24);
      dst32[g] = ((l0 >>> 8) & 0xf) | (l1 & 0xf00) | ((l2 & 0xf00) << 8) | ((l3 & 0xf00) << 16);
      src32[g] = ((l0 >>> 12) & 0xf) | ((l1 >>> 4) & 0xf00) | ((l2 << 4) & 0xf0000) | ((l3 << 12) & 0xf000000);
      off32[2 * g] = (l0 >>> 16) | (l1 & 0xffff0000);
      off32[2 * g + 1] = (l2 >>> 16) | (l3 & 0xffff0000);
    }
  }
  for (let j = 2 * i; i < n; i++, j += 2) {
    const lo = w[j]!;
    code[i] = lo & 0xff;
    dst[i] = (lo >>> 8) & 0xf;
    src[i] = (lo >>> 12) & 0xf;
    off[i] = lo >> 16;
    imm[i] = w[j + 1]!;
  }
}
