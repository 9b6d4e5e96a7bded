// The two benchmark loops of bench/interp.bench.js (copied here), checked against a BigInt
// model of the same arithmetic, so the throughput figures are for correct execution.
import { describe, expect, test } from '@jest/globals';
import {
  BPF_ADD, BPF_AND, BPF_DW, BPF_JNE, BPF_LSH, BPF_MUL, BPF_OR, BPF_RSH, BPF_SUB, BPF_W, BPF_XOR, Program, build as b,
} from '@bpfkit/ir';
import { Interpreter } from './interpreter.js';
import { U32, U64 } from './test-support/programs.js';

const loopA = Program.fromInsns([
  b.mov64Reg(4, 1), b.mov64Imm(0, 1), b.mov64Imm(1, 0x12345), b.mov64Imm(2, -7), b.mov64Imm(3, 0x7fff1234),
  b.alu64Reg(BPF_ADD, 0, 1), b.alu64Reg(BPF_XOR, 1, 2), b.alu64Imm(BPF_ADD, 2, 7), b.alu64Imm(BPF_AND, 3, 0x7fffffff),
  b.alu64Imm(BPF_LSH, 0, 3), b.alu64Reg(BPF_OR, 1, 3), b.alu64Imm(BPF_RSH, 0, 2), b.alu64Reg(BPF_SUB, 3, 0),
  b.alu64Imm(BPF_SUB, 4, 1), b.jmpImm(BPF_JNE, 4, 0, -10), b.exit(),
]);
const loopB = Program.fromInsns([
  b.mov64Reg(4, 1), b.mov64Imm(0, 0), b.mov64Imm(1, 0x1234567), b.mov64Imm(2, 0), b.mov64Imm(3, 0),
  b.stxMem(BPF_DW, 10, 1, -8), b.ldxMem(BPF_DW, 2, 10, -8), b.alu64Imm(BPF_MUL, 2, 0x5bd1e995), b.stxMem(BPF_W, 10, 2, -16),
  b.ldxMem(BPF_W, 3, 10, -16), b.alu32Reg(BPF_ADD, 1, 3), b.alu32Imm(BPF_XOR, 1, 0x5a5a5a5a), b.stxMem(BPF_DW, 10, 3, -24),
  b.ldxMem(BPF_DW, 5, 10, -24), b.alu64Reg(BPF_ADD, 0, 5), b.alu64Imm(BPF_SUB, 4, 1), b.jmpImm(BPF_JNE, 4, 0, -12), b.exit(),
]);

function modelA(n: bigint): bigint {
  let [r0, r1, r2, r3] = [1n, 0x12345n, U64(-7n), 0x7fff1234n];
  for (let i = 0n; i < n; i++) {
    r0 = U64(r0 + r1);
    r1 ^= r2;
    r2 = U64(r2 + 7n);
    r3 &= 0x7fffffffn;
    r0 = U64(r0 << 3n);
    r1 |= r3;
    r0 >>= 2n;
    r3 = U64(r3 - r0);
  }
  return r0;
}

function modelB(n: bigint): bigint {
  let [r0, r1] = [0n, 0x1234567n];
  for (let i = 0n; i < n; i++) {
    const r2 = U64(r1 * 0x5bd1e995n);
    const r3 = U32(r2); // stxw / ldxw keep the low word
    r1 = U32(U32(r1) + r3) ^ 0x5a5a5a5an;
    r0 = U64(r0 + r3);
  }
  return r0;
}

describe('benchmark loops compute what a BigInt model computes', () => {
  test.each([1n, 2n, 1000n, 12345n])('loop A, %i iterations', (n) => {
    const res = new Interpreter(loopA).run({ args: [n] });
    expect(res.r0).toBe(modelA(n));
    expect(res.steps).toBe(5 + 10 * Number(n) + 1);
  });
  test.each([1n, 2n, 1000n, 12345n])('loop B, %i iterations', (n) => {
    const res = new Interpreter(loopB).run({ args: [n] });
    expect(res.r0).toBe(modelB(n));
    expect(res.steps).toBe(5 + 12 * Number(n) + 1);
  });
});
