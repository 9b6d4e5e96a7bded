// bytes -> Program. One fused loop reads each 8-byte slot (`code, dst|src<<4, off_le16,
// imm_le32`) as two int32 words, scatters the fields into the struct-of-arrays typed arrays
// (laid out by field-arrays.ts for four-slot stores)
// and screens fields and registers branch-free (scatterScreen), listing the direct jumps,
// whose targets a second, shorter loop checks (screenJumps); only slots that need a closer
// look go through the exact checks with the kernel's messages (checkSuspects), in slot
// order, so the first problem is the one reported. The input buffer is never written or
// retained.
import { BPF_INSN_SIZE, BpfError, Program, type FuncMeta } from '@bpfkit/ir';
import { checkSuspects, scatterScreen, screenJumps } from './validate.js';
import { allocFieldArrays, backingStore, scatterFields } from './field-arrays.js';

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

/**
 * Scratch lists of the slots that failed screening and of the direct jumps, reused across
 * calls: they never escape a call (they are read before decode returns), so large decodes
 * write warm memory and allocate less. Kept only up to 4 Mi entries (16 MiB) each.
 */
let suspectScratch: Int32Array = new Int32Array(0);
let jumpScratch: Int32Array = new Int32Array(0);
const counts = new Int32Array(2);
const SCRATCH_KEEP = 1 << 22;
function scratchOf(current: Int32Array, size: number): Int32Array {
  return current.length >= size ? current : new Int32Array(backingStore(4 * size), 0, size);
}

/** The sorted union of two ascending lists of slots (rare: only when a jump target is bad). */
function mergeSlots(a: Int32Array, b: Int32Array): Int32Array {
  const out = new Int32Array(a.length + b.length);
  let i = 0, j = 0, k = 0;
  while (i < a.length || j < b.length) {
    const x = j >= b.length || (i < a.length && a[i]! <= b[j]!) ? a[i++]! : b[j++]!;
    if (k === 0 || out[k - 1] !== x) out[k++] = x;
  }
  return out.subarray(0, k);
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
  const a = allocFieldArrays(n);
  const arrays = { code: a.code, dst: a.dst, src: a.src, off: a.off, imm: a.imm };
  let callTargets: number[] | undefined;
  if (!options.trusted) {
    const suspects = scratchOf(suspectScratch, n + 1);
    const jumps = scratchOf(jumpScratch, n + 1);
    if (n + 1 <= SCRATCH_KEEP) {
      suspectScratch = suspects;
      jumpScratch = jumps;
    }
    scatterScreen(w, n, a, suspects, jumps, counts);
    const ns = counts[0]!;
    const badJumps = screenJumps(jumps, counts[1]!, a.code, a.off, a.imm);
    const list = badJumps === 0 ? suspects.subarray(0, ns) : mergeSlots(suspects.subarray(0, ns), jumps.subarray(0, badJumps));
    callTargets = checkSuspects(arrays, list);
  } else scatterFields(w, n, a);
  return new Program(arrays, { ...(options.funcs ? { funcs: options.funcs } : {}), ...(callTargets ? { callTargets } : {}) });
}
