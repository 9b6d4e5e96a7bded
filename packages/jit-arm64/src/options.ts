// Options of the arm64 JIT and the shape of its result. Plain data, so the pass manager
// (PassOptions), the runner and tests can build them literally.
import type { JitRelocation } from '@bpfkit/ir';
import type { JitImage } from '@bpfkit/jit-common';

/** Resolves a pseudo `ld_imm64` (src 1, 2, 3, 5, 6) to the 64-bit value the program sees. */
export type Arm64LdImm64Resolver = (kind: number, imm: number, nextImm: number, insn: number) => bigint;

export interface Arm64JitOptions {
  /** Resolver for pseudo ld_imm64 (maps, BTF ids); BPF_PSEUDO_FUNC is resolved by the JIT (adr). */
  readonly ldImm64?: Arm64LdImm64Resolver;
  /** Record per-machine-instruction listing notes (for printArm64Listing). Default false. */
  readonly listing?: boolean;
  /**
   * Callee-saved registers to assume used per function (bit k = R(6+k)); computed by a static
   * scan of each function when absent (the `jit-arm64` pass always uses the scan).
   */
  readonly calleeSavedMasks?: readonly number[];
  /** Force the long (b.!cond +8; b) form of every conditional branch (tests). Default: only when the image exceeds ±1 MiB. */
  readonly longBranches?: boolean;
}

/** A helper, kfunc or callx call site. */
export interface Arm64CallSite {
  readonly insn: number;
  readonly kind: 'helper' | 'kfunc' | 'callx';
  /** Helper id / kfunc BTF id (0 for callx). */
  readonly id: number;
  /** Byte offset of the `ldr x9, [x28, #table+8*id]` that fetches the target (-1 for callx). */
  readonly relocOffset: number;
}

export interface Arm64JitResult extends JitImage {
  readonly arch: 'arm64';
  /** Offset of the entry trampoline `u64 entry(r1, r2, r3, r4, r5, ctx)` (it sets x28 = ctx). */
  readonly entry: number;
  readonly sites: readonly Arm64CallSite[];
  readonly relocations: readonly JitRelocation[];
  /** Were conditional branches emitted in their long form? */
  readonly longBranches: boolean;
  /** Passes run: the sizing pass(es) plus the emit pass. */
  readonly passes: number;
}
