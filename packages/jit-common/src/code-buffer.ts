// CodeBuffer: the growable byte sink every JIT writes machine code into — little-endian
// emitters over a Uint8Array, in-place patching, and (only when a listing is wanted) a record
// of each machine instruction's offset, assembly text and branch target. It plays the role of
// the kernel JITs' `u8 *prog` cursor plus the image the final pass writes (do_jit()'s `image`).
// Invariants: `pos` is the number of valid bytes; capacity only grows; when `notes` is null no
// listing work happens, so the hot emit paths cost one null test at most.
import { BpfError } from '@bpfkit/ir';

/** Per-machine-instruction listing records (parallel arrays, in emission order). */
export interface AsmNotes {
  /** Byte offset of the instruction. */
  readonly offsets: number[];
  /** Assembly text, `mnemonic\toperands`; `{T}` stands for the branch target when there is one. */
  readonly texts: string[];
  /** Byte offset of the branch/call target, or -1. */
  readonly targets: number[];
}

export class CodeBuffer {
  /** Backing store; bytes [0, pos) are valid. Re-allocated on growth — re-read after ensure(). */
  u8: Uint8Array;
  /** Number of bytes emitted. */
  pos = 0;
  /** Listing records, or null when nobody asked for a listing. */
  notes: AsmNotes | null = null;

  constructor(capacity = 4096) {
    this.u8 = new Uint8Array(Math.max(16, capacity));
  }

  /** Forget the contents (keeps the allocation); notes restart when recording. */
  reset(recordNotes = false): void {
    this.pos = 0;
    this.notes = recordNotes ? { offsets: [], texts: [], targets: [] } : null;
  }

  /** Make room for `n` more bytes. */
  ensure(n: number): void {
    const need = this.pos + n;
    if (need <= this.u8.length) return;
    let cap = this.u8.length * 2;
    while (cap < need) cap *= 2;
    if (cap > 0x7fffffff) throw new BpfError('JIT_TOO_BIG', `JIT image would exceed 2 GiB (${need} bytes)`);
    const next = new Uint8Array(cap);
    next.set(this.u8.subarray(0, this.pos));
    this.u8 = next;
  }

  byte(v: number): void {
    if (this.pos >= this.u8.length) this.ensure(1);
    this.u8[this.pos++] = v;
  }

  /** Two bytes (16-bit little-endian). */
  u16(v: number): void {
    this.ensure(2);
    const u = this.u8;
    let p = this.pos;
    u[p++] = v;
    u[p++] = v >>> 8;
    this.pos = p;
  }

  /** Four bytes (32-bit little-endian; signed or unsigned input). */
  u32(v: number): void {
    this.ensure(4);
    const u = this.u8;
    let p = this.pos;
    u[p++] = v;
    u[p++] = v >>> 8;
    u[p++] = v >>> 16;
    u[p++] = v >>> 24;
    this.pos = p;
  }

  /** Eight bytes from two 32-bit halves. */
  u64(lo: number, hi: number): void {
    this.u32(lo);
    this.u32(hi);
  }

  bytes(b: ArrayLike<number>): void {
    this.ensure(b.length);
    for (let i = 0; i < b.length; i++) this.u8[this.pos++] = b[i]!;
  }

  /** Overwrite one byte at `at`. */
  patch8(at: number, v: number): void {
    this.u8[at] = v;
  }

  /** Overwrite four bytes at `at` (little-endian). */
  patch32(at: number, v: number): void {
    const u = this.u8;
    u[at] = v;
    u[at + 1] = v >>> 8;
    u[at + 2] = v >>> 16;
    u[at + 3] = v >>> 24;
  }

  /** Record a listing line for the instruction that starts at `at` (no-op unless recording). */
  note(at: number, text: string, target = -1): void {
    const n = this.notes;
    if (n === null) return;
    n.offsets.push(at);
    n.texts.push(text);
    n.targets.push(target);
  }

  /** A copy of the valid bytes. */
  finish(): Uint8Array {
    return this.u8.slice(0, this.pos);
  }
}

/** True when `v` fits a signed 8-bit displacement/immediate. */
export const isImm8 = (v: number): boolean => v >= -128 && v <= 127;
/** True when `v` fits a signed 32-bit field. */
export const isImm32 = (v: number): boolean => v >= -0x80000000 && v <= 0x7fffffff;
