// The execution trace, in the shape of the kernel's jump history (struct
// bpf_jmp_history_entry, pushed by bpf_push_jmp_history()): one entry per instruction visit
// that the backtracker cannot infer as "the previous slot" — every non-sequential arrival
// (taken jump, call into a subprogram, return to the caller) and every instruction that
// needs extra facts (stack spill/fill with its spi and owning frame, stack-argument access
// with its spi, conditional jumps on stack pointers). Entries are kept in typed arrays (no
// per-step objects). Walking back with the kernel's get_prev_insn_idx() rule (last entry
// for i -> its prev_idx, else i - 1) reproduces the path; expandPath() replays it forward.
// Invariant: at most one entry per instruction visit; an instruction that pushes twice
// (an atomic reads and writes its slot; a jump target that also accesses the stack) ORs
// its flags into the entry of the same visit, as the kernel does.
import { BPF_LD_IMM64, BpfError, type Program } from '@bpfkit/ir';

/** Stack spill/fill: `spi` and `slotFrame` name the 8-byte slot (INSN_F_STACK_ACCESS, BIT(9)). */
export const INSN_F_STACK_ACCESS = 1 << 9;
/** Conditional jump whose dst register held a stack pointer (INSN_F_DST_REG_STACK, BIT(10)). */
export const INSN_F_DST_REG_STACK = 1 << 10;
/** Conditional jump whose src register held a stack pointer (INSN_F_SRC_REG_STACK, BIT(11)). */
export const INSN_F_SRC_REG_STACK = 1 << 11;
/**
 * Stack-argument access through r11 (INSN_F_STACK_ARG_ACCESS of the 2026 stack-argument
 * series; its bit value is ours). `spi` is the argument slot (arg6 = 0 … arg12 = 6);
 * `slotFrame` the frame owning the outgoing area: the caller (frame - 1) for an incoming
 * load, the current frame for an outgoing store.
 */
export const INSN_F_STACK_ARG_ACCESS = 1 << 12;
/** Our addition: the entry records a non-sequential arrival at `idx` from `prevIdx`. */
export const INSN_F_ARRIVAL = 1 << 13;

/** Default cap on recorded entries per run (about 13 bytes each). */
export const DEFAULT_TRACE_LIMIT = 4 * 1024 * 1024;

/** One history entry as an object (Trace.entry). */
export interface TraceEntry {
  /** Instruction index. */
  readonly idx: number;
  /** Instruction executed just before `idx` (-1 before the first instruction). */
  readonly prevIdx: number;
  /** INSN_F_* bits. */
  readonly flags: number;
  /** Stack slot index (-off/8 - 1 relative to the owning frame's R10) or stack-argument slot; -1 if none. */
  readonly spi: number;
  /** Frame owning the accessed stack slot / outgoing argument area; -1 if none. */
  readonly slotFrame: number;
  /** Call-frame depth executing `idx`. */
  readonly frame: number;
}

/** A recorded path: jump-history entries as parallel typed arrays. */
export interface Trace {
  readonly length: number;
  readonly idx: Int32Array;
  readonly prevIdx: Int32Array;
  readonly flags: Uint16Array;
  readonly spi: Int8Array;
  readonly slotFrame: Int8Array;
  readonly frame: Uint8Array;
  /** First instruction executed (the entry point). */
  readonly firstIdx: number;
  /** Last instruction executed: the final exit, or the instruction that raised the error. */
  readonly lastIdx: number;
  /** Instructions executed. */
  readonly steps: number;
  entry(i: number): TraceEntry;
}

/** Collects entries during a run; `finish()` freezes them into a Trace. */
export class TraceRecorder {
  idx = new Int32Array(64);
  prevIdx = new Int32Array(64);
  flags = new Uint16Array(64);
  spi = new Int8Array(64);
  slotFrame = new Int8Array(64);
  frame = new Uint8Array(64);
  length = 0;
  readonly #code: Uint8Array;
  readonly #first: number;
  readonly #limit: number;

  constructor(program: Program, firstIdx: number, limit = DEFAULT_TRACE_LIMIT) {
    this.#code = program.code;
    this.#first = firstIdx;
    this.#limit = limit;
  }

  /** Non-sequential arrival at `to` (jump taken, call, return) from `from`, in `frame`. */
  arrive(from: number, to: number, frame: number): void {
    this.#push(to, from, frame, INSN_F_ARRIVAL, -1, -1);
  }

