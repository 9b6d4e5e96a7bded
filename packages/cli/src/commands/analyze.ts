// `bpfkit analyze PROG... [--passes 'a,print<b>']`: run a textual pass pipeline (default: the
// `default` preset — verifier log, const-fold and liveness in the kernel's log format) over
// every program of every input (an ELF object contributes each program it defines), with the
// pass manager's --debug-pass-manager / --print-after-all instrumentation on request, progress
// on stderr for batches, and `--json` for tools.
import { printKernelProgram, type PassOptions } from '@bpfkit/ir';
import { defaultRegistry, runPipeline, standardInstrumentation, type PassRegistry } from '@bpfkit/pipeline';
import type { CliIo } from '../io.js';
import type { ProgramFormat } from '../read-program.js';
import { unitHeader } from '../program-units.js';
import { ended, printBatchJson, runUnitBatch } from '../batch.js';

export interface AnalyzeArgs {
  inputs: readonly string[];
  /** Pipeline text; default `default`. */
  passes?: string;
  format?: ProgramFormat;
  entry?: string;
  options: PassOptions;
  debugPassManager: boolean;
  printAfterAll: boolean;
  printProgram: boolean;
  json?: boolean;
  quiet?: boolean;
  /** Passes and presets to resolve --passes against (default: defaultRegistry()). */
  registry?: PassRegistry;
}

export function analyzeCommand(io: CliIo, args: AnalyzeArgs): number {
  const passes = args.passes ?? 'default';
  const registry = args.registry ?? defaultRegistry();
  const json = !!args.json;
  const items = runUnitBatch(io, args, (u, titled) => {
    const lines: string[] = [];
    const sink = (line: string): void => void lines.push(ended(line));
    const instrumentation = standardInstrumentation({ debugPassManager: args.debugPassManager, printAfterAll: args.printAfterAll }, sink);
    if (!json && titled) io.stdout(`== ${unitHeader(u)} ==\n`);
    const run = runPipeline(passes, u.program, { registry, options: args.options, instrumentation: json ? [] : instrumentation });
    const outputs = run.outputs.map((o) => ({ pass: o.pass, text: ended(o.text) }));
    if (!json) {
      io.stdout(lines.join(''));
      for (const o of outputs) io.stdout(o.text);
      if (args.printProgram) io.stdout(printKernelProgram(run.program));
    }
    return {
      name: u.name, ...(u.section !== undefined ? { section: u.section } : {}), insns: u.program.length,
      functions: u.program.funcs.map((f) => ({ name: f.name ?? null, start: f.start, end: f.end, args: f.argCount ?? null })),
      outputs, ...(args.printProgram ? { program: printKernelProgram(run.program) } : {}),
    };
  });
  if (json) printBatchJson(io, { pipeline: passes }, items);
  return items.some((i) => i.error) ? 1 : 0;
}
