// AnalysisManager: computes analyses on demand and caches their results per Program, in the
// style of LLVM's new pass manager. The analysis object itself is the cache key. When an
// analysis asks for another through ctx.get(), the edge is recorded; invalidation after a
// transform drops every analysis the transform did not preserve and, transitively, every
// analysis that used a dropped one. A request for an analysis that is already being computed
// on the same program is a dependency cycle and fails with BpfError 'PASS_CYCLE' (never a
// stack overflow). Programs are immutable, so a result stays valid for its program until a
// transform says otherwise; caches are held weakly per program.
import { BpfError, type AnalysisPass, type PassContext, type PassOptions, type PreservedAnalyses, type Program } from '@bpfkit/ir';
import type { LineSink, PassInstrumentation } from './instrumentation.js';

interface Entry {
  result: unknown;
  /** Analyses this one asked for (ctx.get) while it ran. */
  readonly deps: Set<AnalysisPass<any>>;
}

export interface AnalysisManagerInit {
  /** Passed to every pass as ctx.options. */
  readonly options?: PassOptions;
  /** Receives ctx.log() lines. */
  readonly log?: LineSink;
  readonly instrumentation?: PassInstrumentation;
}

const noop = (): void => {};

export class AnalysisManager {
  readonly options: PassOptions;
  readonly #log: LineSink;
  readonly #instr: PassInstrumentation;
  #cache = new WeakMap<Program, Map<AnalysisPass<any>, Entry>>();
  /** Analyses being computed right now, outermost first. */
  readonly #running: { analysis: AnalysisPass<any>; program: Program }[] = [];

  constructor(init: AnalysisManagerInit = {}) {
    this.options = Object.freeze({ ...init.options });
    this.#log = init.log ?? noop;
    this.#instr = init.instrumentation ?? {};
  }

  /** The analysis result for `program`: from the cache, or computed now and cached. */
  getResult<R>(analysis: AnalysisPass<R>, program: Program): R {
    return this.#get(analysis, program, undefined) as R;
  }

  /** The cached result, without computing anything. */
  getCachedResult<R>(analysis: AnalysisPass<R>, program: Program): R | undefined {
    return this.#cache.get(program)?.get(analysis)?.result as R | undefined;
  }

  isCached(analysis: AnalysisPass<any>, program: Program): boolean {
    return this.#cache.get(program)?.has(analysis) ?? false;
  }

  /** Analyses with a cached result for `program`, in the order they finished. */
  cachedAnalyses(program: Program): AnalysisPass<any>[] {
    return [...(this.#cache.get(program)?.keys() ?? [])];
  }

  /** The recorded dependencies of a cached analysis (what it asked for through ctx.get). */
  dependencies(analysis: AnalysisPass<any>, program: Program): AnalysisPass<any>[] {
    return [...(this.#cache.get(program)?.get(analysis)?.deps ?? [])];
  }

  /**
   * A transform turned `program` into `next` (possibly the same object) and kept `preserved`
   * valid. Keeps a cached analysis only if it is preserved and everything it depended on is
   * kept; moves the survivors to `next`; reports the rest as invalidated. Returns what was dropped.
   */
  invalidate(program: Program, preserved: PreservedAnalyses, next: Program = program): AnalysisPass<any>[] {
    const cache = this.#cache.get(program);
    if (cache === undefined) return [];
    const keep = preserved === 'all' ? undefined : new Set<AnalysisPass<any>>(preserved === 'none' ? [] : preserved);
    const alive = new Set<AnalysisPass<any>>();
    for (const a of cache.keys()) if (keep === undefined || keep.has(a)) alive.add(a);
    // Transitive closure: whatever used a dropped (or never cached) analysis is dropped too.
    for (let changed = true; changed; ) {
      changed = false;
      for (const a of alive)
        for (const d of cache.get(a)!.deps)
          if (!alive.has(d)) {
            alive.delete(a);
            changed = true;
            break;
          }
    }
    const dropped = [...cache.keys()].filter((a) => !alive.has(a));
    for (const a of dropped) this.#instr.analysisInvalidated?.(a, program);
    if (next === program) {
      for (const a of dropped) cache.delete(a);
    } else {
      this.#cache.delete(program);
      const target = this.#cacheFor(next);
      for (const [a, e] of cache) if (alive.has(a) && !target.has(a)) target.set(a, e);
    }
    return dropped;
  }

  /** Forgets cached results: of one program, or of all. */
  clear(program?: Program): void {
    if (program === undefined) this.#cache = new WeakMap();
    else this.#cache.delete(program);
  }

  /** A PassContext for a transform or codegen pass (its requests record no dependency). */
  context(program: Program): PassContext {
    return this.#context(program, undefined);
  }

  #context(program: Program, requester: Entry | undefined): PassContext {
    return {
      program,
      options: this.options,
      log: this.#log,
      get: <R>(pass: AnalysisPass<R>): R => this.#get(pass, program, requester) as R,
    };
  }

  #cacheFor(program: Program): Map<AnalysisPass<any>, Entry> {
    let c = this.#cache.get(program);
    if (c === undefined) this.#cache.set(program, (c = new Map()));
    return c;
  }

  #get(analysis: AnalysisPass<any>, program: Program, requester: Entry | undefined): unknown {
    if (analysis?.kind !== 'analysis') {
      const what = analysis === null || typeof analysis !== 'object' ? String(analysis) : `'${(analysis as { name?: string }).name}' (a ${(analysis as { kind?: string }).kind} pass)`;
      throw new BpfError('OPTION', `ctx.get() takes an analysis pass, not ${what}`);
    }
    requester?.deps.add(analysis);
    const cache = this.#cacheFor(program);
    const hit = cache.get(analysis);
    if (hit !== undefined) {
      this.#instr.analysisCached?.(analysis, program);
      return hit.result;
    }
    const at = this.#running.findIndex((r) => r.analysis === analysis && r.program === program);
    if (at >= 0) {
      const cycle = [...this.#running.slice(at).map((r) => r.analysis.name), analysis.name].join(' -> ');
      throw new BpfError('PASS_CYCLE', `analysis dependency cycle: ${cycle}`, { pass: analysis.name });
    }
    const entry: Entry = { result: undefined, deps: new Set() };
    this.#instr.beforeAnalysis?.(analysis, program);
    this.#running.push({ analysis, program });
    try {
      entry.result = analysis.run(this.#context(program, entry));
    } finally {
      this.#running.pop();
    }
    cache.set(analysis, entry);
    this.#instr.afterAnalysis?.(analysis, program, entry.result);
    return entry.result;
  }
}
