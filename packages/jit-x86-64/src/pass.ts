// The `jit-x86-64` codegen pass for the pass manager: compiles ctx.program with the options
// given as pass options (`sandbox`, `budget`), asking the pass manager for the `liveness`
// analysis (ctx.get, so it is cached and invalidated like any analysis): dead writes to R6..R9
// are dropped and only callee-saved registers with live writes are saved. `liveness=false`
// (or a liveness failure) falls back to the static scan. `print` renders the listing.
import { defineCodegen, isBpfError, type PassContext } from '@bpfkit/ir';
import { liveness } from '@bpfkit/liveness';
import { jitX8664Compile, PASS } from './jit.js';
import { printX8664Listing } from './listing.js';
import type { X86JitResult } from './options.js';

const flag = (ctx: PassContext, name: string): boolean => {
  const v = ctx.options[name];
  return v === true || v === 'true' || v === 1 || v === '1';
};

/** Register liveness from the pass manager, unless disabled (`liveness=false`) or it fails. */
function liveRegs(ctx: PassContext): Uint16Array | undefined {
  const opt = ctx.options['liveness'];
  if (opt === false || opt === 'false') return undefined;
  try {
    return ctx.get(liveness).liveRegsBefore;
  } catch (e) {
    if (!isBpfError(e)) throw e;
    ctx.log(`jit-x86-64: liveness unavailable (${e.message}); saving every callee-saved register written`);
    return undefined;
  }
}

export const jitX8664 = defineCodegen<X86JitResult>({
  name: PASS,
  description: 'x86-64 JIT: machine code, insn->offset map, functions, helper/kfunc relocations',
  run(ctx: PassContext): X86JitResult {
    const sandbox = flag(ctx, 'sandbox');
    return jitX8664Compile(ctx.program, { sandbox, budget: flag(ctx, 'budget'), liveRegsBefore: liveRegs(ctx) });
  },
  print(result: X86JitResult, program) {
    return printX8664Listing(result, program);
  },
});
