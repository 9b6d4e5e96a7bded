// PassResults: what each pass of a run produced, keyed by the pass object (typed lookups for
// analyses and codegen passes) and reachable by name (for the CLI). A pass that ran twice
// keeps its latest result.
import type { AnalysisPass, CodegenPass, JitResult, Pass, TransformPass, TransformResult } from '@bpfkit/ir';

export class PassResults {
  readonly #byPass = new Map<Pass, unknown>();

  set(pass: Pass, result: unknown): void {
    this.#byPass.delete(pass); // keep insertion order = order of the latest runs
    this.#byPass.set(pass, result);
  }

  get<R>(pass: AnalysisPass<R>): R | undefined;
  get<R extends JitResult>(pass: CodegenPass<R>): R | undefined;
  get(pass: TransformPass): TransformResult | undefined;
  get(pass: Pass): unknown {
    return this.#byPass.get(pass);
  }

  /** Latest result of the pass with this name. */
  byName(name: string): unknown {
    let found: unknown;
    for (const [p, r] of this.#byPass) if (p.name === name) found = r;
    return found;
  }

  has(pass: Pass | string): boolean {
    return typeof pass === 'string' ? [...this.#byPass.keys()].some((p) => p.name === pass) : this.#byPass.has(pass);
  }

  /** Passes with a result, in the order of their latest run. */
  passes(): Pass[] {
    return [...this.#byPass.keys()];
  }

  get size(): number {
    return this.#byPass.size;
  }
}
