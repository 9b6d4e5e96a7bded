// bytes -> Program. One fused loop reads each 8-byte slot (`code, dst|src<<4, off_le16,
// imm_le32`) as two int32 words, scatters the fields into the struct-of-arrays typed arrays
// and screens them branch-free (screenInsn); only slots that need a closer look go through
// the exact checks with the kernel's messages (checkSuspects). The input buffer is never
// written or retained.
import { BPF_INSN_SIZE, BpfError, Program, type FuncMeta } from '@bpfkit/ir';
import { checkSuspects, screenInsn } from './validate.js';

export interface DecodeOptions {
  /** Function metadata (names, argument counts) keyed by first instruction. */
  readonly funcs?: readonly FuncMeta[];
  /** Skip validation (only for bytes this process produced itself). Default false. */
  readonly trusted?: boolean;
}

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** The input as little-endian int32 words (a copy only when unaligned or on a big-endian host). */
function words(bytes: Uint8Array): Int32Array {
  if (LITTLE_ENDIAN_HOST && (bytes.byteOffset & 3) === 0) return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2);
  const out = new Int32Array(bytes.length >>> 2);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let j = 0; j < out.length; j++) out[j] = dv.getInt32(4 * j, true);
  return out;
}

type BufferCtor = { allocUnsafeSlow(size: number): Uint8Array };
const NodeBuffer = (globalThis as { Buffer?: BufferCtor }).Buffer;

/** A fresh, 8-byte-aligned byte block of `size` bytes (contents unspecified). */
function backingStore(size: number): Uint8Array {
  if (NodeBuffer) {
    const b = NodeBuffer.allocUnsafeSlow(size);
    if ((b.byteOffset & 7) === 0 && b.byteOffset === 0) return new Uint8Array(b.buffer, 0, size);
  }
  return new Uint8Array(size);
}

/**
 * The hot loops, each in a function of its own so V8 optimises it once and keeps it: split
 * the words into the five field arrays (scatter) and, when validating, screen every slot and
 * append the ones that need the exact checks (scatterScreen; returns the number of suspects).
 */
function scatter(w: Int32Array, n: number, code: Uint8Array, dst: Uint8Array, src: Uint8Array, off: Int16Array, imm: Int32Array): void {
  for (let i = 0, j = 0; i < n; i++, j += 2) {
    const lo = w[j]!;
    code[i] = lo & 0xff;
    dst[i] = (lo >>> 8) & 0xf;
    src[i] = (lo >>> 12) & 0xf;
    off[i] = lo >> 16;
    imm[i] = w[j + 1]!;
  }
}

function scatterScreen(
  w: Int32Array, n: number, code: Uint8Array, dst: Uint8Array, src: Uint8Array, off: Int16Array, imm: Int32Array, suspects: Int32Array,
): number {
  let ns = 0;
  for (let i = 0, j = 0; i < n; i++, j += 2) {
    const lo = w[j]!;
    const k = w[j + 1]!;
    code[i] = lo & 0xff;
    dst[i] = (lo >>> 8) & 0xf;
    src[i] = (lo >>> 12) & 0xf;
    off[i] = lo >> 16;
    imm[i] = k;
    const bad = screenInsn(lo, k, i, n, w, 2);
    suspects[ns] = i;
    ns += (bad | -bad) >>> 31;
  }
  return ns;
}

/**
 * The list of slots that failed screening, reused across calls: it never escapes a call
 * (checkSuspects reads it before decode returns), so large decodes write warm memory and
 * allocate a third less. Kept only up to 4 Mi entries (16 MiB).
 */
let scratch: Int32Array = new Int32Array(0);
const SCRATCH_KEEP = 1 << 22;
function suspectScratch(size: number): Int32Array {
  if (scratch.length >= size) return scratch;
  const fresh: Int32Array = new Int32Array(backingStore(4 * size).buffer, 0, size);
  if (size <= SCRATCH_KEEP) scratch = fresh;
  return fresh;
}

export function decode(bytes: Uint8Array, options: DecodeOptions = {}): Program {
  if (!(bytes instanceof Uint8Array)) throw new BpfError('BAD_LENGTH', 'program must be a Uint8Array of bytes', { pass: 'decoder' });
  if (bytes.length % BPF_INSN_SIZE !== 0)
    throw new BpfError('BAD_LENGTH', `program length ${bytes.length} is not a multiple of ${BPF_INSN_SIZE} bytes`, {
      pass: 'decoder',
      insn: Math.floor(bytes.length / BPF_INSN_SIZE),
      errno: 'EINVAL',
    });
  const n = bytes.length / BPF_INSN_SIZE;
  if (n === 0 && !options.trusted) throw new BpfError('BAD_LENGTH', 'program has no instructions', { pass: 'decoder', errno: 'EINVAL' });
  const w = words(bytes);
  // One backing store for all five arrays, uninitialised where the host allows it: every
  // element is written below, and zero-filling 9 bytes/insn of fresh memory costs more than
  // the decode itself.
  const buf = backingStore(9 * n);
  const imm = new Int32Array(buf.buffer, buf.byteOffset, n);
  const off = new Int16Array(buf.buffer, buf.byteOffset + 4 * n, n);
  const code = new Uint8Array(buf.buffer, buf.byteOffset + 6 * n, n);
  const dst = new Uint8Array(buf.buffer, buf.byteOffset + 7 * n, n);
  const src = new Uint8Array(buf.buffer, buf.byteOffset + 8 * n, n);
  const screen = !options.trusted;
  const arrays = { code, dst, src, off, imm };
  let callTargets: number[] | undefined;
  if (screen) {
    const suspects = suspectScratch(n + 1);
    const ns = scatterScreen(w, n, code, dst, src, off, imm, suspects);
    callTargets = checkSuspects(arrays, suspects.subarray(0, ns));
  } else scatter(w, n, code, dst, src, off, imm);
  return new Program(arrays, { ...(options.funcs ? { funcs: options.funcs } : {}), ...(callTargets ? { callTargets } : {}) });
}
