// Options of the x86-64 JIT and the shape of its result. Plain data, so the pass manager
// (PassOptions), the runtime and tests can build them literally.
import type { JitRelocation } from '@bpfkit/ir';
import type { JitImage } from '@bpfkit/jit-common';

/** Resolves a pseudo `ld_imm64` (src 1, 2, 3, 5, 6) to the 64-bit value the program sees. */
export type X86LdImm64Resolver = (kind: number, imm: number, nextImm: number, insn: number) => bigint;

export interface X86JitOptions {
  /**
   * Bounds-check every load, store and atomic against the runtime's region list (input
   * memory, user regions, live frames), bound the call depth, and count a budget on back
   * edges and calls. Default false: the code trusts the program, as the kernel trusts a
   * verified one.
   */
  readonly sandbox?: boolean;
  /** Compile budget checks (back edges and function entries) without the sandbox. */
  readonly budget?: boolean;
  /** Resolver for pseudo ld_imm64 (maps, BTF ids); BPF_PSEUDO_FUNC is resolved by the JIT. */
  readonly ldImm64?: X86LdImm64Resolver;
  /** Record per-machine-instruction listing notes (for printX8664Listing). Default false. */
  readonly listing?: boolean;
  /**
   * Register liveness (@bpfkit/liveness's `liveRegsBefore`: bit r = R r may be read before it is
   * written, per instruction). When given, pure writes (ALU, ld_imm64) to R6..R9 whose value is
   * never read are not emitted, and a function whose writes to a callee-saved register are all
   * dead does not save it. Without it a static scan saves every callee-saved register written.
   */
  readonly liveRegsBefore?: Uint16Array;
}

/** A helper, kfunc or callx call site: what the runtime's bridge needs to dispatch it. */
export interface X86CallSite {
  readonly insn: number;
  readonly kind: 'helper' | 'kfunc' | 'callx';
  /** Helper id / kfunc BTF id (0 for callx: the id is in the context block at run time). */
  readonly id: number;
  /** Outgoing stack-argument slots that may have been written before the call (0..7). */
  readonly outSlots: number;
  /** Byte offset of the 8-byte call-target field to patch (-1 for callx). */
  readonly relocOffset: number;
}

export interface X86JitResult extends JitImage {
  readonly arch: 'x86-64';
  /** Offset of the entry trampoline (`u64 entry(r1, r2, r3, r4, r5, ctx)`). */
  readonly entry: number;
  readonly sites: readonly X86CallSite[];
  readonly relocations: readonly JitRelocation[];
  /** Options the code was compiled with (sandbox/budget change the runtime contract). */
  readonly sandbox: boolean;
  readonly budget: boolean;
  /** Sizing passes run, including the final one. */
  readonly passes: number;
}
