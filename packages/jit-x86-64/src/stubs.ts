// The code at the start of every image that belongs to no BPF instruction:
//  - `entry`: the trampoline the runtime calls as `u64 entry(r1, r2, r3, r4, r5, ctx)`
//    (SysV: rdi, rsi, rdx, rcx, r8 = BPF R1..R5, r9 = context block). It saves the SysV
//    callee-saved registers, keeps ctx in r12, records rsp in the context (nested entries —
//    callbacks from helpers — save and restore the outer value), zeroes R0 and R6..R9, and
//    calls the function whose address is in ctx->entry_target.
//  - `exit`: restores everything from the recorded rsp and returns; any abnormal end (a
//    helper's exit request, a sandbox fault, the budget) jumps here from any depth — the
//    unwinding the kernel gets from its exception tables, done with one saved rsp.
//  - `err_*`: reached by `call` from the failing site (err_misaligned also records the
//    address in r11 and the size in r10); they store the return address (which
//    names the instruction) and a status, then unwind through `exit`.
//  - sandbox `sb_{read,write}_{1,2,4,8}`: the slow path of a bounds check — scan the region
//    list (input memory, user regions, every live frame's stack) and return if the access fits
//    one region, else record the address and fail with STATUS_MEM_OOB.
// Stubs come first so their offsets never depend on branch sizing.
import { CodeBuffer, LabelTable } from '@bpfkit/jit-common';
import { ALU_ADD, ALU_CMP, ALU_OR, ALU_SUB, ALU_XOR, aluRI, aluRR, movRI32, movRR, testRR } from './encode-alu.js';
import { CC_AE, CC_BE, CC_E, TARGET_LABEL, callR, jccRel8, jmpRel32, jmpRel8, pop, push, ret } from './encode-control.js';
import { aluRM, lea, loadZx, popM, pushM, store, storeImm } from './encode-mem.js';
import {
  CTX_ENTRY_TARGET, CTX_ERR_ADDR, CTX_ERR_SITE, CTX_ERR_SIZE, CTX_NRANGES, CTX_RANGES, CTX_SAVED_RSP, CTX_STATUS,
  RANGE_BASE, RANGE_RLEN, RANGE_SIZE, RANGE_WLEN, STATUS_BUDGET, STATUS_CALL_DEPTH, STATUS_CALLX_TARGET, STATUS_FELL_OFF,
  STATUS_MEM_OOB, STATUS_MISALIGNED,
} from './ctx-layout.js';
import { CTX_REG, R10, R11, R12, R13, R14, R15, R9, RAX, RBP, RBX, RCX, RDX, RSP } from './registers.js';
import type { JitStub } from '@bpfkit/jit-common';

export interface StubOffsets {
  readonly entry: number;
  readonly exit: number;
  readonly errBudget: number;
  readonly errCallDepth: number;
  readonly errCallx: number;
  readonly errFellOff: number;
  /** Sandbox: misaligned atomic (r11 = address, r10 = size). */
  readonly errMisaligned: number;
  /** sb_read_N / sb_write_N by size index 0..3 (-1 without sandbox). */
  readonly sbRead: readonly number[];
  readonly sbWrite: readonly number[];
  readonly list: readonly JitStub[];
  readonly end: number;
}

/** `jmp` to an already emitted offset, short when it fits. */
function jmpBack(b: CodeBuffer, target: number): void {
  const d8 = target - (b.pos + 2);
  if (d8 >= -128) jmpRel8(b, d8, target);
  else jmpRel32(b, target - (b.pos + 5), target);
}

