// ProgramBuilder: the back end both parsers share. It appends instruction slots to growable
// typed arrays, records labels, forward references and `.func` metadata with their source
// positions, and at the end resolves every label, range-checks the resolved displacements
// and call targets (so the Program constructor never throws on parser output), and builds
// the immutable Program. Everything is linear in the number of slots.
import {
  BPF_CALL_OPCODE, BPF_LD_IMM64, BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC, MAX_BPF_FUNC_ARGS, Program, type FuncMeta,
} from '@bpfkit/ir';
import { sourceError } from './source-error.js';

/** Where a name or instruction was written (1-based). */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** How a label reference is patched once the label's slot is known. */
export type FixupKind =
  /** 16-bit `off` of goto / conditional jump / may_goto. */
  | 'jump16'
  /** 32-bit `imm` of gotol. */
  | 'jump32'
  /** `imm` of a bpf-to-bpf call (src_reg 1) or of ld_imm64 PSEUDO_FUNC (src_reg 4). */
  | 'code-pointer';

/** Fields of a call whose name turned out not to be a label (helper or kfunc by name). */
export interface CallFallback {
  readonly src: number;
  readonly off: number;
  readonly imm: number;
}

interface Fixup extends SourcePosition {
  readonly slot: number;
  readonly label: string;
  readonly kind: FixupKind;
  /** For `call NAME`: used when NAME is not a label. */
  readonly fallback?: CallFallback | undefined;
  /** Text that explains the fallback failure (e.g. "not a label, helper or kfunc name"). */
  readonly what?: string;
}

interface PendingFunc extends SourcePosition {
  readonly name: string | undefined;
  readonly argCount: number | undefined;
}

export class ProgramBuilder {
  length = 0;
  private code = new Uint8Array(64);
  private dst = new Uint8Array(64);
  private src = new Uint8Array(64);
  private off = new Int16Array(64);
  private imm = new Int32Array(64);
  /** Source line and column of every slot (for errors found after parsing). */
  private slotLine = new Uint32Array(64);
  private slotColumn = new Uint32Array(64);
  private readonly labels = new Map<string, { slot: number } & SourcePosition>();
  private readonly fallbackLabels = new Map<string, number>();
  private readonly fixups: Fixup[] = [];
  private readonly funcs: (FuncMeta & SourcePosition)[] = [];
  private pendingFunc: PendingFunc | undefined;

  /** Forget everything (reuse the arrays for another program). */
  reset(): void {
    this.length = 0;
    this.labels.clear();
    this.fallbackLabels.clear();
    this.fixups.length = 0;
    this.funcs.length = 0;
    this.pendingFunc = undefined;
  }

  /** Append one slot; returns its index. */
  push(code: number, dst: number, src: number, off: number, imm: number, line: number, column = 1): number {
    if (this.length === this.code.length) this.grow();
    const i = this.length++;
    this.code[i] = code;
    this.dst[i] = dst;
    this.src[i] = src;
    this.off[i] = off;
    this.imm[i] = imm;
    this.slotLine[i] = line;
    this.slotColumn[i] = column;
    if (this.pendingFunc) {
      const f = this.pendingFunc;
      this.pendingFunc = undefined;
      this.funcs.push({ start: i, name: f.name, argCount: f.argCount, line: f.line, column: f.column });
    }
    return i;
  }

  /** Overwrite the imm of an already pushed slot. */
  setImm(slot: number, imm: number): void {
    this.imm[slot] = imm;
  }

  /** Overwrite the off of an already pushed slot. */
  setOff(slot: number, off: number): void {
    this.off[slot] = off;
  }

  /** Opcode of an already pushed slot. */
  codeAt(slot: number): number {
    return this.code[slot]!;
  }

  private grow(): void {
    const n = this.code.length * 2;
    const g = <T extends Uint8Array | Int16Array | Int32Array | Uint32Array>(a: T, make: new (n: number) => T): T => {
      const b = new make(n);
      b.set(a);
      return b;
    };
    this.code = g(this.code, Uint8Array);
    this.dst = g(this.dst, Uint8Array);
    this.src = g(this.src, Uint8Array);
    this.off = g(this.off, Int16Array);
    this.imm = g(this.imm, Int32Array);
    this.slotLine = g(this.slotLine, Uint32Array);
    this.slotColumn = g(this.slotColumn, Uint32Array);
  }

  /** Raw fields of slot `slot` (for printers that check their own output). */
  slot(slot: number): { code: number; dst: number; src: number; off: number; imm: number } {
    return { code: this.code[slot]!, dst: this.dst[slot]!, src: this.src[slot]!, off: this.off[slot]!, imm: this.imm[slot]! };
  }

