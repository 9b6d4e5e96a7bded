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

export function resolveTable(table: ExternTable | undefined, what: 'helper' | 'kfunc'): Map<number, ResolvedExtern> {
  const out = new Map<number, ResolvedExtern>();
  if (table === undefined) return out;
  const pairs: [number, ExternFn | ExternEntry][] =
    table instanceof Map ? [...table.entries()] : Object.entries(table).map(([k, v]) => [Number(k), v as ExternFn | ExternEntry]);
  for (const [id, v] of pairs) {
    if (!Number.isInteger(id)) throw new BpfError('OPTION', `${what} table key ${String(id)} is not an integer id`, { pass: 'interp' });
    const entry: ExternEntry = typeof v === 'function' ? { fn: v } : v;
    if (typeof entry?.fn !== 'function') throw new BpfError('OPTION', `${what} ${id} is not a function`, { pass: 'interp' });
    const max = what === 'helper' ? 5 : MAX_BPF_FUNC_ARGS;
    if (entry.argCount !== undefined && (!Number.isInteger(entry.argCount) || entry.argCount < 0 || entry.argCount > max))
      throw new BpfError('TOO_MANY_ARGS', `${what} ${id} declares ${entry.argCount} arguments; at most ${max} are supported`, { pass: 'interp' });
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
