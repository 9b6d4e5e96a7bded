// The const-fold lattice: one abstract value per register R0..R10, and the join that merges
// two of them. Mirrors `enum const_arg_state` and the join of kernel/bpf/const_fold.c
// (kernel-semantics §2.1, §2.3): UNVISITED is the bottom (identity of the join), UNKNOWN the
// top; two facts survive a join only if they are identical (state, value, map index).
//
// Representation (no objects per register or per instruction): a bit mask of the registers
// holding a fact (not UNKNOWN) plus four parallel typed arrays — state, low and high 32 bits
// of the value, map index — that are meaningful only for registers in the mask. Most
// registers are UNKNOWN most of the time, so loads, joins and publication walk the set bits.

/** Instruction not reached yet (bottom). */
export const CONST_ARG_UNVISITED = 0;
/** Not a known constant (top). */
export const CONST_ARG_UNKNOWN = 1;
/** Known 64-bit constant (value in lo/hi). */
export const CONST_ARG_CONST = 2;
/** Map pointer from ld_imm64 PSEUDO_MAP_FD / PSEUDO_MAP_IDX (map index in aux). */
export const CONST_ARG_MAP_PTR = 3;
/** Pointer into a map's value: map index in aux, byte offset (u64) in lo/hi. */
export const CONST_ARG_MAP_VALUE = 4;
/** Pointer to a subprogram (ld_imm64 PSEUDO_FUNC): subprogram number in lo. */
export const CONST_ARG_SUBPROG = 5;

export type ConstArgState =
  | typeof CONST_ARG_UNVISITED
  | typeof CONST_ARG_UNKNOWN
  | typeof CONST_ARG_CONST
  | typeof CONST_ARG_MAP_PTR
  | typeof CONST_ARG_MAP_VALUE
  | typeof CONST_ARG_SUBPROG;

/** Names of the states, indexed by state (for messages and tests). */
export const CONST_ARG_STATE_NAMES: readonly string[] = ['unvisited', 'unknown', 'const', 'map_ptr', 'map_value', 'subprog'];

/** Registers tracked per instruction: R0..R10 (MAX_BPF_REG). r11 is never tracked. */
export const TRACKED_REGS = 11;

/** Index of the lowest set bit of a non-zero mask. */
export const lowBit = (m: number): number => 31 - Math.clz32(m & -m);

/** Abstract values of R0..R10 at one program point (a visited one). */
export class RegFile {
  /** Bit r set: R r holds a fact (CONST, MAP_PTR, MAP_VALUE, SUBPROG); clear: UNKNOWN. */
  known = 0;
  /** The published classes, kept up to date with every write (see setReg/clearRegs):
   * CONST whose high word is 0, MAP_PTR, SUBPROG. */
  cmask = 0;
  mmask = 0;
  smask = 0;
  readonly st = new Uint8Array(TRACKED_REGS);
  readonly lo = new Uint32Array(TRACKED_REGS);
  readonly hi = new Uint32Array(TRACKED_REGS);
  readonly aux = new Uint32Array(TRACKED_REGS);

  /** Lattice state of R r (UNKNOWN unless its bit is set). */
  state(r: number): number {
    return (this.known >>> r) & 1 ? this.st[r]! : CONST_ARG_UNKNOWN;
  }

  setAllUnknown(): void {
    this.known = this.cmask = this.mmask = this.smask = 0;
  }

  copyFrom(o: RegFile): void {
    this.known = o.known;
    this.cmask = o.cmask;
    this.mmask = o.mmask;
    this.smask = o.smask;
    for (let m = o.known; m !== 0; m &= m - 1) {
      const r = lowBit(m);
      this.st[r] = o.st[r]!;
      this.lo[r] = o.lo[r]!;
      this.hi[r] = o.hi[r]!;
      this.aux[r] = o.aux[r]!;
    }
  }

  equals(o: RegFile): boolean {
    if (this.known !== o.known) return false;
    for (let m = this.known; m !== 0; m &= m - 1) {
      const r = lowBit(m);
      if (this.st[r] !== o.st[r] || this.lo[r] !== o.lo[r] || this.hi[r] !== o.hi[r] || this.aux[r] !== o.aux[r]) return false;
    }
    return true;
  }
}

