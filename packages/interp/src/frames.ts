// bpf-to-bpf calls and returns: a new frame gets its own zero-filled 512-byte stack, R10 at
// its top, the caller's R6..R10 saved (restored at the callee's exit, so R6–R9 are preserved
// whatever the callee does), at most MAX_CALL_FRAMES (8) frames. The callee's incoming
// stack-argument count comes from its declared argument count (BTF func_info / FuncMeta) or,
// when undeclared, from the slots the caller wrote; every declared slot must have been
// written (check_outgoing_stack_args(): "callee expects %d args, stack arg%d is not
// initialized"). The caller's outgoing slots die when the call returns
// (invalidate_outgoing_stack_args()). Mirrors the kernel interpreter's JMP_CALL_ARGS path
// (a fresh ___bpf_prog_run() C frame per BPF call) plus the verifier's frame limits.
import { BpfError, MAX_BPF_FUNC_REG_ARGS, MAX_CALL_FRAMES } from '@bpfkit/ir';
import { REGION_HI_BASE, STACK_REGION_FIRST, STACK_SIZE, regionWindow } from './layout.js';
import { SAVED_WORDS, type Machine } from './machine.js';

/** Enter a new frame for the function at `target`, called from `pc`. */
export function pushFrame(m: Machine, pc: number, target: number): void {
  const d = m.depth;
  const callee = d + 1;
  if (callee >= MAX_CALL_FRAMES)
    throw new BpfError('CALL_DEPTH', `the call stack of ${callee + 1} frames is too deep !`, { insn: pc, pass: 'interp', errno: 'E2BIG' });
  const written = m.outMask[d]!;
  const declared = m.program.funcAt(target)?.argCount;
  let inCnt: number;
  if (declared !== undefined) {
    inCnt = declared > MAX_BPF_FUNC_REG_ARGS ? declared - MAX_BPF_FUNC_REG_ARGS : 0;
    for (let i = 0; i < inCnt; i++)
      if ((written & (1 << i)) === 0)
        throw new BpfError('STACK_ARG_UNINIT', `callee expects ${declared} args, stack arg${i + 1} is not initialized`, {
          insn: pc, pass: 'interp', errno: 'EFAULT',
        });
  } else inCnt = 32 - Math.clz32(written);
  const r = m.regs;
  const s = callee * SAVED_WORDS;
  for (let i = 0; i < SAVED_WORDS; i++) m.saved[s + i] = r[12 + i]!;
  m.depth = callee;
  m.retPc[callee] = pc + 1;
  m.inCount[callee] = inCnt;
  m.outMask[callee] = 0;
  m.argLoadClosed[callee] = 0;
  m.mayGoto[callee] = m.mayGotoBudget;
  m.argLoadClosed[d] = 1;
  m.mem.frameLive(callee, true);
  r[20] = STACK_SIZE;
  r[21] = REGION_HI_BASE + regionWindow(STACK_REGION_FIRST + callee);
}

/** Leave the current frame (exit at `pc`); returns where the caller resumes. */
export function popFrame(m: Machine): number {
  const d = m.depth;
  const r = m.regs;
  const s = d * SAVED_WORDS;
  for (let i = 0; i < SAVED_WORDS; i++) r[12 + i] = m.saved[s + i]!;
  m.mem.frameLive(d, false);
  m.depth = d - 1;
  m.outMask[d - 1] = 0;
  return m.retPc[d]!;
}

/** `call pc+imm` (src = BPF_PSEUDO_CALL) or `callx` to a code pointer: returns the new pc. */
export function callLocal(m: Machine, pc: number, target: number): number {
  pushFrame(m, pc, target);
  if (m.trace !== null) m.trace.arrive(pc, target, m.depth);
  return target;
}

/** `exit` in a subprogram: returns the caller's resume pc. */
export function returnFromCall(m: Machine, pc: number): number {
  const rp = popFrame(m);
  if (m.trace !== null) m.trace.arrive(pc, rp, m.depth);
  return rp;
}
