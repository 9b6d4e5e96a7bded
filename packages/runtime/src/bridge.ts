// The one native callback every JIT'd helper/kfunc call site (and callx with a helper id)
// reaches: a koffi-registered JS function with the SysV signature u64 f(u64 × 12), so args
// 1-5 arrive from rdi..r8, arg 6 from r9 and args 7-12 from the caller's outgoing area —
// exactly what the JIT set up. It is registered once per process (koffi has a bounded number
// of callback slots) and dispatches to the innermost running program, which reads the call
// site from its context block. Runs nest (a helper may run a BPF callback or another
// program), so the active programs form a stack. Mirrors the kernel's helper call through
// __bpf_call_base, with the dispatch the kernel does at load time done here at call time.
import { registerHelperCallback } from './native.js';

export interface BridgeTarget {
  /** Handle one call with the twelve raw argument values; returns R0. */
  dispatch(raw: readonly (number | bigint)[]): bigint;
}

const active: BridgeTarget[] = [];
let bridge: { address: bigint } | undefined;

/** Address of the process-wide helper bridge (registered on first use). */
export function bridgeAddress(): bigint {
  if (bridge === undefined) {
    const r = registerHelperCallback((...raw: (number | bigint)[]) => {
      const t = active[active.length - 1];
      return t === undefined ? 0n : t.dispatch(raw);
    });
    bridge = { address: r.address };
  }
  return bridge.address;
}

/** Number of runs in progress (the nesting level a new run gets its context block for). */
export const activeDepth = (): number => active.length;

/** Run `f` with `t` as the innermost active program. */
export function withActive<T>(t: BridgeTarget, f: () => T): T {
  active.push(t);
  try {
    return f();
  } finally {
    active.pop();
  }
}
