// The public interpreter: validates and binds a Program once (helpers, kfuncs, regions,
// budgets), then runs it any number of times. Each run starts from clean state: registers
// zero except R1 = input memory address, R2 = its length (the uBPF / bpf_conformance
// convention; the kernel passes only the context in R1) and R10 = top of frame 0's stack.
// Only BpfErrors leave run(); anything else thrown inside is wrapped as INTERNAL. The
// kernel's counterpart is bpf_prog_run() -> ___bpf_prog_run() after bpf_check() passed.
import { validate } from '@bpfkit/decoder';
import { BpfError, MAX_BPF_FUNC_REG_ARGS, Program, isBpfError } from '@bpfkit/ir';
import { HostCallContext } from './call-context.js';
import { exec } from './exec.js';
import { resolveTable } from './extern-table.js';
import { popFrame, pushFrame } from './frames.js';
import { CODE_HI, MEM_REGION, REGION_HI_BASE, STACK_REGION_FIRST, STACK_SIZE, regionWindow, userRegionBase } from './layout.js';
import { Machine } from './machine.js';
import { MemoryMap } from './memory.js';
import type { InterpreterOptions, RunOptions, RunResult } from './options.js';
import { TraceRecorder, type Trace } from './trace.js';

/** Default instruction budget per run. */
export const DEFAULT_BUDGET = 100_000_000;
/** The kernel's may_goto bound per frame (BPF_MAX_LOOPS, include/linux/bpf.h). */
export const BPF_MAX_LOOPS = 8 * 1024 * 1024;

const PASS = 'interp';

function checkBudget(b: unknown, what: string): number {
  if (b === Infinity) return b;
  if (typeof b !== 'number' || !Number.isSafeInteger(b) || b < 0)
    throw new BpfError('OPTION', `${what} must be a non-negative integer or Infinity, not ${String(b)}`, { pass: PASS });
  return b;
}

export class Interpreter {
  readonly program: Program;
  readonly #m: Machine;
  readonly #budget: number;
  #lastTrace: Trace | undefined;
  #running = false;

  constructor(program: Program, options: InterpreterOptions = {}) {
    if (!(program instanceof Program)) throw new BpfError('OPTION', 'Interpreter needs a Program', { pass: PASS });
    validate(program);
    this.program = program;
    this.#budget = checkBudget(options.budget ?? DEFAULT_BUDGET, 'budget');
    const mayGoto = checkBudget(options.mayGotoBudget ?? BPF_MAX_LOOPS, 'mayGotoBudget');
    const mem = new MemoryMap(options.regions ?? []);
    const ctx = new HostCallContext(mem);
    const m = new Machine(
      program, mem, resolveTable(options.helpers, 'helper'), resolveTable(options.kfuncs, 'kfunc'), options.ldImm64, mayGoto, ctx,
    );
    ctx.invoker = (fn, args) => invokeCallback(m, fn, args);
    this.#m = m;
  }

  /** Address of the `index`-th region of InterpreterOptions.regions. */
  regionAddress(index: number): bigint {
    return userRegionBase(index);
  }

  /** Trace of the last run that asked for one, including runs that ended in an error. */
  get lastTrace(): Trace | undefined {
    return this.#lastTrace;
  }

