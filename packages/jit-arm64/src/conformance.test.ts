// The 313 bpf_conformance programs, JIT'd for arm64 and run under qemu in one batch: every one
// must give its `-- result`. The interpreter (the oracle) must agree on the final memory too.
import { describeUnderQemu } from './test-support/qemu-describe.js';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { decode, hexToBytes } from '@bpfkit/decoder';
import { CONFORMANCE_HELPERS, Interpreter } from '@bpfkit/interp';
import { jitArm64Compile } from './jit.js';
import { ensureArm64Runner, runArm64Batch, type Arm64RunResult } from './qemu-runner.js';
import { loadConformance } from './test-support/conformance.js';

const cases = loadConformance(import.meta.dirname);

describeUnderQemu('bpf_conformance under qemu-aarch64', () => {
  let results: Arm64RunResult[] = [];
  beforeAll(() => {
    ensureArm64Runner();
    results = runArm64Batch(
      cases.map((c) => {
        const r = jitArm64Compile(decode(hexToBytes(c.program)));
        return { code: r.code, entry: r.entry, mem: hexToBytes(c.mem) };
      }),
    );
  }, 180_000);

  test('the data set is complete', () => {
    expect(cases).toHaveLength(313);
  });

  test.each(cases.map((c, k) => [c.name, k] as const))('%s gives its expected r0', (_name, k) => {
    const c = cases[k]!;
    const r = results[k]!;
    expect(r.ok ? `0x${r.r0.toString(16)}` : `fault ${r.fault}`).toBe(`0x${BigInt(c.expected).toString(16)}`);
  });

  test('final memory agrees with the interpreter on every program', () => {
    const bad: string[] = [];
    cases.forEach((c, k) => {
      const mem = hexToBytes(c.mem);
      new Interpreter(decode(hexToBytes(c.program)), { helpers: CONFORMANCE_HELPERS, budget: 10_000_000 }).run({ mem });
      const r = results[k]!;
      if (!r.ok || Buffer.compare(Buffer.from(r.mem), Buffer.from(mem)) !== 0) bad.push(c.name);
    });
    expect(bad).toEqual([]);
  });
});
