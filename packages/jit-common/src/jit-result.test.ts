// JIT image invariants and the byte-offset -> instruction query.
import { describe, expect, test } from '@jest/globals';
import { buildJitResult, checkJitImage, insnAtOffset, type JitImageInput } from './jit-result.js';

const good = (): JitImageInput => ({
  arch: 'toy',
  code: new Uint8Array(40),
  insnOffsets: Int32Array.of(10, 14, 14, 20, 30),
  funcs: [{ index: 0, start: 0, end: 4, offset: 4, size: 36, bodyOffset: 10, epilogueOffset: 30 }],
  relocations: [{ offset: 16, kind: 'helper', target: 5, insn: 2 }],
  stubs: [{ name: 'entry', offset: 0, size: 4 }],
});

describe('JIT images', () => {
  test('a consistent image passes and builds', () => {
    expect(() => checkJitImage(good(), 4)).not.toThrow();
    const r = buildJitResult(good(), 4);
    expect([r.arch, r.code.length, r.insnOffsets.length, r.funcs.length, r.stubs[0]!.name]).toEqual(['toy', 40, 5, 1, 'entry']);
  });

  test.each([
    ['wrong offset count', (x: JitImageInput) => ({ ...x, insnOffsets: Int32Array.of(10, 14, 20, 30) })],
    ['offsets going backwards', (x: JitImageInput) => ({ ...x, insnOffsets: Int32Array.of(10, 14, 12, 20, 30) })],
    ['offsets past the code', (x: JitImageInput) => ({ ...x, insnOffsets: Int32Array.of(10, 14, 14, 20, 41) })],
    ['function boundaries out of order', (x: JitImageInput) => ({ ...x, funcs: [{ ...x.funcs[0]!, bodyOffset: 35 }] })],
    ['relocation outside', (x: JitImageInput) => ({ ...x, relocations: [{ offset: 40, kind: 'helper' as const, target: 1, insn: 0 }] })],
    ['stub outside', (x: JitImageInput) => ({ ...x, stubs: [{ name: 's', offset: 38, size: 4 }] })],
  ])('%s is an internal error', (_name, mutate) => {
    expect(() => checkJitImage(mutate(good()), 4)).toThrow(expect.objectContaining({ name: 'BpfError', code: 'INTERNAL' }));
  });

  test('insnAtOffset finds the instruction holding a byte (zero-length ones skipped)', () => {
    const offs = Int32Array.of(10, 14, 14, 20, 30);
    expect([5, 10, 13, 14, 19, 20, 29].map((o) => insnAtOffset(offs, o))).toEqual([-1, 0, 0, 2, 2, 3, 3]);
  });
});
