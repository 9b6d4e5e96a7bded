// The mutable state of one interpreter: the split register file, the region table, and
// per call frame the saved callee-saved registers, return address, outgoing stack-argument
// slots (kernel-semantics §1: seven u64 slots per frame, a written mask, and the "no r11 load
// after an r11 store or a call" flag), incoming slot count and may_goto counter. Everything
// is preallocated typed arrays so calls and returns allocate nothing. The kernel keeps the
// same facts in ___bpf_prog_run()'s regs[]/stack[] locals (one C frame per BPF call) and,
// for stack arguments, in bpf_func_state (out_stack_arg_cnt, stack_arg_regs, no_stack_arg_load).
import { MAX_CALL_FRAMES, MAX_STACK_ARG_SLOTS, type Program } from '@bpfkit/ir';
import type { HostCallContext } from './call-context.js';
import type { ResolvedExtern } from './extern-table.js';
import type { MemoryMap } from './memory.js';
import type { LdImm64Resolver } from './options.js';
import type { TraceRecorder } from './trace.js';

/** Callee-saved words kept per frame: R6..R10, two int32 each. */
export const SAVED_WORDS = 10;
/** Words of outgoing stack-argument storage per frame: seven u64 slots, two int32 each. */
export const OUT_WORDS = 2 * MAX_STACK_ARG_SLOTS;

export class Machine {
  readonly program: Program;
  /** R0..R10 as (low, high) int32 pairs. */
  readonly regs = new Int32Array(22);
  readonly r64 = new BigUint64Array(this.regs.buffer);
  readonly rs64 = new BigInt64Array(this.regs.buffer);
  readonly mem: MemoryMap;
  readonly helpers: ReadonlyMap<number, ResolvedExtern>;
  readonly kfuncs: ReadonlyMap<number, ResolvedExtern>;
  readonly ldImm64: LdImm64Resolver | undefined;
  readonly mayGotoBudget: number;
  readonly ctx: HostCallContext;

  /** Current call-frame depth (0 = main program). */
  depth = 0;
  /** Instructions left in the budget (kept in sync at calls into the host and at the end of a run). */
  left = 0;
  /** Instruction being executed when the loop last stopped (exit or error). */
  pc = 0;
  trace: TraceRecorder | null = null;
  /** Last callback exit while a helper runs callbacks (trace bookkeeping), else -1. */
  callbackExit = -1;

  /** Return address of frame k (the instruction after its call). */
  readonly retPc = new Int32Array(MAX_CALL_FRAMES);
  /** Caller's R6..R10 saved when frame k was entered. */
  readonly saved = new Int32Array(MAX_CALL_FRAMES * SAVED_WORDS);
  /** Outgoing stack-argument slots written by frame k. */
  readonly outArgs = new Int32Array(MAX_CALL_FRAMES * OUT_WORDS);
  /** Bit spi set: frame k has written outgoing slot spi since its last call. */
  readonly outMask = new Uint8Array(MAX_CALL_FRAMES);
  /** Incoming stack-argument slots of frame k. */
  readonly inCount = new Int8Array(MAX_CALL_FRAMES);
  /** Frame k has done an r11 store or a call, so r11 loads are no longer allowed. */
  readonly argLoadClosed = new Uint8Array(MAX_CALL_FRAMES);
  /** may_goto fall-throughs left in frame k. */
  readonly mayGoto = new Float64Array(MAX_CALL_FRAMES);

  constructor(
    program: Program, mem: MemoryMap, helpers: ReadonlyMap<number, ResolvedExtern>, kfuncs: ReadonlyMap<number, ResolvedExtern>,
    ldImm64: LdImm64Resolver | undefined, mayGotoBudget: number, ctx: HostCallContext,
  ) {
    this.program = program;
    this.mem = mem;
    this.helpers = helpers;
    this.kfuncs = kfuncs;
    this.ldImm64 = ldImm64;
    this.mayGotoBudget = mayGotoBudget;
    this.ctx = ctx;
  }

  /** Read register n as an unsigned bigint. */
  reg(n: number): bigint {
    return this.r64[n]!;
  }
}
