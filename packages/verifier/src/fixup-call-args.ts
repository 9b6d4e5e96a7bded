// bpf_fixup_call_args() and the JIT selection that follows verification: a subprogram that
// writes more outgoing stack-argument slots than any of its callees reads is rejected
// ("func#%d writes %u stack arg slots, but calls only require %u"), and a program using stack
// arguments that would run on the interpreter is rejected ("stack args are not supported in
// non-JITed programs", patch 05: bpf_jit_supports_stack_args() is false there).
import { type Program, inStackArgCount } from '@bpfkit/ir';
import { reject } from './errors.js';

export interface FixupInput {
  readonly maxOut: readonly number[];
  readonly reqOut: readonly number[];
  readonly verified: readonly boolean[];
  readonly firstStore: readonly Int32Array[];
  readonly jit: boolean;
}

export function fixupCallArgs(p: Program, input: FixupInput): void {
  let uses = -1;
  for (const f of p.funcs) {
    const s = f.index;
    if (!input.verified[s]) continue;
    const max = input.maxOut[s]!;
    const req = input.reqOut[s]!;
    if (max > req) {
      const fs = input.firstStore[s]!;
      let at = f.start;
      for (let spi = req; spi < max; spi++) if (fs[spi]! >= 0) { at = fs[spi]!; break; }
      reject('STACK_ARG_UNUSED', `func#${s} writes ${max} stack arg slots, but calls only require ${req}`, at);
    }
    if (uses < 0 && (max > 0 || inStackArgCount(f.argCount ?? 0) > 0)) uses = max > 0 ? Math.max(0, firstOf(input.firstStore[s]!)) : f.start;
  }
  if (!input.jit && uses >= 0) reject('STACK_ARG_NO_JIT', 'stack args are not supported in non-JITed programs', uses);
}

function firstOf(a: Int32Array): number {
  let m = -1;
  for (const v of a) if (v >= 0 && (m < 0 || v < m)) m = v;
  return m;
}
