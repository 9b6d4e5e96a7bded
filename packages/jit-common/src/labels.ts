// Labels and fixups for branches inside one emitted sequence (a division's zero check, a
// cmpxchg retry loop, a bounds check's fast path): bind a label at a byte offset, record a
// PC-relative field that refers to it, resolve when the sequence is complete. The kernel JITs
// compute such short hops by hand (`EMIT2(X86_JE, 3)`); naming them removes that arithmetic
// and the range check turns a silent wrong branch into a BpfError. Invariants: a field's
// displacement is target - (end of the field); rel8 must fit in [-128, 127], rel32 in int32.
import { BpfError } from '@bpfkit/ir';
import type { CodeBuffer } from './code-buffer.js';

/** A label handle (index into its LabelTable). */
export type Label = number;

const UNBOUND = -1;

export class LabelTable {
  readonly #buf: CodeBuffer;
  // Labels and pending fixups live in arrays that are reused: counts mark the live prefix
  // (clearing must not shrink arrays — `length = 0` is a slow path in V8).
  #pos: number[] = [];
  #nLabels = 0;
  // Pending fixups as parallel arrays: field offset, width (1 or 4), label, listing note index.
  #at: number[] = [];
  #width: number[] = [];
  #label: number[] = [];
  #noteIdx: number[] = [];
  #nFix = 0;

  constructor(buf: CodeBuffer) {
    this.#buf = buf;
  }

  /** Forget every label and fixup (start of a new sequence). */
  clear(): void {
    this.#nLabels = 0;
    this.#nFix = 0;
  }

  newLabel(): Label {
    this.#pos[this.#nLabels] = UNBOUND;
    return this.#nLabels++;
  }

  /** Bind `l` to the current position of the buffer. */
  bind(l: Label): void {
    if (l >= this.#nLabels || this.#pos[l] !== UNBOUND) throw new BpfError('INTERNAL', `JIT label ${l} bound twice or unknown`);
    this.#pos[l] = this.#buf.pos;
  }

  /** Position of a bound label (or -1). */
  position(l: Label): number {
    return l < this.#nLabels ? this.#pos[l]! : UNBOUND;
  }

  /**
   * Record that the `width`-byte field ending at the current position holds the displacement
   * to `l` (call right after emitting the field). If the listing records the instruction, its
   * target is filled in on resolve.
   */
  refer(l: Label, width: 1 | 4): void {
    const k = this.#nFix++;
    this.#at[k] = this.#buf.pos - width;
    this.#width[k] = width;
    this.#label[k] = l;
    const notes = this.#buf.notes;
    this.#noteIdx[k] = notes === null ? -1 : notes.offsets.length - 1;
  }

  /** Patch every recorded field; BpfError JIT_RANGE when a displacement does not fit. */
  resolve(): void {
    const buf = this.#buf;
    for (let k = 0; k < this.#nFix; k++) {
      const at = this.#at[k]!;
      const w = this.#width[k]!;
      const l = this.#label[k]!;
      const target = l < this.#nLabels ? this.#pos[l]! : UNBOUND;
      if (target === UNBOUND) throw new BpfError('INTERNAL', `JIT label ${l} used but never bound`);
      const disp = target - (at + w);
      if (w === 1) {
        if (disp < -128 || disp > 127) throw new BpfError('JIT_RANGE', `short branch displacement ${disp} out of rel8 range at byte ${at}`);
        buf.patch8(at, disp);
      } else {
        if (disp < -0x80000000 || disp > 0x7fffffff) throw new BpfError('JIT_RANGE', `branch displacement ${disp} out of rel32 range at byte ${at}`);
        buf.patch32(at, disp);
      }
      const ni = this.#noteIdx[k]!;
      if (ni >= 0 && buf.notes !== null) buf.notes.targets[ni] = target;
    }
    this.#nFix = 0;
  }
}

/** Range-checked rel8 displacement from `from` (end of the field) to `to`. */
export function rel8(from: number, to: number): number {
  const d = to - from;
  if (d < -128 || d > 127) throw new BpfError('JIT_RANGE', `short branch displacement ${d} out of rel8 range`);
  return d;
}

/** Range-checked rel32 displacement from `from` (end of the field) to `to`. */
export function rel32(from: number, to: number): number {
  const d = to - from;
  if (d < -0x80000000 || d > 0x7fffffff) throw new BpfError('JIT_RANGE', `branch displacement ${d} out of rel32 range`);
  return d;
}
