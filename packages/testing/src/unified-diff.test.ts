import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { unifiedDiff } from './index.js';

/** Applies a unified diff to `from` (strictly: context and removed lines must match). */
function applyDiff(from: readonly string[], diff: string): string[] {
  const lines = diff.split('\n').slice(2, -1);
  const out: string[] = [];
  let pos = 0;
  for (let i = 0; i < lines.length; ) {
    const m = /^@@ -(\d+),(\d+) \+(\d+),(\d+) @@$/.exec(lines[i]!);
    if (!m) throw new Error(`bad hunk header ${lines[i]}`);
    const aStart = Number(m[2]) === 0 ? Number(m[1]) : Number(m[1]) - 1;
    while (pos < aStart) out.push(from[pos++]!);
    for (i++; i < lines.length && !lines[i]!.startsWith('@@'); i++) {
      const [k, text] = [lines[i]![0], lines[i]!.slice(1)];
      if (k === ' ' || k === '-') {
        if (from[pos] !== text) throw new Error(`context mismatch at ${pos}: ${from[pos]} vs ${text}`);
        pos++;
      }
      if (k === ' ' || k === '+') out.push(text);
    }
  }
  while (pos < from.length) out.push(from[pos++]!);
  return out;
}

describe('unifiedDiff', () => {
  test('equal inputs give an empty string', () => {
    expect(unifiedDiff(['a', 'b'], ['a', 'b'])).toBe('');
    expect(unifiedDiff([], [])).toBe('');
  });

  test('diff -u layout: labels, hunk header, removals before additions, three lines of context', () => {
    const a = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];
    const b = ['1', '2', '3', '4', 'five', '6', '7', '8', '9'];
    expect(unifiedDiff(a, b, { fromLabel: 'x (expected)', toLabel: 'x (actual)' })).toBe(
      ['--- x (expected)', '+++ x (actual)', '@@ -2,7 +2,7 @@', ' 2', ' 3', ' 4', '-5', '+five', ' 6', ' 7', ' 8', ''].join('\n'),
    );
  });

  test('separate hunks when changes are far apart; empty sides', () => {
    const a = Array.from({ length: 20 }, (_, i) => `l${i}`);
    const b = [...a];
    b[1] = 'X';
    b[18] = 'Y';
    const d = unifiedDiff(a, b);
    expect(d.split('\n').filter((l) => l.startsWith('@@'))).toEqual(['@@ -1,5 +1,5 @@', '@@ -16,5 +16,5 @@']);
    expect(unifiedDiff([], ['a'])).toBe('--- expected\n+++ actual\n@@ -0,0 +1,1 @@\n+a\n');
    expect(unifiedDiff(['a'], [])).toBe('--- expected\n+++ actual\n@@ -1,1 +0,0 @@\n-a\n');
  });

  test('applying the diff to the expected lines gives the actual lines (property)', () => {
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 30 });
    fc.assert(
      fc.property(lines, lines, (a, b) => {
        const d = unifiedDiff(a, b);
        if (d === '') return expect(a).toEqual(b);
        expect(applyDiff(a, d)).toEqual(b);
      }),
      { numRuns: 500 },
    );
  });
});
