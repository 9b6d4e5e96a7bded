// Program construction, subprogram discovery (add_subprog_and_kfunc rules), CFG and blocks.
import { describe, expect, test } from '@jest/globals';
import { Program } from './program.js';
import * as b from './build.js';
import { BPF_JEQ, BPF_JGT, BPF_PSEUDO_FUNC } from './opcodes.js';
import { BpfError } from './error.js';
import { printKernelProgram } from './print-kernel.js';

const prog = (...xs: (ReturnType<typeof b.exit> | ReturnType<typeof b.ldImm64>)[]) => Program.fromInsns(xs.flat());

describe('Program', () => {
  test('ld_imm64 takes two slots and the listing skips the second', () => {
    const p = prog(b.ldImm64(1, 0x1122334455667788n), b.mov64Imm(0, 0), b.exit());
    expect(p.length).toBe(4);
    expect(p.isSecondHalf(1)).toBe(true);
    expect(p.isSecondHalf(2)).toBe(false);
    expect(p.imm64(0)).toBe(0x1122334455667788n);
    expect(printKernelProgram(p)).toBe('0: (18) r1 = 0x1122334455667788\n2: (b7) r0 = 0\n3: (95) exit\n');
    expect(printKernelProgram(p, { style: 'bpftool' })).toBe('   0: (18) r1 = 0x1122334455667788\n   2: (b7) r0 = 0\n   3: (95) exit\n');
  });

  test('subprograms start at 0, at call pc+N targets and at PSEUDO_FUNC targets', () => {
    const p = prog(
      b.callPseudo(3), // 0 -> 4
      b.ldImm64(2, 4n, BPF_PSEUDO_FUNC), // 1 -> 1+1+4 = 6
      b.exit(), // 3
      b.mov64Imm(0, 1), // 4 func#1
      b.exit(), // 5
      b.mov64Imm(0, 2), // 6 func#2
      b.exit(), // 7
    );
    // ld_imm64 at 1 has imm 4 -> target 1 + 1 + 4 = 6
    expect(p.funcs.map((f) => [f.start, f.end])).toEqual([[0, 4], [4, 6], [6, 8]]);
    expect(Array.from(p.funcOf)).toEqual([0, 0, 0, 0, 1, 1, 2, 2]);
    expect(p.funcAt(4)?.index).toBe(1);
    expect(p.funcAt(5)).toBeUndefined();
  });

  test('function metadata names functions and declares argument counts', () => {
    const p = Program.fromInsns([b.callPseudo(1), b.exit(), b.stackArgLoad(0, 6), b.exit()], {
      funcs: [{ start: 2, name: 'six_args', argCount: 6 }],
    });
    expect(p.funcs[1]).toMatchObject({ start: 2, name: 'six_args', argCount: 6 });
    expect(() => p.withFuncs([{ start: 2, argCount: 13 }])).toThrow(BpfError);
    expect(() => p.withFuncs([{ start: 9 }])).toThrow(/outside the program/);
  });

  test('a call out of range is a BpfError naming the instruction', () => {
    try {
      prog(b.mov64Imm(0, 0), b.callPseudo(5), b.exit());
      throw new Error('expected failure');
    } catch (e) {
      expect(e).toBeInstanceOf(BpfError);
      expect((e as BpfError).insn).toBe(1);
      expect((e as BpfError).code).toBe('CALL_OUT_OF_RANGE');
    }
  });
});

describe('CFG', () => {
  // 0: if r1 == 0 goto 3 ; 1: r0 = 1 ; 2: goto 4 ; 3: r0 = 2 ; 4-5: ld_imm64 ; 6: if r0 > 1 goto 0 ; 7: exit
  const p = prog(
    b.jmpImm(BPF_JEQ, 1, 0, 2),
    b.mov64Imm(0, 1),
    b.ja(1),
    b.mov64Imm(0, 2),
    b.ldImm64(2, 7n),
    b.jmpImm(BPF_JGT, 0, 1, -7),
    b.exit(),
  );
  const cfg = p.cfg;
  const succ = (i: number) => [cfg.succ[2 * i], cfg.succ[2 * i + 1]];

  test('successors follow check_cfg rules', () => {
    expect(succ(0)).toEqual([1, 3]);
    expect(succ(1)).toEqual([2, -1]);
    expect(succ(2)).toEqual([4, -1]);
    expect(succ(4)).toEqual([6, -1]);
    expect(succ(5)).toEqual([-1, -1]);
    expect(succ(6)).toEqual([7, 0]);
    expect(succ(7)).toEqual([-1, -1]);
  });

  test('basic blocks split at targets and after jumps', () => {
    expect(Array.from(cfg.blockStart)).toEqual([0, 1, 3, 4, 7]);
    expect(Array.from(cfg.blockEnd)).toEqual([1, 3, 4, 7, 8]);
    expect(Array.from(cfg.blockOf)).toEqual([0, 1, 1, 2, 3, 3, 3, 4]);
    const bs = (blk: number) => Array.from(cfg.blockSuccs.subarray(cfg.blockSuccStart[blk], cfg.blockSuccStart[blk + 1]));
    expect(bs(0)).toEqual([1, 2]);
    expect(bs(1)).toEqual([3]);
    expect(bs(2)).toEqual([3]);
    expect(bs(3)).toEqual([4, 0]);
    expect(bs(4)).toEqual([]);
    expect(cfg.predCount[0]).toBe(1);
    expect(cfg.predCount[3]).toBe(1);
    expect(cfg.predCount[4]).toBe(2);
  });

  test('the CFG is built once and cached', () => {
    expect(p.cfg).toBe(cfg);
  });
});

describe('runStandalone', () => {
  test('runs a pass with a context whose get() computes dependencies once, and reports cycles', async () => {
    const { runStandalone, defineAnalysis } = await import('./pass.js');
    let leafRuns = 0;
    const leaf = defineAnalysis({ name: 'leaf', run: (ctx) => (leafRuns++, ctx.program.length) });
    const twice = defineAnalysis({ name: 'twice', run: (ctx) => ctx.get(leaf) + ctx.get(leaf) + Number(ctx.options['k'] ?? 0) });
    const p = Program.fromInsns([b.mov64Imm(0, 0), b.exit()]);
    expect(runStandalone(twice, p, { k: 3 })).toBe(7);
    expect(leafRuns).toBe(1);
    const a: any = defineAnalysis({ name: 'a', run: (ctx) => ctx.get(bb) });
    const bb: any = defineAnalysis({ name: 'b', run: (ctx) => ctx.get(a) });
    expect(() => runStandalone(a, p)).toThrow(/cycle: a -> b -> a/);
  });
});
