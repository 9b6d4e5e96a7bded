// struct backtrack_state and its bt_* accessors: the current backtracking frame and, per
// frame, the requested registers (reg_masks, a bit per register), spill slots (stack_masks,
// a bit per 8-byte slot spi) and — added by patch 02 of the stack-argument series —
// stack-argument slots (stack_arg_masks, a bit per outgoing slot spi). bt_empty() covers all
// three kinds in frames 0..frame.
import { BpfError, MAX_CALL_FRAMES } from '@bpfkit/ir';

export class BacktrackState {
  frame = 0;
  readonly regMasks = new Uint32Array(MAX_CALL_FRAMES);
  readonly stackMasks = new BigUint64Array(MAX_CALL_FRAMES);
  readonly stackArgMasks = new Uint8Array(MAX_CALL_FRAMES);

  regMask(fr = this.frame): number {
    return this.regMasks[fr]!;
  }
  stackMask(fr = this.frame): bigint {
    return this.stackMasks[fr]!;
  }
  stackArgMask(fr = this.frame): number {
    return this.stackArgMasks[fr]!;
  }
  isRegSet(r: number): boolean {
    return r < 32 && (this.regMasks[this.frame]! & (1 << r)) !== 0;
  }
  setReg(r: number, fr = this.frame): void {
    this.regMasks[fr] = this.regMasks[fr]! | (1 << r);
  }
  clearReg(r: number, fr = this.frame): void {
    this.regMasks[fr] = this.regMasks[fr]! & ~(1 << r);
  }
  isSlotSet(fr: number, spi: number): boolean {
    return ((this.stackMasks[fr]! >> BigInt(spi)) & 1n) !== 0n;
  }
  setSlot(fr: number, spi: number): void {
    this.stackMasks[fr] = this.stackMasks[fr]! | (1n << BigInt(spi));
  }
  clearSlot(fr: number, spi: number): void {
    this.stackMasks[fr] = this.stackMasks[fr]! & ~(1n << BigInt(spi));
  }
  isStackArgSet(fr: number, spi: number): boolean {
    return (this.stackArgMasks[fr]! & (1 << spi)) !== 0;
  }
  setStackArg(fr: number, spi: number): void {
    this.stackArgMasks[fr] = this.stackArgMasks[fr]! | (1 << spi);
  }
  clearStackArg(fr: number, spi: number): void {
    this.stackArgMasks[fr] = this.stackArgMasks[fr]! & ~(1 << spi);
  }

  /** bt_empty(): nothing requested in frames 0..frame. */
  empty(): boolean {
    for (let fr = 0; fr <= this.frame; fr++)
      if (this.regMasks[fr] !== 0 || this.stackMasks[fr] !== 0n || this.stackArgMasks[fr] !== 0) return false;
    return true;
  }

  /** bt_subprog_enter(): walking back into a callee's frame (through its exit). */
  subprogEnter(insn: number): void {
    if (this.frame === MAX_CALL_FRAMES - 1) throw backtrackBug(`subprog enter from frame ${this.frame}`, insn);
    this.frame++;
  }

  /** bt_subprog_exit(): walking back out of a callee into its caller (through the call). */
  subprogExit(insn: number): void {
    if (this.frame === 0) throw backtrackBug('subprog exit from frame 0', insn);
    this.regMasks[this.frame] = 0;
    this.stackMasks[this.frame] = 0n;
    this.stackArgMasks[this.frame] = 0;
    this.frame--;
  }

  reset(): void {
    this.regMasks.fill(0);
    this.stackMasks.fill(0n);
    this.stackArgMasks.fill(0);
  }
}

/** verifier_bug(): an invariant of backtracking broke (-EFAULT). */
export function backtrackBug(message: string, insn: number): BpfError {
  return new BpfError('BACKTRACK_BUG', message, { insn, pass: 'precision', errno: 'EFAULT' });
}