export function emitStubs(b: CodeBuffer, sandbox: boolean): StubOffsets {
  const list: JitStub[] = [];
  const mark = (name: string, start: number): void => {
    list.push({ name, offset: start, size: b.pos - start });
  };

  // ---- entry
  const entry = b.pos;
  push(b, RBP); // pushq %rbp
  movRR(b, true, RBP, RSP); // movq %rsp, %rbp
  for (const r of [RBX, R12, R13, R14, R15]) push(b, r); // pushq callee-saved (SysV)
  movRR(b, true, CTX_REG, R9); // movq %r9, %r12 (context block)
  pushM(b, CTX_REG, CTX_SAVED_RSP); // pushq saved_rsp(%r12) (outer entry's value)
  store(b, 8, CTX_REG, CTX_SAVED_RSP, RSP); // movq %rsp, saved_rsp(%r12)
  for (const r of [RAX, RBX, R13, R14, R15, R9]) aluRR(b, ALU_XOR, false, r, r); // xorl r, r: R0, R6..R9, arg6
  loadZx(b, 8, R11, CTX_REG, CTX_ENTRY_TARGET); // movq entry_target(%r12), %r11
  callR(b, R11); // callq *%r11 (rsp is 16-byte aligned here)
  mark('entry', entry);

  // ---- exit (also the unwind target)
  const exit = b.pos;
  loadZx(b, 8, RSP, CTX_REG, CTX_SAVED_RSP); // movq saved_rsp(%r12), %rsp
  popM(b, CTX_REG, CTX_SAVED_RSP); // popq saved_rsp(%r12)
  for (const r of [R15, R14, R13, R12, RBX]) pop(b, r); // popq callee-saved
  pop(b, RBP); // popq %rbp
  ret(b); // retq
  mark('exit', exit);

  // ---- error exits: the return address on the stack names the failing site.
  const errStub = (name: string, status: number): number => {
    const at = b.pos;
    pop(b, R11); // popq %r11 (site)
    store(b, 8, CTX_REG, CTX_ERR_SITE, R11); // movq %r11, err_site(%r12)
    storeImm(b, 4, CTX_REG, CTX_STATUS, status); // movl $status, status(%r12)
    jmpBack(b, exit); // jmp <exit>
    mark(name, at);
    return at;
  };
  const errBudget = errStub('err_budget', STATUS_BUDGET);
  const errCallDepth = errStub('err_call_depth', STATUS_CALL_DEPTH);
  const errCallx = errStub('err_callx', STATUS_CALLX_TARGET);
  const errFellOff = errStub('err_fell_off', STATUS_FELL_OFF);
  const errMisaligned = b.pos;
  store(b, 8, CTX_REG, CTX_ERR_ADDR, R11); // movq %r11, err_addr(%r12)
  store(b, 8, CTX_REG, CTX_ERR_SIZE, R10); // movq %r10, err_size(%r12)
  pop(b, R11); // popq %r11 (site)
  store(b, 8, CTX_REG, CTX_ERR_SITE, R11); // movq %r11, err_site(%r12)
  storeImm(b, 4, CTX_REG, CTX_STATUS, STATUS_MISALIGNED); // movl $MISALIGNED, status(%r12)
  jmpBack(b, exit); // jmp <exit>
  mark('err_misaligned', errMisaligned);

  const sbRead: number[] = [-1, -1, -1, -1];
  const sbWrite: number[] = [-1, -1, -1, -1];
  if (sandbox) {
    for (const write of [false, true]) {
      // Per-size entries load the size into r10 and fall into / jump to the common scan.
      const entries: number[] = [];
      const lt = new LabelTable(b);
      const common = lt.newLabel();
      [1, 2, 4, 8].forEach((size, k) => {
        const at = b.pos;
        movRI32(b, R10, size); // movl $size, %r10d
        if (k < 3) {
          jmpRel8(b, 0, TARGET_LABEL); // jmp <scan>
          lt.refer(common, 1);
        }
        entries.push(at);
        mark(`sb_${write ? 'write' : 'read'}_${size}`, at);
      });
      const scan = b.pos;
      lt.bind(common);
      const field = write ? RANGE_WLEN : RANGE_RLEN;
      const loop = lt.newLabel();
      const next = lt.newLabel();
      const ok = lt.newLabel();
      const fail = lt.newLabel();
      push(b, RAX); // pushq %rax
      push(b, RCX); // pushq %rcx
      push(b, RDX); // pushq %rdx
      loadZx(b, 8, RCX, CTX_REG, CTX_NRANGES); // movq nranges(%r12), %rcx
      lea(b, RAX, CTX_REG, CTX_RANGES); // leaq ranges(%r12), %rax
      lt.bind(loop);
      testRR(b, true, RCX, RCX); // testq %rcx, %rcx
      jccRel8(b, CC_E, 0, TARGET_LABEL); // je fail
      lt.refer(fail, 1);
      movRR(b, true, RDX, R11); // movq %r11, %rdx
      aluRM(b, ALU_SUB, true, RDX, RAX, RANGE_BASE); // subq base(%rax), %rdx   (t = addr - base)
      aluRM(b, ALU_CMP, true, RDX, RAX, field); // cmpq len(%rax), %rdx
      jccRel8(b, CC_AE, 0, TARGET_LABEL); // jae next  (t >= len)
      lt.refer(next, 1);
      aluRR(b, ALU_ADD, true, RDX, R10); // addq %r10, %rdx   (t + size)
      aluRM(b, ALU_CMP, true, RDX, RAX, field); // cmpq len(%rax), %rdx
      jccRel8(b, CC_BE, 0, TARGET_LABEL); // jbe ok
      lt.refer(ok, 1);
      lt.bind(next);
      aluRI(b, ALU_ADD, true, RAX, RANGE_SIZE); // addq $32, %rax
      aluRI(b, ALU_SUB, true, RCX, 1); // subq $1, %rcx
      jmpRel8(b, 0, TARGET_LABEL); // jmp loop
      lt.refer(loop, 1);
      lt.bind(ok);
      pop(b, RDX); // popq %rdx
      pop(b, RCX); // popq %rcx
      pop(b, RAX); // popq %rax
      ret(b); // retq
      lt.bind(fail);
      pop(b, RDX); // popq %rdx
      pop(b, RCX); // popq %rcx
      pop(b, RAX); // popq %rax
      store(b, 8, CTX_REG, CTX_ERR_ADDR, R11); // movq %r11, err_addr(%r12)
      if (write) aluRI(b, ALU_OR, true, R10, 0x100); // orq $0x100, %r10 (a write)
      store(b, 8, CTX_REG, CTX_ERR_SIZE, R10); // movq %r10, err_size(%r12)
      pop(b, R11); // popq %r11 (site)
      store(b, 8, CTX_REG, CTX_ERR_SITE, R11); // movq %r11, err_site(%r12)
      storeImm(b, 4, CTX_REG, CTX_STATUS, STATUS_MEM_OOB); // movl $MEM_OOB, status(%r12)
      jmpBack(b, exit); // jmp <exit>
      lt.resolve();
      mark(`sb_${write ? 'write' : 'read'}`, scan);
      for (let k = 0; k < 4; k++) (write ? sbWrite : sbRead)[k] = entries[k]!;
    }
  }
  return { entry, exit, errBudget, errCallDepth, errCallx, errFellOff, errMisaligned, sbRead, sbWrite, list, end: b.pos };
}

