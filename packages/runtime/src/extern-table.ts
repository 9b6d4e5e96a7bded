// Helper and kfunc tables for native runs: normalises what users pass (Map or object, bare
// functions or {fn | native, argCount, name} entries) and converts a JS helper's return value
// to the 64-bit R0 — the same rules as @bpfkit/interp (whose externTableEntries() does the
// shared part), so one table serves both.
import { BpfError } from '@bpfkit/ir';
import { externTableEntries } from '@bpfkit/interp';
import type { NativeExternEntry, NativeExternFn, NativeExternTable } from './options.js';

export interface ResolvedNativeExtern {
  readonly fn: NativeExternFn | undefined;
  readonly native: bigint | undefined;
  readonly argCount: number | undefined;
  readonly name: string;
}

export function resolveNativeTable(table: NativeExternTable | undefined, what: 'helper' | 'kfunc'): Map<number, ResolvedNativeExtern> {
  const out = new Map<number, ResolvedNativeExtern>();
  for (const [id, entry] of externTableEntries<NativeExternFn, NativeExternEntry>(table, what, 'runtime')) {
    const hasFn = typeof entry.fn === 'function';
    const hasNative = typeof entry.native === 'bigint';
    if (hasFn === hasNative) throw new BpfError('OPTION', `${what} ${id} needs exactly one of fn (a function) or native (an address)`, { pass: 'runtime' });
    out.set(id, { fn: entry.fn, native: entry.native, argCount: entry.argCount, name: entry.name ?? `${what}#${id}` });
  }
  return out;
}
