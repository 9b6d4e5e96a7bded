// Rewriter: offsets of every jump, call and pseudo-func fixed; old->new map; ld_imm64 pairs kept whole.
import { describe, expect, test } from '@jest/globals';
import { Program } from './program.js';
import { rewrite } from './rewrite.js';
import * as b from './build.js';
import { BPF_JEQ, BPF_JNE, BPF_PSEUDO_FUNC } from './opcodes.js';
import { printKernelProgram } from './print-kernel.js';
import { BpfError } from './error.js';

const P = (...xs: (ReturnType<typeof b.exit> | ReturnType<typeof b.ldImm64>)[]) => Program.fromInsns(xs.flat());

describe('rewrite', () => {
  const base = P(
    b.jmpImm(BPF_JEQ, 1, 0, 2), // 0 -> 3
    b.mov64Imm(0, 1), // 1
    b.ja(1), // 2 -> 4
    b.mov64Imm(0, 2), // 3
    b.callPseudo(1), // 4 -> 6
    b.exit(), // 5
    b.mov64Imm(0, 3), // 6 (func#1)
    b.exit(), // 7
  );

  test('insert before a jump target: jumps land on the inserted code', () => {
    const { program, map } = rewrite(base, [{ kind: 'insert', at: 3, insns: [b.mov64Imm(5, 5), b.mov64Imm(6, 6)] }]);
    expect(Array.from(map)).toEqual([0, 1, 2, 3, 6, 7, 8, 9, 10]);
    expect(printKernelProgram(program)).toBe(
      [
        '0: (15) if r1 == 0x0 goto pc+2',
        '1: (b7) r0 = 1',
        '2: (05) goto pc+3',
        '3: (b7) r5 = 5',
        '4: (b7) r6 = 6',
        '5: (b7) r0 = 2',
        '6: (85) call pc+1',
        '7: (95) exit',
        '8: (b7) r0 = 3',
        '9: (95) exit',
        '',
      ].join('\n'),
    );
    expect(program.funcs.map((f) => f.start)).toEqual([0, 8]);
  });

  test('remove: jumps to a removed slot land on what follows; calls across it are fixed', () => {
    const { program, map } = rewrite(base, [{ kind: 'remove', at: 1 }]);
    expect(Array.from(map)).toEqual([0, 1, 1, 2, 3, 4, 5, 6, 7]);
    expect(printKernelProgram(program).split('\n').slice(0, 4)).toEqual([
      '0: (15) if r1 == 0x0 goto pc+1',
      '1: (05) goto pc+1',
      '2: (b7) r0 = 2',
      '3: (85) call pc+1',
    ]);
  });

  test('replace a conditional jump by a goto keeps its target (dead-branch pruning shape)', () => {
    const { program } = rewrite(base, [
      { kind: 'replace', at: 0, insns: [b.ja(2)] },
      { kind: 'insert', at: 6, insns: [b.mov64Imm(1, 9)] },
    ]);
    expect(printKernelProgram(program)).toContain('0: (05) goto pc+2');
    expect(printKernelProgram(program)).toContain('4: (85) call pc+1');
    expect(program.funcs.map((f) => f.start)).toEqual([0, 6]);
  });

  test('local patches keep their own displacements', () => {
    const { program } = rewrite(base, [
      { kind: 'replace', at: 1, local: true, insns: [b.jmpImm(BPF_JNE, 2, 0, 1), b.mov64Imm(0, 7), b.mov64Imm(0, 1)] },
    ]);
    expect(printKernelProgram(program).split('\n').slice(0, 5)).toEqual([
      '0: (15) if r1 == 0x0 goto pc+4',
      '1: (55) if r2 != 0x0 goto pc+1',
      '2: (b7) r0 = 7',
      '3: (b7) r0 = 1',
      '4: (05) goto pc+1',
    ]);
  });

  test('pseudo-func ld_imm64 targets are fixed and ld_imm64 pairs cannot be split', () => {
    const p = P(b.ldImm64(2, 3n, BPF_PSEUDO_FUNC), b.mov64Imm(0, 0), b.exit(), b.mov64Imm(0, 1), b.exit());
    const { program } = rewrite(p, [{ kind: 'insert', at: 2, insns: [b.mov64Imm(3, 3)] }]);
    expect(p.funcs.map((f) => f.start)).toEqual([0, 4]);
    expect(program.imm[0]).toBe(4);
    expect(program.funcs.map((f) => f.start)).toEqual([0, 5]);
    expect(() => rewrite(p, [{ kind: 'remove', at: 1 }])).toThrow(BpfError);
    expect(() => rewrite(p, [{ kind: 'remove', at: 0 }])).toThrow(/splits an ld_imm64/);
    expect(rewrite(p, [{ kind: 'remove', at: 0, count: 2 }]).program.length).toBe(4);
  });

  test('bad edits are BpfErrors, and the input program is never mutated', () => {
    const before = printKernelProgram(base);
    expect(() => rewrite(base, [{ kind: 'remove', at: 7, count: 3 }])).toThrow(BpfError);
    expect(() => rewrite(base, [{ kind: 'remove', at: 1, count: 2 }, { kind: 'remove', at: 2 }])).toThrow(/overlap/);
    expect(() => rewrite(base, [{ kind: 'remove', at: 1, count: 3 }, { kind: 'insert', at: 2, insns: [b.exit()] }])).toThrow(/inside a removed/);
    const far = Program.fromInsns([b.ja(1), b.exit(), b.exit()]);
    const filler = Array.from({ length: 40000 }, () => b.mov64Imm(0, 0));
    expect(() => rewrite(far, [{ kind: 'insert', at: 1, insns: filler }])).toThrow(/16 bits/);
    expect(printKernelProgram(base)).toBe(before);
  });
});
