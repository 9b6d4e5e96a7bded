// Calls with many arguments, run natively: bpf-to-bpf calls, kfuncs (JS callbacks and native
// code) and helpers with 1..12 arguments, every argument distinct so a swapped or shifted slot
// changes the result; the same programs on the interpreter give the same R0. A native callee
// that checks the stack pointer proves rsp is 16-byte aligned at every call, from frames of
// every shape (callee-saved pushes, stack depths, outgoing areas, may_goto slots).
import { describe, expect, test } from '@jest/globals';
import { BPF_ADD, BPF_DW, BPF_MUL, BPF_XOR, build as B } from '@bpfkit/ir';
import { Interpreter } from '@bpfkit/interp';
import { ExecutableCode } from './executable-code.js';
import { NativeProgram, runNative } from './native-program.js';
import type { NativeCallContext } from './options.js';
import { Asm } from './test-support/asm.js';

const M = (1n << 64n) - 1n;
/** Order-sensitive hash: ((a1 * 31 + a2) * 31 + a3) … mod 2^64. */
const mix = (args: readonly bigint[]): bigint => args.reduce((h, a) => (h * 31n + a) & M, 0n);

/** Distinct 64-bit argument values; some only fit ld_imm64, some are negative immediates. */
const argValue = (k: number): bigint => BigInt.asUintN(64, (0x0101010101010101n * BigInt(k)) ^ (BigInt(k) << 56n) ^ BigInt(k * 7));
const immArg = (k: number): number => -1000 * k - k; // negative: sign extension is part of the check

/** Caller: R1..R5 and the stack-argument slots for `n` arguments, values argValue(1..n) (odd slots by imm). */
function emitArgs(a: Asm, n: number): bigint[] {
  const vals: bigint[] = [];
  for (let k = 1; k <= n; k++) {
    if (k <= 5) {
      a.emit(B.ldImm64(k, argValue(k)));
      vals.push(argValue(k));
    } else if (k % 2 === 0) {
      a.emit(B.ldImm64(0, argValue(k)), B.stackArgStore(k, 0));
      vals.push(argValue(k));
    } else {
      a.emit(B.stackArgStoreImm(k, immArg(k)));
      vals.push(BigInt.asUintN(64, BigInt(immArg(k))));
    }
  }
  return vals;
}

/** Callee body: r0 = mix(args 1..n), loading args 6.. from r11 before any call. */
function emitMixArgs(a: Asm, n: number): void {
  a.emit(B.mov64Imm(0, 0));
  for (let k = 1; k <= n; k++) {
    a.emit(B.alu64Imm(BPF_MUL, 0, 31));
    if (k <= 5) a.emit(B.alu64Reg(BPF_ADD, 0, k));
    else a.emit(B.stackArgLoad(6, k), B.alu64Reg(BPF_ADD, 0, 6));
  }
}

function bothAgree(a: Asm, opts: ConstructorParameters<typeof NativeProgram>[1] = {}): bigint {
  const p = a.program();
  const native = runNative(p, opts);
  const interp = new Interpreter(p, opts as never).run({}).r0;
  expect(native).toBe(interp);
  return native;
}

