// Calls out of BPF into user-supplied JS: helpers (`call imm`, src 0; `callx` with a helper
// id) and kfuncs (`call imm`, src 2, imm = BTF id). Arguments are R1..R5 and, for kfuncs with
// more than five, the caller's outgoing stack-argument slots arg6..arg12 (the kernel passes
// them on the machine stack / in r9 / x5–x7 per kernel-semantics §5–6; here they are bigints).
// Afterwards R0 holds the result, the caller's outgoing slots are dead and its r11 loads are
// closed, as after any call. Anything the function throws becomes a BpfError naming the call
// instruction — the host never sees a foreign exception. Mirrors the kernel interpreter's
// JMP_CALL: `BPF_R0 = (__bpf_call_base + insn->imm)(BPF_R1, …, BPF_R5)`.
import { BpfError, MAX_BPF_FUNC_REG_ARGS, isBpfError } from '@bpfkit/ir';
import { toR0 } from './extern-table.js';
import type { Machine } from './machine.js';
import { outgoingSlot } from './stack-arg-slots.js';

const KIND_KFUNC = 2;

/** Performs the call; returns true when the callee asked the program to stop (ctx.exit). */
export function callExtern(m: Machine, pc: number, kind: number, id: number): boolean {
  const e = (kind === KIND_KFUNC ? m.kfuncs : m.helpers).get(id);
  if (e === undefined) {
    if (kind === KIND_KFUNC)
      throw new BpfError('KFUNC_UNKNOWN', `calling kernel function btf_id ${id} is not allowed (no such kfunc in the table)`, { insn: pc, pass: 'interp', errno: 'EACCES' });
    throw new BpfError('HELPER_UNKNOWN', `invalid func unknown#${id}`, { insn: pc, pass: 'interp', errno: 'EINVAL' });
  }
  const d = m.depth;
  const written = m.outMask[d]!;
  const argc = e.argCount ?? (kind === KIND_KFUNC ? MAX_BPF_FUNC_REG_ARGS + (32 - Math.clz32(written)) : MAX_BPF_FUNC_REG_ARGS);
  const ctx = m.ctx;
  const args: unknown[] = [ctx];
  const r64 = m.r64;
  for (let i = 1; i <= Math.min(argc, MAX_BPF_FUNC_REG_ARGS); i++) args.push(r64[i]);
  for (let spi = 0; spi < argc - MAX_BPF_FUNC_REG_ARGS; spi++) {
    if ((written & (1 << spi)) === 0)
      throw new BpfError('STACK_ARG_UNINIT', `${e.name} expects ${argc} args, stack arg${spi + 1} is not initialized`, {
        insn: pc, pass: 'interp', errno: 'EFAULT',
      });
    args.push(outgoingSlot(m, spi));
  }
  const saved = { insn: ctx.insn, frame: ctx.frame, id: ctx.id, kind: ctx.kind };
  ctx.insn = pc;
  ctx.frame = d;
  ctx.id = id;
  ctx.kind = kind;
  const outerCallbackExit = m.callbackExit;
  m.callbackExit = -1;
  let result: unknown;
  try {
    result = (e.fn as (...a: unknown[]) => unknown)(...args);
  } catch (err) {
    throw externError(err, e.name, pc);
  } finally {
    const lastCallbackExit = m.callbackExit;
    m.callbackExit = outerCallbackExit;
    if (lastCallbackExit >= 0 && m.trace !== null) m.trace.arrive(lastCallbackExit, pc + 1, d);
  }
  m.r64[0] = toR0(result as bigint, e.name, pc);
  m.outMask[d] = 0;
  m.argLoadClosed[d] = 1;
  // Restore the context for an enclosing helper (callbacks can call helpers).
  ctx.insn = saved.insn;
  ctx.frame = saved.frame;
  ctx.id = saved.id;
  ctx.kind = saved.kind;
  // An exit request (possibly from a helper inside a callback) unwinds the whole program.
  if (!ctx.exitRequested) return false;
  m.r64[0] = ctx.exitValue;
  return true;
}

function externError(err: unknown, name: string, pc: number): BpfError {
  if (isBpfError(err)) {
    if (err.insn >= 0) return err;
    return new BpfError(err.code, err.message, { insn: pc, pass: err.pass ?? 'interp', errno: err.errno, cause: err });
  }
  const msg = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new BpfError('HELPER_ERROR', `${name} threw ${msg}`, { insn: pc, pass: 'interp', cause: err });
}
