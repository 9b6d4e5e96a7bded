// Random valid programs through the precision pass: the interpreter's trace (a finished or a
// faulting run) is backtracked for r0 at the last instruction, and for every register at a
// random visited instruction — a result or a BpfError every time, within a bounded time.
import { expect, test } from '@jest/globals';
import fc from 'fast-check';
import { randomProgram } from '@bpfkit/decoder';
import { isBpfError } from '@bpfkit/ir';
import { precisionFromRun } from './index.js';

const rng = (seed: number) => {
  let s = seed >>> 0 || 1;
  return (n: number): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % n;
  };
};

test('random programs: result or BpfError, never anything else', () => {
  const started = Date.now();
  let results = 0;
  fc.assert(
    fc.property(fc.integer(), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 9 }), (seed, count, reg) => {
      const p = randomProgram(rng(seed), count, 6);
      try {
        const r = precisionFromRun(p, { regs: [reg] }, { budget: 1000 });
        expect(r.count).toBeGreaterThan(0);
        results++;
      } catch (e) {
        if (!isBpfError(e)) throw e;
        expect(e.pass === 'precision' ? e.code : 'ok').not.toBe('INTERNAL');
      }
    }),
    { numRuns: 300 },
  );
  expect(results).toBeGreaterThan(0);
  expect(Date.now() - started).toBeLessThan(60_000);
});
