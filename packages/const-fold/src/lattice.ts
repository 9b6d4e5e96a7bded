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
  readonly st = new Uint8Array(TRACKED_REGS);
  readonly lo = new Uint32Array(TRACKED_REGS);
  readonly hi = new Uint32Array(TRACKED_REGS);
  readonly aux = new Uint32Array(TRACKED_REGS);

  /** Lattice state of R r (UNKNOWN unless its bit is set). */
  state(r: number): number {
    return (this.known >>> r) & 1 ? this.st[r]! : CONST_ARG_UNKNOWN;
  }

  setAllUnknown(): void {
    this.known = 0;
  }

  copyFrom(o: RegFile): void {
    this.known = o.known;
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

/** Bit 15 of a stored mask: the program point has been reached (is not UNVISITED). */
export const VISITED = 0x8000;

/**
 * Per-program-point states in dense storage: `mask[k]` (VISITED | known registers) and the
 * payload of point k at k*11 .. k*11+10 of st/lo/hi/aux.
 */
export interface DenseStates {
  readonly mask: Uint16Array;
  readonly st: Uint8Array;
  readonly lo: Uint32Array;
  readonly hi: Uint32Array;
  readonly aux: Uint32Array;
}

export function allocDense(points: number): DenseStates {
  const size = points * TRACKED_REGS;
  return { mask: new Uint16Array(points), st: new Uint8Array(size), lo: new Uint32Array(size), hi: new Uint32Array(size), aux: new Uint32Array(size) };
}

/** Copy stored point k into rf; false when k is UNVISITED. */
export function loadDense(d: DenseStates, k: number, rf: RegFile): boolean {
  const m0 = d.mask[k]!;
  if (!(m0 & VISITED)) return false;
  const known = m0 & 0x7ff;
  rf.known = known;
  const base = k * TRACKED_REGS;
  for (let m = known; m !== 0; m &= m - 1) {
    const r = lowBit(m);
    rf.st[r] = d.st[base + r]!;
    rf.lo[r] = d.lo[base + r]!;
    rf.hi[r] = d.hi[base + r]!;
    rf.aux[r] = d.aux[base + r]!;
  }
  return true;
}

/**
 * Join rf into stored point k; true when the stored state changed. An UNVISITED point takes
 * rf whole; otherwise a stored fact survives only if rf holds the identical fact.
 */
export function joinDense(d: DenseStates, k: number, rf: RegFile): boolean {
  const m0 = d.mask[k]!;
  const base = k * TRACKED_REGS;
  if (!(m0 & VISITED)) {
    d.mask[k] = VISITED | rf.known;
    for (let m = rf.known; m !== 0; m &= m - 1) {
      const r = lowBit(m);
      d.st[base + r] = rf.st[r]!;
      d.lo[base + r] = rf.lo[r]!;
      d.hi[base + r] = rf.hi[r]!;
      d.aux[base + r] = rf.aux[r]!;
    }
    return true;
  }
  const old = m0 & 0x7ff;
  let keep = old & rf.known;
  for (let m = keep; m !== 0; m &= m - 1) {
    const r = lowBit(m);
    const j = base + r;
    if (d.st[j] !== rf.st[r] || d.lo[j] !== rf.lo[r] || d.hi[j] !== rf.hi[r] || d.aux[j] !== rf.aux[r]) keep &= ~(1 << r);
  }
  if (keep === old) return false;
  d.mask[k] = VISITED | keep;
  return true;
}
