// PassRegistry: the table from a pass's one name (package folder = CLI `--passes` token =
// filetest `test` directive = docs page) to the pass object. Invariants: a name is
// registered at most once, names are usable as pipeline tokens, and `print` is reserved
// for the pipeline syntax. Lookups of unknown names fail with the close names listed.
import { BpfError, type Pass } from '@bpfkit/ir';
import { closeNames } from './suggest.js';

/** What `bpfkit passes` lists: one row per registered pass. */
export interface PassInfo {
  readonly name: string;
  readonly kind: Pass['kind'];
  readonly description: string;
}

/** Pass names are pipeline tokens: letters, digits, `-`, `_`, `.`; starting with a letter or digit. */
export const PASS_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Names the pipeline syntax itself uses. */
export const RESERVED_PASS_NAMES: readonly string[] = ['print'];

const KINDS: readonly string[] = ['analysis', 'transform', 'codegen'];

export class PassRegistry {
  readonly #passes = new Map<string, Pass>();

  constructor(passes: Iterable<Pass> = []) {
    for (const p of passes) this.register(p);
  }

  /** Adds a pass; throws BpfError 'OPTION' for a duplicate, reserved or malformed name. */
  register(pass: Pass): this {
    const name: unknown = pass?.name;
    if (typeof name !== 'string' || !PASS_NAME_PATTERN.test(name))
      throw new BpfError('OPTION', `cannot register a pass named ${JSON.stringify(name)}: names are letters, digits, '-', '_' and '.'`);
    if (!KINDS.includes(pass.kind) || typeof pass.run !== 'function')
      throw new BpfError('OPTION', `cannot register '${name}': not a pass (kind must be analysis, transform or codegen, with a run() function)`);
    if (RESERVED_PASS_NAMES.includes(name))
      throw new BpfError('OPTION', `cannot register a pass named '${name}': the name is reserved by the pipeline syntax`);
    const existing = this.#passes.get(name);
    if (existing !== undefined)
      throw new BpfError('OPTION', existing === pass ? `pass '${name}' is already registered` : `another pass is already registered as '${name}'`, { pass: name });
    this.#passes.set(name, pass);
    return this;
  }

  registerAll(passes: Iterable<Pass>): this {
    for (const p of passes) this.register(p);
    return this;
  }

  has(name: string): boolean {
    return this.#passes.has(name);
  }

  /** The pass, or undefined. */
  get(name: string): Pass | undefined {
    return this.#passes.get(name);
  }

  /** The pass; an unknown name throws BpfError 'PASS_UNKNOWN' naming close matches. */
  lookup(name: string): Pass {
    const p = this.#passes.get(name);
    if (p === undefined) throw new BpfError('PASS_UNKNOWN', this.unknownMessage(name), { pass: name });
    return p;
  }

  /** `unknown pass 'livenes'; did you mean 'liveness'?` (or the full list when nothing is close). */
  unknownMessage(name: string): string {
    const close = this.suggest(name);
    if (close.length > 0) return `unknown pass '${name}'; did you mean ${close.map((c) => `'${c}'`).join(', ')}?`;
    const all = this.names();
    return all.length > 0 ? `unknown pass '${name}'; registered passes: ${all.join(', ')}` : `unknown pass '${name}'; no passes are registered`;
  }

  /** Registered names close to `name`, best first. */
  suggest(name: string): string[] {
    return closeNames(name, this.#passes.keys());
  }

  /** Registered names, sorted. */
  names(): string[] {
    return [...this.#passes.keys()].sort();
  }

  /** Every pass with its kind and description, sorted by name. */
  list(): PassInfo[] {
    return this.names().map((name) => {
      const p = this.#passes.get(name)!;
      return { name, kind: p.kind, description: p.description ?? '' };
    });
  }

  get size(): number {
    return this.#passes.size;
  }

  /** An independent copy (register custom passes on it without touching the original). */
  clone(): PassRegistry {
    return new PassRegistry(this.#passes.values());
  }
}
