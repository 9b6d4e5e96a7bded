// bpf-to-bpf calls and stack arguments (kernel-semantics §1): 6-, 7-, 8- and 12-argument
// calls to subprograms and kfuncs, directly and nested two deep, with every argument distinct
// and folded by an order-sensitive hash so a swapped or shifted slot changes the result;
// R6–R9 preservation, frame isolation, the 8-frame limit, and every stack-argument error.
import { describe, expect, test } from '@jest/globals';
import { BPF_ADD, BPF_DW, BPF_JNE, BPF_MUL, BPF_XOR, build as b, type FuncMeta, type Insn } from '@bpfkit/ir';
import { Interpreter } from './interpreter.js';
import { stackTop } from './layout.js';
import type { CallContext, ExternEntry } from './options.js';
import { U64, prog, run, runError } from './test-support/programs.js';

const K = 1000003n;
const hash = (args: readonly bigint[]): bigint => args.reduce((h, a) => U64(h * K) ^ a, 0n);
/** Distinct 64-bit argument values, different in every byte lane. */
const argv = (n: number): bigint[] => Array.from({ length: n }, (_, i) => U64(0x0123456789abcdefn * BigInt(i + 1) + BigInt(i + 1) * 0x1111n));
/** What the nested middle function passes on: each argument plus its position. */
const bumped = (args: readonly bigint[]): bigint[] => args.map((v, i) => U64(v + BigInt(i + 1)));

/** Caller side: outgoing slots from r6 (arg 6..n), then R1..R5. */
function loadArgs(vals: readonly bigint[]): Insn[] {
  const out: Insn[] = [];
  for (let k = 6; k <= vals.length; k++) out.push(...b.ldImm64(6, vals[k - 1]!), b.stackArgStore(k, 6));
  for (let k = 1; k <= Math.min(5, vals.length); k++) out.push(...b.ldImm64(k, vals[k - 1]!));
  return out;
}

/** Callee: r0 = hash(arg1..argN), incoming slots read through r11. */
function hashBody(n: number): Insn[] {
  const out: Insn[] = [b.mov64Imm(0, 0)];
  for (let k = 1; k <= n; k++) {
    out.push(k <= 5 ? b.mov64Reg(7, k) : b.stackArgLoad(7, k));
    out.push(b.alu64Imm(BPF_MUL, 0, Number(K)), b.alu64Reg(BPF_XOR, 0, 7));
  }
  out.push(b.exit());
  return out;
}

/** Middle function: reads its n args, calls `callee` with each arg + its position, returns r0 * 3 + 1. */
function forwardBody(n: number, call: (at: number) => Insn): Insn[] {
  const out: Insn[] = [];
  // All incoming r11 loads come first (before any r11 store or call): park them on the stack.
  for (let k = 6; k <= n; k++) out.push(b.stackArgLoad(7, k), b.alu64Imm(BPF_ADD, 7, k), b.stxMem(BPF_DW, 10, 7, -8 * k));
  for (let k = 6; k <= n; k++) out.push(b.ldxMem(BPF_DW, 7, 10, -8 * k), b.stackArgStore(k, 7));
  for (let k = 1; k <= Math.min(5, n); k++) out.push(b.alu64Imm(BPF_ADD, k, k));
  out.push(call(out.length));
  out.push(b.alu64Imm(BPF_MUL, 0, 3), b.alu64Imm(BPF_ADD, 0, 1), b.exit());
  return out;
}

/** Lay out functions; `calls` patch call instructions once starts are known. */
function layout(parts: Insn[][], argCounts: (number | undefined)[]): { insns: Insn[]; starts: number[]; funcs: FuncMeta[] } {
  const starts: number[] = [];
  let at = 0;
  for (const p of parts) {
    starts.push(at);
    at += p.length;
  }
  const funcs = starts.slice(1).map((start, i) => ({ start, argCount: argCounts[i + 1] })).filter((f) => f.argCount !== undefined) as FuncMeta[];
  return { insns: parts.flat(), starts, funcs };
}

const callTo = (from: number, to: number): Insn => b.callPseudo(to - from - 1);
const KFUNC = 4242;

function kfuncTable(n: number | undefined, seen: bigint[][]): Map<number, ExternEntry> {
  return new Map([[KFUNC, {
    name: 'bpf_kfunc_hash',
    argCount: n,
    fn: (_ctx: CallContext, ...args: bigint[]) => {
      seen.push(args);
      return hash(args);
    },
  }]]);
}

