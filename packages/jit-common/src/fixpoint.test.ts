// The fixpoint branch-sizing driver on a toy machine with 2-byte short and 5-byte long jumps:
// a chain of jumps whose sizes depend on each other converges to all-short; the final pass
// must reproduce the layout (a changed one is the kernel's "proglen != oldproglen" bug);
// oscillation switches padding on; non-convergence is an error; exact passes end early.
import { describe, expect, test } from '@jest/globals';
import { sameLayout, sizeByFixpoint, type SizingPass } from './fixpoint.js';

/** Toy program: instruction i is either filler of size `fill[i]` or a jump to `target[i]`. */
function toyEmitter(fill: number[], target: (number | null)[]) {
  const n = fill.length;
  return (sp: SizingPass): Int32Array => {
    const layout = new Int32Array(n + 1);
    let pos = 0;
    for (let i = 0; i < n; i++) {
      layout[i] = pos;
      const t = target[i];
      if (t === null || t === undefined) {
        pos += fill[i]!;
        continue;
      }
      let size = 5;
      if (sp.prev !== null) {
        const d = sp.prev[t]! - (sp.prev[i]! + 2);
        if (d >= -128 && d <= 127) size = 2;
        if (sp.padding) size = Math.max(size, sp.prev[i + 1]! - sp.prev[i]!);
      }
      pos += size;
    }
    layout[n] = pos;
    return layout;
  };
}

describe('sizeByFixpoint', () => {
  test('shrinking jumps converge; the final pass reproduces the layout', () => {
    // 30 forward jumps over 100 bytes of filler each way: all end short after a few passes.
    const fill: number[] = [];
    const target: (number | null)[] = [];
    for (let k = 0; k < 30; k++) {
      target.push(fill.length + 2);
      fill.push(0);
      target.push(null);
      fill.push(100);
    }
    target.push(null);
    fill.push(1);
    target.push(null);
    fill.push(1);
    const seen: SizingPass[] = [];
    const emit = toyEmitter(fill, target);
    const r = sizeByFixpoint((sp) => (seen.push(sp), emit(sp)));
    expect(r.passes).toBe(seen.length);
    expect(seen[0]!.prev).toBeNull();
    expect(seen[seen.length - 1]!.final).toBe(true);
    expect(r.layout[r.layout.length - 1]).toBe(30 * 102 + 2);
  });

  test('a final pass that moves code is the kernel\'s proglen error', () => {
    let calls = 0;
    expect(() =>
      sizeByFixpoint((sp) => {
        calls++;
        return Int32Array.of(0, sp.final ? 7 : 5);
      }),
    ).toThrow(expect.objectContaining({ name: 'BpfError', code: 'INTERNAL', message: expect.stringContaining('proglen=7 != oldproglen=5') }));
    expect(calls).toBe(3);
  });

  test('oscillating layouts get padding, then converge', () => {
    let paddingSeen = false;
    const r = sizeByFixpoint(
      (sp) => {
        if (sp.padding) paddingSeen = true;
        // Without padding the size alternates between 10 and 12; padding keeps the larger one.
        const size = sp.padding && sp.prev !== null ? Math.max(sp.prev[1]!, 10) : sp.pass % 2 === 0 ? 10 : 12;
        return Int32Array.of(0, size);
      },
      { paddingAfter: 4 },
    );
    expect(paddingSeen).toBe(true);
    expect(r.layout[1]).toBe(12);
  });

  test('no convergence within maxPasses is an error', () => {
    expect(() => sizeByFixpoint((sp) => Int32Array.of(0, sp.pass), { maxPasses: 5, paddingAfter: 99 })).toThrow(
      expect.objectContaining({ code: 'JIT_NO_CONVERGENCE' }),
    );
  });

  test('an exact first pass needs only the final pass', () => {
    let passes = 0;
    const r = sizeByFixpoint(() => (passes++, Int32Array.of(0, 3, 9)), { exact: () => true });
    expect([r.passes, passes]).toEqual([2, 2]);
    expect(sameLayout(r.layout, Int32Array.of(0, 3, 9))).toBe(true);
    expect(sameLayout(Int32Array.of(1), Int32Array.of(1, 2))).toBe(false);
  });
});
