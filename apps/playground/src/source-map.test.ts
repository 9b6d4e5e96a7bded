import { describe, expect, test } from '@jest/globals';
import { parseConformance, parseKernel } from '@bpfkit/asm';
import { guessFormat, isKernelInsnLine, mapLines, slotOfLine } from './source-map.js';

const shape = (p: { length: number; isSecondHalf(i: number): boolean }) => {
  const secondHalf = new Uint8Array(p.length);
  for (let i = 0; i < p.length; i++) if (p.isSecondHalf(i)) secondHalf[i] = 1;
  return { length: p.length, secondHalf };
};

describe('source lines <-> instruction slots', () => {
  test('kernel syntax: comments, labels, directives, ld_imm64 and index prefixes', () => {
    const text = ['; comment', '.func main, args=1', '  r1 = 0x100000000 ll', 'top:', '  if r1 == 0 goto top // loop', '', 'L: r0 = 1', '7: (95) exit'].join('\n');
    const lines = mapLines(text, 'kernel', shape(parseKernel(text)));
    expect([...lines!]).toEqual([3, 3, 5, 7, 8]);
    expect(slotOfLine(lines, 5)).toBe(2);
    expect(slotOfLine(lines, 4)).toBe(-1);
  });

  test('conformance dialect and hex', () => {
    const text = '# sum\nmov %r0, 1\nlddw %r1, 0x100000000\nlabel:\nexit\n';
    expect([...mapLines(text, 'conformance', shape(parseConformance(text)))!]).toEqual([2, 3, 3, 5]);
    expect([...mapLines('b7 00 00 00 01 00 00 00\n\n95 00 00 00 00 00 00 00\n', 'hex', { length: 2, secondHalf: new Uint8Array(2) })!]).toEqual([1, 3]);
    expect(mapLines('b7 00 00 00 01 00 00 00 95 00 00 00 00 00 00 00\n', 'hex', { length: 2, secondHalf: new Uint8Array(2) })).toBeNull();
  });

  test('counts that disagree drop the mapping', () => {
    expect(mapLines('r0 = 1\nexit\nexit\n', 'kernel', { length: 2, secondHalf: new Uint8Array(2) })).toBeNull();
  });

  test('format guess (as the CLI guesses stdin)', () => {
    expect(guessFormat('b7 00 00 00 01 00 00 00', 'auto')).toBe('hex');
    expect(guessFormat('mov %r0, 1\nexit', 'auto')).toBe('conformance');
    expect(guessFormat('-- asm\nexit\n', 'auto')).toBe('conformance');
    expect(guessFormat('r0 = 1\nexit', 'auto')).toBe('kernel');
    expect(guessFormat('r0 = 1', 'hex')).toBe('hex');
    expect(isKernelInsnLine('Disassembly of section xdp:')).toBe(false);
    expect(isKernelInsnLine('0000000000000000 <prog>:')).toBe(false);
  });
});
