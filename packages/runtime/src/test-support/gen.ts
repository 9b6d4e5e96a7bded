// Test-only: a generator of random *valid, terminating* BPF programs for differential fuzzing
// of the native JIT against the interpreter. Every program is a pure function of a 32-bit
// seed (so BPF_FUZZ_SEED reruns a failure exactly). Shape:
//  - main + 0..3 subprograms with 1..12 declared arguments; calls only go "forward" (acyclic);
//  - every register R0..R9 is written at function entry and R1..R5 again after every call, so
//    no path reads a register the two engines could disagree on (native calls clobber R1..R5;
//    the interpreter keeps them — both fine for valid programs);
//  - main keeps the input-memory pointer in R9 and never lets it (or R10) into arithmetic:
//    addresses differ between the engines, values must not;
//  - ALU/ALU32 with every op (div/mod/sdiv/smod by any value incl. 0 and -1, shifts by any
//    amount, movsx, le/be/bswap), ld_imm64, stack and memory loads/stores (incl. MEMSX),
//    atomics (aligned), forward conditional jumps (JMP/JMP32, K/X, all ops), goto/gotol,
//    may_goto-bounded loops, LD_ABS/LD_IND, helper calls (1-5 args), kfunc calls (1-12 args),
//    callx to helpers, and bpf-to-bpf calls with 1-12 arguments.
import {
  BPF_ADD, BPF_AND, BPF_ARSH, BPF_ATOMIC, BPF_B, BPF_CMPXCHG, BPF_DIV, BPF_DW, BPF_END, BPF_FETCH, BPF_H, BPF_JEQ, BPF_JGE,
  BPF_JGT, BPF_JLE, BPF_JLT, BPF_JNE, BPF_JSET, BPF_JSGE, BPF_JSGT, BPF_JSLE, BPF_JSLT, BPF_LD, BPF_LOAD_ACQ, BPF_LSH, BPF_MOD,
  BPF_MOV, BPF_MUL, BPF_NEG, BPF_OR, BPF_RSH, BPF_STORE_REL, BPF_STX, BPF_SUB, BPF_W, BPF_XCHG, BPF_XOR, build as B, type Insn,
  type Program,
} from '@bpfkit/ir';
import { Asm } from './asm.js';

export const FUZZ_MEM_LEN = 64;
export const FUZZ_MAY_GOTO = 5;
const STACK_WIN = 64;

