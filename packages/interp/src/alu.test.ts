// ALU and JMP semantics against an independent BigInt reference model (written from RFC 9669
// and the Linux rules, not from the implementation): every op, 32/64-bit, K/X, signed
// variants, over a grid of edge values plus fast-check random operands. Then hand-derived
// table rows for each edge case the issue lists.
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import {
  BPF_ADD, BPF_AND, BPF_ARSH, BPF_DIV, BPF_JEQ, BPF_JGE, BPF_JGT, BPF_JLE, BPF_JLT, BPF_JNE, BPF_JSET, BPF_JSGE, BPF_JSGT,
  BPF_JSLE, BPF_JSLT, BPF_LSH, BPF_MOD, BPF_MOV, BPF_MUL, BPF_NEG, BPF_OR, BPF_RSH, BPF_SUB, BPF_XOR, build as b, type Insn,
} from '@bpfkit/ir';
import { Interpreter } from './interpreter.js';
import { S32, S64, U32, U64, prog, run } from './test-support/programs.js';

type Alu = { name: string; op: number; off?: number; ref64: (a: bigint, b: bigint) => bigint; ref32: (a: bigint, b: bigint) => bigint };

// Reference: a, b are the (already width-adjusted) unsigned operands.
const ALU: Alu[] = [
  { name: 'add', op: BPF_ADD, ref64: (a, c) => U64(a + c), ref32: (a, c) => U32(a + c) },
  { name: 'sub', op: BPF_SUB, ref64: (a, c) => U64(a - c), ref32: (a, c) => U32(a - c) },
  { name: 'mul', op: BPF_MUL, ref64: (a, c) => U64(a * c), ref32: (a, c) => U32(a * c) },
  { name: 'div', op: BPF_DIV, ref64: (a, c) => (c === 0n ? 0n : a / c), ref32: (a, c) => (c === 0n ? 0n : a / c) },
  { name: 'sdiv', op: BPF_DIV, off: 1, ref64: (a, c) => (c === 0n ? 0n : U64(S64(a) / S64(c))), ref32: (a, c) => (c === 0n ? 0n : U32(S32(a) / S32(c))) },
  { name: 'mod', op: BPF_MOD, ref64: (a, c) => (c === 0n ? a : a % c), ref32: (a, c) => (c === 0n ? a : a % c) },
  { name: 'smod', op: BPF_MOD, off: 1, ref64: (a, c) => (c === 0n ? a : U64(S64(a) % S64(c))), ref32: (a, c) => (c === 0n ? a : U32(S32(a) % S32(c))) },
  { name: 'or', op: BPF_OR, ref64: (a, c) => a | c, ref32: (a, c) => a | c },
  { name: 'and', op: BPF_AND, ref64: (a, c) => a & c, ref32: (a, c) => a & c },
  { name: 'xor', op: BPF_XOR, ref64: (a, c) => a ^ c, ref32: (a, c) => a ^ c },
  { name: 'lsh', op: BPF_LSH, ref64: (a, c) => U64(a << (c & 63n)), ref32: (a, c) => U32(a << (c & 31n)) },
  { name: 'rsh', op: BPF_RSH, ref64: (a, c) => a >> (c & 63n), ref32: (a, c) => a >> (c & 31n) },
  { name: 'arsh', op: BPF_ARSH, ref64: (a, c) => U64(S64(a) >> (c & 63n)), ref32: (a, c) => U32(S32(a) >> (c & 31n)) },
  { name: 'mov', op: BPF_MOV, ref64: (_a, c) => c, ref32: (_a, c) => c },
];

const EDGE: bigint[] = [
  0n, 1n, 2n, 3n, 7n, 31n, 32n, 33n, 63n, 64n, 0x7fn, 0x80n, 0xffn, 0x7fffn, 0x8000n, 0xffffn, 0x7fffffffn, 0x80000000n, 0xffffffffn,
  0x100000000n, 0x100000001n, 0x7fffffffffffffffn, 0x8000000000000000n, 0x8000000000000001n, 0xfffffffffffffffen,
  0xffffffffffffffffn, 0xffffffff80000000n, 0xfffffffffffffff9n, 0x123456789abcdef0n, 0xfedcba9876543210n,
];
const IMMS = [0, 1, -1, 2, -2, 3, 7, -7, 31, 32, 33, 63, 64, 0x7f, 0x80, 0xffff, 0x7fffffff, -0x80000000, 0x12345678, -0x12345678];

