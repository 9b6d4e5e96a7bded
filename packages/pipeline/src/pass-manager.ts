// PassManager: runs passes over a Program in the style of LLVM's new pass manager. Analyses
// come from its AnalysisManager (cached, with recorded dependencies); a transform's result
// replaces the program and invalidates what it did not preserve; a codegen pass produces a
// JitResult and leaves the program and the cache alone. Instrumentation observes each step.
// Invariant: what a pass returns is checked before it is used, so a malformed pass fails with
// a BpfError naming it instead of corrupting later passes.
import { BpfError, type AnalysisPass, type Pass, type PassOptions, type PreservedAnalyses, type Program, type TransformResult } from '@bpfkit/ir';
import { AnalysisManager } from './analysis-manager.js';
import { combineInstrumentation, type LineSink, type PassInstrumentation } from './instrumentation.js';
import { PassResults } from './pass-results.js';

export interface PassManagerInit {
  /** Passed to every pass as ctx.options. */
  readonly options?: PassOptions;
  /** Receives ctx.log() lines. */
  readonly log?: LineSink;
  readonly instrumentation?: PassInstrumentation | readonly PassInstrumentation[];
}

export interface PassRun {
  /** The program after the pass (unchanged unless it was a transform). */
  readonly program: Program;
  /** Analysis result, TransformResult or JitResult. */
  readonly result: unknown;
}

export interface PassManagerRun {
  readonly program: Program;
  readonly results: PassResults;
}

const isProgram = (x: unknown): x is Program =>
  typeof x === 'object' && x !== null && (x as Program).code instanceof Uint8Array && typeof (x as Program).sameInsns === 'function';

export class PassManager {
  readonly analyses: AnalysisManager;
  readonly instrumentation: PassInstrumentation;
  readonly #passes: Pass[] = [];

  constructor(init: PassManagerInit = {}) {
    const list = init.instrumentation === undefined ? [] : Array.isArray(init.instrumentation) ? init.instrumentation : [init.instrumentation as PassInstrumentation];
    this.instrumentation = combineInstrumentation(list);
    this.analyses = new AnalysisManager({ options: init.options, log: init.log, instrumentation: this.instrumentation });
  }

  get options(): PassOptions {
    return this.analyses.options;
  }

  /** Appends a pass to the sequence run() runs. */
  addPass(pass: Pass): this {
    this.#passes.push(pass);
    return this;
  }

  get passes(): readonly Pass[] {
    return this.#passes;
  }

  /** Runs the sequence; returns the final program and each pass's latest result. */
  run(program: Program): PassManagerRun {
    const results = new PassResults();
    for (const pass of this.#passes) {
      const r = this.runPass(pass, program);
      program = r.program;
      results.set(pass, r.result);
    }
    return { program, results };
  }

  /** Shorthand for analyses.getResult(). */
  getResult<R>(analysis: AnalysisPass<R>, program: Program): R {
    return this.analyses.getResult(analysis, program);
  }

  /** Runs one pass of any kind. An analysis is computed (or taken from the cache). */
  runPass(pass: Pass, program: Program): PassRun {
    switch (pass?.kind) {
      case 'analysis':
        return { program, result: this.analyses.getResult(pass, program) };
      case 'transform': {
        this.instrumentation.beforePass?.(pass, program);
        const r = pass.run(this.analyses.context(program));
        checkTransformResult(pass.name, r);
        this.analyses.invalidate(program, r.preserved, r.program);
        this.instrumentation.afterPass?.(pass, r.program, r);
        return { program: r.program, result: r };
      }
      case 'codegen': {
        this.instrumentation.beforePass?.(pass, program);
        const r = pass.run(this.analyses.context(program));
        if (typeof r !== 'object' || r === null || !(r.code instanceof Uint8Array))
          throw new BpfError('INTERNAL', `codegen pass '${pass.name}' did not return a JitResult`, { pass: pass.name });
        this.instrumentation.afterPass?.(pass, program, r);
        return { program, result: r };
      }
      default:
        throw new BpfError('OPTION', `not a pass: ${describe(pass)}`);
    }
  }
}

function checkTransformResult(name: string, r: TransformResult): void {
  if (typeof r !== 'object' || r === null || !isProgram(r.program))
    throw new BpfError('INTERNAL', `transform '${name}' did not return { program, preserved }`, { pass: name });
  if (!isPreserved(r.preserved))
    throw new BpfError('INTERNAL', `transform '${name}' returned preserved=${describe(r.preserved)}; expected 'all', 'none' or a list of analyses`, { pass: name });
}

function isPreserved(p: unknown): p is PreservedAnalyses {
  return p === 'all' || p === 'none' || (Array.isArray(p) && p.every((a) => (a as Pass)?.kind === 'analysis'));
}

function describe(x: unknown): string {
  if (typeof x === 'object' && x !== null && 'name' in x) return `'${String((x as Pass).name)}'`;
  return JSON.stringify(x) ?? String(x);
}