describe.each([6, 7, 8, 12])('%i-argument calls', (n) => {
  const vals = argv(n);

  test('precondition: the hash notices swapped and shifted arguments', () => {
    const swapped = [...vals];
    [swapped[n - 1], swapped[n - 2]] = [swapped[n - 2]!, swapped[n - 1]!];
    expect(hash(swapped)).not.toBe(hash(vals));
    expect(hash([...vals.slice(1), vals[0]!])).not.toBe(hash(vals));
    expect(new Set(vals).size).toBe(n);
  });

  test('main -> subprogram', () => {
    const main = [...loadArgs(vals), b.callPseudo(0), b.exit()];
    const { insns, starts, funcs } = layout([main, hashBody(n)], [undefined, n]);
    insns[starts[1]! - 2] = callTo(starts[1]! - 2, starts[1]!);
    expect(run(insns, {}, funcs)).toBe(hash(vals));
  });

  test('main -> subprogram with an undeclared argument count (taken from the written slots)', () => {
    const main = [...loadArgs(vals), b.callPseudo(0), b.exit()];
    const { insns, starts } = layout([main, hashBody(n)], [undefined, undefined]);
    insns[starts[1]! - 2] = callTo(starts[1]! - 2, starts[1]!);
    expect(run(insns)).toBe(hash(vals));
  });

  test('main -> kfunc', () => {
    const seen: bigint[][] = [];
    const r0 = run([...loadArgs(vals), b.callKfunc(KFUNC), b.exit()], { kfuncs: kfuncTable(n, seen) });
    expect(seen).toEqual([vals]);
    expect(r0).toBe(hash(vals));
  });

  test('main -> kfunc with an undeclared argument count', () => {
    const seen: bigint[][] = [];
    expect(run([...loadArgs(vals), b.callKfunc(KFUNC), b.exit()], { kfuncs: kfuncTable(undefined, seen) })).toBe(hash(vals));
    expect(seen).toEqual([vals]);
  });

  test('main -> subprogram -> subprogram (nested two deep)', () => {
    const main = [...loadArgs(vals), b.callPseudo(0), b.exit()];
    let callAt = -1;
    const mid = forwardBody(n, (at) => ((callAt = at), b.callPseudo(0)));
    const { insns, starts, funcs } = layout([main, mid, hashBody(n)], [undefined, n, n]);
    insns[starts[1]! - 2] = callTo(starts[1]! - 2, starts[1]!);
    insns[starts[1]! + callAt] = callTo(starts[1]! + callAt, starts[2]!);
    expect(run(insns, {}, funcs)).toBe(U64(hash(bumped(vals)) * 3n + 1n));
  });

  test('main -> subprogram -> kfunc (nested two deep)', () => {
    const seen: bigint[][] = [];
    const main = [...loadArgs(vals), b.callPseudo(0), b.exit()];
    const mid = forwardBody(n, () => b.callKfunc(KFUNC));
    const { insns, starts, funcs } = layout([main, mid], [undefined, n]);
    insns[starts[1]! - 2] = callTo(starts[1]! - 2, starts[1]!);
    expect(run(insns, { kfuncs: kfuncTable(n, seen) }, funcs)).toBe(U64(hash(bumped(vals)) * 3n + 1n));
    expect(seen).toEqual([bumped(vals)]);
  });

  test('the ST-immediate form of an outgoing store', () => {
    const imms = vals.map((_, i) => BigInt(-1000 * (i + 1)));
    const main: Insn[] = [];
    for (let k = 6; k <= n; k++) main.push(b.stackArgStoreImm(k, -1000 * k));
    for (let k = 1; k <= 5; k++) main.push(b.mov64Imm(k, -1000 * k));
    main.push(b.callKfunc(KFUNC), b.exit());
    const seen: bigint[][] = [];
    expect(run(main, { kfuncs: kfuncTable(n, seen) })).toBe(hash(imms.map(U64)));
    expect(seen).toEqual([imms.map(U64)]);
  });
});

