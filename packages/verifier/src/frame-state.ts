// struct bpf_func_state for one frame, reduced to kinds (reg-value.ts): R0–R10, the outgoing
// stack-argument slots of the 2026 series (stack_arg_regs[], with K_ABSENT for slots past
// out_stack_arg_cnt) and no_stack_arg_load. One FrameState is kept per instruction of a
// function instance; joining two paths ORs kinds and forgets disagreeing facts, which is
// how this package stays path-insensitive (kernel-semantics §1.3).
import { MAX_STACK_ARG_SLOTS } from '@bpfkit/ir';
import { type RegValue, K_ABSENT, K_NULLABLE, K_SCALAR, K_PTR, K_UNINIT, NONE, absent, copyValue, joinInto, uninit, value } from './reg-value.js';

export const NREGS = 11;

export class FrameState {
  /** R0..R10. */
  readonly regs: RegValue[];
  /** Outgoing stack-argument slots spi 0..6 (arg6..arg12). */
  readonly out: RegValue[];
  /** no_stack_arg_load: an r11 store or a call may already have run in this frame. */
  noLoad: boolean;

  constructor(regs: RegValue[], out: RegValue[], noLoad: boolean) {
    this.regs = regs;
    this.out = out;
    this.noLoad = noLoad;
  }

  /** Every register NOT_INIT, no outgoing slot allocated. */
  static entry(): FrameState {
    const regs = Array.from({ length: NREGS }, uninit);
    const out = Array.from({ length: MAX_STACK_ARG_SLOTS }, absent);
    return new FrameState(regs, out, false);
  }

  clone(): FrameState {
    return new FrameState(this.regs.map(copyValue), this.out.map(copyValue), this.noLoad);
  }

  /** this ∪= other; true when anything changed. */
  joinFrom(other: FrameState): boolean {
    let changed = false;
    for (let i = 0; i < NREGS; i++) if (joinInto(this.regs[i]!, other.regs[i]!)) changed = true;
    for (let i = 0; i < MAX_STACK_ARG_SLOTS; i++) if (joinInto(this.out[i]!, other.out[i]!)) changed = true;
    if (other.noLoad && !this.noLoad) {
      this.noLoad = true;
      changed = true;
    }
    return changed;
  }

  /** Caller-saved R1..R5 become NOT_INIT after any call (mark_reg_not_init for caller_saved[]). */
  clobberCallerSaved(): void {
    for (let r = 1; r <= 5; r++) this.regs[r] = uninit();
  }

  /**
   * mark_ptr_or_null_regs(): after `if rX == 0` on a pointer-or-null with id `nid`, every
   * register and outgoing slot holding that pointer becomes SCALAR 0 (null side) or a valid
   * pointer (non-null side).
   */
  resolveNull(nid: number, isNull: boolean): void {
    const fix = (v: RegValue): void => {
      if ((v.kinds & K_NULLABLE) === 0 || v.nid !== nid) return;
      v.kinds = (v.kinds & ~K_NULLABLE) | (isNull ? K_SCALAR : K_PTR);
      v.nid = NONE;
    };
    this.regs.forEach(fix);
    this.out.forEach(fix);
  }

  /** Bit i set when outgoing slot i holds a value on every path (allocated and initialised). */
  initialisedSlots(): number {
    let m = 0;
    for (let i = 0; i < MAX_STACK_ARG_SLOTS; i++) if ((this.out[i]!.kinds & (K_ABSENT | K_UNINIT)) === 0) m |= 1 << i;
    return m;
  }
}

/** A fresh value for a register the kernel sets from scratch. */
export const fresh = (kinds: number, fp = NONE, fn = NONE, nid = NONE): RegValue => value(kinds, fp, fn, nid);

export { K_ABSENT };
