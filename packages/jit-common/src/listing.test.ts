// The listing printer on a hand-made image: stub and function headers, the BPF instruction in
// kernel syntax before its machine code, the selftests' `offset:\tbytes(36 cols)\tasm` lines,
// branch targets renamed L0.. inside a function and func#N / <stub> outside.
import { describe, expect, test } from '@jest/globals';
import { Program, build as B } from '@bpfkit/ir';
import { printJitListing, formatMachineLine } from './listing.js';
import type { JitImage } from './jit-result.js';

describe('printJitListing', () => {
  test('kernel syntax, machine lines, labels', () => {
    const p = Program.fromInsns([B.mov64Imm(0, 1), B.ja(0), B.exit()]);
    const code = Uint8Array.from([0xc3, 0x55, 0xb8, 1, 0, 0, 0, 0xeb, 0x00, 0xe8, 0xf2, 0xff, 0xff, 0xff, 0xc9, 0xc3]);
    const image: JitImage = {
      arch: 'x86-64',
      code,
      insnOffsets: Int32Array.of(2, 7, 14, 14),
      funcs: [{ index: 0, start: 0, end: 3, offset: 1, size: 15, bodyOffset: 2, epilogueOffset: 14 }],
      relocations: [],
      stubs: [{ name: 'exit', offset: 0, size: 1 }],
    };
    const notes = {
      offsets: [0, 1, 2, 7, 9, 14, 15],
      texts: ['retq', 'pushq\t%rbp', 'movl\t$0x1, %eax', 'jmp\t{T}', 'callq\t{T}', 'leave', 'retq'],
      targets: [-1, -1, -1, 9, 0, -1, -1],
    };
    const text = printJitListing(image, p, notes);
    expect(text.split('\n')).toEqual([
      'exit:',
      formatMachineLine(0, code.subarray(0, 1), '', 'retq'),
      'func #0:',
      '; prologue',
      formatMachineLine(1, code.subarray(1, 2), '', 'pushq\t%rbp'),
      '; 0: (b7) r0 = 1',
      formatMachineLine(2, code.subarray(2, 7), '', 'movl\t$0x1, %eax'),
      '; 1: (05) goto pc+0',
      formatMachineLine(7, code.subarray(7, 9), '', 'jmp\tL0'),
      formatMachineLine(9, code.subarray(9, 14), 'L0:', 'callq\t<exit>'),
      '; 2: (95) exit',
      '; epilogue',
      formatMachineLine(14, code.subarray(14, 15), '', 'leave'),
      formatMachineLine(15, code.subarray(15, 16), '', 'retq'),
      '',
    ]);
    expect(formatMachineLine(0x1a, Uint8Array.of(0x48, 0x89, 0xe5), 'L3:', 'movq\t%rsp, %rbp')).toBe(
      '1a:\t48 89 e5                            L3:\tmovq\t%rsp, %rbp',
    );
  });
});
