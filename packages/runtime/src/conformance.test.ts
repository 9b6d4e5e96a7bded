// The 313 bpf_conformance programs (bytes as the upstream runner assembles them,
// ../shared/conformance/conformance-assembled.jsonl) JIT-compiled to x86-64 and run natively:
// every one must give its expected R0, with the helper conventions of the conformance runners
// (@bpfkit/interp's CONFORMANCE_HELPERS, bridged as koffi callbacks) — once as trusted code and
// once in the sandbox.
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decode, hexToBytes } from '@bpfkit/decoder';
import { CONFORMANCE_HELPERS } from '@bpfkit/interp';
import { NativeProgram } from './native-program.js';

interface Case {
  name: string;
  program: string;
  mem: string;
  expected: string;
}

const file = join(import.meta.dirname, '..', '..', '..', '..', 'shared', 'conformance', 'conformance-assembled.jsonl');
const cases: Case[] = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Case);

function runCase(c: Case, sandbox: boolean): string {
  const np = new NativeProgram(decode(hexToBytes(c.program)), { helpers: CONFORMANCE_HELPERS, sandbox });
  try {
    return `0x${np.run({ mem: hexToBytes(c.mem) }).r0.toString(16)}`;
  } finally {
    np.dispose();
  }
}

describe('bpf_conformance suite on the x86-64 JIT, run natively', () => {
  test('the data set is complete', () => {
    expect(cases).toHaveLength(313);
  });

  test('313/313 give their expected r0 (trusted mode)', () => {
    const got = cases.map((c) => [c.name, runCase(c, false)]);
    expect(got).toEqual(cases.map((c) => [c.name, `0x${BigInt.asUintN(64, BigInt(c.expected)).toString(16)}`]));
  });

  test('313/313 give their expected r0 (sandbox: every access bounds-checked)', () => {
    const got = cases.map((c) => [c.name, runCase(c, true)]);
    expect(got).toEqual(cases.map((c) => [c.name, `0x${BigInt.asUintN(64, BigInt(c.expected)).toString(16)}`]));
  });
});
