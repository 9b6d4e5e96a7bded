// ConstFoldResult: what const-fold publishes, in typed arrays. Mirrors the const_reg_* fields
// of struct bpf_insn_aux_data that kernel/bpf/const_fold.c fills (kernel-semantics §2.4):
// per instruction, a mask of registers holding a u32-representable constant, a mask of map
// pointers and a mask of subprogram pointers, with the value of each (R0..R9). Published
// facts describe the state on ENTRY to the instruction (what a call or a jump sees).
//
// Memory (see README): the masks are dense (6 bytes/insn); the values are stored once each,
// in instruction order, with a start offset per group of 16 instructions; the full lattice
// (negative and 64-bit constants, MAP_VALUE, UNKNOWN vs UNVISITED) is kept only at basic-block
// entries, variable-length, and replayed through the transfer function on demand by the
// accessors — with a cursor, so walking instructions in order costs O(1) each. `regVals`
// (the kernel's dense const_reg_vals[10], 40 bytes/insn) is materialised only when read.
import { BpfError, BPF_LD_IMM64, type Program } from '@bpfkit/ir';
import {
  CONST_ARG_CONST, CONST_ARG_MAP_PTR, CONST_ARG_MAP_VALUE, CONST_ARG_UNVISITED, RegFile, TRACKED_REGS, VISITED, lowBit,
  type ConstArgState,
} from './lattice.js';
import { transfer, type TransferEnv } from './transfer.js';

/** Registers whose values are published (the kernel's const_reg_vals has 10 entries). */
export const PUBLISHED_REGS = 10;
/** Instructions per entry of ConstFoldResult.regValGroup. */
export const REG_VAL_GROUP = 16;

export interface ConstFoldStats {
  /** Basic blocks, and how many are reachable from their subprogram's entry. */
  readonly blocks: number;
  readonly reachableBlocks: number;
  /** RPO sweeps until the fixed point (1 when there are no loops). */
  readonly sweeps: number;
}

/**
 * Block-entry states, compact: `mask[b]` = VISITED | registers holding a fact; for each such
 * register (ascending) a kind byte in `kinds` (state | 0x80 when the high value word is
 * stored) and its payload words in `words`: CONST lo[, hi]; MAP_PTR map; MAP_VALUE map, lo[,
 * hi]; SUBPROG number.
 */
export interface BlockEntries {
  /** First slot of each block, ascending; start[count] = program length. */
  readonly start: Int32Array;
  readonly mask: Uint16Array;
  readonly kindOff: Uint32Array;
  readonly kinds: Uint8Array;
  readonly wordOff: Uint32Array;
  readonly words: Uint32Array;
}

export interface ConstFoldResultInit {
  readonly program: Program;
  readonly env: TransferEnv;
  readonly entries: BlockEntries;
  readonly constRegMask: Uint16Array;
  readonly mapRegMask: Uint16Array;
  readonly subprogRegMask: Uint16Array;
  readonly regValGroup: Uint32Array;
  readonly regValData: Uint32Array;
  readonly stats: ConstFoldStats;
}

export const popcount16 = (x: number): number => {
  x -= (x >>> 1) & 0x5555;
  x = (x & 0x3333) + ((x >>> 2) & 0x3333);
  x = (x + (x >>> 4)) & 0x0f0f;
  return (x + (x >>> 8)) & 0x1f;
};

export class ConstFoldResult {
  readonly program: Program;
  /** Instruction slots. */
  readonly length: number;
  /** Bit r: R r holds CONST c with c == (u32)c (negative 64-bit constants are not published). */
  readonly constRegMask: Uint16Array;
  /** Bit r: R r holds MAP_PTR; its value is the map index. */
  readonly mapRegMask: Uint16Array;
  /** Bit r: R r holds SUBPROG; its value is the subprogram number. */
  readonly subprogRegMask: Uint16Array;
  /** Published values, one per set bit of the three masks, instruction by instruction in
   * register order; those of instructions 16g.. start at regValData[regValGroup[g]]. */
  readonly regValGroup: Uint32Array;
  readonly regValData: Uint32Array;
  readonly stats: ConstFoldStats;
  /** @internal Replay machinery (used by the accessors and the printer). */
  readonly env: TransferEnv;
  /** @internal */
  readonly entries: BlockEntries;
  #regVals: Uint32Array | undefined;
  // Replay cursor: the entry state of head #cur (in block #curBlock, which ends at #curEnd).
  readonly #rf = new RegFile();
  #cur = -1;
  #curBlock = -1;
  #curEnd = -1;

  constructor(init: ConstFoldResultInit) {
    this.program = init.program;
    this.length = init.program.length;
    this.env = init.env;
    this.entries = init.entries;
    this.constRegMask = init.constRegMask;
    this.mapRegMask = init.mapRegMask;
    this.subprogRegMask = init.subprogRegMask;
    this.regValGroup = init.regValGroup;
    this.regValData = init.regValData;
    this.stats = init.stats;
  }

  /**
   * The kernel's const_reg_vals: 10 u32 per instruction (R0..R9), the value of each register
   * whose bit is set in one of the masks, 0 elsewhere. Built on first access (40 bytes/insn);
   * prefer regVal()/subprogAt() in memory-sensitive code.
   */
  get regVals(): Uint32Array {
    if (this.#regVals === undefined) {
      const n = this.length;
      const out = new Uint32Array(n * PUBLISHED_REGS);
      for (let i = 0, k = 0; i < n; i++)
        for (let m = this.constRegMask[i]! | this.mapRegMask[i]! | this.subprogRegMask[i]!; m !== 0; m &= m - 1)
          out[i * PUBLISHED_REGS + lowBit(m)] = this.regValData[k++]!;
      this.#regVals = out;
    }
    return this.#regVals;
  }