/** R r (< 11) := the fact (state, lo, hi, aux), keeping the published masks in step. */
export function setReg(rf: RegFile, r: number, state: number, lo: number, hi: number, aux: number): void {
  const bit = 1 << r;
  rf.known |= bit;
  rf.st[r] = state;
  rf.lo[r] = lo;
  rf.hi[r] = hi;
  rf.aux[r] = aux;
  rf.cmask = state === CONST_ARG_CONST && hi === 0 ? rf.cmask | bit : rf.cmask & ~bit;
  rf.mmask = state === CONST_ARG_MAP_PTR ? rf.mmask | bit : rf.mmask & ~bit;
  rf.smask = state === CONST_ARG_SUBPROG ? rf.smask | bit : rf.smask & ~bit;
}

/** The registers in `bits` := UNKNOWN. */
export function clearRegs(rf: RegFile, bits: number): void {
  const keep = ~bits;
  rf.known &= keep;
  rf.cmask &= keep;
  rf.mmask &= keep;
  rf.smask &= keep;
}

/** After an in-place change of a CONST's high word: is it still published? */
export function updateConstMask(rf: RegFile, r: number): void {
  const bit = 1 << r;
  rf.cmask = rf.hi[r] === 0 ? rf.cmask | bit : rf.cmask & ~bit;
}

/** Bit 15 of a stored mask: the program point has been reached (is not UNVISITED). */
export const VISITED = 0x8000;
/** Bit 7 of a stored kind: the value's high word is stored (it is not 0). */
const WIDE = 0x80;

/**
 * The states of a set of program points (block entries), compact and variable-length:
 * `mask[b]` = VISITED | registers holding a fact; for those registers, in ascending order,
 * one kind byte each at kinds[kindOff[b]..] (state | WIDE) and their payload words at
 * words[wordOff[b]..]: CONST lo[, hi]; MAP_PTR map; MAP_VALUE map, lo[, hi]; SUBPROG number.
 * A point's entries are written when it is first reached; later joins can only drop
 * registers, so they are compacted in place and never need more room. The same object is
 * the fixed point's working storage and, afterwards, the result's block-entry table.
 */
export class EntryStates {
  readonly mask: Uint16Array;
  readonly kindOff: Uint32Array;
  readonly wordOff: Uint32Array;
  kinds: Uint8Array;
  words: Uint32Array;
  kindCount = 0;
  wordCount = 0;

  constructor(points: number) {
    this.mask = new Uint16Array(points);
    this.kindOff = new Uint32Array(points);
    this.wordOff = new Uint32Array(points);
    this.kinds = new Uint8Array(Math.max(64, points * 4));
    this.words = new Uint32Array(Math.max(64, points * 5));
  }

  /** Make point b reached with every register UNKNOWN (a subprogram entry). */
  setUnknown(b: number): void {
    this.mask[b] = VISITED;
    this.kindOff[b] = this.kindCount;
    this.wordOff[b] = this.wordCount;
  }

  /** Copy point b into rf; false when b is UNVISITED. */
  load(b: number, rf: RegFile): boolean {
    const m0 = this.mask[b]!;
    if (!(m0 & VISITED)) return false;
    const known = m0 & 0x7ff;
    rf.known = known;
    let cm = 0;
    let mm = 0;
    let sm = 0;
    const kinds = this.kinds;
    const words = this.words;
    let k = this.kindOff[b]!;
    let w = this.wordOff[b]!;
    for (let m = known; m !== 0; m &= m - 1) {
      const r = lowBit(m);
      const kind = kinds[k++]!;
      const st = kind & 0x7f;
      rf.st[r] = st;
      if (st === CONST_ARG_MAP_PTR) {
        rf.aux[r] = words[w++]!;
        rf.lo[r] = 0;
        rf.hi[r] = 0;
        mm |= 1 << r;
        continue;
      }
      rf.aux[r] = st === CONST_ARG_MAP_VALUE ? words[w++]! : 0;
      rf.lo[r] = words[w++]!;
      if (kind & WIDE) rf.hi[r] = words[w++]!;
      else {
        rf.hi[r] = 0;
        if (st === CONST_ARG_CONST) cm |= 1 << r;
      }
      if (st === CONST_ARG_SUBPROG) sm |= 1 << r;
    }
    rf.cmask = cm;
    rf.mmask = mm;
    rf.smask = sm;
    return true;
  }

