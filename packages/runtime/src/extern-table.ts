// Helper and kfunc tables for native runs: normalises what users pass (Map or object, bare
// functions or {fn | native, argCount, name} entries) and converts a JS helper's return value
// to the 64-bit R0 — the same rules as @bpfkit/interp, so one table serves both.
import { BpfError, MAX_BPF_FUNC_ARGS } from '@bpfkit/ir';
import type { NativeExternEntry, NativeExternFn, NativeExternTable } from './options.js';

export interface ResolvedNativeExtern {
  readonly fn: NativeExternFn | undefined;
  readonly native: bigint | undefined;
  readonly argCount: number | undefined;
  readonly name: string;
}

export function resolveNativeTable(table: NativeExternTable | undefined, what: 'helper' | 'kfunc'): Map<number, ResolvedNativeExtern> {
  const out = new Map<number, ResolvedNativeExtern>();
  if (table === undefined) return out;
  const pairs: [number, NativeExternFn | NativeExternEntry][] =
    table instanceof Map ? [...table.entries()] : Object.entries(table).map(([k, v]) => [Number(k), v as NativeExternFn | NativeExternEntry]);
  for (const [id, v] of pairs) {
    if (!Number.isInteger(id)) throw new BpfError('OPTION', `${what} table key ${String(id)} is not an integer id`, { pass: 'runtime' });
    const entry: NativeExternEntry = typeof v === 'function' ? { fn: v } : v;
    const hasFn = typeof entry?.fn === 'function';
    const hasNative = typeof entry?.native === 'bigint';
    if (hasFn === hasNative) throw new BpfError('OPTION', `${what} ${id} needs exactly one of fn (a function) or native (an address)`, { pass: 'runtime' });
    const max = what === 'helper' ? 5 : MAX_BPF_FUNC_ARGS;
    if (entry.argCount !== undefined && (!Number.isInteger(entry.argCount) || entry.argCount < 0 || entry.argCount > max))
      throw new BpfError('TOO_MANY_ARGS', `${what} ${id} declares ${entry.argCount} arguments; at most ${max} are supported`, { pass: 'runtime' });
    out.set(id, { fn: entry.fn, native: entry.native, argCount: entry.argCount, name: entry.name ?? `${what}#${id}` });
  }
  return out;
}
