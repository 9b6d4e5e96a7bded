// parseConformance and the .data splitter: the dialect's forms, the upstream assembler's
// encoding choices, the bpfkit extensions (.raw, index prefix), and located errors.
import { describe, test, expect } from '@jest/globals';
import { BpfError } from '@bpfkit/ir';
import { bytesToHex, encode } from '@bpfkit/decoder';
import { parseConformance } from './parse-conformance.js';
import { conformanceMemoryBytes, splitConformanceDataFile } from './conformance-data-file.js';

const hex = (text: string): string => bytesToHex(encode(parseConformance(text)));
const words = (text: string): string[] => hex(text).match(/.{16}/g) ?? [];

function errorOf(text: string, firstLine?: number): BpfError {
  try {
    parseConformance(text, firstLine === undefined ? {} : { firstLine });
  } catch (e) {
    expect(e).toBeInstanceOf(BpfError);
    return e as BpfError;
  }
  throw new Error(`parsed: ${JSON.stringify(text)}`);
}

describe('the bpf_conformance dialect', () => {
  test.each([
    ['mov %r0, 1', 'b700000001000000'],
    ['mov %r0, %r2', 'bf20000000000000'],
    ['mov32 %r1, 41', 'b401000029000000'],
    ['add32 %r0, -3', '04000000fdffffff'],
    ['add64 %r0, 1', '0700000001000000'],
    ['neg %r0', '8700000000000000'],
    ['neg32 %r0', '8400000000000000'],
    ['sdiv %r0, -4', '37000100fcffffff'],
    ['smod32 %r1, %r2', '9c21010000000000'],
    ['movsx864 %r0, %r1', 'bf10080000000000'],
    ['movsx1632 %r0, %r1', 'bc10100000000000'],
    ['le16 %r0', 'd400000010000000'],
    ['be64 %r0', 'dc00000040000000'],
    ['swap32 %r0', 'd700000020000000'],
    ['bswap16 %r0', 'd700000010000000'],
    ['ldxb %r0, [%r1]', '7110000000000000'],
    ['ldxh %r0, [%r1+2]', '6910020000000000'],
    ['ldxdw %r1, [%r10-8]', '79a1f8ff00000000'],
    ['ldxsw %r0, [%r10-4]', '81a0fcff00000000'],
    ['stb [%r10-1], 0x7f', '720affff7f000000'],
    ['stdw [%r10-8], -1', '7a0af8ffffffffff'],
    ['stxw [%r1+2], %r2', '6321020000000000'],
    ['lddw %r0, 0x123456789abcdef0', '18000000f0debc9a' + '0000000078563412'],
    ['lddw %r1, -1', '18010000ffffffff' + '00000000ffffffff'],
    ['lock add [%r10-8], %r1', 'db1af8ff00000000'],
    ['lock fetch add32 [%r10-4], %r1', 'c31afcff01000000'],
    ['lock fetch or32 [%r1], %r2', 'c321000041000000'],
    ['lock xor [%r1], %r2', 'db210000a0000000'],
    ['lock xchg32 [%r1], %r2', 'c3210000e1000000'],
    ['lock cmpxchg [%r10-8], %r1', 'db1af8fff1000000'],
    ['ja +2', '0500020000000000'],
    ['ja32 -1', '06000000ffffffff'],
    ['jeq %r1, 0, +2', '1501020000000000'],
    ['jsgt32 %r1, -1, +1', '66010100ffffffff'],
    ['jset %r1, 0x8, +1', '4501010008000000'],
    ['jne %r0, %r1, -3', '5d10fdff00000000'],
    ['call 5', '8500000005000000'],
    ['call helper 5', '8500000005000000'],
    ['call %r2', '8d02000000000000'],
    ['call helper %r2', '8d02000000000000'],
    ['call runtime 7', '8520000007000000'],
    ['exit', '9500000000000000'],
    ['.raw 0x00000000000000e5', 'e500000000000000'],
    ['.raw 0x5566778800000018', '1800000088776655'],
  ])('%s', (text, want) => {
    expect(hex(`${text}\n${'exit\n'}`).slice(0, want.length)).toBe(want);
  });

  test('labels, `ja32 label` (imm), `call local label`, and the implicit `exit` label', () => {
    expect(
      words(`
  mov %r0, 0
  jeq %r1, 0, exit      # implicit label: the first exit
  call local f
  ja32 done
  lddw %r2, 0x100000000
done:
  exit
f:
  mov %r0, 1
  exit
`),
    ).toEqual([
      'b700000000000000',
      '1501040000000000', // to slot 6
      '8510000004000000', // f at slot 7
      '0600000002000000', // ja32 imm = +2
      '1802000000000000', '0000000001000000',
      '9500000000000000',
      'b700000001000000',
      '9500000000000000',
    ]);
  });

  test('an explicit `exit:` label wins over the implicit one', () => {
    expect(words('exit\nja exit\nexit:\nexit')[1]).toBe('0500000000000000');
  });

  test('disassembler framing: `   N: ` index prefixes and `; bytes` notes', () => {
    expect(hex('   0: mov %r0, 0x2a ; b7 00 00 00 2a 00 00 00\n   1: exit')).toBe('b70000002a000000' + '9500000000000000');
  });

  test('operand commas and blanks are flexible ([%r10 - 8], no comma)', () => {
    expect(hex('ldxdw %r1 [%r10 - 8]')).toBe(hex('ldxdw %r1, [%r10-8]'));
  });
});

