import { describe, expect, test } from '@jest/globals';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BpfError } from '@bpfkit/ir';
import { conformanceDir, findRepoRoot, loadConformance, parseConformanceData } from './index.js';

const ioError = (f: () => unknown): BpfError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(BpfError);
    expect((e as BpfError).code).toBe('IO');
    return e as BpfError;
  }
  throw new Error('did not throw');
};

describe('conformanceDir', () => {
  test('is ../shared/conformance beside the repository root, found from a file, a directory or a URL', () => {
    const root = findRepoRoot(import.meta.url);
    const expected = join(root, '..', 'shared', 'conformance');
    expect(conformanceDir()).toBe(expected);
    expect(conformanceDir(import.meta.url)).toBe(expected);
    expect(conformanceDir(join(root, 'packages', 'testing', 'src'))).toBe(expected);
    expect(readFileSync(join(root, 'nx.json'), 'utf8')).toContain('"neverConnectToCloud"');
  });

  test('fails loudly outside a repository and when the data is missing', () => {
    const outside = mkdtempSync(join(tmpdir(), 'bpfkit-noroot-'));
    expect(ioError(() => conformanceDir(outside)).message).toContain('no nx.json');
    const fakeRoot = join(mkdtempSync(join(tmpdir(), 'bpfkit-root-')), 'main');
    mkdirSync(join(fakeRoot, 'packages'), { recursive: true });
    writeFileSync(join(fakeRoot, 'nx.json'), '{}');
    const e = ioError(() => conformanceDir(join(fakeRoot, 'packages')));
    expect(e.message).toContain('conformance data not found');
    expect(e.message).toContain(join(fakeRoot, '..', 'shared', 'conformance'));
    expect(ioError(() => loadConformance(join(fakeRoot, 'nowhere'))).message).toContain('does not exist');
  });
});

