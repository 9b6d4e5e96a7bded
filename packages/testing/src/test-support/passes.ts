// Small passes for the runner's own tests (excluded from the build; see tsconfig.json).
import { BpfError, Program, defineAnalysis, defineTransform, printKernelInsn } from '@bpfkit/ir';
import { PassRegistry } from '@bpfkit/pipeline';

/** Number of instruction slots. */
export const insns = defineAnalysis({
  name: 'insns',
  run: (ctx) => ctx.program.length,
  print: (n) => `insns: ${n}`,
});

/** One line per slot, kernel syntax. */
export const listing = defineAnalysis({
  name: 'listing',
  run: (ctx) => Array.from({ length: ctx.program.length }, (_, i) => `${i}: ${printKernelInsn(ctx.program, i)}`),
  print: (lines) => lines.join('\n'),
});

/** ctx.options, one `k=v (type)` line each. */
export const opts = defineAnalysis({
  name: 'opts',
  run: (ctx) => Object.entries(ctx.options).map(([k, v]) => `${k}=${String(v)} (${typeof v})`),
  print: (lines) => lines.join('\n'),
});

/** Drops the first instruction; a one-instruction program is a BpfError. */
export const dropFirst = defineTransform({
  name: 'drop-first',
  run: (ctx) => {
    if (ctx.program.length < 2) throw new BpfError('REWRITE', 'nothing to drop before exit', { insn: 0, pass: 'drop-first' });
    return { program: Program.fromInsns(ctx.program.insns().slice(1)), preserved: 'none' };
  },
});

/** A buggy analysis: throws a TypeError. */
export const crash = defineAnalysis({ name: 'crash', run: () => (null as unknown as { x: number }).x });

export const testRegistry = (): PassRegistry => new PassRegistry([insns, listing, opts, dropFirst, crash]);
