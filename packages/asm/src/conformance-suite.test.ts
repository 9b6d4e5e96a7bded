// The 313 bpf_conformance programs: parseConformance must reproduce the upstream runner's
// bytes exactly, and every program must survive the kernel-syntax and conformance-syntax
// round trips (decode -> print -> parse -> encode).
import { describe, test, expect } from '@jest/globals';
import { printKernelProgram } from '@bpfkit/ir';
import { bytesToHex, decode, encode, hexToBytes } from '@bpfkit/decoder';
import { parseConformance } from './parse-conformance.js';
import { parseKernel } from './parse-kernel.js';
import { printConformance } from './print-conformance.js';
import { splitConformanceDataFile } from './conformance-data-file.js';
import { loadConformanceCases } from './test-support/conformance-fixtures.js';

const cases = loadConformanceCases(import.meta.dirname);

const asmOf = (source: string): { text: string; firstLine: number } => {
  const asm = splitConformanceDataFile(source).section('asm');
  if (asm === undefined) throw new Error('no -- asm section');
  return { text: asm.text, firstLine: asm.firstLine };
};

describe('bpf_conformance suite', () => {
  test('all 313 fixtures are present', () => {
    expect(cases).toHaveLength(313);
  });

  test('parseConformance assembles every -- asm section to the upstream bytes', () => {
    const mismatches: string[] = [];
    for (const c of cases) {
      const { text, firstLine } = asmOf(c.source);
      const got = bytesToHex(encode(parseConformance(text, { firstLine })));
      if (got !== c.programHex) mismatches.push(`${c.name}\n  want ${c.programHex}\n  got  ${got}`);
    }
    expect(mismatches).toEqual([]);
  });

  test('decode -> printKernelProgram -> parseKernel -> encode gives the same bytes', () => {
    const mismatches: string[] = [];
    for (const c of cases) {
      const bytes = hexToBytes(c.programHex);
      const text = printKernelProgram(decode(bytes));
      const got = bytesToHex(encode(parseKernel(text)));
      if (got !== c.programHex) mismatches.push(`${c.name}\n${text}`);
    }
    expect(mismatches).toEqual([]);
  });

  test('the kernel listing also parses without index and opcode prefixes', () => {
    const mismatches: string[] = [];
    for (const c of cases) {
      const text = printKernelProgram(decode(hexToBytes(c.programHex))).replace(/^\d+: \([0-9a-f]{2}\) /gm, '');
      if (bytesToHex(encode(parseKernel(text))) !== c.programHex) mismatches.push(c.name);
    }
    expect(mismatches).toEqual([]);
  });

  test('decode -> printConformance -> parseConformance -> encode gives the same bytes', () => {
    const mismatches: string[] = [];
    let rawLines = 0;
    for (const c of cases) {
      for (const opts of [{}, { index: false }, { rawBytes: true }]) {
        const text = printConformance(decode(hexToBytes(c.programHex)), opts);
        rawLines += (text.match(/\.raw /g) ?? []).length;
        const got = bytesToHex(encode(parseConformance(text)));
        if (got !== c.programHex) mismatches.push(`${c.name} ${JSON.stringify(opts)}\n${text}`);
      }
    }
    expect(mismatches).toEqual([]);
    // Every instruction of the suite is expressible in the dialect itself.
    expect(rawLines).toBe(0);
  });

  test('the .data splitter keeps the licence header and finds every section', () => {
    const names = new Map<string, number>();
    let withHeader = 0;
    for (const c of cases) {
      const f = splitConformanceDataFile(c.source);
      if (f.header.some((l) => l.includes('SPDX-License-Identifier'))) withHeader++;
      for (const s of f.sections) names.set(s.name, (names.get(s.name) ?? 0) + 1);
    }
    // README of the fixtures: 312 files carry an SPDX header, div32-by-zero-reg-2.data has none.
    expect(withHeader).toBe(312);
    expect(Object.fromEntries(names)).toEqual({ asm: 313, result: 313, mem: 40, raw: 1, c: 2, 'no register offset': 3 });
  });
});
