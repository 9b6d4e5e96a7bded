// prune-dead-branches (bpf_prune_dead_branches, kernel-semantics §2.5): every condition op
// taken and not taken, JMP32's cast through s32, what is left alone, and the offsets after
// the rewrite.
import { describe, expect, test } from '@jest/globals';
import {
  BPF_JEQ, BPF_JGE, BPF_JGT, BPF_JLE, BPF_JLT, BPF_JNE, BPF_JSET, BPF_JSGE, BPF_JSGT, BPF_JSLE, BPF_JSLT, BPF_JMP, BPF_JMP32,
  BPF_ADD, BPF_JA, BpfError, Program, build as b, insn, printKernelProgram, runStandalone, type Insn,
} from '@bpfkit/ir';
import { evalCondJump } from './eval-cond.js';
import { pruneDeadBranches } from './prune-dead-branches.js';
import { computeConstFold } from './compute.js';
import { P, PF, reg } from './test-support/programs.js';

const JA = BPF_JMP | BPF_JA;
/** r1 = a (u32, ld_imm64 so any u32 fits), r2 = bv; <jump at 4, off +2>; r0 = 1; exit; r0 = 2; exit */
function jumpProgram(jump: Insn, a: number, bv = 0): Program {
  return P(b.ldImm64(1, BigInt(a >>> 0)), b.ldImm64(2, BigInt(bv >>> 0)), jump, b.mov64Imm(0, 1), b.exit(), b.mov64Imm(0, 2), b.exit());
}
const prune = (p: Program) => runStandalone(pruneDeadBranches, p);
/** 'taken' (goto +2), 'not taken' (goto +0) or 'kept' (still the original jump). */
function outcome(p: Program): string {
  const r = prune(p);
  const x = r.program.insn(4);
  if (x.code !== JA) {
    expect(r.program).toBe(p);
    expect(r.preserved).toBe('all');
    return 'kept';
  }
  expect(r.preserved).toBe('none');
  expect(x).toEqual({ code: JA, dst: 0, src: 0, off: x.off, imm: 0 });
  if (x.off === 2) return 'taken';
  if (x.off === 0) return 'not taken';
  return `off ${x.off}`;
}

type Row = readonly [string, number, number, number, 'taken' | 'not taken'];
const JMP64_K: readonly Row[] = [
  ['JEQ', BPF_JEQ, 5, 5, 'taken'], ['JEQ', BPF_JEQ, 5, 6, 'not taken'],
  ['JNE', BPF_JNE, 5, 6, 'taken'], ['JNE', BPF_JNE, 5, 5, 'not taken'],
  ['JGT', BPF_JGT, 6, 5, 'taken'], ['JGT', BPF_JGT, 5, 5, 'not taken'],
  ['JGE', BPF_JGE, 5, 5, 'taken'], ['JGE', BPF_JGE, 4, 5, 'not taken'],
  ['JLT', BPF_JLT, 4, 5, 'taken'], ['JLT', BPF_JLT, 5, 5, 'not taken'],
  ['JLE', BPF_JLE, 5, 5, 'taken'], ['JLE', BPF_JLE, 6, 5, 'not taken'],
  ['JSGT', BPF_JSGT, 5, -1, 'taken'], ['JSGT', BPF_JSGT, 1, 1, 'not taken'],
  ['JSGE', BPF_JSGE, 1, 1, 'taken'], ['JSGE', BPF_JSGE, 0, 1, 'not taken'],
  ['JSLT', BPF_JSLT, 0, 1, 'taken'], ['JSLT', BPF_JSLT, 5, -1, 'not taken'],
  ['JSLE', BPF_JSLE, 1, 1, 'taken'], ['JSLE', BPF_JSLE, 2, 1, 'not taken'],
  ['JSET', BPF_JSET, 6, 2, 'taken'], ['JSET', BPF_JSET, 6, 1, 'not taken'],
  // the imm is sign-extended to 64 bits; published constants are u32 (non-negative)
  ['JGT imm -1 is 2^64-1', BPF_JGT, 5, -1, 'not taken'], ['JLT imm -1 is 2^64-1', BPF_JLT, 5, -1, 'taken'],
  ['JEQ 0xffffffff vs imm -1', BPF_JEQ, 0xffffffff, -1, 'not taken'],
  ['JSGT 0xffffffff is positive in 64 bits', BPF_JSGT, 0xffffffff, 0, 'taken'],
];
const JMP32_K: readonly Row[] = [
  ['JEQ', BPF_JEQ, 0xffffffff, -1, 'taken'], ['JNE', BPF_JNE, 7, 7, 'not taken'],
  ['JGT unsigned 32', BPF_JGT, 0x80000000, 0x7fffffff, 'taken'], ['JGE', BPF_JGE, 0x7fffffff, 0x80000000 | 0, 'not taken'],
  ['JLT', BPF_JLT, 1, -1, 'taken'], ['JLE', BPF_JLE, 0xffffffff, 0x7fffffff, 'not taken'],
  ['JSGT s32', BPF_JSGT, 0x80000000, 0, 'not taken'], ['JSGE s32', BPF_JSGE, 0xffffffff, -1, 'taken'],
  ['JSLT s32', BPF_JSLT, 0x80000000, 0, 'taken'], ['JSLE s32', BPF_JSLE, 0x7fffffff, -1, 'not taken'],
  ['JSET high bit', BPF_JSET, 0x80000000, 0x80000000 | 0, 'taken'], ['JSET', BPF_JSET, 0xf0, 0x0f, 'not taken'],
];

