// ConstFoldResult: what const-fold publishes, in typed arrays. Mirrors the const_reg_* fields
// of struct bpf_insn_aux_data that kernel/bpf/const_fold.c fills (kernel-semantics §2.4):
// per instruction, a mask of registers holding a u32-representable constant, a mask of map
// pointers and a mask of subprogram pointers, with the value of each (R0..R9). Published
// facts describe the state on ENTRY to the instruction (what a call or a jump sees).
//
// Memory (see README): the masks are dense (6 bytes/insn); the values are stored once each,
// in instruction order, with a start offset per group of 16 instructions; the full lattice
// (negative and 64-bit constants, MAP_VALUE, UNKNOWN vs UNVISITED) is kept only at block
// entries (extended blocks, see blocks.ts), variable-length, and replayed through the
// transfer function on demand by the accessors — with a cursor, so walking instructions in
// order costs O(1) each. `regVals`
// (the kernel's dense const_reg_vals[10], 40 bytes/insn) is materialised only when read.
import { BpfError, BPF_LD_IMM64, type Program } from '@bpfkit/ir';
import {
  CONST_ARG_CONST, CONST_ARG_MAP_PTR, CONST_ARG_MAP_VALUE, CONST_ARG_UNVISITED, RegFile, TRACKED_REGS, lowBit,
  type ConstArgState, type EntryStates,
} from './lattice.js';
import { transfer, type TransferEnv } from './transfer.js';

/** Registers whose values are published (the kernel's const_reg_vals has 10 entries). */
export const PUBLISHED_REGS = 10;

export interface ConstFoldStats {
  /** Extended blocks (entry, jump target or after exit/goto … up to the next such point),
   * and how many are reachable from their subprogram's entry. */
  readonly blocks: number;
  readonly reachableBlocks: number;
  /** RPO sweeps until the fixed point (1 when there are no loops). */
  readonly sweeps: number;
}

export interface ConstFoldResultInit {
  readonly program: Program;
  readonly env: TransferEnv;
  readonly entries: EntryStates;
  readonly blockStart: Int32Array;
  readonly constRegMask: Uint16Array;
  readonly mapRegMask: Uint16Array;
  readonly subprogRegMask: Uint16Array;
  readonly stats: ConstFoldStats;
}

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
  readonly stats: ConstFoldStats;
  /** @internal Replay machinery (used by the accessors and the printer). */
  readonly env: TransferEnv;
  /** @internal Block-entry states (see EntryStates). */
  readonly entries: EntryStates;
  /** @internal First slot of each block, ascending; blockStart[blocks] = length. */
  readonly blockStart: Int32Array;
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
    this.blockStart = init.blockStart;
    this.constRegMask = init.constRegMask;
    this.mapRegMask = init.mapRegMask;
    this.subprogRegMask = init.subprogRegMask;
    this.stats = init.stats;
  }

  /**
   * The kernel's const_reg_vals: 10 u32 per instruction (R0..R9), the value of each register
   * whose bit is set in one of the masks, 0 elsewhere. Built by one replay on first access
   * (40 bytes/insn); prefer regVal()/subprogAt() in memory-sensitive code.
   */
  get regVals(): Uint32Array {
    if (this.#regVals === undefined) {
      const out = new Uint32Array(this.length * PUBLISHED_REGS);
      const rf = new RegFile();
      const code = this.program.code;
      for (let b = 0; b < this.blockCount; b++) {
        if (!this.entries.load(b, rf)) continue;
        for (let j = this.blockStart[b]!, end = this.blockStart[b + 1]!; j < end; j += code[j] === BPF_LD_IMM64 ? 2 : 1) {
          for (let m = (rf.cmask | rf.mmask | rf.smask) & 0x3ff; m !== 0; m &= m - 1) {
            const r = lowBit(m);
            out[j * PUBLISHED_REGS + r] = rf.mmask & (1 << r) ? rf.aux[r]! : rf.lo[r]!;
          }
          transfer(this.env, j, rf);
        }
      }
      this.#regVals = out;
    }
    return this.#regVals;
  }

  /** Bytes of typed-array memory this result holds (the dense regVals view included once
   * it has been materialised). */
  byteSize(): number {
    const e = this.entries;
    let bytes = this.constRegMask.byteLength + this.mapRegMask.byteLength + this.subprogRegMask.byteLength + this.blockStart.byteLength;
    bytes += e.mask.byteLength + e.kindOff.byteLength + e.wordOff.byteLength + e.kinds.byteLength + e.words.byteLength;
    bytes += this.env.funcStarts.byteLength + (this.#regVals?.byteLength ?? 0);
    return bytes;
  }

  /** Published value of R r on entry to instruction i — the constant, map index or
   * subprogram number whose bit is set in one of the masks — if any. */
  regVal(i: number, r: number): number | undefined {
    this.#check(i, r);
    const bit = 1 << r;
    if (!((this.constRegMask[i]! | this.mapRegMask[i]! | this.subprogRegMask[i]!) & bit)) return undefined;
    this.#seek(i);
    return this.mapRegMask[i]! & bit ? this.#rf.aux[r]! : this.#rf.lo[r]!;
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

  /** @internal Number of (extended) blocks. */
  get blockCount(): number {
    return this.entries.mask.length;
  }

  /** @internal Block containing slot i (binary search over block starts). */
  blockOf(i: number): number {
    const s = this.blockStart;
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
    return this.entries.load(b, rf);
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
      this.#cur = this.blockStart[b]!;
      this.#curEnd = this.blockStart[b + 1]!;
    }
    while (this.#cur < i) {
      const c = this.#cur;
      transfer(this.env, c, this.#rf);
      this.#cur = c + (code[c] === BPF_LD_IMM64 ? 2 : 1);
    }
    return this.#cur === i;
  }
}
