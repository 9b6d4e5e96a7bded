// 128-bit half-slot masks (the kernel's spis_t with spis_or/spis_and/spis_not/spis_or_range/
// spis_test_bit) stored without per-instruction objects: every distinct mask is interned once
// in a pool of four Uint32 words and referred to by a small integer id (id 0 = SPIS_ZERO), so
// per-instruction may_read / must_write / live_before are one Uint32 each and equality is
// id equality. Bit 2*spi is the upper-address half (fp-(8*spi+4)..fp-(8*spi+1)), bit 2*spi+1
// the lower one, exactly as record_stack_access_off() numbers them.
import { STACK_HALF_SLOTS } from './constants.js';

export const SPIS_ZERO = 0;

export class SpisPool {
  /** words[4*id .. 4*id+3]: bits 0..31, 32..63, 64..95, 96..127. */
  words: Uint32Array;
  size = 0;
  #table: Int32Array;
  #mask: number;
  readonly #orMemo = new Map<number, number>();
  /** Scratch for callers composing a mask before interning. */
  readonly tmp = new Uint32Array(4);
  /** id of SPIS_ALL (all 128 half slots). */
  readonly all: number;

  constructor() {
    this.words = new Uint32Array(64 * 4);
    this.#table = new Int32Array(256).fill(-1);
    this.#mask = 255;
    this.intern(0, 0, 0, 0);
    this.all = this.intern(0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff);
  }

  intern(w0: number, w1: number, w2: number, w3: number): number {
    w0 >>>= 0; w1 >>>= 0; w2 >>>= 0; w3 >>>= 0;
    let h = Math.imul(w0 ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(w1 + 0x7f4a7c15, 0xc2b2ae35);
    h = Math.imul(h ^ w2, 0x27d4eb2f) ^ Math.imul(w3 ^ (h >>> 15), 0x165667b1);
    h ^= h >>> 16;
    const table = this.#table;
    const words = this.words;
    let p = h & this.#mask;
    for (;;) {
      const id = table[p]!;
      if (id < 0) break;
      const o = id * 4;
      if (words[o] === w0 && words[o + 1] === w1 && words[o + 2] === w2 && words[o + 3] === w3) return id;
      p = (p + 1) & this.#mask;
    }
    const id = this.size++;
    if (id * 4 + 4 > words.length) {
      const grown = new Uint32Array(words.length * 2);
      grown.set(words);
      this.words = grown;
    }
    const o = id * 4;
    this.words[o] = w0; this.words[o + 1] = w1; this.words[o + 2] = w2; this.words[o + 3] = w3;
    table[p] = id;
    if (this.size * 2 > table.length) this.#rehash();
    return id;
  }

  #rehash(): void {
    const cap = this.#table.length * 2;
    const table = new Int32Array(cap).fill(-1);
    const mask = cap - 1;
    const words = this.words;
    for (let id = 0; id < this.size; id++) {
      const o = id * 4;
      const w0 = words[o]!, w1 = words[o + 1]!, w2 = words[o + 2]!, w3 = words[o + 3]!;
      let h = Math.imul(w0 ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(w1 + 0x7f4a7c15, 0xc2b2ae35);
      h = Math.imul(h ^ w2, 0x27d4eb2f) ^ Math.imul(w3 ^ (h >>> 15), 0x165667b1);
      h ^= h >>> 16;
      let p = h & mask;
      while (table[p]! >= 0) p = (p + 1) & mask;
      table[p] = id;
    }
    this.#table = table;
    this.#mask = mask;
  }

  /** spis_or_range(): half slots lo..hi (inclusive, clipped to 0..127) as an interned mask. */
  range(lo: number, hi: number): number {
    const t = this.tmp;
    t[0] = t[1] = t[2] = t[3] = 0;
    if (lo < 0) lo = 0;
    if (hi > STACK_HALF_SLOTS - 1) hi = STACK_HALF_SLOTS - 1;
    for (let i = lo; i <= hi; i++) t[i >>> 5]! |= 1 << (i & 31);
    return this.intern(t[0]!, t[1]!, t[2]!, t[3]!);
  }

  or(a: number, b: number): number {
    if (a === b || b === SPIS_ZERO) return a;
    if (a === SPIS_ZERO) return b;
    const key = a < b ? a * 0x4000000 + b : b * 0x4000000 + a;
    const hit = this.#orMemo.get(key);
    if (hit !== undefined) return hit;
    const w = this.words;
    const oa = a * 4, ob = b * 4;
    const r = this.intern(w[oa]! | w[ob]!, w[oa + 1]! | w[ob + 1]!, w[oa + 2]! | w[ob + 2]!, w[oa + 3]! | w[ob + 3]!);
    this.#orMemo.set(key, r);
    return r;
  }

  and(a: number, b: number): number {
    if (a === b) return a;
    if (a === SPIS_ZERO || b === SPIS_ZERO) return SPIS_ZERO;
    const w = this.words;
    const oa = a * 4, ob = b * 4;
    return this.intern(w[oa]! & w[ob]!, w[oa + 1]! & w[ob + 1]!, w[oa + 2]! & w[ob + 2]!, w[oa + 3]! & w[ob + 3]!);
  }

  /** (after & ~kill) | gen — the backward liveness equation of update_insn(). */
  transfer(after: number, kill: number, gen: number): number {
    if (kill === SPIS_ZERO) return this.or(after, gen);
    const w = this.words;
    const oa = after * 4, ok = kill * 4, og = gen * 4;
    return this.intern(
      (w[oa]! & ~w[ok]!) | w[og]!,
      (w[oa + 1]! & ~w[ok + 1]!) | w[og + 1]!,
      (w[oa + 2]! & ~w[ok + 2]!) | w[og + 2]!,
      (w[oa + 3]! & ~w[ok + 3]!) | w[og + 3]!,
    );
  }

  /** spis_test_bit(). */
  test(id: number, bit: number): boolean {
    return (this.words[id * 4 + (bit >>> 5)]! & (1 << (bit & 31))) !== 0;
  }

  isZero(id: number): boolean {
    return id === SPIS_ZERO;
  }

  /** The mask as a bigint (tests, debugging). */
  toBigInt(id: number): bigint {
    const w = this.words;
    const o = id * 4;
    return BigInt(w[o]!) | (BigInt(w[o + 1]!) << 32n) | (BigInt(w[o + 2]!) << 64n) | (BigInt(w[o + 3]!) << 96n);
  }

  fromBigInt(v: bigint): number {
    const m = 0xffffffffn;
    return this.intern(Number(v & m), Number((v >> 32n) & m), Number((v >> 64n) & m), Number((v >> 96n) & m));
  }
}