describe('bpf-to-bpf calls with stack arguments', () => {
  test.each([1, 5, 6, 7, 8, 12])('%i arguments reach the subprogram in order', (n) => {
    const a = new Asm();
    const vals = emitArgs(a, n);
    a.call('f').emit(B.exit());
    a.func('f', n);
    emitMixArgs(a, n);
    a.emit(B.exit());
    expect(bothAgree(a)).toBe(mix(vals));
    // And in the sandbox.
    expect(runNative(a.program(), { sandbox: true })).toBe(mix(vals));
  });

  test('a chain main -> f(12) -> g(7) -> h(8): each level passes its own outgoing slots', () => {
    const a = new Asm();
    const v12 = emitArgs(a, 12);
    a.call('f').emit(B.exit());
    a.func('f', 12);
    emitMixArgs(a, 12);
    a.emit(B.mov64Reg(7, 0)); // r7 = mix(12 args), callee-saved across the next call
    const v7 = emitArgs(a, 7);
    a.call('g');
    a.emit(B.alu64Reg(BPF_XOR, 0, 7), B.exit());
    a.func('g', 7);
    emitMixArgs(a, 7);
    a.emit(B.mov64Reg(8, 0));
    const v8 = emitArgs(a, 8);
    a.call('h');
    a.emit(B.alu64Reg(BPF_ADD, 0, 8), B.exit());
    a.func('h', 8);
    emitMixArgs(a, 8);
    a.emit(B.exit());
    const want = mix(v12) ^ ((mix(v7) + mix(v8)) & M);
    expect(bothAgree(a)).toBe(want);
  });

  test('R6..R9 survive a callee that uses them; the ST-imm arg6 arrives sign-extended in r9', () => {
    const a = new Asm();
    a.emit(B.mov64Imm(6, 6), B.mov64Imm(7, 7), B.mov64Imm(8, 8), B.mov64Imm(9, 9));
    a.emit(B.mov64Imm(1, 1), B.mov64Imm(2, 2), B.mov64Imm(3, 3), B.mov64Imm(4, 4), B.mov64Imm(5, 5), B.stackArgStoreImm(6, -5));
    a.call('f');
    // r0 = f's result * 10000 + r6*1000 + r7*100 + r8*10 + r9
    a.emit(B.alu64Imm(BPF_MUL, 0, 10), B.alu64Reg(BPF_ADD, 0, 6), B.alu64Imm(BPF_MUL, 0, 10), B.alu64Reg(BPF_ADD, 0, 7));
    a.emit(B.alu64Imm(BPF_MUL, 0, 10), B.alu64Reg(BPF_ADD, 0, 8), B.alu64Imm(BPF_MUL, 0, 10), B.alu64Reg(BPF_ADD, 0, 9), B.exit());
    a.func('f', 6);
    a.emit(B.stackArgLoad(0, 6), B.mov64Imm(6, 60), B.mov64Imm(7, 70), B.mov64Imm(8, 80), B.mov64Imm(9, 90), B.exit());
    expect(BigInt.asIntN(64, bothAgree(a))).toBe(-5n * 10000n + 6789n);
  });
});

describe('helper and kfunc calls (JS callbacks) with up to 12 arguments', () => {
  test.each([1, 3, 5])('helper with %i arguments', (n) => {
    const a = new Asm();
    const vals = emitArgs(a, n);
    a.emit(B.callHelper(40 + n), B.exit());
    const seen: bigint[][] = [];
    const helpers = new Map([[40 + n, { argCount: n, fn: (_c: NativeCallContext, ...x: bigint[]) => (seen.push(x), mix(x)) }]]);
    expect(bothAgree(a, { helpers })).toBe(mix(vals));
    expect(seen[0]).toEqual(vals);
  });

  test.each([6, 7, 8, 12])('kfunc with %i arguments (declared and inferred argument counts)', (n) => {
    const a = new Asm();
    const vals = emitArgs(a, n);
    a.emit(B.callKfunc(1000 + n), B.exit());
    const declared = new Map([[1000 + n, { argCount: n, fn: (_c: NativeCallContext, ...x: bigint[]) => mix(x) }]]);
    expect(bothAgree(a, { kfuncs: declared })).toBe(mix(vals));
    const inferred = new Map([[1000 + n, { fn: (_c: NativeCallContext, ...x: bigint[]) => (expect(x).toHaveLength(n), mix(x)) }]]);
    expect(bothAgree(a, { kfuncs: inferred })).toBe(mix(vals));
  });

  test('a subprogram with 12 arguments calls a 12-argument kfunc with its own values', () => {
    const a = new Asm();
    const outer = emitArgs(a, 12);
    a.call('f').emit(B.exit());
    a.func('f', 12);
    emitMixArgs(a, 12);
    a.emit(B.mov64Reg(9, 0));
    const inner = emitArgs(a, 12);
    a.emit(B.callKfunc(77), B.alu64Reg(BPF_XOR, 0, 9), B.exit());
    const kfuncs = new Map([[77, { argCount: 12, fn: (_c: NativeCallContext, ...x: bigint[]) => mix(x) }]]);
    expect(bothAgree(a, { kfuncs })).toBe(mix(inner) ^ mix(outer));
  });
});

