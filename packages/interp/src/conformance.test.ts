// The 313 bpf_conformance programs (bytes as the upstream runner assembles them) through the
// plugin core: every one must give its expected R0. The expected values and memory images are
// cross-checked against the `-- result` / `-- mem` sections of the .data sources.
import { describe, expect, test } from '@jest/globals';
import { conformancePluginRun, formatConformanceR0 } from './conformance-plugin.js';
import { dataFileSections, loadConformance, conformanceDir } from './test-support/conformance-data.js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseConformance, splitConformanceDataFile } from '@bpfkit/asm';
import { interpret } from './run.js';
import { CONFORMANCE_HELPERS } from './conformance-helpers.js';
import { hexToBytes } from '@bpfkit/decoder';

const here = import.meta.dirname;
const cases = loadConformance(here);

describe('bpf_conformance suite', () => {
  test('the data set is complete', () => {
    expect(cases).toHaveLength(313);
  });

  test('expected values and memory agree with the .data sources', () => {
    for (const c of cases) {
      const { result, mem } = dataFileSections(here, c.name);
      expect([c.name, result === undefined ? undefined : BigInt(result)]).toEqual([c.name, BigInt(c.expected)]);
      expect([c.name, mem]).toEqual([c.name, c.mem.replace(/\s+/g, '').toLowerCase()]);
    }
  });

  test.each(cases.map((c) => [c.name, c] as const))('%s gives its expected r0', (_name, c) => {
    const { r0 } = conformancePluginRun(c.program, c.mem);
    expect(`0x${formatConformanceR0(r0)}`).toBe(`0x${BigInt(c.expected).toString(16)}`);
  });

  test.each(cases.map((c) => [c.name, c] as const))('%s assembled by @bpfkit/asm gives its expected r0', (name, c) => {
    const file = splitConformanceDataFile(readFileSync(join(conformanceDir(here), 'tests', name), 'utf8'));
    const asm = file.section('asm')!;
    const program = parseConformance(asm.text, { firstLine: asm.firstLine });
    const { r0 } = interpret(program, { helpers: CONFORMANCE_HELPERS, mem: hexToBytes(c.mem), budget: 10_000_000 });
    expect(`0x${BigInt.asUintN(64, r0).toString(16)}`).toBe(`0x${BigInt(c.expected).toString(16)}`);
  });

  test('plugin contract details: hex with spaces, r0 formatting, errors are BpfErrors', () => {
    // mov r0, r2 (memory length); exit — memory given space-separated, as uBPF's plugin accepts it.
    expect(conformancePluginRun('bf20000000000000 9500000000000000', '00 01 02')).toEqual({ r0: 3n });
    expect(formatConformanceR0(0xffffffffffffffffn)).toBe('ffffffffffffffff');
    expect(formatConformanceR0(-1n)).toBe('ffffffffffffffff');
    expect(() => conformancePluginRun('8e00000000000000', '')).toThrow(expect.objectContaining({ name: 'BpfError', code: 'UNKNOWN_OPCODE' }));
    // ldxdw r0, [r1] with only 4 bytes of memory: an out-of-bounds read, not a host crash.
    expect(() => conformancePluginRun('7910000000000000 9500000000000000', '01020304')).toThrow(
      expect.objectContaining({ name: 'BpfError', code: 'MEM_OOB', insn: 0 }),
    );
  });
});
