// The arg_track lattice of kernel/bpf/liveness.c (struct arg_track, arg_single(),
// arg_merge_offsets(), arg_join_imprecise(), __arg_track_join(), arg_track_alu64(), arg_add(),
// arg_padd(), verbose_arg_track()): "which frame's FP is this value derived from, at which
// offsets". Values are interned in a pool and handled as integer ids so per-instruction state
// is a typed array and equality (arg_track_eq) is id equality:
//   id 0 = UNVISITED ("?"), id 1 = NONE ("_"), precise {frame, 1..4 sorted offsets}
//   ("fp0-8|fp0+0"), offset-imprecise {frame, off_cnt 0} ("fp1 ?"), fully imprecise
//   {ARG_IMPRECISE, frame mask} ("IMP3").
import { MAX_ARG_OFFSETS } from './constants.js';

export const ARG_NONE = -1;
export const ARG_UNVISITED = -2;
export const ARG_IMPRECISE = -3;

/** Interned ids of the two constant values. */
export const AT_UNVISITED = 0;
export const AT_NONE = 1;

const S16_MIN = -32768;
const S16_MAX = 32767;

/**
 * arg_add() of the current kernel: `off + delta` where delta must fit s16 and the sum must not
 * overflow s16 (check_add_overflow). Returns the sum, or undefined on overflow.
 */
export function argAdd(off: number, delta: number): number | undefined {
  if (delta < S16_MIN || delta > S16_MAX || !Number.isInteger(delta)) return undefined;
  const r = off + delta;
  return r < S16_MIN || r > S16_MAX ? undefined : r;
}

export class ArgTrackPool {
  /** frame per id: >= 0 absolute frame, or ARG_NONE / ARG_UNVISITED / ARG_IMPRECISE. */
  frame: Int8Array;
  /** off_cnt per id (0 = offset-imprecise; always 0 for non-frame values). */
  cnt: Uint8Array;
  /** offsets (4 per id, sorted ascending, unused = 0); for ARG_IMPRECISE offs[4*id] is the mask. */
  offs: Int16Array;
  size = 0;
  #table: Int32Array;
  #hmask: number;
  readonly #joinMemo = new Map<number, number>();
  readonly #tmp = new Int16Array(MAX_ARG_OFFSETS * 2 + 1);

  constructor() {
    const cap = 64;
    this.frame = new Int8Array(cap);
    this.cnt = new Uint8Array(cap);
    this.offs = new Int16Array(cap * 4);
    this.#table = new Int32Array(256).fill(-1);
    this.#hmask = 255;
    this.#intern(ARG_UNVISITED, 0, 0, 0, 0, 0);
    this.#intern(ARG_NONE, 0, 0, 0, 0, 0);
  }

