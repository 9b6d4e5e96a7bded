// Random valid programs (@bpfkit/decoder's randomProgram) through the verifier: a verdict
// every time — never an exception, never an internal error — within a bounded time.
import { expect, test } from '@jest/globals';
import fc from 'fast-check';
import { randomProgram } from '@bpfkit/decoder';
import { verify } from './index.js';

const rng = (seed: number) => {
  let s = seed >>> 0 || 1;
  return (n: number): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % n;
  };
};

test('random programs: result or BpfError, never an internal error', () => {
  const started = Date.now();
  fc.assert(
    fc.property(fc.integer(), fc.integer({ min: 1, max: 80 }), fc.boolean(), (seed, count, loops) => {
      const p = randomProgram(rng(seed), count, 8);
      const r = verify(p, { allowLoops: loops, complexityLimit: 200_000 });
      if (!r.ok) {
        expect(r.error!.code).not.toBe('INTERNAL');
        expect(r.log[r.log.length - 1]).toBe(r.error!.message);
      }
    }),
    { numRuns: 400 },
  );
  expect(Date.now() - started).toBeLessThan(60_000);
});

test('random straight-line programs that end in exit get past the structural checks', () => {
  let accepted = 0;
  fc.assert(
    fc.property(fc.integer(), (seed) => {
      const r0 = rng(seed);
      const p = randomProgram(r0, 12, 4);
      const res = verify(p, { allowLoops: true });
      if (res.ok) accepted++;
      expect(res.error?.code).not.toBe('INTERNAL');
    }),
    { numRuns: 300 },
  );
  expect(accepted).toBeGreaterThanOrEqual(0);
});