/** mulberry32: a small, fast, decent 32-bit PRNG. */
export function prng(seed: number): (n: number) => number {
  let a = seed >>> 0;
  return (n: number): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const ALU_OPS = [BPF_ADD, BPF_SUB, BPF_MUL, BPF_DIV, BPF_OR, BPF_AND, BPF_LSH, BPF_RSH, BPF_NEG, BPF_MOD, BPF_XOR, BPF_MOV, BPF_ARSH, BPF_END];
const JMP_OPS = [BPF_JEQ, BPF_JGT, BPF_JGE, BPF_JSET, BPF_JNE, BPF_JSGT, BPF_JSGE, BPF_JLT, BPF_JLE, BPF_JSLT, BPF_JSLE];
const SIZES = [BPF_B, BPF_H, BPF_W, BPF_DW];
const SIZE_BYTES: Record<number, number> = { [BPF_B]: 1, [BPF_H]: 2, [BPF_W]: 4, [BPF_DW]: 8 };

export interface FuzzCase {
  readonly program: Program;
  readonly mem: Uint8Array;
  readonly insns: number;
}

export function genProgram(seed: number, maxStmts = 30): FuzzCase {
  const r = prng(seed);
  const a = new Asm();
  let label = 0;
  const newLabel = (): string => `L${label++}`;
  const nsub = r(4);
  const argc = Array.from({ length: nsub }, () => 1 + r(12));
  const pick = <T>(xs: readonly T[]): T => xs[r(xs.length)]!;
  const imm = (): number => {
    switch (r(6)) {
      case 0: return r(3) - 1; // -1, 0, 1
      case 1: return r(256) - 128;
      case 2: return pick([0x7fffffff, -0x80000000, -2, 0xffff, 0x10000]);
      default: return (r(0x10000) << 16) ^ r(0x10000);
    }
  };
  const imm64 = (): bigint => (BigInt(r(0x10000)) << 48n) ^ (BigInt(r(0x10000)) << 32n) ^ (BigInt(r(0x10000)) << 16n) ^ BigInt(r(0x10000));

  function genFunction(fi: number): void {
    const isMain = fi === 0;
    const nargs = isMain ? 0 : argc[fi - 1]!;
    if (isMain) a.emit(B.mov64Reg(9, 1)); // r9 = input memory (reserved)
    else {
      a.func(`f${fi}`, nargs);
      // Incoming stack args first (before any r11 store or call), mixed order-sensitively into r0.
      a.emit(B.mov64Imm(0, 7));
      for (let k = 1; k <= nargs; k++) {
        a.emit(B.alu64Imm(BPF_MUL, 0, 31));
        if (k <= 5) a.emit(B.alu64Reg(BPF_ADD, 0, k));
        else a.emit(B.stackArgLoad(6, k), B.alu64Reg(BPF_ADD, 0, 6));
      }
    }
    const writable = isMain ? [0, 1, 2, 3, 4, 5, 6, 7, 8] : [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    // Every register gets a value (subprograms keep R0 = mixed args and R1..R{nargs}).
    for (const x of writable) if (isMain || (x !== 0 && (x >= 6 || x > nargs))) a.emit(B.mov64Imm(x, imm()));
    for (let k = 1; k <= STACK_WIN / 8; k++) a.emit(B.stMem(BPF_DW, 10, -8 * k, 0));
    const reg = (): number => pick(writable);
    const reinitArgs = (): void => {
      for (let k = 1; k <= 5; k++) a.emit(B.mov64Imm(k, imm()));
    };
    /** Set R1..R5 and stack args for an n-argument call from current registers and immediates. */
    const setArgs = (n: number): void => {
      for (let k = 1; k <= Math.min(n, 5); k++) if (r(2) === 0) a.emit(r(2) ? B.mov64Imm(k, imm()) : B.mov64Reg(k, pick([0, 6, 7, 8])));
      for (let k = 6; k <= n; k++) a.emit(r(2) ? B.stackArgStoreImm(k, imm()) : B.stackArgStore(k, reg()));
    };

    const stmt = (depth: number, allowLoop: boolean): void => {
      const c = r(100);
      if (c < 38) {
        // ALU / ALU32
        const w = r(3) !== 0;
        const op = pick(ALU_OPS);
        const dst = reg();
        if (op === BPF_NEG) a.emit(w ? B.alu64Imm(op, dst, 0) : B.alu32Imm(op, dst, 0));
        else if (op === BPF_END) {
          const width = pick([16, 32, 64]);
          const kind = r(3); // 0 le, 1 be, 2 bswap
          a.emit(kind === 2 ? B.alu64Imm(BPF_END, dst, width) : { code: 0x04 | BPF_END | (kind === 1 ? 0x08 : 0), dst, src: 0, off: 0, imm: width });
        } else if (op === BPF_MOV && r(4) === 0) {
          const off = w ? pick([8, 16, 32]) : pick([8, 16]);
          a.emit(w ? B.alu64Reg(BPF_MOV, dst, reg(), off) : B.alu32Reg(BPF_MOV, dst, reg(), off));
        } else {
          const signed = (op === BPF_DIV || op === BPF_MOD) && r(2) === 0 ? 1 : 0;
          const shift = op === BPF_LSH || op === BPF_RSH || op === BPF_ARSH;
          if (r(2) === 0) {
            const k = shift ? (r(8) === 0 ? imm() : r(w ? 64 : 32)) : (op === BPF_DIV || op === BPF_MOD) && r(3) === 0 ? pick([0, -1, 1]) : imm();
            a.emit(w ? B.alu64Imm(op, dst, k, signed) : B.alu32Imm(op, dst, k, signed));
          } else a.emit(w ? B.alu64Reg(op, dst, reg(), signed) : B.alu32Reg(op, dst, reg(), signed));
        }
      } else if (c < 42) {
        a.emit(B.ldImm64(reg(), imm64()));
      } else if (c < 54) {
        // Stack or memory access.
        const onMem = isMain && r(2) === 0;
        const size = pick(SIZES);
        const n = SIZE_BYTES[size]!;
        const base = onMem ? 9 : 10;
        const off = onMem ? r(FUZZ_MEM_LEN - n + 1) : -(n + r(STACK_WIN - n + 1));
        switch (r(4)) {
          case 0: a.emit(B.stMem(size, base, off, imm())); break;
          case 1: a.emit(B.stxMem(size, base, reg(), off)); break;
          case 2: a.emit(B.ldxMem(size, reg(), base, off)); break;
          default: a.emit(size === BPF_DW ? B.ldxMem(size, reg(), base, off) : B.ldxMemSx(size, reg(), base, off));
        }
      } else if (c < 60) {
        // Atomics (naturally aligned).
        const onMem = isMain && r(2) === 0;
        const base = onMem ? 9 : 10;
        const kind = r(10);
        if (kind === 0) {
          const size = pick(SIZES);
          const n = SIZE_BYTES[size]!;
          const off = onMem ? n * r(FUZZ_MEM_LEN / n) : -n * (1 + r(STACK_WIN / n));
          // load-acquire: dst = value register, src = base; store-release: dst = base, src = value.
          a.emit(r(2) ? B.atomicOp(size, BPF_LOAD_ACQ, reg(), base, off) : B.atomicOp(size, BPF_STORE_REL, base, reg(), off));
        } else {
          const size = r(2) ? BPF_DW : BPF_W;
          const n = SIZE_BYTES[size]!;
          const off = onMem ? n * r(FUZZ_MEM_LEN / n) : -n * (1 + r(STACK_WIN / n));
          const op = pick([BPF_ADD, BPF_OR, BPF_AND, BPF_XOR, BPF_ADD | BPF_FETCH, BPF_OR | BPF_FETCH, BPF_AND | BPF_FETCH, BPF_XOR | BPF_FETCH, BPF_XCHG, BPF_CMPXCHG]);
          // Make cmpxchg succeed half the time: R0 = the current value (upper bits kept for W).
          if (op === BPF_CMPXCHG && r(2) === 0) {
            if (size === BPF_W) a.emit(B.ldxMem(BPF_W, 6, base, off), B.alu64Imm(BPF_RSH, 0, 32), B.alu64Imm(BPF_LSH, 0, 32), B.alu64Reg(BPF_OR, 0, 6));
            else a.emit(B.ldxMem(BPF_DW, 0, base, off));
          }
          a.emit({ code: BPF_STX | BPF_ATOMIC | size, dst: base, src: reg(), off, imm: op });
        }
      } else if (c < 72) {
        // Forward conditional jump over a few statements.
        const L = newLabel();
        const op = pick(JMP_OPS);
        const jmp32 = r(3) === 0;
        a.jcc(op, reg(), r(2) ? { imm: imm() } : { reg: reg() }, L, jmp32);
        const k = 1 + r(3);
        for (let q = 0; q < k; q++) stmt(depth + 1, false);
        a.label(L);
      } else if (c < 74) {
        const L = newLabel();
        if (r(2)) a.ja(L);
        else a.gotol(L);
        stmt(depth + 1, false);
        a.label(L);
      } else if (c < 78 && allowLoop && depth < 2) {
        // A may_goto-bounded loop.
        const head = newLabel();
        const end = newLabel();
        a.label(head);
        a.mayGoto(end);
        const k = 1 + r(4);
        for (let q = 0; q < k; q++) stmt(depth + 1, false);
        a.ja(head);
        a.label(end);
      } else if (c < 84) {
        // Helper call (1..5 args) — sometimes through callx.
        const n = 1 + r(5);
        setArgs(n);
        if (r(4) === 0) a.emit(B.mov64Imm(6, n), B.callx(6), B.mov64Imm(6, imm()));
        else a.emit(B.callHelper(n));
        reinitArgs();
      } else if (c < 90) {
        // kfunc call (1..12 args).
        const n = 1 + r(12);
        setArgs(n);
        a.emit(B.callKfunc(100 + n));
        reinitArgs();
      } else if (c < 96 && fi < nsub) {
        // bpf-to-bpf call to a later function.
        const t = fi + 1 + r(nsub - fi);
        setArgs(argc[t - 1]!);
        a.call(`f${t}`);
        reinitArgs();
      } else if (c < 98 && isMain) {
        // Legacy packet load from the input memory (out of bounds: return 0 from main).
        const size = pick([BPF_B, BPF_H, BPF_W]);
        if (r(2)) a.emit({ code: BPF_LD | 0x20 | size, dst: 0, src: 0, off: 0, imm: r(FUZZ_MEM_LEN + 8) - 2 });
        else a.emit(B.mov32Imm(6, r(FUZZ_MEM_LEN + 8)), { code: BPF_LD | 0x40 | size, dst: 0, src: 6, off: 0, imm: r(8) - 4 });
      } else {
        a.emit(B.mov64Reg(reg(), reg()));
      }
    };
    const n = 2 + r(maxStmts);
    for (let q = 0; q < n; q++) stmt(0, true);
    // Fold a few registers into R0 so more of the state is observed.
    for (const x of [6, 7, 8]) if (r(2)) a.emit(B.alu64Reg(BPF_XOR, 0, x));
    a.emit(B.exit());
  }

  for (let fi = 0; fi <= nsub; fi++) genFunction(fi);
  const program = a.program();
  const mem = new Uint8Array(FUZZ_MEM_LEN);
  for (let i = 0; i < mem.length; i++) mem[i] = r(256);
  return { program, mem, insns: program.length };
}

const M = (1n << 64n) - 1n;
const mix = (args: readonly bigint[], salt: bigint): bigint => args.reduce((h, x) => (h * 31n + x) & M, salt);

/** Helpers 1..5 take that many arguments; kfuncs 101..112 take 1..12. Shared by both engines. */
export function fuzzHelpers(): Map<number, { argCount: number; fn: (c: unknown, ...a: bigint[]) => bigint }> {
  return new Map(Array.from({ length: 5 }, (_, k) => [k + 1, { argCount: k + 1, fn: (_c: unknown, ...x: bigint[]) => mix(x, BigInt(k + 1)) }] as const));
}
export function fuzzKfuncs(): Map<number, { argCount: number; fn: (c: unknown, ...a: bigint[]) => bigint }> {
  return new Map(Array.from({ length: 12 }, (_, k) => [101 + k, { argCount: k + 1, fn: (_c: unknown, ...x: bigint[]) => mix(x, BigInt(1000 + k)) }] as const));
}

export type { Insn };
