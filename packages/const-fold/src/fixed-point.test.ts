// Join, RPO fixed point and subprogram entries (kernel-semantics §2.3): only identical facts
// survive a merge, UNVISITED is the identity, loops iterate until nothing changes, every
// subprogram starts from all-UNKNOWN and edges leaving a subprogram are ignored.
import { describe, expect, test } from '@jest/globals';
import { BPF_JEQ, BPF_JGT, BPF_JLT, BPF_JNE, BPF_ADD, BPF_PSEUDO_FUNC, BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_VALUE, BpfError, build as b, insn, BPF_LD_IMM64 } from '@bpfkit/ir';
import { computeConstFold } from './compute.js';
import { CONST_ARG_UNVISITED } from './lattice.js';
import { P, PF, reg } from './test-support/programs.js';

/** Diamond: r(dst) gets `left` on the taken path and `right` on the fall-through; join at 4. */
const diamond = (left: ReturnType<typeof b.mov64Imm>[], right: ReturnType<typeof b.mov64Imm>[]) => {
  // 0: if r9 == 0 goto L (+1+right.length+1)
  // 1..: right; goto J
  // L: left
  // J: exit
  return P(b.jmpImm(BPF_JEQ, 9, 0, right.length + 1), ...right, b.ja(left.length), ...left, b.exit());
};

describe('join', () => {
  test('the same constant on both paths survives', () => {
    const p = diamond([b.mov64Imm(1, 5)], [b.mov64Imm(1, 5)]);
    expect(reg(computeConstFold(p), 4, 1)).toBe('const 0x5');
  });
  test('different constants become UNKNOWN', () => {
    const p = diamond([b.mov64Imm(1, 5)], [b.mov64Imm(1, 6)]);
    expect(reg(computeConstFold(p), 4, 1)).toBe('unknown');
  });
  test('a constant joined with UNKNOWN is UNKNOWN', () => {
    const p = diamond([b.mov64Imm(1, 5)], [b.mov64Reg(1, 8)]);
    expect(reg(computeConstFold(p), 4, 1)).toBe('unknown');
  });
  test('the same value in different states (CONST 3 vs MAP_PTR 3) becomes UNKNOWN', () => {
    const p = P(b.jmpImm(BPF_JEQ, 9, 0, 3), b.ldImm64(1, 3n, BPF_PSEUDO_MAP_FD), b.ja(1), b.mov64Imm(1, 3), b.exit());
    const res = computeConstFold(p);
    expect(reg(res, 5, 1)).toBe('unknown');
  });
  test('same map, different MAP_VALUE offsets become UNKNOWN; same offset survives', () => {
    const mv = (off: number) => b.ldImm64(1, (BigInt(off) << 32n) | 2n, BPF_PSEUDO_MAP_VALUE);
    const same = P(b.jmpImm(BPF_JEQ, 9, 0, 3), mv(8), b.ja(2), mv(8), b.exit());
    const diff = P(b.jmpImm(BPF_JEQ, 9, 0, 3), mv(8), b.ja(2), mv(16), b.exit());
    expect(reg(computeConstFold(same), 6, 1)).toBe('map_value 2 +8');
    expect(reg(computeConstFold(diff), 6, 1)).toBe('unknown');
  });
  test('different maps (MAP_PTR 1 vs MAP_PTR 2) become UNKNOWN', () => {
    const p = P(b.jmpImm(BPF_JEQ, 9, 0, 3), b.ldImm64(1, 1n, BPF_PSEUDO_MAP_FD), b.ja(2), b.ldImm64(1, 2n, BPF_PSEUDO_MAP_FD), b.exit());
    expect(reg(computeConstFold(p), 6, 1)).toBe('unknown');
  });
  test('registers not written on either path keep their common value', () => {
    const p = P(b.mov64Imm(7, 70), b.jmpImm(BPF_JEQ, 9, 0, 2), b.mov64Imm(1, 1), b.ja(1), b.mov64Imm(1, 2), b.exit());
    const res = computeConstFold(p);
    expect([reg(res, 5, 1), reg(res, 5, 7)]).toEqual(['unknown', 'const 0x46']);
  });
  test('UNVISITED is the identity: an unreachable predecessor contributes nothing', () => {
    const p = P(
      b.mov64Imm(1, 5), // 0
      b.ja(2), //          1 -> 4
      b.mov64Imm(1, 7), // 2 (unreachable)
      b.ja(0), //          3 -> 4 (unreachable)
      b.exit(), //         4
    );
    const res = computeConstFold(p);
    expect(reg(res, 4, 1)).toBe('const 0x5');
    expect(res.regState(2, 1)).toBe(CONST_ARG_UNVISITED);
    expect(res.regState(3, 0)).toBe(CONST_ARG_UNVISITED);
    expect(res.stats).toMatchObject({ blocks: 3, reachableBlocks: 2 });
  });
  test('the join does not look at which branch the constant would take (no path sensitivity)', () => {
    // r1 = 1; if r1 == 1 goto L; r2 = 7; L: — both edges are followed, so r2 joins 0 and 7.
    const p = P(b.mov64Imm(1, 1), b.mov64Imm(2, 0), b.jmpImm(BPF_JEQ, 1, 1, 1), b.mov64Imm(2, 7), b.exit());
    expect(reg(computeConstFold(p), 4, 2)).toBe('unknown');
  });
});

