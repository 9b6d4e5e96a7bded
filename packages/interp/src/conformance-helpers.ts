// The helper set the bpf_conformance plugins register (uBPF's ubpf_plugin and
// eBPF-for-Windows' bpf2c plugin, test_helpers.h): ids 0–5. Only `unwind` (5) is called by the
// suite (call_unwind_fail.data, callx.data), but the set is complete so programs written for
// those runners behave the same here. `unwind` follows uBPF's unwind-extension rule
// (ubpf_set_unwind_function_index): when it returns 0 the program stops with R0 = 0.
import type { CallContext, ExternEntry } from './options.js';

const M8 = 0xffn;

export const CONFORMANCE_HELPERS: ReadonlyMap<number, ExternEntry> = new Map<number, ExternEntry>([
  [0, {
    name: 'gather_bytes',
    fn: (_c: CallContext, a = 0n, b = 0n, c = 0n, d = 0n, e = 0n) =>
      ((a & M8) << 32n) | ((b & M8) << 24n) | ((c & M8) << 16n) | ((d & M8) << 8n) | (e & M8),
  }],
  [1, {
    name: 'memfrob',
    fn: (ctx: CallContext, a = 0n, b = 0n) => {
      const p = ctx.view(a, b > 0xffffffffn ? Number.MAX_SAFE_INTEGER : Number(b), true);
      for (let i = 0; i < p.length; i++) p[i] = p[i]! ^ 42;
      return 0n;
    },
  }],
  [2, { name: 'no_op', fn: () => 0n }],
  [3, { name: 'sqrti', fn: (_c: CallContext, a = 0n) => BigInt(Math.floor(Math.sqrt(Number(a)))) }],
  [4, {
    name: 'strcmp_ext',
    fn: (ctx: CallContext, a = 0n, b = 0n) => {
      // strcmp over unsigned chars; glibc returns the difference of the first differing bytes.
      const s1 = ctx.cString(a);
      const s2 = ctx.cString(b);
      const n = Math.min(s1.length, s2.length);
      for (let i = 0; i < n; i++) if (s1[i] !== s2[i]) return s1[i]! - s2[i]!;
      return (s1.length > n ? s1[n]! : 0) - (s2.length > n ? s2[n]! : 0);
    },
  }],
  [5, {
    name: 'unwind',
    fn: (ctx: CallContext, a = 0n) => {
      if (a === 0n) ctx.exit(0n);
      return a;
    },
  }],
]);
