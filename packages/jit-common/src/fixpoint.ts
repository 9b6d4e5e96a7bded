// The fixpoint branch-sizing driver of the x86-64 kernel JIT (bpf_int_jit_compile()'s
// `for (pass = 0; pass < MAX_PASSES || image; pass++) { proglen = do_jit(...) }` loop):
// the first pass is pessimistic (no layout known, every variable-size branch takes its long
// form), each later pass sizes branches from the previous pass's layout, and once a pass
// reproduces the previous layout exactly one final pass writes the image and must reproduce
// it again ("bpf_jit: proglen=%d != oldproglen=%d" otherwise). A pass that estimated no
// displacement at all (the emitter says so through `exact`) is its own fixpoint. Layouts only shrink while
// branches get shorter; if they keep changing past `paddingAfter` passes the emitter is told
// to pad each unit to its previous size (the kernel's `padding` mode), which forces
// convergence. Invariant: a layout is an Int32Array of byte offsets (one per BPF
// instruction plus whatever extra points the emitter tracks), identical between the
// converged pass and the final pass.
import { BpfError } from '@bpfkit/ir';

export interface SizingPass {
  /** 0-based pass number. */
  readonly pass: number;
  /** Layout produced by the previous pass; null in the first, pessimistic pass. */
  readonly prev: Int32Array | null;
  /** Pad every unit to at least its size in `prev` (oscillation guard). */
  readonly padding: boolean;
  /** This is the image pass after convergence; its layout must equal `prev`. */
  readonly final: boolean;
}

export interface FixpointOptions {
  /** Give up (BpfError JIT_NO_CONVERGENCE) after this many sizing passes. Default 40. */
  readonly maxPasses?: number;
  /** Switch on padding after this many passes. Default 20 (the kernel's threshold). */
  readonly paddingAfter?: number;
  /**
   * Asked after each sizing pass: did that pass size everything exactly (no displacement was
   * estimated from an earlier layout — e.g. straight-line code)? Then its layout is already the
   * fixpoint and only the final pass remains.
   */
  readonly exact?: () => boolean;
}

export interface FixpointResult {
  /** The converged layout (the final pass's). */
  readonly layout: Int32Array;
  /** Passes run, including the final one. */
  readonly passes: number;
}

export function sameLayout(a: Int32Array, b: Int32Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Run `emit` until its layout stops changing, then once more as the final pass. `emit` writes
 * the code for one whole pass and returns that pass's layout.
 */
export function sizeByFixpoint(emit: (p: SizingPass) => Int32Array, options: FixpointOptions = {}): FixpointResult {
  const maxPasses = options.maxPasses ?? 40;
  const paddingAfter = options.paddingAfter ?? 20;
  let prev: Int32Array | null = null;
  for (let pass = 0; pass < maxPasses; pass++) {
    const layout = emit({ pass, prev, padding: pass >= paddingAfter, final: false });
    if ((prev !== null && sameLayout(prev, layout)) || options.exact?.() === true) {
      const fin = emit({ pass: pass + 1, prev: layout, padding: pass >= paddingAfter, final: true });
      if (!sameLayout(fin, layout)) {
        const a = layout[layout.length - 1];
        const b = fin[fin.length - 1];
        throw new BpfError('INTERNAL', `bpf_jit: proglen=${b} != oldproglen=${a} (final pass moved code)`);
      }
      return { layout: fin, passes: pass + 2 };
    }
    prev = layout;
  }
  throw new BpfError('JIT_NO_CONVERGENCE', `JIT branch sizing did not converge after ${maxPasses} passes`);
}
