// The stack-argument rules of the 2026 series (kernel-semantics §1.4–1.6), on the abstract
// frame state: check_stack_arg_write() for a caller's `*(u64 *)(r11 - 8k) = …`,
// check_stack_arg_read() for a callee's `rD = *(u64 *)(r11 + 8k)`,
// check_outgoing_stack_args() at a call that takes more than five arguments, and
// invalidate_outgoing_stack_args() after every call. Messages and errnos are §1.8's.
import { MAX_STACK_ARG_SLOTS, inStackArgCount } from '@bpfkit/ir';
import { reject } from './errors.js';
import type { FrameState } from './frame-state.js';
import { K_ABSENT, K_SCALAR, K_UNINIT, NONE, type RegValue, copyValue, uninit, value } from './reg-value.js';

/**
 * check_stack_arg_write(): slot spi = -off/8 - 1 must be below MAX_STACK_ARG_SLOTS; the
 * outgoing area grows to spi + 1 (lower slots allocated but NOT_INIT on paths that had not
 * allocated them), the slot takes the stored value (`src` undefined = BPF_ST immediate) and
 * r11 loads are closed for this frame. Returns the slot index.
 */
export function stackArgWrite(s: FrameState, off: number, src: RegValue | undefined, insn: number, check: boolean): number {
  const spi = -off / 8 - 1;
  if (spi >= MAX_STACK_ARG_SLOTS) {
    if (check) reject('STACK_ARG_OFFSET', `stack arg write offset ${off} exceeds max ${MAX_STACK_ARG_SLOTS} stack args`, insn);
    return -1;
  }
  for (let j = 0; j < spi; j++) {
    const v = s.out[j]!;
    if (v.kinds & K_ABSENT) v.kinds = (v.kinds & ~K_ABSENT) | K_UNINIT;
  }
  const stored = src === undefined ? value(K_SCALAR) : copyValue(src);
  stored.kinds &= ~K_ABSENT;
  if (stored.kinds === 0) stored.kinds = K_UNINIT;
  s.out[spi] = stored;
  s.noLoad = true;
  return spi;
}

/**
 * check_stack_arg_read(): legal only before any r11 store or call in this frame, only for
 * slots the callee declares (argCount - 5), and the caller must have allocated the slot on
 * every path ("callee expects %d args, stack arg%d is not initialized"); an allocated but
 * invalidated slot is copied as NOT_INIT. `incoming` are the caller's outgoing slots.
 */
export function stackArgRead(
  s: FrameState, off: number, argCount: number | undefined, incoming: readonly RegValue[], insn: number, check: boolean,
): RegValue {
  if (check && s.noLoad) reject('STACK_ARG_ORDER', 'r11 load must be before any r11 store or call insn', insn);
  const spi = off / 8 - 1;
  const inCnt = inStackArgCount(argCount ?? 0);
  if (spi + 1 > inCnt) {
    if (check) reject('STACK_ARG_READ', `invalid read from stack arg off ${off} depth ${inCnt * 8}`, insn, 'EACCES');
    return uninit();
  }
  const v = incoming[spi] ?? value(K_ABSENT);
  if (v.kinds & K_ABSENT) {
    if (check) reject('STACK_ARG_UNINIT', `callee expects ${argCount} args, stack arg${spi + 1} is not initialized`, insn, 'EFAULT');
  }
  const r = copyValue(v);
  r.kinds &= ~K_ABSENT;
  if (r.kinds === 0) r.kinds = K_UNINIT;
  return r;
}

/** check_outgoing_stack_args(): every slot a callee with `nargs` arguments reads must hold a value. */
export function checkOutgoingStackArgs(s: FrameState, nargs: number, insn: number): void {
  for (let k = 5; k < nargs; k++) {
    const spi = k - 5;
    if (s.out[spi]!.kinds & (K_ABSENT | K_UNINIT))
      reject('STACK_ARG_UNINIT', `callee expects ${nargs} args, stack arg${spi + 1} is not initialized`, insn, 'EFAULT');
  }
}

/** invalidate_outgoing_stack_args(): after a call every allocated slot is NOT_INIT again. */
export function invalidateOutgoingStackArgs(s: FrameState): void {
  for (let i = 0; i < MAX_STACK_ARG_SLOTS; i++) {
    const v = s.out[i]!;
    if ((v.kinds & ~K_ABSENT) === 0) continue;
    s.out[i] = value((v.kinds & K_ABSENT) | K_UNINIT, NONE, NONE, NONE);
  }
}
