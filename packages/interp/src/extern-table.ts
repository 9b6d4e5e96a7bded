// Helper and kfunc tables: normalises what users pass (Map or object, bare functions or
// {fn, argCount, name} entries) into one lookup, and converts what a function returns into
// the 64-bit R0 — the user-space stand-in for the kernel's helper prototypes
// (struct bpf_func_proto) and kfunc BTF func models (btf_func_model), which fix the argument
// count and return width of each callee.
import { BpfError, MAX_BPF_FUNC_ARGS } from '@bpfkit/ir';
import type { ExternEntry, ExternFn, ExternResult, ExternTable } from './options.js';

export interface ResolvedExtern {
  readonly fn: ExternFn;
  readonly argCount: number | undefined;
  readonly name: string;
}

/** A helper or kfunc table as users write it: a Map or an object keyed by id, of bare functions or entries. */
export type ExternTableLike<F, E> = ReadonlyMap<number, F | E> | { readonly [id: number]: F | E };

/**
 * The (id, entry) pairs of a table, bare functions wrapped as `{ fn }`, with the checks every
 * engine shares: integer ids, and argument counts within 0..5 (helpers) or 0..12 (kfuncs).
 * What an entry must provide (a function; or, natively, a function or an address) is the
 * caller's check. Shared with @bpfkit/runtime.
 */
export function externTableEntries<F, E extends { readonly argCount?: number | undefined }>(
  table: ExternTableLike<F, E> | undefined, what: 'helper' | 'kfunc', pass: string,
): [number, E][] {
  if (table === undefined) return [];
  const pairs: [number, F | E][] =
    table instanceof Map ? [...table.entries()] : Object.entries(table).map(([k, v]) => [Number(k), v as F | E]);
  const max = what === 'helper' ? 5 : MAX_BPF_FUNC_ARGS;
  return pairs.map(([id, v]): [number, E] => {
    if (!Number.isInteger(id)) throw new BpfError('OPTION', `${what} table key ${String(id)} is not an integer id`, { pass });
    const entry = (typeof v === 'function' ? { fn: v } : v) as E;
    if (typeof entry !== 'object' || entry === null) throw new BpfError('OPTION', `${what} ${id} is neither a function nor an entry`, { pass });
    if (entry.argCount !== undefined && (!Number.isInteger(entry.argCount) || entry.argCount < 0 || entry.argCount > max))
      throw new BpfError('TOO_MANY_ARGS', `${what} ${id} declares ${entry.argCount} arguments; at most ${max} are supported`, { pass });
    return [id, entry];
  });
}

export function resolveTable(table: ExternTable | undefined, what: 'helper' | 'kfunc'): Map<number, ResolvedExtern> {
  const out = new Map<number, ResolvedExtern>();
  for (const [id, entry] of externTableEntries<ExternFn, ExternEntry>(table, what, 'interp')) {
    if (typeof entry.fn !== 'function') throw new BpfError('OPTION', `${what} ${id} is not a function`, { pass: 'interp' });
    out.set(id, { fn: entry.fn, argCount: entry.argCount, name: entry.name ?? `${what}#${id}` });
  }
  return out;
}

/** R0 from a helper's return value (two's complement mod 2^64); shared with @bpfkit/runtime. */
export function toR0(v: ExternResult, name: string, insn: number, pass = 'interp'): bigint {
  switch (typeof v) {
    case 'bigint': return BigInt.asUintN(64, v);
    case 'number':
      if (Number.isInteger(v)) return BigInt.asUintN(64, BigInt(v));
      break;
    case 'boolean': return v ? 1n : 0n;
    case 'undefined': return 0n;
  }
  throw new BpfError('HELPER_RETURN', `${name} returned ${String(v)}, not an integer`, { insn, pass });
}