  run(options: RunOptions = {}): RunResult {
    if (this.#running)
      throw new BpfError('OPTION', 'Interpreter.run is not re-entrant (use CallContext.call from a helper, or another Interpreter)', { pass: PASS });
    this.#running = true;
    try {
      return this.#run(options);
    } finally {
      this.#running = false;
    }
  }

  #run(options: RunOptions): RunResult {
    const m = this.#m;
    const p = this.program;
    const budget = options.budget === undefined ? this.#budget : checkBudget(options.budget, 'budget');
    const entry = options.entry ?? 0;
    if (!Number.isInteger(entry) || entry < 0 || entry >= p.length || p.isSecondHalf(entry))
      throw new BpfError('OPTION', `entry ${entry} is not an instruction of the program`, { pass: PASS });
    if (options.mem !== undefined && !(options.mem instanceof Uint8Array))
      throw new BpfError('OPTION', 'mem must be a Uint8Array', { pass: PASS });
    const args = options.args ?? [];
    if (args.length > MAX_BPF_FUNC_REG_ARGS || args.some((a) => typeof a !== 'bigint'))
      throw new BpfError('OPTION', `args must be at most ${MAX_BPF_FUNC_REG_ARGS} bigints (R1..R5)`, { pass: PASS });

    const mem = m.mem;
    mem.reset();
    mem.setMem(options.mem, options.memWritable ?? true);
    const r = m.regs;
    r.fill(0);
    m.depth = 0;
    m.outMask.fill(0);
    m.argLoadClosed.fill(0);
    m.inCount.fill(0);
    m.mayGoto[0] = m.mayGotoBudget;
    m.callbackExit = -1;
    m.ctx.exitRequested = false;
    m.ctx.exitValue = 0n;
    m.ctx.insn = -1;
    mem.frameLive(0, true);
    r[20] = STACK_SIZE;
    r[21] = REGION_HI_BASE + regionWindow(STACK_REGION_FIRST);
    r[3] = REGION_HI_BASE + regionWindow(MEM_REGION);
    r[4] = mem.size(MEM_REGION);
    args.forEach((a, i) => (m.r64[i + 1] = BigInt.asUintN(64, a)));
    const start = budget === Infinity ? Number.MAX_SAFE_INTEGER : budget;
    m.left = start;
    m.pc = entry;
    const traceLimit = options.traceLimit === undefined ? undefined : checkBudget(options.traceLimit, 'traceLimit');
    m.trace = options.trace ? new TraceRecorder(p, entry, traceLimit === Infinity ? 2 ** 31 - 1 : traceLimit) : null;
    this.#lastTrace = undefined;
    try {
      exec(m, entry, 0);
    } catch (e) {
      const err = isBpfError(e)
        ? e
        : new BpfError('INTERNAL', `interpreter failure: ${e instanceof Error ? e.message : String(e)}`, { insn: m.pc, pass: PASS, cause: e });
      // The error names the faulting instruction even when it was inside a callback; running
      // off the end names the slot past it, and the last executed instruction is the one before.
      let last = err.insn >= 0 ? err.insn : m.pc;
      if (last >= p.length) last = p.length >= 2 && p.isSecondHalf(p.length - 1) ? p.length - 2 : p.length - 1;
      if (m.trace !== null) this.#lastTrace = m.trace.finish(last, start - Math.max(m.left, 0));
      m.trace = null;
      throw err;
    }
    const steps = start - m.left;
    const trace = m.trace?.finish(m.pc, steps);
    m.trace = null;
    this.#lastTrace = trace;
    return trace === undefined ? { r0: m.r64[0]!, steps } : { r0: m.r64[0]!, steps, trace };
  }
}

/** CallContext.call: run the function at code pointer `fn` as a callback of the current helper. */
function invokeCallback(m: Machine, fn: bigint, args: readonly bigint[]): bigint {
  const ctx = m.ctx;
  const site = ctx.insn;
  if (ctx.exitRequested) return m.r64[0]!;
  const v = BigInt.asUintN(64, BigInt(fn));
  const hi = Number(v >> 32n);
  const target = Number(v & 0xffffffffn);
  const f = hi === CODE_HI ? m.program.funcAt(target) : undefined;
  if (f === undefined)
    throw new BpfError('CALLX_TARGET', `callback 0x${v.toString(16)} is not a function pointer`, { insn: site, pass: PASS, errno: 'EINVAL' });
  if ((f.argCount ?? 0) > MAX_BPF_FUNC_REG_ARGS)
    throw new BpfError('TOO_MANY_ARGS', 'callback subprog cannot have stack args', { insn: site, pass: PASS, errno: 'EINVAL' });
  if (args.length > MAX_BPF_FUNC_REG_ARGS || args.some((a) => typeof a !== 'bigint'))
    throw new BpfError('OPTION', `a callback takes at most ${MAX_BPF_FUNC_REG_ARGS} bigint arguments`, { insn: site, pass: PASS });
  const outer = m.depth;
  pushFrame(m, site, target);
  m.inCount[m.depth] = 0;
  for (let i = 0; i < MAX_BPF_FUNC_REG_ARGS; i++) m.r64[i + 1] = i < args.length ? BigInt.asUintN(64, args[i]!) : 0n;
  if (m.trace !== null) m.trace.arrive(m.callbackExit >= 0 ? m.callbackExit : site, target, m.depth);
  m.callbackExit = exec(m, target, m.depth);
  const r0 = m.r64[0]!;
  while (m.depth > outer) popFrame(m);
  return r0;
}