describe('loops (RPO fixed point)', () => {
  test('a counter becomes UNKNOWN at the loop head, an invariant stays constant', () => {
    const p = P(
      b.mov64Imm(1, 0), //                0
      b.mov64Imm(2, 7), //                1
      b.alu64Imm(BPF_ADD, 1, 1), //       2 <- back edge
      b.jmpImm(BPF_JLT, 1, 10, -2), //    3 -> 2
      b.exit(), //                        4
    );
    const res = computeConstFold(p);
    expect([reg(res, 2, 1), reg(res, 2, 2), reg(res, 3, 1), reg(res, 4, 2)]).toEqual(['unknown', 'const 0x7', 'unknown', 'const 0x7']);
    expect(res.stats.sweeps).toBe(2);
  });
  test('a value equal on entry and around the loop survives', () => {
    const p = P(
      b.mov64Imm(1, 3), //              0
      b.mov64Reg(2, 1), //              1 <- back edge
      b.jmpImm(BPF_JEQ, 2, 3, -2), //   2 -> 1
      b.exit(), //                      3
    );
    const res = computeConstFold(p);
    expect([reg(res, 1, 1), reg(res, 1, 2), reg(res, 3, 2)]).toEqual(['const 0x3', 'unknown', 'const 0x3']);
  });
  test('nested loops: a change made in the inner loop reaches the outer loop head', () => {
    const p = P(
      b.mov64Imm(3, 1), //               0
      b.mov64Imm(4, 9), //               1
      b.mov64Reg(5, 3), //               2  outer head (back edge from 7)
      b.mov64Imm(1, 0), //               3
      b.jmpImm(BPF_JGT, 1, 5, 1), //     4  inner head (back edge from 6) -> 6
      b.mov64Imm(3, 2), //               5  changes r3 inside the inner loop
      b.jmpImm(BPF_JNE, 1, 0, -3), //    6 -> 4
      b.jmpImm(BPF_JNE, 4, 0, -6), //    7 -> 2
      b.exit(), //                       8
    );
    const res = computeConstFold(p);
    expect([reg(res, 2, 3), reg(res, 3, 5), reg(res, 4, 1), reg(res, 8, 4)]).toEqual(['unknown', 'unknown', 'const 0x0', 'const 0x9']);
    expect(res.stats.sweeps).toBeGreaterThanOrEqual(2);
  });
  test('a self-loop', () => {
    const p = P(b.mov64Imm(1, 1), b.alu64Imm(BPF_ADD, 1, 1), b.mayGoto(1), b.ja(-3), b.exit());
    const res = computeConstFold(p);
    expect(reg(res, 1, 1)).toBe('unknown');
    expect(reg(res, 4, 1)).toBe('unknown');
  });
});

