// Extended blocks and RPO: the inlined successor rules agree with ir's insnSuccessors() for
// every opcode, blocks start exactly where control can enter other than by falling through,
// and the RPO visits each reachable block once, entry first.
import { describe, expect, test } from '@jest/globals';
import { BPF_JEQ, BPF_LD_IMM64, Program, build as b, insnSuccessors } from '@bpfkit/ir';
import { COND, FALLS_THROUGH, GOTO, GOTOL, buildBlocks, jumpKind, nextSuccessor } from './blocks.js';
import { P } from './test-support/programs.js';

describe('jumpKind', () => {
  test('agrees with ir insnSuccessors for all 256 opcodes', () => {
    const out = new Int32Array(2);
    for (let code = 0; code < 256; code++) {
      if (code === BPF_LD_IMM64) continue;
      // off 5 and imm 9 so that every successor rule gives a distinct answer
      const p = Program.fromInsns([{ code, dst: 1, src: 0, off: 5, imm: 9 }, ...Array(20).fill(b.exit())]);
      const k = insnSuccessors(p, 0, out);
      const want = [...out.subarray(0, k)];
      const kind = jumpKind(code);
      const got = kind === FALLS_THROUGH ? [1] : kind === COND ? [1, 6] : kind === GOTO ? [6] : kind === GOTOL ? [10] : [];
      expect({ code: code.toString(16), succ: got }).toEqual({ code: code.toString(16), succ: want });
    }
  });
});

describe('buildBlocks', () => {
  // 0: if r1 == 0 goto 3 | 1: r0 = 1 | 2: goto 4 | 3: r0 = 2 | 4: exit | 5: r0 = 3 (unreachable) | 6: exit
  const p = P(b.jmpImm(BPF_JEQ, 1, 0, 2), b.mov64Imm(0, 1), b.ja(1), b.mov64Imm(0, 2), b.exit(), b.mov64Imm(0, 3), b.exit());
  const blocks = buildBlocks(p);
  test('blocks start at entries, jump targets and after goto/exit; a conditional jump is a side exit', () => {
    expect([...blocks.start]).toEqual([0, 3, 4, 5, 7]);
  });
  test('RPO: each reachable block once, entry first, unreachable ones left out', () => {
    expect([...blocks.rpo]).toEqual([0, 1, 2]);
    expect([...blocks.rpoStart]).toEqual([0, 3]);
  });
  test('nextSuccessor walks side exits, then the fall-through', () => {
    const out = new Int32Array(2);
    const seen: number[] = [];
    for (let pos = 0; pos <= 3; ) {
      nextSuccessor(p, pos, 3, out);
      seen.push(out[0]!);
      pos = out[1]!;
    }
    expect(seen).toEqual([3, 4]); // the jump's target, then goto's target (block ends with goto)
  });
  test('functions get their own blocks and RPO ranges', () => {
    const q = P(b.callPseudo(1), b.exit(), b.mov64Imm(0, 0), b.exit());
    const bl = buildBlocks(q);
    expect([...bl.start]).toEqual([0, 2, 4]);
    expect([...bl.funcBlock]).toEqual([0, 1, 2]);
    expect([...bl.rpo]).toEqual([0, 1]);
  });
});
