// verbose() + return -E…: how every check in this package reports a failure. The kernel logs
// a message and returns an errno; we throw a BpfError carrying the same message (the kernel's
// text), the instruction it is about and the errno name, and verify() turns it into a verdict.
import { BpfError, type BpfErrorCode } from '@bpfkit/ir';

export const PASS = 'verifier';

/** Throw the kernel's message for instruction `insn` (-1 when the check is program-wide). */
export function reject(code: BpfErrorCode, message: string, insn: number, errno = 'EINVAL'): never {
  throw new BpfError(code, message, { insn, pass: PASS, errno });
}