describe('subprograms', () => {
  // 0: r1 = 5; 1: r6 = 6; 2: call pc+2 (-> 5); 3: r0 = r6; 4: exit; 5: r0 = r1; 6: r2 = 2; 7: exit
  const p = P(b.mov64Imm(1, 5), b.mov64Imm(6, 6), b.callPseudo(2), b.mov64Reg(0, 6), b.exit(), b.mov64Reg(0, 1), b.mov64Imm(2, 2), b.exit());

  test('each subprogram starts with every register UNKNOWN (no inter-procedural flow)', () => {
    const res = computeConstFold(p);
    expect(p.funcs.map((f) => f.start)).toEqual([0, 5]);
    expect([reg(res, 5, 1), reg(res, 6, 0), reg(res, 7, 2)]).toEqual(['unknown', 'unknown', 'const 0x2']);
  });
  test('after the call: R0..R5 UNKNOWN, callee-saved kept', () => {
    const res = computeConstFold(p);
    expect([reg(res, 3, 1), reg(res, 3, 6), reg(res, 4, 0)]).toEqual(['unknown', 'const 0x6', 'const 0x6']);
  });
  test('a subprogram nobody calls (declared by metadata) is still analysed', () => {
    const q = PF([{ start: 2, name: 'orphan' }], b.mov64Imm(0, 0), b.exit(), b.mov64Imm(3, 3), b.exit());
    const res = computeConstFold(q);
    expect(q.funcs.length).toBe(2);
    expect(reg(res, 3, 3)).toBe('const 0x3');
  });
  test('jumps that leave the subprogram are ignored', () => {
    // func#0 jumps into func#1's body (invalid for the kernel); func#1's state is its own.
    const q = PF(
      [{ start: 4 }],
      b.mov64Imm(1, 5), //          0
      b.jmpImm(BPF_JEQ, 9, 0, 3), // 1 -> 5 (in func#1): ignored
      b.mov64Imm(0, 0), //           2
      b.exit(), //                   3
      b.mov64Imm(1, 1), //           4 func#1
      b.exit(), //                   5
    );
    const res = computeConstFold(q);
    expect(reg(res, 5, 1)).toBe('const 0x1');
    expect(reg(res, 2, 1)).toBe('const 0x5');
  });
  test('PSEUDO_FUNC names the subprogram by number', () => {
    // 0-1: r2 = subprog[+4] (-> 5); 2-3: r3 = subprog[+5] (-> 8); 4: exit; 5,6,7: f1; 8,9: f2
    const q = P(
      b.ldImm64(2, 4n, BPF_PSEUDO_FUNC),
      b.ldImm64(3, 5n, BPF_PSEUDO_FUNC),
      b.exit(),
      b.mov64Imm(0, 0), b.mov64Imm(0, 1), b.exit(),
      b.mov64Imm(0, 2), b.exit(),
    );
    const res = computeConstFold(q);
    expect([reg(res, 4, 2), reg(res, 4, 3)]).toEqual(['subprog 1', 'subprog 2']);
  });
  test('a jump into the middle of an ld_imm64 is rejected with the kernel message', () => {
    const q = P(b.jmpImm(BPF_JEQ, 1, 0, 1), b.ldImm64(1, 1n), b.exit());
    expect(() => computeConstFold(q)).toThrow(BpfError);
    expect(() => computeConstFold(q)).toThrow('jump into the middle of ldimm64 insn 1');
  });
  test('an empty program', () => {
    const res = computeConstFold(P());
    expect(res.length).toBe(0);
    expect(res.stats).toEqual({ blocks: 0, reachableBlocks: 0, sweeps: 1 });
  });
  test('a truncated ld_imm64 at the end of the program reads its missing half as 0', () => {
    const q = P(b.mov64Imm(0, 0), insn(BPF_LD_IMM64, 1, 0, 0, 7));
    const res = computeConstFold(q);
    expect(res.regState(1, 1)).toBe(1); // visited, R1 UNKNOWN on entry
  });
});
