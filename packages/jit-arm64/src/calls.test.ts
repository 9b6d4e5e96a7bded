// Calls with up to 12 arguments under qemu: bpf-to-bpf calls (caller: args 6–8 in x5–x7, 9–12
// at [sp]; callee: r11+8.. from x5–x7 and [x29+16..]) and kfuncs written in C inside the
// runner (AAPCS64 sees exactly the same placement). Every result is also checked against the
// interpreter with JS kfuncs computing the same hash. Plus: BPF R0 lives in x8, a kfunc's
// 8th argument arrives in x7 and its x0 result lands in R0, sp is 16-byte aligned at calls.
import { describeUnderQemu } from './test-support/qemu-describe.js';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { Program, insn, type Insn } from '@bpfkit/ir';
import { Interpreter, type ExternEntry } from '@bpfkit/interp';
import { jitArm64Compile } from './jit.js';
import { printArm64Listing } from './listing.js';
import { ensureArm64Runner, runArm64Batch } from './qemu-runner.js';

const M64 = (1n << 64n) - 1n;
const hash = (args: readonly bigint[]): bigint => args.reduce((h, a) => (h * 31n + a) & M64, 0n);
const kfuncs = new Map<number, ExternEntry>([
  [6, { argCount: 6, fn: (_c, ...a) => hash(a) }],
  [7, { argCount: 7, fn: (_c, ...a) => hash(a) }],
  [8, { argCount: 8, fn: (_c, ...a) => hash(a) }],
  [12, { argCount: 12, fn: (_c, ...a) => hash(a) }],
  [20, { argCount: 0, fn: () => 0n }],
  [21, { argCount: 8, fn: (_c, ...a) => a[7]! }],
]);

const ldImm64 = (dst: number, v: bigint): Insn[] => {
  const u = BigInt.asUintN(64, v);
  return [insn(0x18, dst, 0, 0, Number(BigInt.asIntN(32, u & 0xffffffffn))), insn(0, 0, 0, 0, Number(BigInt.asIntN(32, u >> 32n)))];
};
const mov = (dst: number, imm: number): Insn => insn(0xb7, dst, 0, 0, imm);
const exit = insn(0x95);
/** Distinct 64-bit argument values; odd stack args (7, 9, 11) travel as `st` imm32 (sign-extended). */
const argValue = (k: number): bigint => (k >= 7 && k % 2 === 1 ? BigInt.asUintN(64, BigInt(-1000 * k)) : (0x1111111111111111n * BigInt(k)) ^ BigInt(k << 4));

/** Caller: R6..R9 = marks, args 1..n, the call, then R0 += R6 + R7 + R8 + R9 (callee-saved check). */
function caller(n: number, call: Insn): Insn[] {
  const out: Insn[] = [mov(6, 0x66), mov(7, 0x77), mov(8, 0x88), mov(9, 0x99)];
  for (let k = 1; k <= Math.min(n, 5); k++) out.push(...ldImm64(k, argValue(k)));
  for (let k = 6; k <= n; k++) {
    const off = -8 * (k - 5);
    if (k >= 7 && k % 2 === 1) out.push(insn(0x7a, 11, 0, off, -1000 * k));
    else out.push(...ldImm64(0, argValue(k)), insn(0x7b, 11, 0, off, 0));
  }
  out.push(call, insn(0x0f, 0, 6), insn(0x0f, 0, 7), insn(0x0f, 0, 8), insn(0x0f, 0, 9), exit);
  return out;
}
/** Callee: R0 = hash of its n arguments (stack args through r11 loads), clobbering R6..R9. */
function hashCallee(n: number): Insn[] {
  const out: Insn[] = [mov(0, 0), mov(7, 1), mov(8, 2), mov(9, 3)];
  for (let k = 1; k <= Math.min(n, 5); k++) out.push(insn(0x27, 0, 0, 0, 31), insn(0x0f, 0, k));
  for (let k = 6; k <= n; k++) out.push(insn(0x79, 6, 11, 8 * (k - 5), 0), insn(0x27, 0, 0, 0, 31), insn(0x0f, 0, 6));
  out.push(exit);
  return out;
}
/** Callee that forwards its n arguments to kfunc n: loads (spilled to its stack), then stores, then the call. */
function forwardCallee(n: number): Insn[] {
  const out: Insn[] = [];
  for (let k = 6; k <= n; k++) out.push(insn(0x79, 0, 11, 8 * (k - 5), 0), insn(0x7b, 10, 0, -8 * (k - 5), 0));
  for (let k = 6; k <= n; k++) out.push(insn(0x79, 0, 10, -8 * (k - 5), 0), insn(0x7b, 11, 0, -8 * (k - 5), 0));
  out.push(insn(0x85, 0, 2, 0, n), exit);
  return out;
}
function withCallee(n: number, callee: Insn[]): Program {
  const main = caller(n, insn(0x85, 0, 1, 0, 0));
  const callIdx = main.findIndex((x) => x.code === 0x85);
  main[callIdx] = insn(0x85, 0, 1, 0, main.length - callIdx - 1);
  return Program.fromInsns([...main, ...callee], { funcs: [{ start: main.length, argCount: n }] });
}

