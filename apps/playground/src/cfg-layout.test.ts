import { describe, expect, test } from '@jest/globals';
import { parseKernel } from '@bpfkit/asm';
import { printKernelInsn } from '@bpfkit/ir';
import { layoutCfg } from './cfg-layout.js';
import { generateProgram } from './examples.js';

function layout(text: string) {
  const p = parseKernel(text);
  const g = p.cfg;
  const t: string[] = [];
  for (let i = 0; i < p.length; i++) t.push(p.isSecondHalf(i) ? '' : printKernelInsn(p, i));
  return layoutCfg({
    length: p.length, funcs: p.funcs, blockStart: g.blockStart, blockEnd: g.blockEnd, blockSuccStart: g.blockSuccStart, blockSuccs: g.blockSuccs,
    blockOf: g.blockOf, text: t, isCond: (i) => g.succ[2 * i + 1]! >= 0,
  });
}

const overlap = (a: { x: number; y: number; w: number; h: number }, b: typeof a): boolean =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('CFG layout', () => {
  test('a diamond: ranks by longest path, taken/fall-through edges, no overlaps', () => {
    const c = layout('r0 = 0\nif r1 > 3 goto big\nr0 = 1\ngoto out\nbig:\nr0 = 2\nout:\nexit\n');
    expect(c.blocks.map((b) => [b.start, b.end])).toEqual([[0, 2], [2, 4], [4, 5], [5, 6]]);
    const [entry, left, right, exit] = c.blocks;
    expect(left!.y).toBeGreaterThan(entry!.y);
    expect(left!.y).toBe(right!.y);
    expect(exit!.y).toBeGreaterThan(left!.y);
    expect(c.edges.map((e) => [e.from, e.to, e.kind])).toEqual([[0, 1, 'fall'], [0, 2, 'taken'], [1, 3, 'uncond'], [2, 3, 'uncond']]);
    expect(overlap(left!, right!)).toBe(false);
  });

  test('a loop has a back edge; functions are stacked', () => {
    const c = layout('.func main\nr0 = 0\nloop:\nr0 += 1\nif r0 < 10 goto loop\ncall f\nexit\n.func f\nr0 = 1\nexit\n');
    expect(c.edges.some((e) => e.kind === 'back')).toBe(true);
    expect(c.titles.map((t) => t.text)).toEqual(['func#0 main @0', 'func#1 f @5']);
    const f1 = c.blocks.filter((b) => b.func === 1);
    expect(Math.min(...f1.map((b) => b.y))).toBeGreaterThan(Math.max(...c.blocks.filter((b) => b.func === 0).map((b) => b.y + b.h)));
  });

  test('1,000 instructions: no two blocks overlap, fast', () => {
    const t0 = performance.now();
    const c = layout(generateProgram(1000));
    const ms = performance.now() - t0;
    for (let a = 0; a < c.blocks.length; a++)
      for (let b = a + 1; b < c.blocks.length; b++) expect([a, b, overlap(c.blocks[a]!, c.blocks[b]!)]).toEqual([a, b, false]);
    console.log(`cfg layout of ${c.blocks.length} blocks: ${ms.toFixed(1)} ms (parse included)`);
  });
});
