// bytes -> Program. The hot loop reads each 8-byte slot (`code, dst|src<<4, off_le16,
// imm_le32`) straight into the struct-of-arrays typed arrays, through an aligned Int32Array
// view when the input allows it, then validates (validate.ts) and builds the immutable
// Program. The input buffer is never written or retained.
import { BPF_INSN_SIZE, BpfError, Program, type FuncMeta } from '@bpfkit/ir';
import { validate } from './validate.js';

export interface DecodeOptions {
  /** Function metadata (names, argument counts) keyed by first instruction. */
  readonly funcs?: readonly FuncMeta[];
  /** Skip validation (only for bytes this process produced itself). Default false. */
  readonly trusted?: boolean;
}

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export function decode(bytes: Uint8Array, options: DecodeOptions = {}): Program {
  if (!(bytes instanceof Uint8Array)) throw new BpfError('BAD_LENGTH', 'program must be a Uint8Array of bytes', { pass: 'decoder' });
  if (bytes.length % BPF_INSN_SIZE !== 0)
    throw new BpfError('BAD_LENGTH', `program length ${bytes.length} is not a multiple of ${BPF_INSN_SIZE} bytes`, {
      pass: 'decoder',
      insn: Math.floor(bytes.length / BPF_INSN_SIZE),
      errno: 'EINVAL',
    });
  const n = bytes.length / BPF_INSN_SIZE;
  const code = new Uint8Array(n);
  const dst = new Uint8Array(n);
  const src = new Uint8Array(n);
  const off = new Int16Array(n);
  const imm = new Int32Array(n);
  if (LITTLE_ENDIAN_HOST && (bytes.byteOffset & 3) === 0) {
    const w = new Int32Array(bytes.buffer, bytes.byteOffset, 2 * n);
    for (let i = 0; i < n; i++) {
      const lo = w[2 * i]!;
      code[i] = lo;
      dst[i] = (lo >>> 8) & 0xf;
      src[i] = (lo >>> 12) & 0xf;
      off[i] = lo >> 16;
      imm[i] = w[2 * i + 1]!;
    }
  } else {
    for (let i = 0, b = 0; i < n; i++, b += 8) {
      code[i] = bytes[b]!;
      const regs = bytes[b + 1]!;
      dst[i] = regs & 0xf;
      src[i] = regs >>> 4;
      off[i] = bytes[b + 2]! | (bytes[b + 3]! << 8);
      imm[i] = bytes[b + 4]! | (bytes[b + 5]! << 8) | (bytes[b + 6]! << 16) | (bytes[b + 7]! << 24);
    }
  }
  const arrays = { code, dst, src, off, imm };
  if (!options.trusted) validate(arrays);
  return new Program(arrays, options.funcs ? { funcs: options.funcs } : {});
}