interface Case {
  readonly name: string;
  readonly program: Program;
  readonly expected: bigint;
}
const marks = 0x66n + 0x77n + 0x88n + 0x99n;
const argsOf = (n: number): bigint[] => Array.from({ length: n }, (_, k) => argValue(k + 1));
const cases: Case[] = [];
for (const n of [6, 7, 8, 12]) {
  cases.push({ name: `subprog with ${n} args`, program: withCallee(n, hashCallee(n)), expected: (hash(argsOf(n)) + marks) & M64 });
  cases.push({ name: `kfunc with ${n} args`, program: Program.fromInsns(caller(n, insn(0x85, 0, 2, 0, n))), expected: (hash(argsOf(n)) + marks) & M64 });
  cases.push({ name: `subprog forwarding ${n} args to a kfunc`, program: withCallee(n, forwardCallee(n)), expected: (hash(argsOf(n)) + marks) & M64 });
}
// sp alignment at kfunc calls: from main, and from callees with 1..4 on-stack outgoing args and a stack.
for (const n of [0, 9, 10, 11, 12]) {
  const body: Insn[] = [mov(0, 1), insn(0x7b, 10, 0, -8, 0)];
  for (let k = 6; k <= n; k++) body.push(insn(0x7a, 11, 0, -8 * (k - 5), k));
  body.push(insn(0x85, 0, 2, 0, 20), exit);
  cases.push({ name: `sp is 16-byte aligned at a kfunc call with ${n} outgoing args`, program: Program.fromInsns(body), expected: 0n });
}
const x7Program = Program.fromInsns(caller(8, insn(0x85, 0, 2, 0, 21)));
cases.push({ name: 'kfunc 21 returns x7: argument 8 arrives in x7', program: x7Program, expected: (argValue(8) + marks) & M64 });

describeUnderQemu('calls with stack arguments under qemu-aarch64', () => {
  let got: string[] = [];
  beforeAll(() => {
    ensureArm64Runner();
    got = runArm64Batch(cases.map((c) => {
      const r = jitArm64Compile(c.program);
      return { code: r.code, entry: r.entry };
    })).map((r) => (r.ok ? `0x${r.r0.toString(16)}` : `fault ${r.fault}`));
  }, 180_000);

  test.each(cases.map((c, k) => [c.name, k] as const))('%s', (_name, k) => {
    const c = cases[k]!;
    expect(got[k]).toBe(`0x${c.expected.toString(16)}`);
    const interp = new Interpreter(c.program, { kfuncs }).run({}).r0;
    expect(`0x${interp.toString(16)}`).toBe(`0x${c.expected.toString(16)}`);
  });

  test('BPF R0 lives in x8; arg 8 goes to x7; the kfunc result moves from x0 into x8', () => {
    const r0is1 = jitArm64Compile(Program.fromInsns([mov(0, 1), exit]));
    const words = new Uint32Array(r0is1.code.buffer, r0is1.code.byteOffset, r0is1.code.length / 4);
    expect([...words]).toContain(0x52800028); // mov w8, #1
    const listing = printArm64Listing(jitArm64Compile(x7Program), x7Program);
    expect(listing).toMatch(/; \d+: \(7b\) \*\(u64 \*\)\(r11 -24\) = r0\n[^\n]*\tmov\tx7, x8\n/);
    expect(listing).toMatch(/\tblr\tx9\n[^\n]*\tmov\tx8, x0\n/);
    expect(listing).toMatch(/\tmov\tx0, x8\n[^\n]*\tret\n/); // epilogue: R0 -> return value
  });

  test('a callee reads args 9+ at [x29+16..] and args 6-8 from x5-x7; the caller stores 9+ at [sp]', () => {
    const p = withCallee(12, hashCallee(12));
    const listing = printArm64Listing(jitArm64Compile(p), p);
    expect(listing).toContain('ldr\tx19, [x29, #16]');
    expect(listing).toContain('ldr\tx19, [x29, #40]');
    expect(listing).toContain('mov\tx19, x5');
    expect(listing).toContain('mov\tx19, x7');
    expect(listing).toContain('str\tx10, [sp]'); // arg 9 (st imm through x10)
    expect(listing).toContain('str\tx8, [sp, #24]'); // arg 12 from R0 (x8)
    expect(listing).toMatch(/sub\tsp, sp, #32/); // 4 on-stack args: 32 bytes, 16-byte aligned
  });
});
