// printLlvm and printConformance: listing layout, options, the conformance immediate rules,
// and the `.raw` fallback for instructions the conformance dialect cannot spell.
import { describe, test, expect } from '@jest/globals';
import { Program, build, insn } from '@bpfkit/ir';
import { parseConformance } from './parse-conformance.js';
import { parseKernel } from './parse-kernel.js';
import { printConformance, formatConformanceInsn } from './print-conformance.js';
import { printLlvm, formatLlvmInsn } from './print-llvm.js';

const sample = Program.fromInsns([
  build.mov64Imm(1, 42),
  ...build.ldImm64(1, 0x1ffffffffn),
  build.jmpImm(0x20, 1, 5, 1),
  build.ldxMem(0x18, 2, 10, -8),
  build.exit(),
]);

describe('printLlvm', () => {
  test('llvm-objdump -d layout: %8d index, raw bytes, tab, text; ld_imm64 takes two indices', () => {
    expect(printLlvm(sample)).toBe(
      [
        '       0:\tb7 01 00 00 2a 00 00 00\tr1 = 0x2a',
        '       1:\t18 01 00 00 ff ff ff ff 00 00 00 00 01 00 00 00\tr1 = 0x1ffffffff ll',
        '       3:\t25 01 01 00 05 00 00 00\tif r1 > 0x5 goto +0x1',
        '       4:\t79 a2 f8 ff 00 00 00 00\tr2 = *(u64 *)(r10 - 0x8)',
        '       5:\t95 00 00 00 00 00 00 00\texit',
        '',
      ].join('\n'),
    );
  });

  test('--no-show-raw-insn and --no-print-imm-hex', () => {
    expect(printLlvm(sample, { rawBytes: false, immediates: 'decimal' }).split('\n').slice(0, 4)).toEqual([
      '       0:\tr1 = 42',
      '       1:\tr1 = 8589934591 ll',
      '       3:\tif r1 > 5 goto +1',
      '       4:\tr2 = *(u64 *)(r10 - 8)',
    ]);
  });

  test('undecodable encodings print <unknown>; a truncated ld_imm64 too', () => {
    expect(formatLlvmInsn(0xff, 0, 0, 0, 0)).toBe('<unknown>');
    expect(formatLlvmInsn(0xdc, 1, 0, 0, 8)).toBe('<unknown>');
    expect(formatLlvmInsn(0xc3, 1, 2, 0, 0x02)).toBe('<unknown>');
    expect(printLlvm(Program.fromInsns([insn(0x18, 1, 0, 0, 1)]))).toBe('       0:\t18 01 00 00 01 00 00 00\t<unknown>\n');
  });

  test('v4 and newer instructions use the newer LLVM spellings', () => {
    expect(formatLlvmInsn(0x9f, 1, 2, 1, 0)).toBe('r1 s%= r2');
    expect(formatLlvmInsn(0xbc, 1, 2, 16, 0)).toBe('w1 = (s16)w2');
    expect(formatLlvmInsn(0x8d, 3, 0, 0, 0)).toBe('callx r3');
    expect(formatLlvmInsn(0xcb, 0, 1, 2, 0x100)).toBe('w0 = load_acquire((u16 *)(r1 + 0x2))');
    expect(formatLlvmInsn(0x18, 1, 4, 0, 3)).toBe('ld_pseudo\tr1, 0x4, 0x3');
  });

  test('the listing parses back with parseKernel (raw bytes pick mov vs ld_imm64)', () => {
    expect(parseKernel(printLlvm(sample)).sameInsns(sample)).toBe(true);
  });
});

describe('printConformance', () => {
  test('disassembler layout: %4d index, mnemonics, lddw with the full value', () => {
    expect(printConformance(sample)).toBe(
      ['   0: mov %r1, 0x2a', '   1: lddw %r1, 0x1ffffffff', '   3: jgt %r1, 5, +1', '   4: ldxdw %r2, [%r10-8]', '   5: exit', ''].join('\n'),
    );
    expect(printConformance(sample, { index: false }).split('\n')[0]).toBe('mov %r1, 0x2a');
    expect(printConformance(sample, { rawBytes: true }).split('\n')[1]).toBe(
      '   1: lddw %r1, 0x1ffffffff ; 18 01 00 00 ff ff ff ff 00 00 00 00 01 00 00 00',
    );
  });

  test('immediates: decimal when negative or in -10..10, u32 hex otherwise, INT32_MIN in hex', () => {
    const mov = (imm: number) => formatConformanceInsn(0xb7, 0, 0, 0, imm);
    expect([mov(10), mov(11), mov(-10), mov(-11), mov(-0x80000000), mov(0x7fffffff)]).toEqual([
      'mov %r0, 10', 'mov %r0, 0xb', 'mov %r0, -10', 'mov %r0, -11', 'mov %r0, 0x80000000', 'mov %r0, 0x7fffffff',
    ]);
  });

  test('calls, atomics, swaps and sign extension', () => {
    expect(formatConformanceInsn(0x85, 0, 0, 0, 1)).toBe('call helper 1');
    expect(formatConformanceInsn(0x85, 0, 1, 0, -3)).toBe('call local -3');
    expect(formatConformanceInsn(0x85, 0, 2, 0, 25364)).toBe('call runtime 0x6314');
    expect(formatConformanceInsn(0x8d, 2, 0, 0, 0)).toBe('call helper %r2');
    expect(formatConformanceInsn(0xc3, 1, 2, -4, 0x41)).toBe('lock fetch or32 [%r1-4], %r2');
    expect(formatConformanceInsn(0xdb, 1, 2, 0, 0xf1)).toBe('lock cmpxchg [%r1], %r2');
    expect(formatConformanceInsn(0xd7, 1, 0, 0, 16)).toBe('swap16 %r1');
    expect(formatConformanceInsn(0xbf, 1, 2, 32, 0)).toBe('movsx3264 %r1, %r2');
    expect(formatConformanceInsn(0x06, 0, 0, 0, 70000)).toBe('ja32 +70000');
  });

  test('instructions the dialect cannot spell become `.raw` lines that parse back', () => {
    const p = Program.fromInsns([
      build.mayGoto(1), // no mnemonic
      insn(0xb7, 1, 3, 0, 5), // mov with a nonzero (reserved) src field
      ...build.ldImm64(2, 7n, 1), // PSEUDO_MAP_FD
      build.callKfunc(25364, 2), // kfunc with an fd_array index in off
      insn(0x30, 0, 0, 0, 12), // ld_abs
      build.exit(),
    ]);
    const text = printConformance(p);
    expect(text.split('\n').slice(0, 3)).toEqual([
      '   0: .raw 0x00000000000100e5 # (e5) may_goto pc+1',
      '   1: .raw 0x00000005000031b7 # (b7) r1 = 5',
      '   2: .raw 0x0000000700001218 # (18) r2 = 0x7',
    ]);
    expect(text).toMatch(/   5: \.raw 0x0000000c00000030 # \(30\) r0 = \*\(u8 \*\)skb\[12\]/);
    expect(parseConformance(text).sameInsns(p)).toBe(true);
  });
});