interface StubTemplate {
  readonly bytes: Uint8Array;
  readonly offsets: StubOffsets;
}
const templates: (StubTemplate | undefined)[] = [undefined, undefined];

/**
 * Emit the stubs into `b` (at its current position, which must be 0): copied from a cached
 * template unless the listing is being recorded (then emitted instruction by instruction).
 */
export function emitStubsCached(b: CodeBuffer, sandbox: boolean): StubOffsets {
  if (b.notes !== null || b.pos !== 0) return emitStubs(b, sandbox);
  const k = sandbox ? 1 : 0;
  let t = templates[k];
  if (t === undefined) {
    const tb = new CodeBuffer(1024);
    const offsets = emitStubs(tb, sandbox);
    t = templates[k] = { bytes: tb.finish(), offsets };
  }
  b.ensure(t.bytes.length);
  b.u8.set(t.bytes, b.pos);
  b.pos += t.bytes.length;
  return t.offsets;
}

/**
 * The entry trampoline and the exit path on their own (entry at offset 0): position-independent
 * and the same for every program, so a runtime can keep one copy for all programs — each
 * image's `exit` stub is byte-identical and unwinds to whichever copy made the call.
 */
export function jitX8664EntryStub(): Uint8Array {
  const b = new CodeBuffer(256);
  const s = emitStubs(b, false);
  return b.u8.slice(s.entry, s.errBudget);
}
