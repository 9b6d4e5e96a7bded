// Pass instrumentation, after LLVM's PassInstrumentationCallbacks: observers the pass manager
// calls around every pass and analysis, so tracing (`--debug-pass-manager`) and dumping
// (`--print-after-all`) live outside the manager. Callbacks only observe; they never change
// what runs. Every text sink receives one line per call, without the newline.
import { printKernelProgram, type AnalysisPass, type Pass, type Program } from '@bpfkit/ir';

/** Receives one line per call (no trailing newline). */
export type LineSink = (line: string) => void;

export interface PassInstrumentation {
  /** A transform or codegen pass is about to run on `program`. */
  beforePass?(pass: Pass, program: Program): void;
  /** It ran; `program` is the program it returned (codegen: the unchanged input). */
  afterPass?(pass: Pass, program: Program, result: unknown): void;
  /** An analysis is about to be computed (not found in the cache). */
  beforeAnalysis?(analysis: AnalysisPass<any>, program: Program): void;
  afterAnalysis?(analysis: AnalysisPass<any>, program: Program, result: unknown): void;
  /** An analysis was asked for and answered from the cache. */
  analysisCached?(analysis: AnalysisPass<any>, program: Program): void;
  /** A cached analysis result was dropped after a transform. */
  analysisInvalidated?(analysis: AnalysisPass<any>, program: Program): void;
}

/** Several observers as one; each callback is called in order. */
export function combineInstrumentation(list: readonly PassInstrumentation[]): PassInstrumentation {
  if (list.length === 1) return list[0]!;
  return {
    beforePass: (p, prog) => list.forEach((i) => i.beforePass?.(p, prog)),
    afterPass: (p, prog, r) => list.forEach((i) => i.afterPass?.(p, prog, r)),
    beforeAnalysis: (a, prog) => list.forEach((i) => i.beforeAnalysis?.(a, prog)),
    afterAnalysis: (a, prog, r) => list.forEach((i) => i.afterAnalysis?.(a, prog, r)),
    analysisCached: (a, prog) => list.forEach((i) => i.analysisCached?.(a, prog)),
    analysisInvalidated: (a, prog) => list.forEach((i) => i.analysisInvalidated?.(a, prog)),
  };
}

/**
 * `--debug-pass-manager`: `Running pass: <name>` (transforms, codegen),
 * `Running analysis: <name>`, `Skipping analysis: <name> (cached)`,
 * `Invalidating analysis: <name>`.
 */
export function debugPassManager(sink: LineSink): PassInstrumentation {
  return {
    beforePass: (p) => sink(`Running pass: ${p.name}`),
    beforeAnalysis: (a) => sink(`Running analysis: ${a.name}`),
    analysisCached: (a) => sink(`Skipping analysis: ${a.name} (cached)`),
    analysisInvalidated: (a) => sink(`Invalidating analysis: ${a.name}`),
  };
}

/** `--print-after-all`: after every transform, `*** IR Dump After <name> ***` and the program in kernel syntax. */
export function printAfterAll(sink: LineSink): PassInstrumentation {
  return {
    afterPass: (p, program) => {
      if (p.kind !== 'transform') return;
      sink(`*** IR Dump After ${p.name} ***`);
      for (const line of printKernelProgram(program).split('\n')) if (line !== '') sink(line);
    },
  };
}

export interface StandardInstrumentationFlags {
  readonly debugPassManager?: boolean;
  readonly printAfterAll?: boolean;
}

/** The CLI's flags as instrumentation writing to one sink (e.g. stderr). */
export function standardInstrumentation(flags: StandardInstrumentationFlags, sink: LineSink): PassInstrumentation[] {
  const out: PassInstrumentation[] = [];
  if (flags.debugPassManager) out.push(debugPassManager(sink));
  if (flags.printAfterAll) out.push(printAfterAll(sink));
  return out;
}
