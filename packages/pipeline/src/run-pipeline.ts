// runPipeline(): the one call the CLI, the filetest runner and users make — a pipeline (text
// or pass list) over a program, collecting printed output. Text is parsed and every name
// resolved before any pass runs, so a typo never leaves half a pipeline executed.
import { printKernelProgram, type Pass, type PassOptions, type Program } from '@bpfkit/ir';
import { defaultRegistry } from './default-registry.js';
import type { LineSink, PassInstrumentation } from './instrumentation.js';
import { PassManager } from './pass-manager.js';
import { PassResults } from './pass-results.js';
import { parsePipeline, type PipelineStep } from './pipeline-parser.js';
import type { PassRegistry } from './registry.js';

export interface RunPipelineOptions {
  /** Resolves names in pipeline text. Default: defaultRegistry(). */
  readonly registry?: PassRegistry;
  /** ctx.options for every pass (`set k=v`, CLI flags). */
  readonly options?: PassOptions;
  readonly instrumentation?: PassInstrumentation | readonly PassInstrumentation[];
  /** Receives ctx.log() lines. */
  readonly log?: LineSink;
}

/** One `print<…>` (or `print`) result. `text` ends with a newline unless empty. */
export interface PipelineOutput {
  /** The printed pass's name; `print` for the program itself. */
  readonly pass: string;
  readonly text: string;
}

export interface PipelineRun {
  readonly program: Program;
  readonly outputs: PipelineOutput[];
  readonly results: PassResults;
  /** The manager that ran it: its analysis cache can answer further questions. */
  readonly passManager: PassManager;
}

const terminated = (s: string): string => (s === '' || s.endsWith('\n') ? s : s + '\n');

export function runPipeline(pipeline: string | readonly Pass[], program: Program, opts: RunPipelineOptions = {}): PipelineRun {
  const steps: readonly PipelineStep[] =
    typeof pipeline === 'string'
      ? parsePipeline(pipeline, opts.registry ?? defaultRegistry())
      : pipeline.map((pass) => ({ kind: 'run', pass, column: 0 }));
  const pm = new PassManager({ options: opts.options, log: opts.log, instrumentation: opts.instrumentation });
  const outputs: PipelineOutput[] = [];
  const results = new PassResults();
  for (const step of steps) {
    if (step.kind === 'print-program') {
      outputs.push({ pass: 'print', text: printKernelProgram(program) });
      continue;
    }
    const r = pm.runPass(step.pass, program);
    program = r.program;
    results.set(step.pass, r.result);
    if (step.kind === 'print') outputs.push({ pass: step.pass.name, text: terminated(step.pass.print!(r.result, program)) });
  }
  return { program, outputs, results, passManager: pm };
}
