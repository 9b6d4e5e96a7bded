// Parsing is linear: a 100k-line program parses well under a second in both dialects, and
// ten times the input takes about ten times as long (not a hundred).
import { describe, test, expect } from '@jest/globals';
import { printKernelProgram, type Program } from '@bpfkit/ir';
import { randomProgram } from '@bpfkit/decoder';
import { parseKernel } from './parse-kernel.js';
import { parseConformance } from './parse-conformance.js';
import { printConformance } from './print-conformance.js';

function seeded(seed: number): (n: number) => number {
  let x = seed >>> 0;
  return (n: number) => {
    x = (x + 0x6d2b79f5) >>> 0;
    let t = x;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

/** Best of `runs` wall-clock times of `f`, in ms. */
function bestOf(runs: number, f: () => unknown): number {
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    best = Math.min(best, performance.now() - t);
  }
  return best;
}

describe('parse speed', () => {
  const big: Program = randomProgram(seeded(7), 110_000);
  const small: Program = randomProgram(seeded(8), 11_000);
  const kernelBig = printKernelProgram(big);
  const conformanceBig = printConformance(big);

  test('the inputs have 100k lines', () => {
    expect(kernelBig.split('\n').length).toBeGreaterThan(100_000);
    expect(conformanceBig.split('\n').length).toBeGreaterThan(100_000);
  });

  test('parseKernel: 100k lines in well under a second, linear', () => {
    const tBig = bestOf(2, () => parseKernel(kernelBig));
    const tSmall = bestOf(2, () => parseKernel(printKernelProgram(small)));
    expect(tBig).toBeLessThan(1000);
    expect(tBig / Math.max(tSmall, 1)).toBeLessThan(30);
  });

  test('parseConformance: 100k lines in well under a second', () => {
    expect(bestOf(2, () => parseConformance(conformanceBig))).toBeLessThan(1000);
  });

  test('a 100k-line label chain resolves linearly', () => {
    let text = '';
    for (let i = 0; i < 100_000; i++) text += `L${i}: if r1 > ${i} goto L${Math.min(99_999, Math.max(0, i - 30_000 + ((i * 7919) % 60_000)))}\n`;
    expect(bestOf(2, () => parseKernel(`${text}exit`))).toBeLessThan(1000);
  });
});