describe('errors carry a code, the line and the column', () => {
  const cases: [string, string, number, number][] = [
    ['mov %r0, 1\n foo %r1', 'PARSE', 2, 2],
    ['mov %r16, 1', 'PARSE', 1, 5],
    ['mov r0, 1', 'PARSE', 1, 5],
    ['ldxw %r0, %r1', 'PARSE', 1, 11],
    ['jeq %r0, 1, 5', 'PARSE', 1, 13],
    ['L1: exit', 'PARSE', 1, 5],
    ['exit extra', 'PARSE', 1, 6],
    ['lock nand [%r1], %r2', 'PARSE', 1, 6],
    ['ja L2', 'UNKNOWN_LABEL', 1, 4],
    ['L1:\n L1:\nexit', 'DUPLICATE_LABEL', 2, 2],
    ['mov %r0, 0x100000000', 'IMM_RANGE', 1, 10],
    ['lddw %r0, 0x10000000000000000', 'IMM_RANGE', 1, 11],
    ['ja +40000', 'OFFSET_RANGE', 1, 4],
    ['ldxdw %r0, [%r1+40000]', 'OFFSET_RANGE', 1, 17],
    ['call local +5', 'OFFSET_RANGE', 1, 12],
  ];
  test.each(cases)('%j -> %s at %d:%d', (text, code, line, column) => {
    const e = errorOf(text);
    expect({ code: e.code, line: e.line, column: e.column }).toEqual({ code, line, column });
  });

  test('firstLine: errors point into the original .data file', () => {
    const file = '# Copyright\n# SPDX-License-Identifier: MIT\n-- asm\nmov %r0, 1\nbogus\n-- result\n0x1\n';
    const asm = splitConformanceDataFile(file).section('asm')!;
    expect(asm.firstLine).toBe(4);
    expect(errorOf(asm.text, asm.firstLine).line).toBe(5);
  });
});

describe('splitConformanceDataFile', () => {
  const file = [
    '# Copyright (c) Big Switch Networks, Inc',
    '# SPDX-License-Identifier: Apache-2.0',
    '-- asm',
    'ldxh %r0, [%r1]',
    'exit',
    '-- mem',
    '11 22',
    '-- result',
    '0x2211',
    '-- no register offset',
    'ldxh instruction',
    '',
  ].join('\r\n');

  test('keeps the header, splits sections, records line numbers', () => {
    const f = splitConformanceDataFile(file);
    expect(f.header).toEqual(['# Copyright (c) Big Switch Networks, Inc', '# SPDX-License-Identifier: Apache-2.0']);
    expect(f.sections.map((s) => [s.name, s.headerLine, s.lines])).toEqual([
      ['asm', 3, ['ldxh %r0, [%r1]', 'exit']],
      ['mem', 6, ['11 22']],
      ['result', 8, ['0x2211']],
      ['no register offset', 10, ['ldxh instruction']],
    ]);
    expect(f.section('asm')!.text).toBe('ldxh %r0, [%r1]\nexit');
    expect(f.section('error')).toBeUndefined();
    expect(Array.from(conformanceMemoryBytes(f.section('mem')!))).toEqual([0x11, 0x22]);
  });

  test('a bad memory byte is a located PARSE error', () => {
    const f = splitConformanceDataFile('-- mem\n11 zz\n');
    expect(() => conformanceMemoryBytes(f.section('mem')!)).toThrow(expect.objectContaining({ code: 'PARSE', line: 2, column: 4 }));
  });
});
