// The `jit-arm64` codegen pass for the pass manager: compiles ctx.program (options:
// `long-branches`); `print` renders the listing through jit-common's printer.
import { defineCodegen, type PassContext } from '@bpfkit/ir';
import { jitArm64Compile, PASS } from './jit.js';
import { printArm64Listing } from './listing.js';
import type { Arm64JitResult } from './options.js';

const flag = (ctx: PassContext, name: string): boolean => {
  const v = ctx.options[name];
  return v === true || v === 'true' || v === 1 || v === '1';
};

export const jitArm64 = defineCodegen<Arm64JitResult>({
  name: PASS,
  description: 'arm64 JIT (BPF R0 in x8): machine code, insn->offset map, functions, helper/kfunc relocations',
  run(ctx: PassContext): Arm64JitResult {
    return jitArm64Compile(ctx.program, { longBranches: flag(ctx, 'long-branches') });
  },
  print(result: Arm64JitResult, program) {
    return printArm64Listing(result, program);
  },
});
