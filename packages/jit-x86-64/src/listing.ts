// The x86-64 JIT listing: compile again, with the options `result` was compiled with, recording
// listing notes (the code is deterministic, so the bytes are the ones `result` holds — checked) and print with
// jit-common's printer: each BPF instruction in kernel syntax, then its machine code as
// `offset: bytes  asm` lines in the kernel selftests' jit_disasm_helpers layout.
import { BpfError, type Program } from '@bpfkit/ir';
import { printJitListing } from '@bpfkit/jit-common';
import { compileOptions, jitX8664Compile, listingNotes } from './jit.js';
import type { X86JitOptions, X86JitResult } from './options.js';

/** Listing of `result` (compiled from `program` with `options`). */
export function printX8664Listing(result: X86JitResult, program: Program, options: X86JitOptions = {}): string {
  let notes = listingNotes.get(result);
  let image = result;
  if (notes === undefined) {
    image = jitX8664Compile(program, { ...compileOptions.get(result), ...options, sandbox: result.sandbox, budget: result.budget, listing: true });
    notes = listingNotes.get(image)!;
    const same = image.code.length === result.code.length && image.code.every((v, k) => v === result.code[k]);
    if (!same) throw new BpfError('INTERNAL', 'listing: recompiling did not reproduce the code (different options?)', { pass: 'jit-x86-64' });
  }
  return printJitListing(image, program, notes);
}