  #hash(f: number, c: number, a: number, b: number, d: number, e: number): number {
    let h = Math.imul((f + 3) | (c << 4) | ((a & 0xffff) << 8), 0x9e3779b1);
    h = Math.imul(h ^ ((b & 0xffff) | ((d & 0xffff) << 16)), 0x85ebca6b);
    h = Math.imul(h ^ (e & 0xffff) ^ (h >>> 13), 0xc2b2ae35);
    return h ^ (h >>> 16);
  }

  #intern(f: number, c: number, a: number, b: number, d: number, e: number): number {
    const table = this.#table;
    let p = this.#hash(f, c, a, b, d, e) & this.#hmask;
    for (;;) {
      const id = table[p]!;
      if (id < 0) break;
      const o = id * 4;
      if (this.frame[id] === f && this.cnt[id] === c && this.offs[o] === a && this.offs[o + 1] === b && this.offs[o + 2] === d && this.offs[o + 3] === e)
        return id;
      p = (p + 1) & this.#hmask;
    }
    const id = this.size++;
    if (id >= this.frame.length) {
      const cap = this.frame.length * 2;
      const fr = new Int8Array(cap); fr.set(this.frame); this.frame = fr;
      const cn = new Uint8Array(cap); cn.set(this.cnt); this.cnt = cn;
      const of = new Int16Array(cap * 4); of.set(this.offs); this.offs = of;
    }
    this.frame[id] = f;
    this.cnt[id] = c;
    const o = id * 4;
    this.offs[o] = a; this.offs[o + 1] = b; this.offs[o + 2] = d; this.offs[o + 3] = e;
    table[p] = id;
    if (this.size * 2 > table.length) this.#rehash();
    return id;
  }

  #rehash(): void {
    const cap = this.#table.length * 2;
    const table = new Int32Array(cap).fill(-1);
    const mask = cap - 1;
    for (let id = 0; id < this.size; id++) {
      const o = id * 4;
      let p = this.#hash(this.frame[id]!, this.cnt[id]!, this.offs[o]!, this.offs[o + 1]!, this.offs[o + 2]!, this.offs[o + 3]!) & mask;
      while (table[p]! >= 0) p = (p + 1) & mask;
      table[p] = id;
    }
    this.#table = table;
    this.#hmask = mask;
  }

  /** arg_single(): {frame, one offset}. */
  single(frame: number, off: number): number {
    return this.#intern(frame, 1, off, 0, 0, 0);
  }

  /** {frame, off_cnt 0}: frame known, offset unknown. */
  offsetImprecise(frame: number): number {
    return this.#intern(frame, 0, 0, 0, 0, 0);
  }

  /** {ARG_IMPRECISE, mask}. */
  imprecise(mask: number): number {
    return this.#intern(ARG_IMPRECISE, 0, (mask << 16) >> 16, 0, 0, 0);
  }

  /** Precise value from a sorted, deduplicated offset list (1..4 entries). */
  precise(frame: number, offsets: ArrayLike<number>, n: number): number {
    if (n === 0 || n > MAX_ARG_OFFSETS) return this.offsetImprecise(frame);
    return this.#intern(frame, n, offsets[0]!, n > 1 ? offsets[1]! : 0, n > 2 ? offsets[2]! : 0, n > 3 ? offsets[3]! : 0);
  }

  /** Frame mask of an ARG_IMPRECISE value. */
  mask(id: number): number {
    return this.offs[id * 4]! & 0xffff;
  }

  off(id: number, i: number): number {
    return this.offs[id * 4 + i]!;
  }

  /** arg_is_visited(). */
  visited(id: number): boolean {
    return id !== AT_UNVISITED;
  }

  /** arg_is_fp(): precise or offset-imprecise frame, or ARG_IMPRECISE. */
  isFp(id: number): boolean {
    const f = this.frame[id]!;
    return f >= 0 || f === ARG_IMPRECISE;
  }

  /** arg_merge_offsets(): union of two sorted offset sets of one frame; > 4 -> offset-imprecise. */
  mergeOffsets(a: number, b: number): number {
    const frame = this.frame[a]!;
    const ca = this.cnt[a]!, cb = this.cnt[b]!;
    const oa = a * 4, ob = b * 4;
    const offs = this.offs;
    const r = this.#tmp;
    let i = 0, j = 0, k = 0;
    while (i < ca && j < cb) {
      let v: number;
      const x = offs[oa + i]!, y = offs[ob + j]!;
      if (x <= y) {
        v = x;
        i++;
        if (v === y) j++;
      } else {
        v = y;
        j++;
      }
      if (k > 0 && r[k - 1] === v) continue;
      if (k >= MAX_ARG_OFFSETS) return this.offsetImprecise(frame);
      r[k++] = v;
    }
    while (i < ca) {
      if (k >= MAX_ARG_OFFSETS) return this.offsetImprecise(frame);
      r[k++] = offs[oa + i++]!;
    }
    while (j < cb) {
      if (k >= MAX_ARG_OFFSETS) return this.offsetImprecise(frame);
      r[k++] = offs[ob + j++]!;
    }
    return this.precise(frame, r, k);
  }

  /** arg_join_imprecise(): ARG_IMPRECISE with the frame bits of both sides. */
  joinImprecise(a: number, b: number): number {
    let m = 0;
    const fa = this.frame[a]!, fb = this.frame[b]!;
    if (fa >= 0) m |= 1 << fa;
    else if (fa === ARG_IMPRECISE) m |= this.mask(a);
    if (fb >= 0) m |= 1 << fb;
    else if (fb === ARG_IMPRECISE) m |= this.mask(b);
    return this.imprecise(m & 0xffff);
  }

  /** __arg_track_join(): the join at CFG merge points (memoized). */
  join(a: number, b: number): number {
    if (a === b) return a;
    if (b === AT_UNVISITED) return a;
    if (a === AT_UNVISITED) return b;
    const key = a * 0x4000000 + b;
    const hit = this.#joinMemo.get(key);
    if (hit !== undefined) return hit;
    const r = this.#join(a, b);
    this.#joinMemo.set(key, r);
    return r;
  }

  #join(a: number, b: number): number {
    const fa = this.frame[a]!, fb = this.frame[b]!;
    if (fa === fb && fa >= 0) {
      if (this.cnt[a] === 0 || this.cnt[b] === 0) return this.offsetImprecise(fa);
      return this.mergeOffsets(a, b);
    }
    if (fa === ARG_NONE && fb === ARG_NONE) return a;
    if (fa >= 0 && fb === ARG_NONE) {
      // A single fp-N joined with "not a pointer" gets a fake fp+0 offset: reads through it
      // still count (use), but a multi-offset pointer can never produce a must_write (def).
      return this.cnt[a] === 1 ? this.mergeOffsets(a, this.single(fa, 0)) : a;
    }
    if (fb >= 0 && fa === ARG_NONE) return this.cnt[b] === 1 ? this.mergeOffsets(b, this.single(fb, 0)) : b;
    return this.joinImprecise(a, b);
  }

  /** arg_track_alu64(): dst op= src for ops that destroy offset precision. */
  alu64(dst: number, src: number): number {
    const fd = this.frame[dst]!, fs = this.frame[src]!;
    if (fd >= 0 && (fs === ARG_NONE || fs === fd)) return this.offsetImprecise(fd);
    if (fs >= 0 && fd === ARG_NONE) return this.offsetImprecise(fs);
    if (fd === ARG_NONE && fs === ARG_NONE) return dst;
    return this.joinImprecise(dst, src);
  }

  /** arg_padd(): add delta to every offset; any overflow -> offset-imprecise. */
  padd(id: number, delta: number): number {
    const c = this.cnt[id]!;
    if (c === 0) return id;
    const frame = this.frame[id]!;
    const r = this.#tmp;
    const o = id * 4;
    for (let i = 0; i < c; i++) {
      const v = argAdd(this.offs[o + i]!, delta);
      if (v === undefined) return this.offsetImprecise(frame);
      r[i] = v;
    }
    return this.#intern(frame, c, r[0]!, c > 1 ? r[1]! : 0, c > 2 ? r[2]! : 0, c > 3 ? r[3]! : 0);
  }

  /** verbose_arg_track(): `_`, `?`, `IMP%x`, `fp%d ?`, `fp%d%+d|…`. */
  format(id: number): string {
    const f = this.frame[id]!;
    if (f === ARG_NONE) return '_';
    if (f === ARG_UNVISITED) return '?';
    if (f === ARG_IMPRECISE) return `IMP${this.mask(id).toString(16)}`;
    const c = this.cnt[id]!;
    if (c === 0) return `fp${f} ?`;
    let s = '';
    for (let i = 0; i < c; i++) {
      const v = this.offs[id * 4 + i]!;
      s += `${i ? '|' : ''}fp${f}${v < 0 ? v : `+${v}`}`;
    }
    return s;
  }
}
