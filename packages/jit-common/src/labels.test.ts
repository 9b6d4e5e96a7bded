// Labels and fixups: forward and backward rel8/rel32 references resolve to target - end of
// field; out-of-range displacements and unbound labels are BpfErrors, never silent wrong jumps.
import { describe, expect, test } from '@jest/globals';
import { BpfError } from '@bpfkit/ir';
import { CodeBuffer } from './code-buffer.js';
import { LabelTable, rel32, rel8 } from './labels.js';

describe('LabelTable', () => {
  test('forward and backward references, rel8 and rel32', () => {
    const b = new CodeBuffer();
    const lt = new LabelTable(b);
    const top = lt.newLabel();
    const end = lt.newLabel();
    lt.bind(top); // 0
    b.byte(0xeb);
    b.byte(0); // jmp end (rel8)
    lt.refer(end, 1);
    b.byte(0xe9);
    b.u32(0); // jmp top (rel32)
    lt.refer(top, 4);
    b.byte(0x90);
    lt.bind(end); // 8
    lt.resolve();
    expect([...b.finish()]).toEqual([0xeb, 6, 0xe9, 0xf9, 0xff, 0xff, 0xff, 0x90]);
    expect(lt.position(end)).toBe(8);
  });

  test('a short branch that does not fit is a JIT_RANGE BpfError', () => {
    const b = new CodeBuffer();
    const lt = new LabelTable(b);
    const far = lt.newLabel();
    b.byte(0xeb);
    b.byte(0);
    lt.refer(far, 1);
    for (let i = 0; i < 200; i++) b.byte(0x90);
    lt.bind(far);
    expect(() => lt.resolve()).toThrow(expect.objectContaining({ name: 'BpfError', code: 'JIT_RANGE' }));
  });

  test('unbound labels and double binds are internal errors', () => {
    const b = new CodeBuffer();
    const lt = new LabelTable(b);
    const l = lt.newLabel();
    b.u32(0);
    lt.refer(l, 4);
    expect(() => lt.resolve()).toThrow(BpfError);
    const m = lt.newLabel();
    lt.bind(m);
    expect(() => lt.bind(m)).toThrow(BpfError);
  });

  test('listing notes of branches get their targets', () => {
    const b = new CodeBuffer();
    b.reset(true);
    const lt = new LabelTable(b);
    const l = lt.newLabel();
    b.note(0, 'jmp\t{T}', -2);
    b.byte(0xeb);
    b.byte(0);
    lt.refer(l, 1);
    lt.bind(l);
    lt.resolve();
    expect(b.notes!.targets).toEqual([2]);
  });

  test('rel8/rel32 helpers check their ranges', () => {
    expect(rel8(10, 5)).toBe(-5);
    expect(() => rel8(0, 200)).toThrow(expect.objectContaining({ code: 'JIT_RANGE' }));
    expect(rel32(0, 0x7fffffff)).toBe(0x7fffffff);
    expect(() => rel32(-1, 0x7fffffff)).toThrow(expect.objectContaining({ code: 'JIT_RANGE' }));
  });
});
