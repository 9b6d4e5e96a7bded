// The arm64 JIT listing: compile again with listing notes recorded (the code is deterministic,
// so the bytes are the ones `result` holds — checked) and print with jit-common's printer: each
// BPF instruction in kernel syntax, then its A64 instructions as `offset: bytes  asm` lines in
// the kernel selftests' jit_disasm_helpers layout, the asm spelled as llvm-mc prints it.
import { BpfError, type Program } from '@bpfkit/ir';
import { printJitListing } from '@bpfkit/jit-common';
import { jitArm64Compile, listingNotes } from './jit.js';
import type { Arm64JitOptions, Arm64JitResult } from './options.js';

/** Listing of `result` (compiled from `program` with `options`). */
export function printArm64Listing(result: Arm64JitResult, program: Program, options: Arm64JitOptions = {}): string {
  let notes = listingNotes.get(result);
  let image = result;
  if (notes === undefined) {
    image = jitArm64Compile(program, { ...options, longBranches: result.longBranches, listing: true });
    notes = listingNotes.get(image)!;
    const same = image.code.length === result.code.length && image.code.every((v, k) => v === result.code[k]);
    if (!same) throw new BpfError('INTERNAL', 'listing: recompiling did not reproduce the code (different options?)', { pass: 'jit-arm64' });
  }
  return printJitListing(image, program, notes);
}