const alu = (cls64: boolean, x: boolean, op: number, off: number, imm: number): Insn =>
  cls64 ? (x ? b.alu64Reg(op, 1, 2, off) : b.alu64Imm(op, 1, imm, off)) : x ? b.alu32Reg(op, 1, 2, off) : b.alu32Imm(op, 1, imm, off);

/** An interpreter running `r1 op= (r2 | imm); r0 = r1`, with R1/R2 given per run. */
function aluMachine(cls64: boolean, x: boolean, a: Alu, imm = 0): (v1: bigint, v2?: bigint) => bigint {
  const it = new Interpreter(prog([alu(cls64, x, a.op, a.off ?? 0, imm), b.mov64Reg(0, 1), b.exit()]));
  return (v1, v2 = 0n) => it.run({ args: [v1, v2] }).r0;
}

const refOf = (cls64: boolean, a: Alu, v1: bigint, v2: bigint): bigint =>
  cls64 ? a.ref64(v1, v2) : a.ref32(U32(v1), U32(v2));

describe('ALU ops match the BigInt reference over edge values', () => {
  for (const cls64 of [true, false]) {
    for (const a of ALU) {
      test(`${cls64 ? 'alu64' : 'alu32'} ${a.name} reg`, () => {
        const m = aluMachine(cls64, true, a);
        const bad: string[] = [];
        for (const v1 of EDGE)
          for (const v2 of EDGE) {
            const got = m(v1, v2);
            const want = refOf(cls64, a, v1, v2);
            if (got !== want) bad.push(`${v1.toString(16)} ${a.name} ${v2.toString(16)} = ${got.toString(16)}, want ${want.toString(16)}`);
          }
        expect(bad).toEqual([]);
      });
      test(`${cls64 ? 'alu64' : 'alu32'} ${a.name} imm`, () => {
        const bad: string[] = [];
        for (const imm of IMMS) {
          const m = aluMachine(cls64, false, a, imm);
          // ALU64 sign-extends imm to 64 bits; ALU uses its 32 bits.
          const k = cls64 ? U64(BigInt(imm)) : U32(BigInt(imm));
          for (const v1 of EDGE) {
            const got = m(v1);
            const want = refOf(cls64, a, v1, k);
            if (got !== want) bad.push(`${v1.toString(16)} ${a.name} imm ${imm} = ${got.toString(16)}, want ${want.toString(16)}`);
          }
        }
        expect(bad).toEqual([]);
      });
    }
    test(`${cls64 ? 'alu64' : 'alu32'} neg`, () => {
      const it = new Interpreter(prog([cls64 ? b.alu64Imm(BPF_NEG, 1, 0) : b.alu32Imm(BPF_NEG, 1, 0), b.mov64Reg(0, 1), b.exit()]));
      for (const v of EDGE) expect([v, it.run({ args: [v] }).r0]).toEqual([v, cls64 ? U64(-v) : U32(-U32(v))]);
    });
  }

  test('random operands (fast-check): every op, both widths, register form', () => {
    const machines = ALU.flatMap((a) => [true, false].map((w) => ({ a, w, m: aluMachine(w, true, a) })));
    const u64 = fc.oneof(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.constantFrom(...EDGE));
    fc.assert(
      fc.property(u64, u64, fc.nat(machines.length - 1), (v1, v2, k) => {
        const { a, w, m } = machines[k]!;
        expect(m(v1, v2)).toBe(refOf(w, a, v1, v2));
        // small divisors exercise the double fast paths of div/mod.
        expect(m(v1, v2 & 0xffn)).toBe(refOf(w, a, v1, v2 & 0xffn));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('ALU edge cases (hand-derived)', () => {
  const M = 0xffffffffffffffffn;
  const rows: [string, Insn[], bigint][] = [
    ['add32 wraps and zero-extends', [b.mov64Imm(1, -1), b.alu32Imm(BPF_ADD, 1, 2)], 1n],
    ['mov32 reg zero-extends', [b.mov64Imm(1, -1), b.mov32Reg(1, 1)], 0xffffffffn],
    ['mov32 imm does not sign-extend', [b.mov32Imm(1, -1)], 0xffffffffn],
    ['mov64 imm sign-extends', [b.mov64Imm(1, -2)], M - 1n],
    ['lsh64 by 64 is masked to 0', [b.mov64Imm(1, 5), b.mov64Imm(2, 64), b.alu64Reg(BPF_LSH, 1, 2)], 5n],
    ['lsh64 by 65 is masked to 1', [b.mov64Imm(1, 5), b.mov64Imm(2, 65), b.alu64Reg(BPF_LSH, 1, 2)], 10n],
    ['lsh32 by 33 is masked to 1', [b.mov64Imm(1, 5), b.mov64Imm(2, 33), b.alu32Reg(BPF_LSH, 1, 2)], 10n],
    ['rsh64 by 32 crosses the halves', [...b.ldImm64(1, 0x123456789abcdef0n), b.alu64Imm(BPF_RSH, 1, 32)], 0x12345678n],
    ['arsh64 keeps the sign', [b.mov64Imm(1, -16), b.alu64Imm(BPF_ARSH, 1, 2)], M - 3n],
    ['arsh32 works on the low word and zero-extends', [b.mov64Imm(1, -0x80000000), b.alu32Imm(BPF_ARSH, 1, 31)], 0xffffffffn],
    ['udiv64 by zero register is 0', [b.mov64Imm(1, 77), b.mov64Imm(2, 0), b.alu64Reg(BPF_DIV, 1, 2)], 0n],
    ['umod64 by zero keeps dst', [...b.ldImm64(1, 0x1234567890n), b.mov64Imm(2, 0), b.alu64Reg(BPF_MOD, 1, 2)], 0x1234567890n],
    ['umod32 by zero keeps the low 32 bits, zero-extended', [...b.ldImm64(1, 0x123456789n), b.mov64Imm(2, 0), b.alu32Reg(BPF_MOD, 1, 2)], 0x23456789n],
    ['udiv32 by zero is 0 (upper bits cleared)', [...b.ldImm64(1, 0x123456789n), b.alu32Imm(BPF_DIV, 1, 0)], 0n],
    ['udiv64 imm -1 divides by 2^64-1', [b.mov64Imm(1, -1), b.alu64Imm(BPF_DIV, 1, -1)], 1n],
    ['udiv64 imm -1 of a small value is 0', [b.mov64Imm(1, 5), b.alu64Imm(BPF_DIV, 1, -1)], 0n],
    ['udiv32 imm -1 divides by 0xffffffff', [b.mov32Imm(1, -1), b.alu32Imm(BPF_DIV, 1, -1)], 1n],
    ['sdiv64 INT64_MIN / -1 = INT64_MIN', [...b.ldImm64(1, 0x8000000000000000n), b.alu64Imm(BPF_DIV, 1, -1, 1)], 0x8000000000000000n],
    ['smod64 INT64_MIN % -1 = 0', [...b.ldImm64(1, 0x8000000000000000n), b.alu64Imm(BPF_MOD, 1, -1, 1)], 0n],
    ['sdiv32 INT32_MIN / -1 = INT32_MIN, zero-extended', [b.mov32Imm(1, -0x80000000), b.alu32Imm(BPF_DIV, 1, -1, 1)], 0x80000000n],
    ['smod32 INT32_MIN % -1 = 0', [b.mov32Imm(1, -0x80000000), b.alu32Imm(BPF_MOD, 1, -1, 1)], 0n],
    ['sdiv64 -7 / 2 = -3 (truncates)', [b.mov64Imm(1, -7), b.alu64Imm(BPF_DIV, 1, 2, 1)], M - 2n],
    ['smod64 -7 % 2 = -1 (sign of dividend)', [b.mov64Imm(1, -7), b.alu64Imm(BPF_MOD, 1, 2, 1)], M],
    ['smod64 7 % -2 = 1', [b.mov64Imm(1, 7), b.alu64Imm(BPF_MOD, 1, -2, 1)], 1n],
    ['sdiv64 by zero is 0', [b.mov64Imm(1, -7), b.mov64Imm(2, 0), b.alu64Reg(BPF_DIV, 1, 2, 1)], 0n],
    ['smod64 by zero keeps dst', [b.mov64Imm(1, -7), b.mov64Imm(2, 0), b.alu64Reg(BPF_MOD, 1, 2, 1)], M - 6n],
    ['smod32 by zero keeps the low 32 bits', [b.mov64Imm(1, -7), b.mov64Imm(2, 0), b.alu32Reg(BPF_MOD, 1, 2, 1)], 0xfffffff9n],
    ['sdiv64 with a 64-bit divisor', [...b.ldImm64(1, -0x100000000000n), ...b.ldImm64(2, 0x300000000n), b.alu64Reg(BPF_DIV, 1, 2, 1)], M - 0x555n + 1n],
    ['mul64 high bits', [...b.ldImm64(1, 0xffffffffn), b.alu64Reg(BPF_MUL, 1, 1)], 0xfffffffe00000001n],
    ['mul32 keeps the low word only', [...b.ldImm64(1, 0x1ffffffffn), b.alu32Imm(BPF_MUL, 1, 3)], 0xfffffffdn],
    ['neg64 of 0', [b.mov64Imm(1, 0), b.alu64Imm(BPF_NEG, 1, 0)], 0n],
    ['neg32 of INT32_MIN', [b.mov32Imm(1, -0x80000000), b.alu32Imm(BPF_NEG, 1, 0)], 0x80000000n],
    ['movsx64 8', [b.mov64Imm(2, 0x180), b.alu64Reg(BPF_MOV, 1, 2, 8)], M - 0x7fn],
    ['movsx64 16', [b.mov64Imm(2, 0x18000), b.alu64Reg(BPF_MOV, 1, 2, 16)], M - 0x7fffn],
    ['movsx64 16 positive', [b.mov64Imm(2, 0x7fff), b.alu64Reg(BPF_MOV, 1, 2, 16)], 0x7fffn],
    ['movsx64 32', [...b.ldImm64(2, 0x180000000n), b.alu64Reg(BPF_MOV, 1, 2, 32)], 0xffffffff80000000n],
    ['movsx32 8 zero-extends the 32-bit result', [b.mov64Imm(2, 0x80), b.alu32Reg(BPF_MOV, 1, 2, 8)], 0xffffff80n],
    ['movsx32 16', [b.mov64Imm(2, 0x8001), b.alu32Reg(BPF_MOV, 1, 2, 16)], 0xffff8001n],
    ['ld_imm64 full width', [...b.ldImm64(1, 0xdeadbeefcafebaben)], 0xdeadbeefcafebaben],
  ];
  test.each(rows)('%s', (_n, body, want) => {
    expect(run([...body, b.mov64Reg(0, 1), b.exit()])).toBe(want);
  });
});

describe('byte swaps (le / be / bswap)', () => {
  const V = 0x123456789abcdef0n;
  const end = (cls: number, src: number, width: number): Insn => ({ code: cls | 0xd0 | src, dst: 1, src: 0, off: 0, imm: width });
  const rows: [string, Insn, bigint][] = [
    ['le16 truncates', end(0x04, 0x00, 16), 0xdef0n],
    ['le32 truncates', end(0x04, 0x00, 32), 0x9abcdef0n],
    ['le64 is identity', end(0x04, 0x00, 64), V],
    ['be16 swaps and zero-extends', end(0x04, 0x08, 16), 0xf0den],
    ['be32', end(0x04, 0x08, 32), 0xf0debc9an],
    ['be64', end(0x04, 0x08, 64), 0xf0debc9a78563412n],
    ['bswap16', end(0x07, 0x00, 16), 0xf0den],
    ['bswap32', end(0x07, 0x00, 32), 0xf0debc9an],
    ['bswap64', end(0x07, 0x00, 64), 0xf0debc9a78563412n],
  ];
  test.each(rows)('%s', (_n, insn, want) => {
    expect(run([...b.ldImm64(1, V), insn, b.mov64Reg(0, 1), b.exit()])).toBe(want);
  });
});

type Jmp = { name: string; op: number; ref: (a: bigint, c: bigint) => boolean; signed: boolean };
const JMPS: Jmp[] = [
  { name: 'jeq', op: BPF_JEQ, ref: (a, c) => a === c, signed: false },
  { name: 'jne', op: BPF_JNE, ref: (a, c) => a !== c, signed: false },
  { name: 'jgt', op: BPF_JGT, ref: (a, c) => a > c, signed: false },
  { name: 'jge', op: BPF_JGE, ref: (a, c) => a >= c, signed: false },
  { name: 'jlt', op: BPF_JLT, ref: (a, c) => a < c, signed: false },
  { name: 'jle', op: BPF_JLE, ref: (a, c) => a <= c, signed: false },
  { name: 'jset', op: BPF_JSET, ref: (a, c) => (a & c) !== 0n, signed: false },
  { name: 'jsgt', op: BPF_JSGT, ref: (a, c) => a > c, signed: true },
  { name: 'jsge', op: BPF_JSGE, ref: (a, c) => a >= c, signed: true },
  { name: 'jslt', op: BPF_JSLT, ref: (a, c) => a < c, signed: true },
  { name: 'jsle', op: BPF_JSLE, ref: (a, c) => a <= c, signed: true },
];

function jmpMachine(w64: boolean, x: boolean, op: number, imm = 0): (v1: bigint, v2?: bigint) => bigint {
  const j = w64 ? (x ? b.jmpReg(op, 1, 2, 1) : b.jmpImm(op, 1, imm, 1)) : x ? b.jmp32Reg(op, 1, 2, 1) : b.jmp32Imm(op, 1, imm, 1);
  const it = new Interpreter(prog([b.mov64Imm(0, 0), j, b.exit(), b.mov64Imm(0, 1), b.exit()]));
  return (v1, v2 = 0n) => it.run({ args: [v1, v2] }).r0;
}

const jref = (w64: boolean, j: Jmp, v1: bigint, v2: bigint): bigint => {
  const a = w64 ? v1 : U32(v1);
  const c = w64 ? v2 : U32(v2);
  const norm = (v: bigint) => (j.signed ? (w64 ? S64(v) : S32(v)) : v);
  return j.ref(norm(a), norm(c)) ? 1n : 0n;
};

describe('conditional jumps match the reference (JMP and JMP32, K and X)', () => {
  for (const w64 of [true, false])
    for (const j of JMPS) {
      test(`${w64 ? 'jmp' : 'jmp32'} ${j.name}`, () => {
        const bad: string[] = [];
        const mx = jmpMachine(w64, true, j.op);
        for (const v1 of EDGE) for (const v2 of EDGE) if (mx(v1, v2) !== jref(w64, j, v1, v2)) bad.push(`reg ${v1.toString(16)} ${v2.toString(16)}`);
        for (const imm of IMMS) {
          const mk = jmpMachine(w64, false, j.op, imm);
          // JMP sign-extends imm to 64 bits; JMP32 compares against its 32 bits.
          const k = w64 ? U64(BigInt(imm)) : U32(BigInt(imm));
          for (const v1 of EDGE) if (mk(v1) !== jref(w64, j, v1, k)) bad.push(`imm ${v1.toString(16)} ${imm}`);
        }
        expect(bad).toEqual([]);
      });
    }

  test('JMP32 looks only at the low 32 bits', () => {
    const hiOnly = 0x100000000n;
    expect(jmpMachine(false, false, BPF_JEQ, 0)(hiOnly)).toBe(1n);
    expect(jmpMachine(true, false, BPF_JEQ, 0)(hiOnly)).toBe(0n);
    expect(jmpMachine(false, false, BPF_JSLT, 0)(0x80000000n)).toBe(1n);
    expect(jmpMachine(true, false, BPF_JSLT, 0)(0x80000000n)).toBe(0n);
  });

  test('gotol jumps with its 32-bit imm; ja with its 16-bit off', () => {
    const far = 40000; // beyond a 16-bit offset
    const body: Insn[] = [b.mov64Imm(0, 1), b.gotol(far)];
    for (let i = 0; i < far; i++) body.push(b.mov64Imm(0, 2));
    body.push(b.alu64Imm(BPF_ADD, 0, 10), b.ja(1), b.mov64Imm(0, 99), b.exit());
    expect(run(body)).toBe(11n);
  });
});
