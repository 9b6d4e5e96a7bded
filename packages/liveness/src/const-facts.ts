// The const-fold results liveness consumes, as the kernel reads them from insn_aux_data
// (const_reg_mask, const_reg_map_mask, const_reg_subprog_mask, const_reg_vals): constant size
// arguments of helpers/kfuncs, map pointers for map key/value sizes, and the subprogram passed
// as a callback to bpf_loop & co. (find_callback_subprog()). Structurally the subset of
// @bpfkit/const-fold's ConstFoldResult that liveness reads (its sparse regVal() accessor, so
// the dense 40-byte-per-instruction const_reg_vals is never materialised); tests can hand in
// their own facts.

export interface ConstFacts {
  /** Bit r set: R r holds a constant that fits 32 bits. */
  readonly constRegMask: Uint16Array;
  /** Bit r set: R r holds a map pointer (value: the map index). */
  readonly mapRegMask: Uint16Array;
  /** Bit r set: R r holds a subprogram pointer (value: the subprogram number). */
  readonly subprogRegMask: Uint16Array;
  /** The published value of R r (R0..R9) on entry to instruction i, if any. */
  regVal(i: number, r: number): number | undefined;
}

/** Facts that know nothing (every register unknown) for a program of `n` slots. */
export function emptyConstFacts(n: number): ConstFacts {
  const zero16 = new Uint16Array(n);
  return { constRegMask: zero16, mapRegMask: zero16, subprogRegMask: zero16, regVal: () => undefined };
}

/** Facts from plain per-instruction tables (tests): vals[i][r] for the set bits. */
export function constFactsFrom(n: number, entries: readonly { insn: number; reg: number; kind: 'const' | 'map' | 'subprog'; value: number }[]): ConstFacts {
  const c = new Uint16Array(n), m = new Uint16Array(n), s = new Uint16Array(n);
  const vals = new Map<number, number>();
  for (const e of entries) {
    (e.kind === 'const' ? c : e.kind === 'map' ? m : s)[e.insn]! |= 1 << e.reg;
    vals.set(e.insn * 16 + e.reg, e.value);
  }
  return { constRegMask: c, mapRegMask: m, subprogRegMask: s, regVal: (i, r) => vals.get(i * 16 + r) };
}
