// Stack arguments through r11 (kernel-semantics §1): a caller's `*(u64 *)(r11 - 8k) = x`
// fills its outgoing slot spi = k - 1; the callee's `rD = *(u64 *)(r11 + 8k)` reads the
// caller's slot spi = k - 1. Run-time versions of check_stack_arg_write() and
// check_stack_arg_read(): slot range ("stack arg write offset %d exceeds max %d stack args"),
// incoming count ("invalid read from stack arg off %d depth %d"), ordering ("r11 load must be
// before any r11 store or call insn"), and never-written slots. Each access notes
// INSN_F_STACK_ARG_ACCESS with the slot in the trace.
import { BpfError, MAX_STACK_ARG_SLOTS } from '@bpfkit/ir';
import { OUT_WORDS, type Machine } from './machine.js';
import { INSN_F_STACK_ARG_ACCESS } from './trace.js';

/** Outgoing store of (hi:lo) at r11 + off (off < 0, multiple of 8). */
export function stackArgStore(m: Machine, pc: number, off: number, lo: number, hi: number): void {
  const spi = -off / 8 - 1;
  if (!Number.isInteger(spi) || spi < 0 || spi >= MAX_STACK_ARG_SLOTS)
    throw new BpfError('STACK_ARG_OFFSET', `stack arg write offset ${off} exceeds max ${MAX_STACK_ARG_SLOTS} stack args`, {
      insn: pc, pass: 'interp', errno: 'EINVAL',
    });
  const d = m.depth;
  const w = d * OUT_WORDS + 2 * spi;
  m.outArgs[w] = lo;
  m.outArgs[w + 1] = hi;
  m.outMask[d] = m.outMask[d]! | (1 << spi);
  m.argLoadClosed[d] = 1;
  if (m.trace !== null) m.trace.note(pc, d, INSN_F_STACK_ARG_ACCESS, spi, d);
}

/** Incoming load of r11 + off (off > 0, multiple of 8) into register `dst`. */
export function stackArgLoad(m: Machine, pc: number, dst: number, off: number): void {
  const d = m.depth;
  const spi = off / 8 - 1;
  if (m.argLoadClosed[d])
    throw new BpfError('STACK_ARG_ORDER', 'r11 load must be before any r11 store or call insn', { insn: pc, pass: 'interp', errno: 'EINVAL' });
  const inCnt = d === 0 ? 0 : m.inCount[d]!;
  if (!Number.isInteger(spi) || spi < 0 || spi >= inCnt)
    throw new BpfError('STACK_ARG_READ', `invalid read from stack arg off ${off} depth ${inCnt * 8}`, { insn: pc, pass: 'interp', errno: 'EACCES' });
  const caller = d - 1;
  if ((m.outMask[caller]! & (1 << spi)) === 0)
    throw new BpfError('STACK_ARG_UNINIT', `stack arg${spi + 1} is not initialized`, { insn: pc, pass: 'interp', errno: 'EFAULT' });
  const w = caller * OUT_WORDS + 2 * spi;
  m.regs[2 * dst] = m.outArgs[w]!;
  m.regs[2 * dst + 1] = m.outArgs[w + 1]!;
  if (m.trace !== null) m.trace.note(pc, d, INSN_F_STACK_ARG_ACCESS, spi, caller);
}

/** Outgoing slot spi of the current frame as an unsigned bigint (helper/kfunc arguments). */
export function outgoingSlot(m: Machine, spi: number): bigint {
  const w = m.depth * OUT_WORDS + 2 * spi;
  return (BigInt(m.outArgs[w + 1]! >>> 0) << 32n) | BigInt(m.outArgs[w]! >>> 0);
}