/** Native callee: returns (rsp at entry + 8) & 15 — 0 iff rsp was 16-byte aligned at the call. */
const ALIGN_CHECK = Uint8Array.from([
  0x48, 0x8d, 0x44, 0x24, 0x08, // leaq 0x8(%rsp), %rax
  0x83, 0xe0, 0x0f, // andl $0xf, %eax
  0xc3, // retq
]);
/** Native callee: a1 + 2*a2 + … + 12*a12 (mod 2^64) — arguments 7..12 read from the stack. */
const WEIGHTED_SUM = Uint8Array.from([
  0x48, 0x89, 0xf8, // movq %rdi, %rax
  0x48, 0x8d, 0x04, 0x70, // leaq (%rax,%rsi,2), %rax
  0x48, 0x6b, 0xd2, 0x03, 0x48, 0x01, 0xd0, // imulq $3,%rdx,%rdx; addq %rdx,%rax
  0x48, 0x6b, 0xc9, 0x04, 0x48, 0x01, 0xc8, // imulq $4,%rcx,%rcx; addq %rcx,%rax
  0x4d, 0x6b, 0xc0, 0x05, 0x4c, 0x01, 0xc0, // imulq $5,%r8,%r8; addq %r8,%rax
  0x4d, 0x6b, 0xc9, 0x06, 0x4c, 0x01, 0xc8, // imulq $6,%r9,%r9; addq %r9,%rax
  ...[7, 8, 9, 10, 11, 12].flatMap((k) => [0x4c, 0x6b, 0x54, 0x24, 8 * (k - 6), k, 0x4c, 0x01, 0xd0]), // imulq $k, 8*(k-6)(%rsp), %r10; addq %r10, %rax
  0xc3,
]);

describe('rsp is 16-byte aligned at every call (a native callee checks)', () => {
  const code = new ExecutableCode(Uint8Array.from([...ALIGN_CHECK, ...WEIGHTED_SUM]));
  const kfuncs = new Map([
    [1, { native: code.address(0), argCount: 12 }],
    [2, { native: code.address(ALIGN_CHECK.length), argCount: 12 }],
  ]);

  test('the native weighted sum sees all 12 arguments in their SysV places', () => {
    const a = new Asm();
    const vals = emitArgs(a, 12);
    a.emit(B.callKfunc(2), B.exit());
    const want = vals.reduce((s, v, k) => (s + BigInt(k + 1) * v) & M, 0n);
    expect(runNative(a.program(), { kfuncs })).toBe(want);
    expect(runNative(a.program(), { kfuncs, sandbox: true })).toBe(want);
  });

  test('frames of every shape call the checker with an aligned stack', () => {
    // Functions differ in callee-saved registers used (0..4), stack depth, outgoing slots and may_goto.
    const a = new Asm();
    a.emit(B.mov64Imm(6, 0));
    const shapes = 12;
    for (let s = 0; s < shapes; s++) {
      emitArgs(a, s % 2 === 0 ? 12 : 7);
      a.call(`f${s}`);
      a.emit(B.alu64Reg(BPF_ADD, 6, 0));
    }
    emitArgs(a, 12);
    a.emit(B.callKfunc(1), B.alu64Reg(BPF_ADD, 0, 6), B.exit());
    for (let s = 0; s < shapes; s++) {
      a.func(`f${s}`, s % 2 === 0 ? 12 : 7);
      const used = s % 5; // callee-saved registers touched
      for (let r = 0; r < used; r++) a.emit(B.mov64Imm(6 + r, r));
      if (s % 3 !== 0) a.emit(B.stMem(BPF_DW, 10, -8 * (s + 1), s)); // stack depth 8*(s+1)
      if (s % 4 === 1) a.emit(B.mayGoto(0));
      emitArgs(a, 6 + (s % 7)); // 6..12 outgoing args: odd and even outgoing areas
      a.emit(B.callKfunc(1), B.mov64Reg(7, 0));
      emitArgs(a, 12);
      a.emit(B.callKfunc(1), B.alu64Reg(BPF_ADD, 0, 7));
      for (let r = 0; r < used; r++) if (r !== 1) a.emit(B.alu64Reg(BPF_ADD, 0, 6 + r), B.alu64Reg(0x10, 0, 6 + r)); // r0 unchanged
      a.emit(B.exit());
    }
    const p = a.program();
    expect(runNative(p, { kfuncs })).toBe(0n);
    expect(runNative(p, { kfuncs, sandbox: true })).toBe(0n);
  });

  test('JS callbacks survive being called from every frame shape too', () => {
    const a = new Asm();
    emitArgs(a, 12);
    a.call('f').emit(B.exit());
    a.func('f', 12);
    a.emit(B.mov64Imm(6, 1), B.stMem(BPF_DW, 10, -24, 3));
    emitArgs(a, 9);
    a.emit(B.callKfunc(5), B.alu64Reg(BPF_ADD, 0, 6), B.exit());
    const k5 = new Map([[5, { fn: (_c: NativeCallContext, ...x: bigint[]) => BigInt(x.length) }]]);
    expect(bothAgree(a, { kfuncs: k5 })).toBe(10n);
  });
});
