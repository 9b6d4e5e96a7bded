// LineCursor: a position-tracking reader over one line of assembly text, shared by the kernel
// and conformance parsers. It skips blanks, matches punctuation and words, reads registers
// and integer literals, and turns every failure into a BpfError at the current 1-based column.
// Lines are read left to right once, so parsing stays linear in the input size.
import type { BpfError } from '@bpfkit/ir';
import { type AsmErrorCode, sourceError } from './source-error.js';
import { scanInteger } from './integer-literal.js';

const isWordCode = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 36;
const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;

/** A register operand: number, 64-bit (`r`) or 32-bit (`w`) view, and where it was written. */
export interface RegisterToken {
  readonly reg: number;
  readonly wide: boolean;
  readonly column: number;
}

export class LineCursor {
  /** Current offset into `text` (0-based). */
  pos: number;

  /**
   * `text` is the whole line; reading stops at `end` (e.g. where a trailing comment starts).
   * `line` is the 1-based line number used in errors.
   */
  constructor(
    readonly text: string,
    readonly line: number,
    start = 0,
    readonly end: number = text.length,
  ) {
    this.pos = start;
  }

  /** 1-based column of the current position. */
  get column(): number {
    return this.pos + 1;
  }

  skipBlanks(): void {
    const s = this.text;
    while (this.pos < this.end) {
      const c = s.charCodeAt(this.pos);
      if (c !== 32 && c !== 9 && c !== 12 && c !== 11) break;
      this.pos++;
    }
  }

  /** Nothing but blanks left? */
  atEnd(): boolean {
    this.skipBlanks();
    return this.pos >= this.end;
  }

  /** Next non-blank character, or '' at the end. */
  peek(): string {
    this.skipBlanks();
    return this.pos < this.end ? this.text[this.pos]! : '';
  }

  /** Character code at `pos + k` without skipping blanks (NaN past the end). */
  codeAt(k = 0): number {
    const p = this.pos + k;
    return p < this.end ? this.text.charCodeAt(p) : NaN;
  }

  /** Does the text at the current position (after blanks) start with `s`? */
  lookingAt(s: string): boolean {
    this.skipBlanks();
    return this.pos + s.length <= this.end && this.text.startsWith(s, this.pos);
  }

  /** Consume `s` if the text (after blanks) starts with it. */
  eat(s: string): boolean {
    if (!this.lookingAt(s)) return false;
    this.pos += s.length;
    return true;
  }

  /** Consume the first of `options` the text starts with (list longer spellings first). */
  eatOneOf(options: readonly string[]): string | undefined {
    this.skipBlanks();
    for (const o of options) {
      if (this.pos + o.length <= this.end && this.text.startsWith(o, this.pos)) {
        this.pos += o.length;
        return o;
      }
    }
    return undefined;
  }

  expect(s: string, context?: string): void {
    if (!this.eat(s)) throw this.error('PARSE', `expected '${s}'${context ? ` ${context}` : ''}, found ${this.describeNext()}`);
  }

  /** The run of word characters ([A-Za-z0-9_.$]) at the current position, not consumed. */
  peekWord(): string {
    this.skipBlanks();
    let p = this.pos;
    while (p < this.end && isWordCode(this.text.charCodeAt(p))) p++;
    return this.text.slice(this.pos, p);
  }

  /** Read a run of word characters (may be empty). */
  word(): string {
    const w = this.peekWord();
    this.pos += w.length;
    return w;
  }

  /** Consume the word `w` only if the whole next word equals it. */
  eatWord(w: string): boolean {
    if (this.peekWord() !== w) return false;
    this.pos += w.length;
    return true;
  }

  /** Is an integer literal (optionally signed) next? */
  atInteger(): boolean {
    this.skipBlanks();
    const c = this.codeAt();
    if (isDigitCode(c)) return true;
    return (c === 43 || c === 45) && isDigitCode(this.codeAt(1));
  }

  /** Read an integer literal; fails with PARSE when there is none or it is malformed. */
  integer(what = 'a number'): bigint {
    this.skipBlanks();
    const start = this.pos;
    const r = scanInteger(this.text, this.pos, this.end);
    if (r === undefined) throw this.error('PARSE', `expected ${what}, found ${this.describeNext()}`);
    if (r.value === undefined) {
      const code: AsmErrorCode = r.text.replace(/^[+-]/, '').length > 40 ? 'IMM_RANGE' : 'PARSE';
      throw this.error(code, code === 'IMM_RANGE' ? `number '${r.text.slice(0, 24)}…' is too long` : `malformed number '${r.text}'`, start + 1);
    }
    this.pos = r.end;
    return r.value;
  }

  /**
   * Read a register `rN`/`wN` (kernel/LLVM spelling) or `%rN` (conformance spelling when
   * `percent`), N ≤ `max`. Returns undefined (consuming nothing) when no register is next.
   */
  register(percent = false, max = 10): RegisterToken | undefined {
    this.skipBlanks();
    const start = this.pos;
    let p = this.pos;
    if (percent) {
      if (this.text.charCodeAt(p) !== 37 /* % */) return undefined;
      p++;
    }
    const letter = this.text.charCodeAt(p);
    const wide = letter === 114; /* r */
    if (!wide && (percent || letter !== 119) /* w */) return undefined;
    p++;
    const digitsStart = p;
    while (p < this.end && isDigitCode(this.text.charCodeAt(p))) p++;
    if (p === digitsStart || (p < this.end && isWordCode(this.text.charCodeAt(p)))) return undefined;
    const digits = this.text.slice(digitsStart, p);
    const reg = digits.length > 2 ? 99 : Number(digits);
    if (reg > max || (digits.length > 1 && digits[0] === '0'))
      throw this.error('PARSE', `invalid register '${this.text.slice(start, p)}' (valid: ${percent ? '%' : ''}r0-${percent ? '%' : ''}r${max})`, start + 1);
    this.pos = p;
    return { reg, wide, column: start + 1 };
  }

  /** Read a register or fail. */
  expectRegister(what = 'a register', percent = false, max = 10): RegisterToken {
    const r = this.register(percent, max);
    if (r === undefined) throw this.error('PARSE', `expected ${what}, found ${this.describeNext()}`);
    return r;
  }

  /** Fail unless only blanks remain. */
  expectEnd(context = 'instruction'): void {
    if (!this.atEnd()) throw this.error('PARSE', `unexpected ${this.describeNext()} after the ${context}`);
  }

  /** A short quotation of what comes next, for messages. */
  describeNext(): string {
    this.skipBlanks();
    if (this.pos >= this.end) return 'end of line';
    let p = this.pos;
    if (isWordCode(this.text.charCodeAt(p))) while (p < this.end && isWordCode(this.text.charCodeAt(p))) p++;
    else p++;
    const t = this.text.slice(this.pos, Math.min(p, this.pos + 24));
    return `'${t}'`;
  }

  /** A BpfError at `column` (default: the current position). */
  error(code: AsmErrorCode, message: string, column = this.column): BpfError {
    return sourceError(code, message, this.line, column);
  }
}