describe('prune table: every condition op, taken and not taken', () => {
  test.each(JMP64_K)('JMP %s: r1=%d imm=%d -> %s', (_n, op, a, imm, want) => expect(outcome(jumpProgram(b.jmpImm(op, 1, imm, 2), a))).toBe(want));
  test.each(JMP64_K)('JMP %s (register): r1=%d r2=%d -> %s', (_n, op, a, bv, want) => {
    // A register operand is a published (u32) constant, so -1 is 0xffffffff there; only the
    // rows whose operands are the same in both readings apply.
    if (bv < 0) return;
    expect(outcome(jumpProgram(b.jmpReg(op, 1, 2, 2), a, bv))).toBe(want);
  });
  test.each(JMP32_K)('JMP32 %s: w1=%d imm=%d -> %s', (_n, op, a, imm, want) => expect(outcome(jumpProgram(b.jmp32Imm(op, 1, imm, 2), a))).toBe(want));
  test.each(JMP32_K)('JMP32 %s (register): w1=%d w2=%d -> %s', (_n, op, a, bv, want) => expect(outcome(jumpProgram(b.jmp32Reg(op, 1, 2, 2), a, bv))).toBe(want));
});

describe('JMP32 casts both operands through s32', () => {
  test.each([
    ['s< 0 with the sign bit set', BPF_JSLT, 0x80000000, 0, 'taken', 'not taken'],
    ['== -1', BPF_JEQ, 0xffffffff, -1, 'taken', 'not taken'],
    ['s> -1', BPF_JSGT, 0, -1, 'taken', 'taken'],
    ['s> -1 for 0xffffffff', BPF_JSGT, 0xffffffff, -1, 'not taken', 'taken'],
    ['> 0x7fffffff', BPF_JGT, 0x80000000, 0x7fffffff, 'taken', 'taken'],
  ] as const)('%s: JMP32 %s, JMP %s', (_n, op, a, imm, want32, want64) => {
    expect(outcome(jumpProgram(b.jmp32Imm(op, 1, imm, 2), a))).toBe(want32);
    expect(outcome(jumpProgram(b.jmpImm(op, 1, imm, 2), a))).toBe(want64);
  });
  test('evalCondJump on full 64-bit operands', () => {
    expect(evalCondJump(BPF_JMP | BPF_JEQ, 0xffffffffffffffffn, 0xffffffffffffffffn)).toBe(true);
    expect(evalCondJump(BPF_JMP32 | BPF_JEQ, 0x1ffffffffn, 0xffffffffn)).toBe(true);
    expect(evalCondJump(BPF_JMP | BPF_JSLT, 0x8000000000000000n, 0n)).toBe(true);
    expect(evalCondJump(BPF_JMP | BPF_JLT, 0x8000000000000000n, 0n)).toBe(false);
    expect(() => evalCondJump(BPF_JMP | 0xe0, 1n, 1n)).toThrow(BpfError);
    expect(() => evalCondJump(BPF_JMP | 0xe0, 1n, 1n)).toThrow('Unknown conditional jump e0');
  });
});

