// The Pass API every bpfkit pass implements (run by @bpfkit/pipeline's pass manager), in the
// shape of LLVM's new pass manager: analyses are module-level singleton objects used as
// cache keys, transforms return the new program plus what they preserved, codegen passes
// return a JitResult. Analyses ask for other analyses through ctx.get(), which is how the
// manager records dependency edges for invalidation.
import type { Program } from './program.js';
import { BpfError } from './error.js';

export type PassOptionValue = string | number | boolean;
export type PassOptions = Readonly<Record<string, PassOptionValue>>;

export interface PassContext {
  readonly program: Program;
  /** Result of another analysis on the same program (cached; records a dependency). */
  get<R>(pass: AnalysisPass<R>): R;
  /** Options from `set k=v` directives, CLI flags or the pipeline caller. */
  readonly options: PassOptions;
  /** Diagnostic log sink (the kernel's verbose()); a no-op unless the caller listens. */
  log(line: string): void;
}

interface PassBase {
  /** One name everywhere: package folder = CLI token = filetest directive = docs page. */
  readonly name: string;
  readonly description?: string;
}

export interface AnalysisPass<R = unknown> extends PassBase {
  readonly kind: 'analysis';
  run(ctx: PassContext): R;
  /** Render the result in the kernel's log format (what `print<name>` shows). */
  print?(result: R, program: Program): string;
}

/** Analyses a transform kept valid: all, none, or the listed ones. */
export type PreservedAnalyses = 'all' | 'none' | readonly AnalysisPass<any>[];

export interface TransformResult {
  readonly program: Program;
  readonly preserved: PreservedAnalyses;
}

export interface TransformPass extends PassBase {
  readonly kind: 'transform';
  run(ctx: PassContext): TransformResult;
}

/** A helper or kfunc call site in JIT output that the loader must patch or bridge. */
export interface JitRelocation {
  /** Byte offset in `code` of the field to patch. */
  readonly offset: number;
  readonly kind: 'helper' | 'kfunc' | 'subprog' | 'data';
  /** Helper id / kfunc BTF id / subprog index. */
  readonly target: number;
  /** BPF instruction it came from. */
  readonly insn: number;
}

export interface JitFunction {
  readonly index: number;
  /** First BPF instruction. */
  readonly start: number;
  /** Byte offset of the function in `code`. */
  readonly offset: number;
  readonly size: number;
}

export interface JitResult {
  readonly arch: string;
  readonly code: Uint8Array;
  /** Byte offset where each BPF instruction's code starts (length = program.length + 1). */
  readonly insnOffsets: Int32Array;
  readonly funcs: readonly JitFunction[];
  readonly relocations: readonly JitRelocation[];
}

export interface CodegenPass<R extends JitResult = JitResult> extends PassBase {
  readonly kind: 'codegen';
  run(ctx: PassContext): R;
  print?(result: R, program: Program): string;
}

export type Pass = AnalysisPass<any> | TransformPass | CodegenPass<any>;

export const defineAnalysis = <R>(p: Omit<AnalysisPass<R>, 'kind'>): AnalysisPass<R> => ({ kind: 'analysis', ...p });
export const defineTransform = (p: Omit<TransformPass, 'kind'>): TransformPass => ({ kind: 'transform', ...p });
export const defineCodegen = <R extends JitResult>(p: Omit<CodegenPass<R>, 'kind'>): CodegenPass<R> => ({ kind: 'codegen', ...p });

/**
 * Run one pass on its own, without a pass manager — `liveness.run(ctx)` needs a context,
 * and this makes the simplest one: ctx.get() computes each analysis it is asked for once per
 * call (a dependency cycle is a BpfError 'PASS_CYCLE'). For caching across passes and
 * invalidation after transforms, use @bpfkit/pipeline.
 */
export function runStandalone<R>(
  pass: { run(ctx: PassContext): R; readonly name: string },
  program: Program,
  options: PassOptions = {},
  log: (line: string) => void = () => {},
): R {
  const cache = new Map<AnalysisPass<any>, unknown>();
  const running: string[] = [];
  const ctx: PassContext = {
    program,
    options,
    log,
    get<T>(analysis: AnalysisPass<T>): T {
      if (cache.has(analysis)) return cache.get(analysis) as T;
      if (running.includes(analysis.name))
        throw new BpfError('PASS_CYCLE', `analysis dependency cycle: ${[...running, analysis.name].join(' -> ')}`, { pass: analysis.name });
      running.push(analysis.name);
      try {
        const r = analysis.run(ctx);
        cache.set(analysis, r);
        return r;
      } finally {
        running.pop();
      }
    },
  };
  running.push(pass.name);
  return pass.run(ctx);
}
