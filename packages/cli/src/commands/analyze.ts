// `bpfkit analyze PROG... [--passes 'a,print<b>']`: run a textual pass pipeline (default: the
// `default` preset — verifier log, const-fold and liveness in the kernel's log format) over
// every program of every input (an ELF object contributes each program it defines), with the
// pass manager's --debug-pass-manager / --print-after-all instrumentation on request, progress
// on stderr for batches, and `--json` for tools.
import { printKernelProgram, type PassOptions } from '@bpfkit/ir';
import { defaultRegistry, runPipeline, standardInstrumentation } from '@bpfkit/pipeline';
import type { CliIo } from '../io.js';
import type { ProgramFormat } from '../read-program.js';
import { loadUnits, unitHeader } from '../program-units.js';
import { ended, errorJson, runBatch } from '../batch.js';

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
}

export function analyzeCommand(io: CliIo, args: AnalyzeArgs): number {
  const passes = args.passes ?? 'default';
  const registry = defaultRegistry();
  const json = !!args.json;
  const many = args.inputs.length > 1;
  const items = runBatch(
    io,
    args.inputs,
    (file) => {
      const units = loadUnits(io, file, args.format, args.entry);
      return units.map((u) => {
        const lines: string[] = [];
        const sink = (line: string): void => void lines.push(ended(line));
        const instrumentation = standardInstrumentation({ debugPassManager: args.debugPassManager, printAfterAll: args.printAfterAll }, sink);
        if (!json && (many || units.length > 1 || u.section !== undefined)) io.stdout(`== ${unitHeader(u)} ==\n`);
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
    },
    { quiet: !!args.quiet, reportErrors: !json },
  );
  if (json) {
    const doc = { pipeline: passes, files: items.map((i) => ({ file: i.file, ...(i.error ? { error: errorJson(i.error) } : { programs: i.value }) })) };
    io.stdout(JSON.stringify(doc, null, 2) + '\n');
  }
  return items.some((i) => i.error) ? 1 : 0;
}