  /** Published value of R r at instruction i (constant, map index or subprogram), if any. */
  regVal(i: number, r: number): number | undefined {
    this.#check(i, r);
    const m = this.constRegMask[i]! | this.mapRegMask[i]! | this.subprogRegMask[i]!;
    const bit = 1 << r;
    if (!(m & bit)) return undefined;
    let k = this.regValGroup[Math.floor(i / REG_VAL_GROUP)]!;
    for (let j = i - (i % REG_VAL_GROUP); j < i; j++) k += popcount16(this.constRegMask[j]! | this.mapRegMask[j]! | this.subprogRegMask[j]!);
    return this.regValData[k + popcount16(m & (bit - 1))]!;
  }

  /** Subprogram number held by R r on entry to instruction i (ld_imm64 PSEUDO_FUNC), if any. */
  subprogAt(i: number, r: number): number | undefined {
    this.#check(i, r);
    return this.subprogRegMask[i]! & (1 << r) ? this.regVal(i, r) : undefined;
  }

  /** Lattice state of R r (0..10) on entry to instruction i. ld_imm64 second halves and
   * unreachable instructions are UNVISITED. */
  regState(i: number, r: number): ConstArgState {
    this.#check(i, r);
    return this.#seek(i) ? (this.#rf.state(r) as ConstArgState) : CONST_ARG_UNVISITED;
  }

  /** The 64-bit constant (unsigned) in R r on entry to instruction i, including the negative
   * and wide ones the masks leave out. */
  regConst(i: number, r: number): bigint | undefined {
    this.#check(i, r);
    if (!this.#seek(i) || this.#rf.state(r) !== CONST_ARG_CONST) return undefined;
    return (BigInt(this.#rf.hi[r]!) << 32n) | BigInt(this.#rf.lo[r]!);
  }

  /** Map index of a MAP_PTR or MAP_VALUE in R r on entry to instruction i. */
  mapIndexAt(i: number, r: number): number | undefined {
    this.#check(i, r);
    if (!this.#seek(i)) return undefined;
    const s = this.#rf.state(r);
    return s === CONST_ARG_MAP_PTR || s === CONST_ARG_MAP_VALUE ? this.#rf.aux[r] : undefined;
  }

  /** Byte offset (u64) of a MAP_VALUE pointer in R r on entry to instruction i. */
  mapValueOffset(i: number, r: number): bigint | undefined {
    this.#check(i, r);
    if (!this.#seek(i) || this.#rf.state(r) !== CONST_ARG_MAP_VALUE) return undefined;
    return (BigInt(this.#rf.hi[r]!) << 32n) | BigInt(this.#rf.lo[r]!);
  }

  /** @internal Number of basic blocks. */
  get blockCount(): number {
    return this.entries.mask.length;
  }

  /** @internal Block containing slot i (binary search over block starts). */
  blockOf(i: number): number {
    const s = this.entries.start;
    let a = 0;
    let b = this.entries.mask.length - 1;
    while (a < b) {
      const m = (a + b + 1) >> 1;
      if (s[m]! <= i) a = m;
      else b = m - 1;
    }
    return a;
  }

  /** @internal Entry state of block b into rf; false when the block is unreachable. */
  loadEntry(b: number, rf: RegFile): boolean {
    const e = this.entries;
    const m0 = e.mask[b]!;
    if (!(m0 & VISITED)) return false;
    rf.known = m0 & 0x7ff;
    let k = e.kindOff[b]!;
    let w = e.wordOff[b]!;
    for (let m = rf.known; m !== 0; m &= m - 1) {
      const r = lowBit(m);
      const kind = e.kinds[k++]!;
      const st = kind & 0x7f;
      rf.st[r] = st;
      rf.lo[r] = 0;
      rf.hi[r] = 0;
      rf.aux[r] = 0;
      if (st === CONST_ARG_MAP_PTR || st === CONST_ARG_MAP_VALUE) rf.aux[r] = e.words[w++]!;
      if (st !== CONST_ARG_MAP_PTR) rf.lo[r] = e.words[w++]!;
      if (kind & 0x80) rf.hi[r] = e.words[w++]!;
    }
    return true;
  }

  #check(i: number, r: number): void {
    if (!Number.isInteger(i) || i < 0 || i >= this.length)
      throw new BpfError('OPTION', `const-fold: instruction ${i} is outside the program (0..${this.length - 1})`, { pass: 'const-fold' });
    if (!Number.isInteger(r) || r < 0 || r >= TRACKED_REGS)
      throw new BpfError('OPTION', `const-fold: register ${r} is not tracked (R0..R10)`, { pass: 'const-fold' });
  }

  /** Load the entry state of head i into the cursor; false for unvisited slots and second halves. */
  #seek(i: number): boolean {
    const code = this.program.code;
    if (!(this.#curBlock >= 0 && i >= this.#cur && i < this.#curEnd)) {
      const b = this.blockOf(i);
      if (!this.loadEntry(b, this.#rf)) {
        this.#curBlock = -1;
        return false;
      }
      this.#curBlock = b;
      this.#cur = this.entries.start[b]!;
      this.#curEnd = this.entries.start[b + 1]!;
    }
    while (this.#cur < i) {
      const c = this.#cur;
      transfer(this.env, c, this.#rf);
      this.#cur = c + (code[c] === BPF_LD_IMM64 ? 2 : 1);
    }
    return this.#cur === i;
  }
}
