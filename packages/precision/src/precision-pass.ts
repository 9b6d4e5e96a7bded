// The `precision` analysis pass: runs the program on the reference interpreter with tracing
// (`trace=run`, the only source a pipeline has) and backtracks a precision request over the
// path — `precise-insn=I` (default: the last instruction executed), `visit=N`,
// `precise-reg=N[,M]` (default r0 when nothing else is asked), `precise-stack=-8[,-16]`,
// `precise-stack-arg=7` (argument number), `global=1,3` (subprograms verified as global),
// `budget=N` (interpreter instructions). Prints the mark_precise log.
import { BpfError, type PassOptions, defineAnalysis } from '@bpfkit/ir';
import type { PrecisionResult } from './mark-chain-precision.js';
import { type PrecisionAt, precisionFromRun } from './precision-run.js';

function numbers(v: unknown, name: string): number[] | undefined {
  if (v === undefined) return undefined;
  const parts = typeof v === 'number' ? [v] : String(v).split(',').map((s) => s.trim()).filter((s) => s !== '').map((s) => Number(s.replace(/^r/, '')));
  if (parts.some((n) => !Number.isInteger(n))) throw new BpfError('OPTION', `option ${name}: expected integers, got ${JSON.stringify(v)}`, { pass: 'precision' });
  return parts;
}

export function precisionRequestFrom(o: PassOptions): PrecisionAt {
  const trace = o['trace'] ?? 'run';
  if (trace !== 'run') throw new BpfError('OPTION', `option trace: only 'run' (trace an interpreter run) is available in a pipeline, not ${JSON.stringify(trace)}`, { pass: 'precision' });
  const regs = numbers(o['precise-reg'], 'precise-reg');
  const stack = numbers(o['precise-stack'], 'precise-stack');
  const stackArgs = numbers(o['precise-stack-arg'], 'precise-stack-arg');
  const insn = numbers(o['precise-insn'], 'precise-insn')?.[0];
  const visit = numbers(o['visit'], 'visit')?.[0];
  const globals = new Set(numbers(o['global'], 'global') ?? []);
  return {
    regs: regs ?? (stack === undefined && stackArgs === undefined ? [0] : []),
    stack, stackArgs, insn, visit,
    isGlobal: (i) => globals.has(i),
  };
}

export const precision = defineAnalysis<PrecisionResult>({
  name: 'precision',
  description: 'precision backtracking (backtrack_insn) over a traced interpreter run, with stack-argument slots; prints mark_precise lines',
  run(ctx) {
    const budget = numbers(ctx.options['budget'], 'budget')?.[0];
    const r = precisionFromRun(ctx.program, precisionRequestFrom(ctx.options), budget === undefined ? {} : { budget });
    for (const line of r.log) ctx.log(line);
    return r;
  },
  print: (r) => r.log.join('\n') + '\n',
});
