// PassRegistry: the table from a pass's one name (package folder = CLI `--passes` token =
// filetest `test` directive = docs page) to the pass object. Invariants: a name is
// registered at most once, names are usable as pipeline tokens, and `print` is reserved
// for the pipeline syntax. Lookups of unknown names fail with the close names listed.
// Presets are named pipeline texts (`default` = the analyses `bpfkit analyze` prints) that a
// pipeline may use as a single token; pass and preset names share one namespace.
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

/** A named pipeline text, usable as one token in other pipelines. */
export interface PresetInfo {
  readonly name: string;
  readonly pipeline: string;
  readonly description: string;
}

export class PassRegistry {
  readonly #passes = new Map<string, Pass>();
  readonly #presets = new Map<string, PresetInfo>();

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
    if (this.#presets.has(name)) throw new BpfError('OPTION', `cannot register pass '${name}': a preset has that name`, { pass: name });
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

  /**
   * Adds a preset: `name` then stands for `pipeline` in pipeline text. The text is checked
   * when the preset is used (it may name passes registered later).
   */
  registerPreset(name: string, pipeline: string, description = ''): this {
    if (typeof name !== 'string' || !PASS_NAME_PATTERN.test(name) || RESERVED_PASS_NAMES.includes(name))
      throw new BpfError('OPTION', `cannot register a preset named ${JSON.stringify(name)}: names are letters, digits, '-', '_' and '.'`);
    if (typeof pipeline !== 'string' || pipeline.trim() === '') throw new BpfError('OPTION', `preset '${name}' needs a non-empty pipeline text`);
    if (this.#passes.has(name) || this.#presets.has(name))
      throw new BpfError('OPTION', `cannot register preset '${name}': a ${this.#passes.has(name) ? 'pass' : 'preset'} has that name`);
    this.#presets.set(name, { name, pipeline, description });
    return this;
  }

  /** The preset named `name`, or undefined. */
  preset(name: string): PresetInfo | undefined {
    return this.#presets.get(name);
  }

  /** Every preset, sorted by name. */
  presets(): PresetInfo[] {
    return [...this.#presets.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
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
    return closeNames(name, [...this.#passes.keys(), ...this.#presets.keys()]);
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
    const copy = new PassRegistry(this.#passes.values());
    for (const p of this.#presets.values()) copy.registerPreset(p.name, p.pipeline, p.description);
    return copy;
  }
}