describe('left alone', () => {
  const unchanged = (p: Program) => {
    const r = prune(p);
    expect(r.program).toBe(p);
    expect(r.preserved).toBe('all');
  };
  test('dst not a constant', () => unchanged(P(b.jmpImm(BPF_JEQ, 1, 0, 1), b.mov64Imm(0, 0), b.exit())));
  test('src register not a constant', () => unchanged(P(b.mov64Imm(1, 0), b.jmpReg(BPF_JEQ, 1, 2, 1), b.mov64Imm(0, 0), b.exit())));
  test('dst a negative 64-bit constant (not in const_reg_mask)', () => unchanged(P(b.mov64Imm(1, -1), b.jmpImm(BPF_JEQ, 1, -1, 1), b.mov64Imm(0, 0), b.exit())));
  test('dst wider than 32 bits', () => unchanged(P(b.ldImm64(1, 0x100000000n), b.jmpImm(BPF_JGT, 1, 0, 1), b.mov64Imm(0, 0), b.exit())));
  test('dst a map pointer', () => unchanged(P(b.ldImm64(1, 1n, 1), b.jmpImm(BPF_JEQ, 1, 0, 1), b.mov64Imm(0, 0), b.exit())));
  test('may_goto', () => unchanged(P(b.mov64Imm(0, 0), b.mayGoto(1), b.mov64Imm(0, 1), b.exit())));
  test('goto and gotol', () => unchanged(P(b.mov64Imm(1, 0), b.ja(1), b.gotol(0), b.exit())));
  test('an unreachable conditional jump', () => unchanged(P(b.mov64Imm(1, 0), b.exit(), b.jmpImm(BPF_JEQ, 1, 0, -2))));
  test('a constant made inside a loop is not one at the loop head', () =>
    unchanged(P(b.mov64Imm(1, 0), b.jmpImm(BPF_JEQ, 1, 0, 1), b.exit(), b.mov64Imm(1, 1), b.ja(-4))));
});

describe('the rewrite', () => {
  test('keeps every index, target and function; only decided jumps change', () => {
    const p = PF(
      [{ start: 11, name: 'f', argCount: 1 }],
      b.mov64Imm(1, 3), //                      0
      b.ldImm64(2, 0x1234n), //                 1-2
      b.jmpImm(BPF_JGT, 1, 2, 3), //            3 -> 7 (taken)
      b.mov64Imm(0, 0), //                      4
      b.jmpImm(BPF_JEQ, 9, 0, -2), //           5 -> 4 (unknown r9: kept)
      b.exit(), //                              6
      b.jmp32Imm(BPF_JLT, 1, 2, -4), //         7 -> 4 (3 < 2 false: goto +0)
      b.callPseudo(2), //                       8 -> 11
      b.mov64Imm(0, 1), //                      9
      b.exit(), //                              10
      b.mov64Imm(1, 7), //                      11 f
      b.jmpImm(BPF_JNE, 1, 7, -13), //          12 -> 0 outside f: never taken -> goto +0
      b.exit(), //                              13
    );
    const r = prune(p);
    expect(r.preserved).toBe('none');
    expect(r.program.length).toBe(p.length);
    expect(r.program.funcs).toEqual(p.funcs);
    expect(printKernelProgram(r.program)).toBe(
      [
        '0: (b7) r1 = 3',
        '1: (18) r2 = 0x1234',
        '3: (05) goto pc+3',
        '4: (b7) r0 = 0',
        '5: (15) if r9 == 0x0 goto pc-2',
        '6: (95) exit',
        '7: (05) goto pc+0',
        '8: (85) call pc+2',
        '9: (b7) r0 = 1',
        '10: (95) exit',
        '11: (b7) r1 = 7',
        '12: (05) goto pc+0',
        '13: (95) exit',
        '',
      ].join('\n'),
    );
    for (const i of [0, 1, 2, 4, 5, 6, 8, 9, 10, 11, 13]) expect(r.program.insn(i)).toEqual(p.insn(i));
  });

  test('a taken backward jump keeps its negative offset', () => {
    // r1 is 1 on entry and around the loop, so the back edge is always taken.
    const p = P(b.mov64Imm(1, 1), b.mov64Imm(0, 0), b.jmpImm(BPF_JEQ, 1, 1, -2), b.exit());
    const q = prune(p).program;
    expect(q.insn(2)).toEqual(insn(JA, 0, 0, -2, 0));
    expect(printKernelProgram(q).split('\n')[2]).toBe('2: (05) goto pc-2');
  });

  test('after pruning, the next const-fold no longer flows through the dead edge', () => {
    // 0: r1 = 1; 1: if r1 == 1 goto +1; 2: r1 = 2; 3: r1 += 0; 4: exit
    const p = P(b.mov64Imm(1, 1), b.jmpImm(BPF_JEQ, 1, 1, 1), b.mov64Imm(1, 2), b.alu64Imm(BPF_ADD, 1, 0), b.exit());
    expect(reg(computeConstFold(p), 3, 1)).toBe('unknown');
    const q = prune(p).program;
    expect(q.insn(1)).toEqual(insn(JA, 0, 0, 1, 0));
    const after = computeConstFold(q);
    expect(reg(after, 2, 1)).toBe('unvisited');
    expect(reg(after, 3, 1)).toBe('const 0x1');
  });
});
