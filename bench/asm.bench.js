// Assembler throughput: parseKernel and parseConformance on ~100k-line programs, and the
// ratio of 10x input to 1x input time (linear parsing gives ~10, quadratic ~100), plus a
// 100k-label chain. Replaces a timed test: figures are printed, not asserted.
import { printKernelProgram } from '@bpfkit/ir';
import { randomProgram } from '@bpfkit/decoder';
import { parseKernel, parseConformance, printConformance } from '@bpfkit/asm';

function seeded(seed) {
  let x = seed >>> 0;
  return (n) => {
    x = (x + 0x6d2b79f5) >>> 0;
    let t = x;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}
const median = (runs, f) => {
  f();
  const ts = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    ts.push(performance.now() - t);
  }
  return ts.sort((a, b) => a - b)[runs >> 1];
};

const big = randomProgram(seeded(7), 110_000);
const small = randomProgram(seeded(8), 11_000);
for (const [name, print, parse] of [
  ['parseKernel', printKernelProgram, parseKernel],
  ['parseConformance', printConformance, parseConformance],
]) {
  const tb = print(big);
  const ts = print(small);
  const lines = tb.split('\n').length;
  const tBig = median(5, () => parse(tb));
  const tSmall = median(5, () => parse(ts));
  console.log(`${name}: ${lines} lines in ${tBig.toFixed(0)} ms (${((lines / tBig) * 1e3 / 1e6).toFixed(2)} M lines/s); 10x input / 1x input time = ${(tBig / tSmall).toFixed(1)} (linear ~10)`);
}
let chain = '';
for (let i = 0; i < 100_000; i++) chain += `L${i}: if r1 > ${i} goto L${Math.min(99_999, Math.max(0, i - 30_000 + ((i * 7919) % 60_000)))}\n`;
console.log(`100k-label chain (far forward/backward jumps): ${median(3, () => parseKernel(`${chain}exit`)).toFixed(0)} ms`);