describe('callee-saved registers and frames', () => {
  test('R6–R9 survive a callee that clobbers them (two levels)', () => {
    const main = [b.mov64Imm(6, 6), b.mov64Imm(7, 7), b.mov64Imm(8, 8), b.mov64Imm(9, 9), b.callPseudo(12),
      b.alu64Imm(BPF_MUL, 6, 1000), b.alu64Reg(BPF_ADD, 6, 7), b.alu64Imm(BPF_MUL, 6, 1000), b.alu64Reg(BPF_ADD, 6, 8),
      b.alu64Imm(BPF_MUL, 6, 1000), b.alu64Reg(BPF_ADD, 6, 9), b.mov64Reg(0, 6), b.exit()];
    const f = [b.mov64Imm(6, 60), b.mov64Imm(7, 70), b.mov64Imm(8, 80), b.mov64Imm(9, 90), b.callPseudo(2), b.mov64Reg(0, 6), b.exit()];
    const g = [b.mov64Imm(6, 0), b.mov64Imm(7, 0), b.mov64Imm(8, 0), b.mov64Imm(9, 0), b.mov64Imm(0, 0), b.exit()];
    expect(main.length).toBe(13);
    expect(run([...main, ...f, ...g])).toBe(6007008009n);
    // f's own R6 survives g as well: 60.
    expect(run([b.callPseudo(1), b.exit(), ...f, ...g])).toBe(60n);
  });

  test('each frame has its own stack; a caller stack pointer passed down stays usable', () => {
    const main = [b.stMem(BPF_DW, 10, -8, 1111), b.mov64Reg(1, 10), b.alu64Imm(BPF_ADD, 1, -8), b.callPseudo(3),
      b.ldxMem(BPF_DW, 6, 10, -8), b.alu64Reg(BPF_ADD, 0, 6), b.exit()];
    // f: own slot fp-8 = 2222; return own slot + *(caller's fp-8) + 1 (then main adds its intact 1111).
    const f = [b.stMem(BPF_DW, 10, -8, 2222), b.ldxMem(BPF_DW, 0, 10, -8), b.ldxMem(BPF_DW, 2, 1, 0), b.alu64Reg(BPF_ADD, 0, 2),
      b.alu64Imm(BPF_ADD, 0, 1), b.exit()];
    expect(main[3]).toEqual(b.callPseudo(3));
    expect(run([...main, ...f])).toBe(2222n + 1111n + 1n + 1111n);
  });

  test('R10 is per frame and restored on return', () => {
    expect(run([b.callPseudo(1), b.exit(), b.mov64Reg(0, 10), b.exit()])).toBe(stackTop(1));
    expect(run([b.callPseudo(2), b.mov64Reg(0, 10), b.exit(), b.exit()])).toBe(stackTop(0));
  });

  test('a callee stack is zero at entry even when the previous callee left data', () => {
    const f = [b.ldxMem(BPF_DW, 0, 10, -8), b.stMem(BPF_DW, 10, -8, 99), b.exit()];
    // call f twice; the second call must read 0 again.
    expect(run([b.callPseudo(2), b.callPseudo(1), b.exit(), ...f])).toBe(0n);
    // Without the second call the same program returns what f read (0) — and f did write 99:
    expect(run([b.callPseudo(1), b.ldxMem(BPF_DW, 0, 10, -8), b.exit(), ...f])).toBe(0n);
  });

  test('a pointer into a returned frame faults', () => {
    const e = runError([b.callPseudo(2), b.ldxMem(BPF_DW, 0, 0, 0), b.exit(), b.mov64Reg(0, 10), b.alu64Imm(BPF_ADD, 0, -8), b.exit()]);
    expect([e.code, e.insn]).toEqual(['MEM_OOB', 1]);
    expect(e.message).toContain('stack of frame 1 is not live');
  });

  /** main: r1 = depth; call f. f(n): if n == 0 return 0; return f(n - 1) + 1. */
  const recursion = [b.callPseudo(1), b.exit(),
    b.jmpImm(BPF_JNE, 1, 0, 2), b.mov64Imm(0, 0), b.exit(),
    b.alu64Imm(BPF_ADD, 1, -1), b.callPseudo(-5), b.alu64Imm(BPF_ADD, 0, 1), b.exit()];
  test('8 frames are allowed', () => {
    expect(run(recursion, { args: [6n] })).toBe(6n); // frames 0..7
  });
  test('a 9th frame is CALL_DEPTH at the call instruction', () => {
    const e = runError(recursion, { args: [7n] });
    expect([e.code, e.insn, e.message]).toEqual(['CALL_DEPTH', 6, 'the call stack of 9 frames is too deep !']);
  });
});

