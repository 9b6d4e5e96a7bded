// Frame layout of one JIT'd function, and its prologue and epilogue (emit_prologue() /
// the BPF_EXIT epilogue of arch/x86/net/bpf_jit_comp.c, kernel-semantics §5.2–5.3):
//
//   [rbp+16 …]   incoming stack args 7..12 (the caller's outgoing area: callee loads r11+16.. here)
//   [rbp+8]      return address
//   [rbp+0]      saved rbp                                      <- rbp = BPF R10
//   [rbp-depth]  BPF stack (512 bytes, or the depth actually used)
//   [rbp-depth-8] may_goto counter (only when the function has may_goto)
//                pushed callee-saved registers (rbx, r13, r14, r15 — only those used)
//                alignment pad (0 or 8 bytes)
//   [rsp+0 …]    outgoing stack args 7..12 (arg6 travels in r9)  <- rsp at every call
//
// Unlike the kernel (built with 8-byte stack alignment) the total below rbp is padded to a
// multiple of 16, so rsp is 16-byte aligned at every call: JIT'd code calls user-space
// functions (koffi callbacks, libc) that rely on the SysV ABI. The sandbox adds a frame record
// to the runtime's region list (and a call-depth check) in the prologue and drops it in the
// epilogue; budget checks count every function entry.
import type { CodeBuffer } from '@bpfkit/jit-common';
import { ALU_SUB, ALU_ADD, ALU_CMP, aluRI, aluRR, movRR, movRI32, shiftRI, SH_SHL } from './encode-alu.js';
import { push, pop, leave, ret } from './encode-control.js';
import { aluRM, incDecM, lea, loadZx, store } from './encode-mem.js';
import {
  CTX_MAXRANGES, CTX_MAY_GOTO, CTX_NRANGES, CTX_RANGES, FRAME_STACK, RANGE_BASE, RANGE_RLEN, RANGE_WLEN,
} from './ctx-layout.js';
import type { FuncScan } from './func-scan.js';
import { CALLEE_SAVED_BPF, CTX_REG, R10, R11, RBP, RSP } from './registers.js';

export interface FramePlan {
  /** Bytes reserved below rbp before the pushes: BPF stack + may_goto slot. */
  readonly localBytes: number;
  /** rbp-relative offset of the may_goto counter (0 when there is none). */
  readonly mayGotoOff: number;
  /** x86 callee-saved registers pushed, in push order. */
  readonly saved: readonly number[];
  /** Outgoing stack-argument area (args 7..12) at [rsp+0 …]. */
  readonly outBytes: number;
  /** `sub rsp` after the pushes: outgoing area + alignment pad. */
  readonly adjust: number;
}

export function planFrame(scan: FuncScan): FramePlan {
  const mayGotoOff = scan.hasMayGoto ? -(scan.stackDepth + 8) : 0;
  const localBytes = scan.stackDepth + (scan.hasMayGoto ? 8 : 0);
  const saved: number[] = [];
  for (let k = 0; k < 4; k++) if ((scan.calleeSavedMask & (1 << k)) !== 0) saved.push(CALLEE_SAVED_BPF[k]!);
  const outBytes = scan.outSlots > 1 ? (scan.outSlots - 1) * 8 : 0;
  const below = localBytes + 8 * saved.length + outBytes;
  const pad = (16 - (below % 16)) % 16;
  return { localBytes, mayGotoOff, saved, outBytes, adjust: outBytes + pad };
}

/** Hooks the prologue/epilogue call into the JIT (stub calls for depth and budget errors). */
export interface FrameHooks {
  /** Emit `call <stub>` that ends the run with CALL_DEPTH (sandbox). */
  callDepthError(): void;
  /** Emit the budget decrement-and-check (when budget checks are on). */
  budgetCheck(): void;
  /** Emit `jb` over the next 5-byte call (short). */
  skipCallIfBelow(): void;
}

export interface FrameOptions {
  readonly sandbox: boolean;
  readonly budget: boolean;
}

/** emit_prologue(): push rbp; mov rbp, rsp; sub rsp, locals; push callee-saved; sub rsp, outgoing. */
export function emitPrologue(b: CodeBuffer, plan: FramePlan, opts: FrameOptions, hooks: FrameHooks): void {
  push(b, RBP); // pushq %rbp
  movRR(b, true, RBP, RSP); // movq %rsp, %rbp
  if (plan.localBytes > 0) aluRI(b, ALU_SUB, true, RSP, plan.localBytes); // subq $locals, %rsp
  for (const r of plan.saved) push(b, r); // pushq %rbx / %r13 / %r14 / %r15
  if (plan.adjust > 0) aluRI(b, ALU_SUB, true, RSP, plan.adjust); // subq $outgoing+pad, %rsp
  if (plan.mayGotoOff !== 0) {
    loadZx(b, 8, R11, CTX_REG, CTX_MAY_GOTO); // movq may_goto_budget(%r12), %r11
    store(b, 8, RBP, plan.mayGotoOff, R11); // movq %r11, counter(%rbp)
  }
  if (opts.sandbox) {
    // Append this frame's stack to the region list: ranges[n] = { rbp-512, 512, 512 }; n++.
    loadZx(b, 8, R11, CTX_REG, CTX_NRANGES); // movq nranges(%r12), %r11
    aluRM(b, ALU_CMP, true, R11, CTX_REG, CTX_MAXRANGES); // cmpq maxranges(%r12), %r11
    hooks.skipCallIfBelow(); // jb 1f
    hooks.callDepthError(); // callq <call_depth>; 1:
    shiftRI(b, SH_SHL, true, R11, 5); // shlq $5, %r11 (RANGE_SIZE = 32)
    aluRR(b, ALU_ADD, true, R11, CTX_REG); // addq %r12, %r11
    lea(b, R10, RBP, -FRAME_STACK); // leaq -0x200(%rbp), %r10
    store(b, 8, R11, CTX_RANGES + RANGE_BASE, R10); // movq %r10, base(%r11)
    movRI32(b, R10, FRAME_STACK); // movl $0x200, %r10d
    store(b, 8, R11, CTX_RANGES + RANGE_RLEN, R10); // movq %r10, rlen(%r11)
    store(b, 8, R11, CTX_RANGES + RANGE_WLEN, R10); // movq %r10, wlen(%r11)
    incDecM(b, false, true, CTX_REG, CTX_NRANGES); // incq nranges(%r12)
  }
  if (opts.budget) hooks.budgetCheck();
}

/** The BPF_EXIT epilogue: drop the frame record, free the outgoing area, pop callee-saved, leave, ret. */
export function emitEpilogue(b: CodeBuffer, plan: FramePlan, opts: FrameOptions): void {
  if (opts.sandbox) incDecM(b, true, true, CTX_REG, CTX_NRANGES); // decq nranges(%r12)
  if (plan.adjust > 0) aluRI(b, ALU_ADD, true, RSP, plan.adjust); // addq $outgoing+pad, %rsp
  for (let k = plan.saved.length - 1; k >= 0; k--) pop(b, plan.saved[k]!); // popq %r15 / … / %rbx
  leave(b); // leave
  ret(b); // retq
}