  /** Facts about the visit of `pc`: OR-ed into this visit's entry if it already has one. */
  note(pc: number, frame: number, flag: number, spi: number, slotFrame: number): void {
    const n = this.length - 1;
    // Revisiting an instruction always needs a recorded arrival, so a last entry for `pc`
    // belongs to the current visit.
    if (n >= 0 && this.idx[n] === pc) {
      this.flags[n] = this.flags[n]! | flag;
      if (spi >= 0) {
        this.spi[n] = spi;
        this.slotFrame[n] = slotFrame;
      }
      return;
    }
    this.#push(pc, this.#seqPrev(pc), frame, flag, spi, slotFrame);
  }

  #seqPrev(pc: number): number {
    if (pc === this.#first && this.length === 0) return -1;
    return pc >= 2 && this.#code[pc - 2] === BPF_LD_IMM64 && this.#code[pc - 1] === 0 ? pc - 2 : pc - 1;
  }

  #push(idx: number, prev: number, frame: number, flags: number, spi: number, slotFrame: number): void {
    if (this.length >= this.#limit)
      throw new BpfError('TRACE_LIMIT', `the trace reached its limit of ${this.#limit} entries`, { insn: idx, pass: 'interp' });
    if (this.length === this.idx.length) this.#grow();
    const n = this.length++;
    this.idx[n] = idx;
    this.prevIdx[n] = prev;
    this.flags[n] = flags;
    this.spi[n] = spi;
    this.slotFrame[n] = slotFrame;
    this.frame[n] = frame;
  }

  #grow(): void {
    const cap = Math.min(this.idx.length * 2, this.#limit);
    const g = <T extends Int32Array | Uint16Array | Int8Array | Uint8Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a as never);
      return b;
    };
    this.idx = g(this.idx, (n) => new Int32Array(n));
    this.prevIdx = g(this.prevIdx, (n) => new Int32Array(n));
    this.flags = g(this.flags, (n) => new Uint16Array(n));
    this.spi = g(this.spi, (n) => new Int8Array(n));
    this.slotFrame = g(this.slotFrame, (n) => new Int8Array(n));
    this.frame = g(this.frame, (n) => new Uint8Array(n));
  }

  finish(lastIdx: number, steps: number): Trace {
    const n = this.length;
    const t = {
      length: n,
      idx: this.idx.slice(0, n),
      prevIdx: this.prevIdx.slice(0, n),
      flags: this.flags.slice(0, n),
      spi: this.spi.slice(0, n),
      slotFrame: this.slotFrame.slice(0, n),
      frame: this.frame.slice(0, n),
      firstIdx: this.#first,
      lastIdx,
      steps,
      entry(i: number): TraceEntry {
        return {
          idx: t.idx[i]!, prevIdx: t.prevIdx[i]!, flags: t.flags[i]!, spi: t.spi[i]!, slotFrame: t.slotFrame[i]!, frame: t.frame[i]!,
        };
      },
    };
    return t;
  }
}

/**
 * The full path of a traced run, one element per executed instruction: replays the history
 * forward (sequential steps between entries, arrivals where recorded).
 */
export function expandPath(trace: Trace, program: Program): { idx: Int32Array; frame: Uint8Array } {
  const idx = new Int32Array(trace.steps);
  const frame = new Uint8Array(trace.steps);
  const code = program.code;
  let pc = trace.firstIdx;
  let fr = 0;
  let e = 0;
  for (let k = 0; k < trace.steps; k++) {
    if (pc < 0 || pc >= program.length) throw new BpfError('INTERNAL', `trace replay left the program at step ${k}`, { pass: 'interp' });
    // Entries for this visit that are not arrivals (the arrival that brought us here was consumed).
    while (e < trace.length && (trace.flags[e]! & INSN_F_ARRIVAL) === 0 && trace.idx[e] === pc) e++;
    idx[k] = pc;
    frame[k] = fr;
    if (e < trace.length && (trace.flags[e]! & INSN_F_ARRIVAL) !== 0 && trace.prevIdx[e] === pc) {
      pc = trace.idx[e]!;
      fr = trace.frame[e]!;
      e++;
    } else pc += code[pc] === BPF_LD_IMM64 ? 2 : 1;
  }
  return { idx, frame };
}