  /**
   * Join rf into point b; true when b's state changed. An UNVISITED point takes rf whole;
   * otherwise a stored fact survives only if rf holds the identical fact.
   */
  join(b: number, rf: RegFile): boolean {
    const m0 = this.mask[b]!;
    if (!(m0 & VISITED)) {
      this.append(b, rf);
      return true;
    }
    const old = m0 & 0x7ff;
    if (old === 0) return false;
    const kinds = this.kinds;
    const words = this.words;
    let kr = this.kindOff[b]!;
    let wr = this.wordOff[b]!;
    let kw = kr;
    let ww = wr;
    let keep = old;
    for (let m = old; m !== 0; m &= m - 1) {
      const r = lowBit(m);
      const kind = kinds[kr++]!;
      const st = kind & 0x7f;
      const size = (st === CONST_ARG_MAP_VALUE ? 2 : 1) + (kind & WIDE ? 1 : 0);
      let same = false;
      if (((rf.known >>> r) & 1) !== 0 && rf.st[r] === st) {
        if (st === CONST_ARG_MAP_PTR) same = words[wr] === rf.aux[r];
        else if (st === CONST_ARG_MAP_VALUE) same = words[wr] === rf.aux[r] && words[wr + 1] === rf.lo[r] && (kind & WIDE ? words[wr + 2] : 0) === rf.hi[r];
        else same = words[wr] === rf.lo[r] && (kind & WIDE ? words[wr + 1] : 0) === rf.hi[r];
      }
      if (same) {
        if (kw !== kr - 1) {
          kinds[kw] = kind;
          for (let j = 0; j < size; j++) words[ww + j] = words[wr + j]!;
        }
        kw++;
        ww += size;
      } else keep &= ~(1 << r);
      wr += size;
    }
    if (keep === old) return false;
    this.mask[b] = VISITED | keep;
    return true;
  }

  private append(b: number, rf: RegFile): void {
    const known = rf.known;
    let k = this.kindCount;
    let w = this.wordCount;
    if (k + TRACKED_REGS > this.kinds.length) this.kinds = grow8(this.kinds);
    if (w + 3 * TRACKED_REGS > this.words.length) this.words = grow32(this.words);
    const kinds = this.kinds;
    const words = this.words;
    this.mask[b] = VISITED | known;
    this.kindOff[b] = k;
    this.wordOff[b] = w;
    for (let m = known; m !== 0; m &= m - 1) {
      const r = lowBit(m);
      const st = rf.st[r]!;
      if (st === CONST_ARG_MAP_PTR) {
        kinds[k++] = st;
        words[w++] = rf.aux[r]!;
        continue;
      }
      const hi = rf.hi[r]!;
      kinds[k++] = hi !== 0 ? st | WIDE : st;
      if (st === CONST_ARG_MAP_VALUE) words[w++] = rf.aux[r]!;
      words[w++] = rf.lo[r]!;
      if (hi !== 0) words[w++] = hi;
    }
    this.kindCount = k;
    this.wordCount = w;
  }

  /** Drop unused pool capacity (once the states are final). */
  trim(): void {
    if (this.kinds.length > this.kindCount * 1.25 + 64) this.kinds = this.kinds.slice(0, this.kindCount);
    if (this.words.length > this.wordCount * 1.25 + 64) this.words = this.words.slice(0, this.wordCount);
  }
}

function grow8(a: Uint8Array): Uint8Array {
  const b = new Uint8Array(a.length * 2);
  b.set(a);
  return b;
}

function grow32(a: Uint32Array): Uint32Array {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}