describe('stack-argument errors (kernel messages)', () => {
  test('callee declares 7 args, caller wrote none', () => {
    const e = runError([b.callPseudo(1), b.exit(), ...hashBody(7)], {}, [{ start: 2, argCount: 7 }]);
    expect([e.code, e.insn, e.message]).toEqual(['STACK_ARG_UNINIT', 0, 'callee expects 7 args, stack arg1 is not initialized']);
  });

  test('outgoing slots die when the call returns', () => {
    const p = [...loadArgs(argv(6)), b.callPseudo(2), b.callPseudo(1), b.exit(), ...hashBody(6)];
    const second = p.length - hashBody(6).length - 2;
    const e = runError(p, {}, [{ start: p.length - hashBody(6).length, argCount: 6 }]);
    expect([e.code, e.insn]).toEqual(['STACK_ARG_UNINIT', second]);
  });

  test('slots die after a helper call too', () => {
    const e = runError([b.stackArgStoreImm(6, 1), b.callHelper(1), b.callKfunc(KFUNC), b.exit()], {
      helpers: { 1: () => 0n }, kfuncs: kfuncTable(6, []),
    });
    expect([e.code, e.insn, e.message]).toEqual(['STACK_ARG_UNINIT', 2, 'bpf_kfunc_hash expects 6 args, stack arg1 is not initialized']);
  });

  test('r11 load after a call in the same frame', () => {
    const callee = [b.callHelper(1), b.stackArgLoad(0, 6), b.exit()];
    const e = runError([b.stackArgStoreImm(6, 5), b.callPseudo(1), b.exit(), ...callee], { helpers: { 1: () => 0n } }, [{ start: 3, argCount: 6 }]);
    expect([e.code, e.insn, e.message]).toEqual(['STACK_ARG_ORDER', 4, 'r11 load must be before any r11 store or call insn']);
  });

  test('r11 load after an r11 store in the same frame', () => {
    const callee = [b.stackArgStoreImm(6, 1), b.stackArgLoad(0, 6), b.exit()];
    expect(runError([b.stackArgStoreImm(6, 5), b.callPseudo(1), b.exit(), ...callee], {}, [{ start: 3, argCount: 6 }]).code).toBe('STACK_ARG_ORDER');
  });

  test('reading past the incoming count', () => {
    const e = runError([b.stackArgStoreImm(6, 5), b.stackArgStoreImm(7, 6), b.callPseudo(1), b.exit(), b.stackArgLoad(0, 7), b.exit()], {}, [
      { start: 4, argCount: 6 },
    ]);
    expect([e.code, e.insn, e.message]).toEqual(['STACK_ARG_READ', 4, 'invalid read from stack arg off 16 depth 8']);
  });

  test('the main program has no incoming stack arguments', () => {
    const e = runError([b.stackArgLoad(0, 6), b.exit()]);
    expect([e.code, e.message]).toEqual(['STACK_ARG_READ', 'invalid read from stack arg off 8 depth 0']);
  });

  test('an undeclared callee may read only slots its caller wrote', () => {
    expect(run([b.stackArgStoreImm(6, 5), b.stackArgStoreImm(7, 6), b.callPseudo(1), b.exit(), b.stackArgLoad(0, 7), b.exit()])).toBe(6n);
    // Slot 1 written, slot 0 not: count 2, but slot 0 was never initialised.
    const e = runError([b.stackArgStoreImm(7, 6), b.callPseudo(1), b.exit(), b.stackArgLoad(0, 6), b.exit()]);
    expect([e.code, e.message]).toEqual(['STACK_ARG_UNINIT', 'stack arg1 is not initialized']);
  });

  test('a store beyond the seventh slot', () => {
    const e = runError([b.stMem(BPF_DW, 11, -64, 0), b.exit()]);
    expect([e.code, e.message]).toEqual(['STACK_ARG_OFFSET', 'stack arg write offset -64 exceeds max 7 stack args']);
  });

  test('a kfunc that declares more arguments than were written', () => {
    const e = runError([b.stackArgStoreImm(6, 1), b.stackArgStoreImm(7, 1), b.callKfunc(KFUNC), b.exit()], { kfuncs: kfuncTable(8, []) });
    expect([e.code, e.message]).toEqual(['STACK_ARG_UNINIT', 'bpf_kfunc_hash expects 8 args, stack arg3 is not initialized']);
  });

  test('helpers receive exactly R1..R5 by default', () => {
    const seen: bigint[][] = [];
    run([...loadArgs(argv(5)), b.callHelper(9), b.exit()], { helpers: { 9: (_c: CallContext, ...a: bigint[]) => void seen.push(a) } });
    expect(seen).toEqual([argv(5)]);
  });

  test('Interpreter rejects declarations it cannot honour', () => {
    expect(() => new Interpreter(prog([b.exit()]), { helpers: { 1: { fn: () => 0n, argCount: 6 } } })).toThrow(
      expect.objectContaining({ code: 'TOO_MANY_ARGS' }),
    );
  });
});
