// Published outputs (kernel-semantics §2.4): const_reg_mask only for constants equal to their
// zero-extended low 32 bits, map and subprogram masks with their values, all describing the
// state on entry to the instruction; and the accessors consumers (liveness) use.
import { describe, expect, test } from '@jest/globals';
import { BPF_PSEUDO_FUNC, BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_VALUE, BpfError, build as b } from '@bpfkit/ir';
import { computeConstFold } from './compute.js';
import { PUBLISHED_REGS } from './const-fold-result.js';
import { P } from './test-support/programs.js';

const bits = (m: number): number[] => [...Array(16).keys()].filter((r) => m & (1 << r));

describe('published masks and values', () => {
  // 0: r1 = 5; 1: r2 = -1; 2-3: r3 = 0xffffffff; 4-5: r4 = 0x100000000; 6: w5 = -1;
  // 7-8: r6 = map[3]; 9-10: r7 = map value; 11: exit
  const p = P(
    b.mov64Imm(1, 5),
    b.mov64Imm(2, -1),
    b.ldImm64(3, 0xffffffffn),
    b.ldImm64(4, 0x100000000n),
    b.mov32Imm(5, -1),
    b.ldImm64(6, 3n, BPF_PSEUDO_MAP_FD),
    b.ldImm64(7, (8n << 32n) | 3n, BPF_PSEUDO_MAP_VALUE),
    b.exit(),
  );
  const res = computeConstFold(p);

  test('u32 constants are published; negative and wider 64-bit constants are not', () => {
    expect(bits(res.constRegMask[11]!)).toEqual([1, 3, 5]);
    expect([res.regVal(11, 1), res.regVal(11, 3), res.regVal(11, 5)]).toEqual([5, 0xffffffff, 0xffffffff]);
    expect(res.regVal(11, 2)).toBeUndefined();
    expect(res.regVal(11, 4)).toBeUndefined();
    // …but the accessors still know them.
    expect(res.regConst(11, 2)).toBe(0xffffffffffffffffn);
    expect(res.regConst(11, 4)).toBe(0x100000000n);
  });
  test('map pointers are published with their map index; MAP_VALUE is not', () => {
    expect(bits(res.mapRegMask[11]!)).toEqual([6]);
    expect(res.regVal(11, 6)).toBe(3);
    expect(res.regVal(11, 7)).toBeUndefined();
    expect(res.mapIndexAt(11, 7)).toBe(3);
    expect(res.mapValueOffset(11, 7)).toBe(8n);
  });
  test('masks describe the state on entry: the defining instruction does not see its own result', () => {
    expect(bits(res.constRegMask[0]!)).toEqual([]);
    expect(bits(res.constRegMask[1]!)).toEqual([1]);
    expect(res.regConst(0, 1)).toBeUndefined();
    expect(res.regConst(1, 1)).toBe(5n);
  });
  test('ld_imm64 second halves publish nothing and read as UNVISITED', () => {
    for (const i of [3, 5, 8, 10]) {
      expect(res.constRegMask[i]! | res.mapRegMask[i]! | res.subprogRegMask[i]!).toBe(0);
      expect(res.regState(i, 1)).toBe(0);
    }
  });
  test('regVals is the dense R0..R9 view of the same values', () => {
    const v = res.regVals;
    expect(v.length).toBe(p.length * PUBLISHED_REGS);
    for (let i = 0; i < p.length; i++)
      for (let r = 0; r < PUBLISHED_REGS; r++) expect(v[i * PUBLISHED_REGS + r]).toBe(res.regVal(i, r) ?? 0);
    expect(v[11 * PUBLISHED_REGS + 3]).toBe(0xffffffff);
    expect(res.regVals).toBe(v); // built once
  });
  test('R10 is never published', () => {
    for (let i = 0; i < p.length; i++) expect(res.constRegMask[i]! & (1 << 10)).toBe(0);
  });
  test('accessors reject registers and instructions out of range', () => {
    expect(() => res.regState(12, 0)).toThrow(BpfError);
    expect(() => res.regState(-1, 0)).toThrow(BpfError);
    expect(() => res.regState(0, 11)).toThrow(BpfError);
    expect(() => res.regConst(0, 1.5)).toThrow(BpfError);
  });
  test('accessors give the same answers in any query order (replay cursor)', () => {
    const fwd: (string | undefined)[] = [];
    for (let i = 0; i < p.length; i++) for (let r = 0; r <= 10; r++) fwd.push(`${res.regState(i, r)}:${res.regConst(i, r)}`);
    const back: (string | undefined)[] = [];
    for (let i = p.length - 1; i >= 0; i--) for (let r = 10; r >= 0; r--) back.push(`${res.regState(i, r)}:${res.regConst(i, r)}`);
    expect(back.reverse()).toEqual(fwd);
  });
});

describe('SUBPROG feeding a callback helper (the liveness use case)', () => {
  // 0: r1 = 4 (nr_loops); 1-2: r2 = subprog[cb]; 3: r3 = 0; 4: r4 = 0; 5: call bpf_loop#181;
  // 6: r0 = 0; 7: exit; 8: cb: r0 = 0; 9: exit
  const p = P(
    b.mov64Imm(1, 4),
    b.ldImm64(2, 6n, BPF_PSEUDO_FUNC), // 1 + 1 + 6 = 8
    b.mov64Imm(3, 0),
    b.mov64Imm(4, 0),
    b.callHelper(181),
    b.mov64Imm(0, 0),
    b.exit(),
    b.mov64Imm(0, 0),
    b.exit(),
  );
  const res = computeConstFold(p);

  test('the call sees R2 = subprog#1 and the constant arguments', () => {
    expect(p.funcs.map((f) => f.start)).toEqual([0, 8]);
    expect(res.subprogAt(5, 2)).toBe(1);
    expect(bits(res.subprogRegMask[5]!)).toEqual([2]);
    expect(bits(res.constRegMask[5]!)).toEqual([1, 3, 4]);
    expect([res.regVal(5, 1), res.regVal(5, 3), res.regVal(5, 4)]).toEqual([4, 0, 0]);
    expect(res.regVals[5 * PUBLISHED_REGS + 2]).toBe(1);
  });
  test('after the call the pointer is gone', () => {
    expect(res.subprogAt(6, 2)).toBeUndefined();
    expect(res.subprogRegMask[6]).toBe(0);
  });
  test('subprogAt is undefined for constants and map pointers', () => {
    expect(res.subprogAt(5, 1)).toBeUndefined();
    expect(res.subprogAt(5, 9)).toBeUndefined();
    expect(res.subprogAt(5, 10)).toBeUndefined();
  });
});
