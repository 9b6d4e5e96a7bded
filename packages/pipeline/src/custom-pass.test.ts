// The "custom pass in 20 lines" example from the README, run as a test. The README's code
// block must stay identical to the region between the markers below (checked at the end),
// except that the README imports '@bpfkit/pipeline' where this file imports './index.js'
// (a package may not import itself by name).
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { Program, build } from '@bpfkit/ir';
import { debugPassManager } from './index.js';

// --- docs example start ---
import { defineAnalysis, defineTransform, isGoto, rewrite, type Edit } from '@bpfkit/ir';
import { defaultRegistry, runPipeline } from './index.js';

/** Analysis: slots holding `goto pc+0`, a jump to the next instruction. */
export const nopGotos = defineAnalysis({
  name: 'nop-gotos',
  description: 'find goto pc+0',
  run: ({ program: p }) => [...Array(p.length).keys()].filter((i) => isGoto(p.code[i]!) && p.off[i] === 0),
  print: (slots) => `nop gotos: ${slots.join(' ') || 'none'}`,
});

/** Transform: remove them; rewrite() fixes every other jump and call offset. */
export const dropNopGotos = defineTransform({
  name: 'drop-nop-gotos',
  description: 'remove goto pc+0',
  run: (ctx) => {
    const slots = ctx.get(nopGotos);
    if (slots.length === 0) return { program: ctx.program, preserved: 'all' };
    const edits: Edit[] = slots.map((at) => ({ kind: 'remove', at }));
    return { program: rewrite(ctx.program, edits).program, preserved: 'none' };
  },
});

export const registry = defaultRegistry().register(nopGotos).register(dropNopGotos);
// --- docs example end ---

const input = Program.fromInsns([
  build.mov64Imm(0, 0),
  build.ja(0),
  build.jmpImm(0x10 /* BPF_JEQ */, 0, 0, 2),
  build.ja(0),
  build.mov64Imm(0, 1),
  build.exit(),
]);

describe('custom pass example', () => {
  test('runs from a textual pipeline', () => {
    const { program, outputs } = runPipeline('print<nop-gotos>,drop-nop-gotos,print<nop-gotos>,print', input, { registry });
    expect(outputs.map((o) => o.text).join('')).toBe(
      [
        'nop gotos: 1 3',
        'nop gotos: none',
        '0: (b7) r0 = 0',
        '1: (15) if r0 == 0x0 goto pc+1',
        '2: (b7) r0 = 1',
        '3: (95) exit',
        '',
      ].join('\n'),
    );
    expect(program.length).toBe(4);
  });

  test('is listed with its description', () => {
    const mine = registry.list().filter((p) => p.name.includes('nop-gotos'));
    expect(mine).toEqual([
      { name: 'drop-nop-gotos', kind: 'transform', description: 'remove goto pc+0' },
      { name: 'nop-gotos', kind: 'analysis', description: 'find goto pc+0' },
    ]);
    expect(registry.list().length).toBe(defaultRegistry().list().length + 2);
  });

  test('reuses the cached analysis and invalidates it after the rewrite', () => {
    const lines: string[] = [];
    runPipeline('nop-gotos,drop-nop-gotos,nop-gotos', input, { registry, instrumentation: debugPassManager((l) => lines.push(l)) });
    expect(lines).toEqual([
      'Running analysis: nop-gotos',
      'Running pass: drop-nop-gotos',
      'Skipping analysis: nop-gotos (cached)',
      'Invalidating analysis: nop-gotos',
      'Running analysis: nop-gotos',
    ]);
  });

  test('the README shows exactly this code, in at most 20 lines of passes', () => {
    const self = readFileSync(new URL(import.meta.url), 'utf8');
    const example = self
      .slice(self.indexOf('// --- docs example start ---\n') + 30, self.indexOf('// --- docs example end ---'))
      .replace("from './index.js'", "from '@bpfkit/pipeline'");
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    expect(readme).toContain('```ts\n' + example + '```');
    const passLines = example.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('import') && !l.startsWith('export const registry'));
    expect(passLines.length).toBeLessThanOrEqual(20);
  });
});