describe('loadConformance', () => {
  const all = loadConformance();
  const byName = new Map(all.map((t) => [t.name, t]));

  test('loads all 313 tests with the README counts', () => {
    expect(all).toHaveLength(313);
    const perCpu = [1, 2, 3, 4].map((v) => all.filter((t) => t.minCpuVersion === v).length);
    expect(perCpu).toEqual([163, 9, 82, 59]);
    expect(all.filter((t) => t.mem.length > 0)).toHaveLength(40);
    expect(all.reduce((n, t) => n + t.program.length / 8, 0)).toBe(2762);
    expect(all.filter((t) => t.license === 'Apache-2.0')).toHaveLength(159);
    expect(all.filter((t) => t.license === 'MIT')).toHaveLength(153);
    expect(loadConformance()).toBe(all); // cached
  });

  test('a record joined with its .data file', () => {
    const add = byName.get('add.data')!;
    expect(add.program).toEqual(Uint8Array.from(Buffer.from('b400000000000000b40100000200000004000000010000000c100000000000000c0000000000000004000000fdffffff9500000000000000', 'hex')));
    expect(add.mem).toEqual(new Uint8Array(0));
    expect(add.expected).toBe(3n);
    expect(add.minCpuVersion).toBe(1);
    expect(add.skipIfExcluded).toEqual(['base32', 'base64']);
    expect(add.sha256).toBe('7ee12d0baaf05ad0b8fb8a3622998c00fcf17bf569c4ad7de34462f2994d1e86');
    expect(add.header).toEqual(['# Copyright (c) Big Switch Networks, Inc', '# SPDX-License-Identifier: Apache-2.0']);
    expect(add.asm).toBe('mov32 %r0, 0\nmov32 %r1, 2\nadd32 %r0, 1\nadd32 %r0, %r1\nadd32 %r0, %r0\nadd32 %r0, -3\nexit\n');
    expect(add.result).toBe(3n);
    expect(add.raw).toBeUndefined();
    expect(add.file).toBe(join(conformanceDir(), 'tests', 'add.data'));
  });

  test('mem, raw, extra sections and a file without a header', () => {
    const lddw = byName.get('lddw.data')!;
    expect(lddw.raw).toEqual([0x5566778800000018n, 0x1122334400000000n, 0x95n]);
    expect(lddw.expected).toBe(0x1122334455667788n);
    const memLen = byName.get('mem-len.data')!;
    expect(memLen.mem).toEqual(new Uint8Array([0, 0, 0, 1, 0, 0, 0, 2]));
    expect([...memLen.sections.keys()]).toEqual(['asm', 'mem', 'no register offset', 'result']);
    expect(byName.get('prime.data')!.sections.get('c')).toContain('uint64_t entry(uint64_t arg)');
    expect(byName.get('prime.data')!.header).toContain('# Compiled by Clang');
    const bare = byName.get('div32-by-zero-reg-2.data')!;
    expect(bare.header).toEqual([]);
    expect(bare.license).toBeUndefined();
    expect(all.every((t) => t.expected >= 0n && t.expected < 1n << 64n)).toBe(true);
  });

  /** A two-test copy of the suite that a test may damage. */
  function copySuite(names: string[]): string {
    const src = conformanceDir();
    const dir = mkdtempSync(join(tmpdir(), 'bpfkit-conf-'));
    mkdirSync(join(dir, 'tests'));
    const lines = readFileSync(join(src, 'conformance-assembled.jsonl'), 'utf8').split('\n');
    writeFileSync(join(dir, 'conformance-assembled.jsonl'), names.map((n) => lines.find((l) => l.includes(`"name":"${n}"`))!).join('\n') + '\n');
    for (const n of names) copyFileSync(join(src, 'tests', n), join(dir, 'tests', n));
    return dir;
  }

  test('a faithful copy loads', () => {
    const got = loadConformance(copySuite(['add.data', 'lddw.data']));
    expect(got.map((t) => t.name)).toEqual(['add.data', 'lddw.data']);
  });

  test('an edited .data file fails the sha256 check', () => {
    const dir = copySuite(['add.data', 'lddw.data']);
    writeFileSync(join(dir, 'tests', 'add.data'), readFileSync(join(dir, 'tests', 'add.data'), 'utf8').replace('0x3', '0x4'));
    expect(ioError(() => loadConformance(dir)).message).toMatch(/^add\.data: sha256 [0-9a-f]{64} does not match the record's 7ee12d0b/);
  });

  test('a record that disagrees with its file, a missing file, an orphan file', () => {
    const dir1 = copySuite(['add.data']);
    const jsonl = join(dir1, 'conformance-assembled.jsonl');
    writeFileSync(jsonl, readFileSync(jsonl, 'utf8').replace('"expected":"0x3"', '"expected":"0x7"'));
    expect(ioError(() => loadConformance(dir1)).message).toBe("add.data: '-- result' is 0x3 but the record expects 0x7");
    const dir2 = copySuite(['add.data', 'lddw.data']);
    writeFileSync(join(dir2, 'tests', 'extra.data'), '-- asm\nexit\n');
    expect(ioError(() => loadConformance(dir2)).message).toContain('1 .data file(s) without a record in conformance-assembled.jsonl: extra.data');
    const dir3 = copySuite(['add.data']);
    writeFileSync(join(dir3, 'conformance-assembled.jsonl'), readFileSync(join(dir3, 'conformance-assembled.jsonl'), 'utf8').replaceAll('add.data', 'gone.data'));
    expect(ioError(() => loadConformance(dir3)).message).toContain('gone.data has a record but no file');
  });
});

describe('parseConformanceData', () => {
  test('sections, header, values', () => {
    const d = parseConformanceData('# Copyright (c) X\n# SPDX-License-Identifier: MIT\n-- asm\nmov %r0, 1 # one\nexit\n-- mem\n01 02\nff\n-- raw\n0x00000001000000b7\n-- result\n0xffffffffffffffff\n');
    expect(d.header).toEqual(['# Copyright (c) X', '# SPDX-License-Identifier: MIT']);
    expect(d.license).toBe('MIT');
    expect(d.asm).toBe('mov %r0, 1 # one\nexit\n');
    expect(d.dataMem).toEqual(new Uint8Array([1, 2, 0xff]));
    expect(d.raw).toEqual([0x1000000b7n]);
    expect(d.result).toBe(0xffffffffffffffffn);
    expect([...d.sections.keys()]).toEqual(['asm', 'mem', 'raw', 'result']);
  });

  test.each([
    ['-- result\n0x1\n', "t.data:1: no '-- asm' section"],
    ['mov %r0, 1\n-- asm\nexit\n', 't.data:1: text before the first \'-- \' section: "mov %r0, 1"'],
    ['-- asm\nexit\n-- asm\nexit\n', "t.data:3: section '-- asm' appears twice"],
    ['-- asm\nexit\n-- result\nzero\n', "t.data:4: bad result value 'zero'"],
    ['-- asm\nexit\n-- result\n1\n2\n', "t.data:3: '-- result' must hold one value, found 2"],
    ['-- asm\nexit\n-- mem\n0g\n', "t.data:4: bad '-- mem' section: '0g' is not a hex byte"],
  ])('malformed file %j', (text, message) => {
    expect(() => parseConformanceData(text, 't.data')).toThrow(message);
  });
});