  /** Has a label reference been recorded (so raw fields are not final yet)? */
  get hasFixups(): boolean {
    return this.fixups.length > 0;
  }

  /** Define `name` at the next slot. */
  defineLabel(name: string, at: SourcePosition): void {
    const prev = this.labels.get(name);
    if (prev !== undefined)
      throw sourceError('DUPLICATE_LABEL', `label '${name}' is already defined at line ${prev.line}`, at.line, at.column);
    this.labels.set(name, { slot: this.length, line: at.line, column: at.column });
  }

  hasLabel(name: string): boolean {
    return this.labels.has(name);
  }

  /** A label used only when the source never defines `name` itself (conformance `exit`). */
  defineFallbackLabel(name: string): void {
    if (!this.fallbackLabels.has(name)) this.fallbackLabels.set(name, this.length);
  }

  /** Function metadata for the next instruction (`.func` / `name(args=N):`). */
  declareFunc(name: string | undefined, argCount: number | undefined, at: SourcePosition): void {
    if (argCount !== undefined && (argCount < 0 || argCount > MAX_BPF_FUNC_ARGS))
      throw sourceError('IMM_RANGE', `a function takes 0..${MAX_BPF_FUNC_ARGS} arguments, not ${argCount}`, at.line, at.column);
    if (this.pendingFunc)
      throw sourceError('PARSE', `two function declarations for the same instruction (the other is at line ${this.pendingFunc.line})`, at.line, at.column);
    this.pendingFunc = { name, argCount, line: at.line, column: at.column };
  }

  /** Patch slot `slot` once `label` is known. */
  addFixup(slot: number, label: string, kind: FixupKind, at: SourcePosition, fallback?: CallFallback, what?: string): void {
    this.fixups.push({ slot, label, kind, line: at.line, column: at.column, fallback, what });
  }

  private resolve(): void {
    for (const f of this.fixups) {
      const target = this.labels.get(f.label)?.slot ?? this.fallbackLabels.get(f.label);
      if (target === undefined) {
        if (f.fallback) {
          this.src[f.slot] = f.fallback.src;
          this.off[f.slot] = f.fallback.off;
          this.imm[f.slot] = f.fallback.imm;
          continue;
        }
        throw sourceError('UNKNOWN_LABEL', `unknown label '${f.label}'${f.what ? ` (${f.what})` : ''}`, f.line, f.column);
      }
      const disp = target - f.slot - 1;
      if (f.kind === 'jump16') {
        if (disp < -32768 || disp > 32767)
          throw sourceError(
            'OFFSET_RANGE',
            `label '${f.label}' is ${disp} instructions away; a jump offset is 16-bit (-32768..32767), use gotol for long jumps`,
            f.line, f.column,
          );
        this.off[f.slot] = disp;
      } else {
        this.imm[f.slot] = disp;
        if (f.kind === 'code-pointer' && f.fallback) this.src[f.slot] = BPF_PSEUDO_CALL;
      }
    }
  }

  /** Resolve labels, check call targets and function metadata, and build the Program. */
  build(): Program {
    if (this.pendingFunc) {
      const f = this.pendingFunc;
      throw sourceError('PARSE', `function declaration '${f.name ?? ''}' is not followed by an instruction`, f.line, f.column);
    }
    this.resolve();
    const n = this.length;
    // The Program constructor discovers subprograms from these; report bad targets with a line.
    for (let i = 0; i < n; i++) {
      const c = this.code[i];
      const isCall = c === BPF_CALL_OPCODE && this.src[i] === BPF_PSEUDO_CALL;
      if (!isCall && !(c === BPF_LD_IMM64 && this.src[i] === BPF_PSEUDO_FUNC)) continue;
      const target = i + 1 + this.imm[i]!;
      if (target < 0 || target >= n)
        throw sourceError(
          'OFFSET_RANGE',
          `${isCall ? 'call' : 'function pointer'} target pc${this.imm[i]! < 0 ? '' : '+'}${this.imm[i]} (instruction ${target}) is outside the program (0..${n - 1})`,
          this.slotLine[i]!, this.slotColumn[i]!,
        );
    }
    const funcs: FuncMeta[] = this.funcs.map(({ start, name, argCount }) => ({
      start, ...(name !== undefined ? { name } : {}), ...(argCount !== undefined ? { argCount } : {}),
    }));
    return new Program(
      {
        code: this.code.slice(0, n),
        dst: this.dst.slice(0, n),
        src: this.src.slice(0, n),
        off: this.off.slice(0, n),
        imm: this.imm.slice(0, n),
      },
      funcs.length ? { funcs } : {},
    );
  }
}
