// `bpfkit analyze PROG --passes 'a,print<b>'`: run a textual pipeline over a program and
// print what the print<…> steps produce (the analyses' kernel-log renderings), with the
// pass manager's --debug-pass-manager / --print-after-all instrumentation on request.
import { printKernelProgram, type PassOptions } from '@bpfkit/ir';
import { defaultRegistry, runPipeline, standardInstrumentation } from '@bpfkit/pipeline';
import type { CliIo } from '../io.js';
import { loadProgram, type ProgramFormat } from '../read-program.js';

export interface AnalyzeArgs {
  input: string;
  passes: string;
  format?: ProgramFormat;
  options: PassOptions;
  debugPassManager: boolean;
  printAfterAll: boolean;
  printProgram: boolean;
}

export function analyzeCommand(io: CliIo, args: AnalyzeArgs): number {
  const { program } = loadProgram(io, args.input, args.format);
  const instrumentation = standardInstrumentation(
    { debugPassManager: args.debugPassManager, printAfterAll: args.printAfterAll },
    (line: string) => io.stdout(line.endsWith('\n') ? line : line + '\n'),
  );
  const run = runPipeline(args.passes, program, { registry: defaultRegistry(), options: args.options, instrumentation });
  for (const out of run.outputs) io.stdout(out.text.endsWith('\n') ? out.text : out.text + '\n');
  if (args.printProgram) io.stdout(printKernelProgram(run.program));
  return 0;
}
