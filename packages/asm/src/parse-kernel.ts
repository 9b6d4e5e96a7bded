// parseKernel: text in the kernel's verifier/bpftool syntax (kernel/bpf/disasm.c, as ir's
// printKernelProgram prints it) -> Program, extended with what people write by hand: labels,
// comments, `.func` metadata, and the LLVM spellings of the same instructions (text-formats
// §2.2: `(r10 - 0x8)`, `goto +3`, `xchg_64(…)`, `w` registers on 32-bit loads/stores/atomics,
// `ll`, `call 1`, …), so llvm-objdump output (with or without raw bytes) parses too.
// One pass over the lines with a cursor; labels are resolved at the end by ProgramBuilder.
import {
  BPF_ABS, BPF_ADD, BPF_ALU, BPF_ALU64, BPF_AND, BPF_ARSH, BPF_ATOMIC, BPF_B, BPF_CMPXCHG, BPF_DIV, BPF_DW,
  BPF_END, BPF_FETCH, BPF_H, BPF_IND, BPF_JMP, BPF_JMP32, BPF_K, BPF_LD, BPF_LD_IMM64, BPF_LDX, BPF_LOAD_ACQ,
  BPF_LSH, BPF_MEM, BPF_MEMSX, BPF_MOD, BPF_MOV, BPF_MUL, BPF_NEG, BPF_OR, BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC,
  BPF_PSEUDO_KFUNC_CALL, BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_VALUE, BPF_REG_PARAMS, BPF_RSH, BPF_ST, BPF_STORE_REL,
  BPF_STX, BPF_SUB, BPF_TO_BE, BPF_TO_LE, BPF_W, BPF_X, BPF_XCHG, BPF_XOR, type Program,
} from '@bpfkit/ir';
import { LineCursor, type RegisterToken } from './line-cursor.js';
import { type CallNameTables, helperIdForName, isHelperCallName, kfuncForName } from './call-names.js';
import { fitsImm32, fitsImm64, fitsOff16, splitImm64, toImm32 } from './integer-literal.js';
import { type CallFallback, type FixupKind, ProgramBuilder } from './program-builder.js';

export interface KernelParseOptions extends CallNameTables {
  /**
   * How to read `rD = 0x…` written in unsigned hex with no `ll` suffix and no `(xx)` opcode
   * prefix. The kernel prints ld_imm64 that way (and ALU immediates in decimal), so the
   * default is `'ld_imm64'`; llvm-objdump prints a 64-bit move that way, so use `'mov'` for
   * LLVM text without opcode bytes. `ll`, a `(xx)` prefix or objdump raw bytes always decide.
   */
  readonly hexMove?: 'ld_imm64' | 'mov';
  /** Line number of the first line of `text` (default 1), for errors in an embedded snippet. */
  readonly firstLine?: number;
}

const ALU_ASSIGN_OPS = ['s>>=', 's/=', 's%=', '<<=', '>>=', '+=', '-=', '*=', '/=', '|=', '&=', '^=', '%=', '='] as const;
const ALU_OP_CODE: Readonly<Record<string, number>> = {
  '+=': BPF_ADD, '-=': BPF_SUB, '*=': BPF_MUL, '/=': BPF_DIV, '|=': BPF_OR, '&=': BPF_AND, '<<=': BPF_LSH,
  '>>=': BPF_RSH, '%=': BPF_MOD, '^=': BPF_XOR, 's>>=': BPF_ARSH, 's/=': BPF_DIV, 's%=': BPF_MOD,
};
const JMP_OPS = ['s>=', 's<=', 's>', 's<', '==', '!=', '>=', '<=', '>', '<', '&'] as const;
const JMP_OP_CODE: Readonly<Record<string, number>> = {
  '==': 0x10, '>': 0x20, '>=': 0x30, '&': 0x40, '!=': 0x50, 's>': 0x60, 's>=': 0x70, '<': 0xa0, '<=': 0xb0,
  's<': 0xc0, 's<=': 0xd0,
};
const LOCK_OPS = ['+=', '&=', '|=', '^='] as const;
const LOCK_OP_IMM: Readonly<Record<string, number>> = { '+=': BPF_ADD, '&=': BPF_AND, '|=': BPF_OR, '^=': BPF_XOR };
const ATOMIC_FETCH_OP: Readonly<Record<string, number>> = { add: BPF_ADD, and: BPF_AND, or: BPF_OR, xor: BPF_XOR };
const SIZE_BY_NAME: Readonly<Record<string, number>> = { u8: BPF_B, u16: BPF_H, u32: BPF_W, u64: BPF_DW };
const SX_SIZE_BY_NAME: Readonly<Record<string, number>> = { s8: BPF_B, s16: BPF_H, s32: BPF_W };

const isBlank = (c: number): boolean => c === 32 || c === 9 || c === 11 || c === 12;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isHexDigit = (c: number): boolean => isDigit(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);
const isLabelName = (w: string): boolean => w.length > 0 && !isDigit(w.charCodeAt(0));

/**
 * Parse kernel/verifier/bpftool (and LLVM) syntax into a Program. Throws a BpfError with
 * code PARSE, UNKNOWN_LABEL, DUPLICATE_LABEL, IMM_RANGE or OFFSET_RANGE and the 1-based
 * line/column on bad input. Jumps are not checked against the program bounds (that is
 * decoder.validate()'s job); call and function-pointer targets are, because a Program
 * cannot represent a subprogram outside itself.
 */
export function parseKernel(text: string, options: KernelParseOptions = {}): Program {
  const parser = new KernelParser(options);
  let lineNo = (options.firstLine ?? 1) - 1;
  let start = 0;
  const n = text.length;
  for (;;) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = n;
    let end = nl;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    parser.line(text.slice(start, end), ++lineNo);
    if (nl >= n) break;
    start = nl + 1;
  }
  return parser.builder.build();
}

/** Index where a trailing comment starts: `;`, `//`, or `#` at the start or after a blank. */
function commentStart(line: string): number {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 59 /* ; */) return i;
    if (c === 47 /* / */ && line.charCodeAt(i + 1) === 47) return i;
    if (c === 35 /* # */ && (i === 0 || isBlank(line.charCodeAt(i - 1)))) return i;
  }
  return line.length;
}

interface Target {
  readonly disp?: number;
  readonly label?: string;
  readonly column: number;
}

class KernelParser {
  readonly builder = new ProgramBuilder();
  private readonly tables: CallNameTables;

  constructor(private readonly opts: KernelParseOptions) {
    this.tables = { helpers: opts.helpers, kfuncs: opts.kfuncs };
  }

  line(text: string, lineNo: number): void {
    const c = new LineCursor(text, lineNo, 0, commentStart(text));
    if (c.atEnd()) return;
    if (this.objdumpFraming(c)) return;
    if (c.lookingAt('.func') && !/[\w.$]/.test(text[c.pos + 5] ?? ' ')) {
      this.funcDirective(c);
      return;
    }
    let expectedCode: number | undefined;
    let expectedColumn = 0;
    // `N:` instruction index (verifier/bpftool/objdump); its value is not checked.
    if (isDigit(c.codeAt())) {
      const save = c.pos;
      while (isDigit(c.codeAt())) c.pos++;
      if (c.codeAt() !== 58 /* : */) {
        c.pos = save;
        throw c.error('PARSE', `expected an instruction, a label or 'N:' index, found ${c.describeNext()}`);
      }
      c.pos++;
      if (c.atEnd()) return;
      const raw = this.objdumpBytes(c);
      if (raw !== undefined) {
        expectedCode = raw;
        expectedColumn = c.column;
      }
    } else if (this.label(c)) {
      if (c.atEnd()) return;
    }
    // `(xx) ` opcode prefix.
    if (c.peek() === '(' && isHexDigit(c.codeAt(1)) && isHexDigit(c.codeAt(2)) && c.codeAt(3) === 41 /* ) */) {
      const code = parseInt(text.slice(c.pos + 1, c.pos + 3), 16);
      if (expectedCode !== undefined && expectedCode !== code)
        throw c.error('PARSE', `opcode prefix (${text.slice(c.pos + 1, c.pos + 3)}) disagrees with the raw bytes`);
      expectedCode = code;
      expectedColumn = c.column;
      c.pos += 4;
    }
    const first = this.builder.length;
    this.instruction(c, expectedCode);
    c.expectEnd();
    if (expectedCode !== undefined) {
      const got = this.builder.codeAt(first);
      if (got !== expectedCode)
        throw c.error(
          'PARSE',
          `opcode (${hex2(expectedCode)}) does not match the instruction text, which encodes (${hex2(got)})`,
          expectedColumn,
        );
    }
  }

  /** llvm-objdump framing lines: file header, section header, `<sym>:` headers, relocations. */
  private objdumpFraming(c: LineCursor): boolean {
    const rest = c.text.slice(c.pos, c.end);
    if (rest.startsWith('Disassembly of section ')) return true;
    if (/^\S+:\s+file format\s/.test(rest)) return true;
    const m = /^[0-9a-fA-F]+ <([^<>\s]+)>:\s*$/.exec(rest);
    if (m) {
      if (isLabelName(m[1]!) && /^[\w.$]+$/.test(m[1]!)) this.builder.defineLabel(m[1]!, { line: c.line, column: c.column + rest.indexOf('<') + 1 });
      return true;
    }
    return /^[0-9a-fA-F]+:\s+R_BPF_\w+\s/.test(rest);
  }

  /** After an objdump index: `b7 01 00 00 2a 00 00 00<TAB>` (8 or 16 bytes). Returns the opcode. */
  private objdumpBytes(c: LineCursor): number | undefined {
    const s = c.text;
    let p = c.pos;
    let count = 0;
    const start = p;
    while (p + 1 < c.end && isHexDigit(s.charCodeAt(p)) && isHexDigit(s.charCodeAt(p + 1)) && (p + 2 >= c.end || isBlank(s.charCodeAt(p + 2)))) {
      count++;
      p += 2;
      if (count === 16) break;
      if (p < c.end && s.charCodeAt(p) === 32 && p + 1 < c.end && !isBlank(s.charCodeAt(p + 1))) p++;
      else break;
    }
    if (count !== 8 && count !== 16) return undefined;
    c.pos = p;
    return parseInt(s.slice(start, start + 2), 16);
  }

  /** `name:` or `name(args=N):` at the cursor; defines it and returns true. */
  private label(c: LineCursor): boolean {
    const w = c.peekWord();
    if (!isLabelName(w)) return false;
    const at = { line: c.line, column: c.column };
    const save = c.pos;
    c.pos += w.length;
    if (c.codeAt() === 58 /* : */) {
      c.pos++;
      this.builder.defineLabel(w, at);
      return true;
    }
    if (c.codeAt() === 40 /* ( */) {
      c.pos++;
      if (c.eatWord('args') && c.eat('=')) {
        const col = c.column;
        const n = c.integer('an argument count');
        c.expect(')');
        c.expect(':', 'after a function label');
        this.builder.defineLabel(w, at);
        this.builder.declareFunc(w, argCount(n, c, col), at);
        return true;
      }
    }
    c.pos = save;
    return false;
  }

  /** `.func name[, args=N]`: names the function that starts at the next instruction. */
  private funcDirective(c: LineCursor): void {
    const at = { line: c.line, column: c.column };
    c.expect('.func');
    const nameCol = c.column;
    const name = c.word();
    if (!isLabelName(name)) throw c.error('PARSE', `expected a function name after .func, found ${c.describeNext()}`, nameCol);
    let args: number | undefined;
    c.eat(',');
    if (!c.atEnd()) {
      if (!c.eatWord('args')) throw c.error('PARSE', `expected 'args=N' in .func, found ${c.describeNext()}`);
      c.expect('=');
      const col = c.column;
      args = argCount(c.integer('an argument count'), c, col);
    }
    c.expectEnd('.func directive');
    this.builder.defineLabel(name, { line: c.line, column: nameCol });
    this.builder.declareFunc(name, args, at);
  }

  private push(code: number, dst: number, src: number, off: number, imm: number, line: number, column = 1): number {
    return this.builder.push(code, dst, src, off, imm, line, column);
  }

  private instruction(c: LineCursor, expected: number | undefined): void {
    const L = c.line;
    if (c.peek() === '*') {
      c.pos++;
      this.store(c);
      return;
    }
    const w = c.peekWord();
    switch (w) {
      case 'exit':
        c.pos += 4;
        this.push(0x95, 0, 0, 0, 0, L);
        return;
      case 'goto':
      case 'may_goto': {
        c.pos += w.length;
        const slot = this.push(w === 'goto' ? 0x05 : 0xe5, 0, 0, 0, 0, L);
        this.jumpTarget(c, slot, 'jump16');
        return;
      }
      case 'gotol': {
        c.pos += 5;
        const slot = this.push(0x06, 0, 0, 0, 0, L);
        this.jumpTarget(c, slot, 'jump32');
        return;
      }
      case 'gotox':
      case 'callx': {
        c.pos += 5;
        const r = wideReg(c, c.expectRegister());
        this.push(w === 'gotox' ? 0x0d : 0x8d, r, 0, 0, 0, L);
        return;
      }
      case 'call':
        c.pos += 4;
        this.call(c);
        return;
      case 'if':
        c.pos += 2;
        this.conditional(c);
        return;
      case 'lock':
        c.pos += 4;
        this.lock(c);
        return;
      case 'nospec':
        c.pos += 6;
        this.push(0xc2, 0, 0, 0, 0, L);
        return;
      case 'store_release':
        c.pos += w.length;
        this.storeRelease(c);
        return;
      case 'ld_pseudo':
        c.pos += w.length;
        this.ldPseudo(c);
        return;
    }
    const d = c.register();
    if (d === undefined) throw c.error('PARSE', `unknown instruction ${c.describeNext()}`);
    this.assignment(c, d, expected);
  }

  // ---- jumps and calls ----

  private target(c: LineCursor, kind: FixupKind): Target {
    c.skipBlanks();
    const column = c.column;
    let disp: bigint | undefined;
    let label: string | undefined;
    if (c.lookingAt('pc') && (c.codeAt(2) === 43 || c.codeAt(2) === 45)) {
      c.pos += 2;
      disp = c.integer('a jump offset');
    } else if (c.atInteger()) {
      disp = c.integer('a jump offset');
    } else {
      const name = c.word();
      if (!isLabelName(name)) throw c.error('PARSE', `expected a jump target (pc+N, +N, -N or a label), found ${c.describeNext()}`);
      label = name;
    }
    // llvm-objdump's `<LBB0_2>` / `<.text+0x38>` annotation.
    if (c.peek() === '<') {
      const close = c.text.indexOf('>', c.pos);
      if (close < 0 || close >= c.end) throw c.error('PARSE', `unterminated '<…>' annotation`);
      c.pos = close + 1;
    }
    if (disp !== undefined) {
      if (kind === 'jump16' ? !fitsOff16(disp) : disp < -(2n ** 31n) || disp >= 2n ** 31n)
        throw c.error('OFFSET_RANGE', `jump offset ${disp} does not fit ${kind === 'jump16' ? '16 bits (use gotol for long jumps)' : '32 bits'}`, column);
      return { disp: Number(disp), column };
    }
    return { label: label!, column };
  }

  private jumpTarget(c: LineCursor, slot: number, kind: 'jump16' | 'jump32'): void {
    const t = this.target(c, kind);
    if (t.label !== undefined) this.builder.addFixup(slot, t.label, kind, { line: c.line, column: t.column });
    else if (kind === 'jump16') this.builder.setOff(slot, t.disp!);
    else this.builder.setImm(slot, t.disp!);
  }

  private call(c: LineCursor): void {
    const L = c.line;
    c.skipBlanks();
    const column = c.column;
    // `call pc+N` (kernel), optionally `#ksym` (bpftool on jited programs).
    if (c.lookingAt('pc') && (c.codeAt(2) === 43 || c.codeAt(2) === 45)) {
      c.pos += 2;
      const v = c.integer('a call offset');
      if (!fitsImm32(v) || v >= 2n ** 31n) throw c.error('OFFSET_RANGE', `call offset ${v} does not fit 32 bits`, column);
      this.push(0x85, 0, BPF_PSEUDO_CALL, 0, toImm32(v), L, column);
      if (c.peek() === '#') c.pos = c.end;
      return;
    }
    // `call 1`, `call 0x2a`, `call -0x1`: a number is a helper id, as in LLVM's assembler
    // (llvm-objdump prints bpf-to-bpf and kfunc calls the same way; write those `call pc+N`,
    // `call label` or `call name#id`).
    if (c.atInteger()) {
      const v = c.integer();
      if (!fitsImm32(v)) throw c.error('IMM_RANGE', `helper id ${v} does not fit 32 bits`, column);
      this.push(0x85, 0, 0, 0, toImm32(v), L);
      return;
    }
    // `call name#id` / `call name` (label, helper or kfunc).
    let p = c.pos;
    while (p < c.end) {
      const ch = c.text.charCodeAt(p);
      if (isBlank(ch) || ch === 35 /* # */) break;
      p++;
    }
    const name = c.text.slice(c.pos, p);
    if (!/^[A-Za-z_.$][\w.$-]*$/.test(name)) throw c.error('PARSE', `expected a call target (a name, name#id, pc+N or a helper id), found ${c.describeNext()}`);
    c.pos = p;
    if (c.codeAt() === 35 /* # */) {
      c.pos++;
      const idCol = c.column;
      const id = c.integer('a helper or BTF id after #');
      if (!fitsImm32(id)) throw c.error('IMM_RANGE', `call id ${id} does not fit 32 bits`, idCol);
      if (isHelperCallName(name, this.tables)) this.push(0x85, 0, 0, 0, toImm32(id), L);
      else this.push(0x85, 0, BPF_PSEUDO_KFUNC_CALL, kfuncForName(name, this.tables)?.off ?? 0, toImm32(id), L);
      return;
    }
    let fallback: CallFallback | undefined;
    const helper = helperIdForName(name, this.tables);
    if (helper !== undefined) fallback = { src: 0, off: 0, imm: helper | 0 };
    else {
      const k = kfuncForName(name, this.tables);
      if (k !== undefined) fallback = { src: BPF_PSEUDO_KFUNC_CALL, off: k.off | 0, imm: k.btfId | 0 };
    }
    const slot = this.push(0x85, 0, BPF_PSEUDO_CALL, 0, 0, L, column);
    this.builder.addFixup(slot, name, 'code-pointer', { line: L, column }, fallback, 'not a label, a helper name or a kfunc in options.kfuncs');
  }

  private conditional(c: LineCursor): void {
    const a = c.expectRegister('a register after if');
    const opCol = c.column;
    const op = c.eatOneOf(JMP_OPS);
    if (op === undefined) throw c.error('PARSE', `expected a comparison (==, !=, >, >=, <, <=, s>, s>=, s<, s<=, &), found ${c.describeNext()}`, opCol);
    const cls = a.wide ? BPF_JMP : BPF_JMP32;
    const b = c.register();
    let slot: number;
    if (b !== undefined) {
      sameWidth(c, a, b);
      slot = this.push(cls | JMP_OP_CODE[op]! | BPF_X, a.reg, b.reg, 0, 0, c.line);
    } else {
      const imm = imm32(c, 'comparison immediate');
      slot = this.push(cls | JMP_OP_CODE[op]! | BPF_K, a.reg, 0, 0, imm, c.line);
    }
    if (!c.eatWord('goto')) throw c.error('PARSE', `expected 'goto', found ${c.describeNext()}`);
    this.jumpTarget(c, slot, 'jump16');
  }

  // ---- memory ----

  /** `(u64 *)` (or `(s8 *)` when `signed` is allowed). */
  private sizeCast(c: LineCursor, allowSigned: boolean): { size: number; signed: boolean } {
    c.expect('(', 'before the access size');
    const col = c.column;
    const w = c.word();
    let size: number | undefined;
    let signed = false;
    if (Object.hasOwn(SIZE_BY_NAME, w)) size = SIZE_BY_NAME[w];
    else if (allowSigned && Object.hasOwn(SX_SIZE_BY_NAME, w)) {
      size = SX_SIZE_BY_NAME[w];
      signed = true;
    }
    if (size === undefined)
      throw c.error('PARSE', `expected an access size (u8, u16, u32, u64${allowSigned ? ', s8, s16, s32' : ''}), found '${w || c.describeNext()}'`, col);
    c.expect('*');
    c.expect(')');
    return { size, signed };
  }

  /** `(rN -8)`, `(r10 - 0x8)`, `(r1 +0)`, `(r1)`; r11 allowed (stack arguments). */
  private memParen(c: LineCursor): { reg: number; off: number } {
    c.expect('(', 'before the address');
    const r = this.memAddress(c);
    c.expect(')', 'after the address');
    return r;
  }

  /** `rN [+-] off` without parentheses (also used by LLVM's `xchg_64(r1 + 0x0, …)`). */
  private memAddress(c: LineCursor): { reg: number; off: number } {
    const base = c.expectRegister('a base register', false, BPF_REG_PARAMS);
    if (!base.wide) throw c.error('PARSE', `a base register is written r${base.reg}, not w${base.reg}`, base.column);
    const sign = c.eatOneOf(['+', '-']);
    let off = 0;
    if (sign !== undefined) {
      const col = c.column;
      let v = c.integer('an offset');
      if (sign === '-') v = -v;
      if (!fitsOff16(v)) throw c.error('OFFSET_RANGE', `memory offset ${v} does not fit 16 bits (-32768..32767)`, col);
      off = Number(v);
    }
    return { reg: base.reg, off };
  }

  /** After `*`: `(u32 *)(r10 -4) = r1|w1|imm`. */
  private store(c: LineCursor): void {
    const { size } = this.sizeCast(c, false);
    const m = this.memParen(c);
    c.expect('=', 'in a store');
    const v = c.register();
    if (v !== undefined) {
      valueReg(c, v, size);
      this.push(BPF_STX | BPF_MEM | size, m.reg, v.reg, m.off, 0, c.line);
    } else {
      this.push(BPF_ST | BPF_MEM | size, m.reg, 0, m.off, imm32(c, 'store immediate'), c.line);
    }
  }

  /** After `lock`: `*(u64 *)(r1 +0) += r2`. */
  private lock(c: LineCursor): void {
    c.expect('*', 'after lock');
    const sizeCol = c.column;
    const { size } = this.sizeCast(c, false);
    if (size !== BPF_W && size !== BPF_DW) throw c.error('PARSE', 'atomic operations are 32- or 64-bit', sizeCol);
    const m = this.memParen(c);
    const opCol = c.column;
    const op = c.eatOneOf(LOCK_OPS);
    if (op === undefined) throw c.error('PARSE', `expected +=, &=, |= or ^= after the address, found ${c.describeNext()}`, opCol);
    const v = valueReg(c, c.expectRegister(), size);
    this.push(BPF_STX | BPF_ATOMIC | size, m.reg, v, m.off, LOCK_OP_IMM[op]!, c.line);
  }

  /** After `store_release`: `((u64 *)(r1 +0), r2)`. */
  private storeRelease(c: LineCursor): void {
    c.expect('(');
    const { size } = this.sizeCast(c, false);
    const m = this.memParen(c);
    c.expect(',');
    const v = valueReg(c, c.expectRegister(), size);
    c.expect(')');
    this.push(BPF_STX | BPF_ATOMIC | size, m.reg, v, m.off, BPF_STORE_REL, c.line);
  }

  /** After `ld_pseudo`: `rD, SRC, IMM[, IMM2]` (LLVM's ld_imm64 with a pseudo src_reg). */
  private ldPseudo(c: LineCursor): void {
    const d = wideReg(c, c.expectRegister());
    c.expect(',');
    const srcCol = c.column;
    const src = c.integer('a pseudo kind');
    if (src < 0n || src > 15n) throw c.error('IMM_RANGE', `pseudo kind ${src} does not fit the 4-bit src_reg field`, srcCol);
    c.expect(',');
    const imm = imm32(c, 'immediate');
    let imm2 = 0;
    if (c.eat(',')) imm2 = imm32(c, 'second immediate');
    this.push(BPF_LD_IMM64, d, Number(src), 0, imm, c.line, srcCol);
    this.push(0, 0, 0, 0, imm2, c.line);
  }

  // ---- register assignments ----

  private assignment(c: LineCursor, d: RegisterToken, expected: number | undefined): void {
    const L = c.line;
    const opCol = c.column;
    const op = c.eatOneOf(ALU_ASSIGN_OPS);
    if (op === undefined) throw c.error('PARSE', `expected an assignment operator after r${d.reg}, found ${c.describeNext()}`, opCol);
    const cls = d.wide ? BPF_ALU64 : BPF_ALU;
    if (op !== '=') {
      const aluOp = ALU_OP_CODE[op]!;
      const off = op === 's/=' || op === 's%=' ? 1 : 0;
      const s = c.register();
      if (s !== undefined) {
        sameWidth(c, d, s);
        this.push(cls | aluOp | BPF_X, d.reg, s.reg, off, 0, L);
      } else {
        this.push(cls | aluOp | BPF_K, d.reg, 0, off, imm32(c, 'ALU immediate'), L);
      }
      return;
    }
    c.skipBlanks();
    const ch = c.codeAt();
    // rD = -rD (neg); a '-' followed by a digit is a negative immediate.
    if (ch === 45 /* - */ && !isDigit(c.codeAt(1)) && !(c.codeAt(1) === 32 && isDigit(c.codeAt(2)))) {
      c.pos++;
      const s = c.expectRegister('a register after unary -');
      if (s.reg !== d.reg || s.wide !== d.wide) throw c.error('PARSE', `negation is in place: write ${regName(d)} = -${regName(d)}`, s.column);
      this.push(cls | BPF_NEG | BPF_K, d.reg, 0, 0, 0, L);
      return;
    }
    // rD = (s8)rS (movsx)
    if (ch === 40 /* ( */) {
      c.pos++;
      const col = c.column;
      const w = c.word();
      const bits = w === 's8' ? 8 : w === 's16' ? 16 : w === 's32' ? 32 : 0;
      if (!bits) throw c.error('PARSE', `expected (s8), (s16) or (s32), found '${w}'`, col);
      c.expect(')');
      const s = c.expectRegister();
      sameWidth(c, d, s);
      this.push(cls | BPF_MOV | BPF_X, d.reg, s.reg, bits, 0, L);
      return;
    }
    if (ch === 42 /* * */) {
      c.pos++;
      this.load(c, d);
      return;
    }
    // rD = &(void __percpu *)(rS)
    if (ch === 38 /* & */) {
      c.pos++;
      c.expect('(');
      if (!c.eatWord('void') || !c.eatWord('__percpu')) throw c.error('PARSE', `expected '(void __percpu *)'`);
      c.expect('*');
      c.expect(')');
      c.expect('(');
      const s = wideReg(c, c.expectRegister());
      c.expect(')');
      this.push(BPF_ALU64 | BPF_MOV | BPF_X, wideReg(c, d), s, -1, 0, L);
      return;
    }
    if (c.atInteger()) {
      this.moveImmediate(c, d, expected);
      return;
    }
    const s = c.register();
    if (s !== undefined) {
      sameWidth(c, d, s);
      this.push(cls | BPF_MOV | BPF_X, d.reg, s.reg, 0, 0, L);
      return;
    }
    const wordCol = c.column;
    const w = c.word();
    const end = /^(be|le|bswap)(16|32|64)$/.exec(w);
    if (end) {
      const s2 = c.expectRegister();
      if (s2.reg !== d.reg) throw c.error('PARSE', `byte swap is in place: write r${d.reg} = ${w} r${d.reg}`, s2.column);
      const code = end[1] === 'bswap' ? BPF_ALU64 | BPF_END | BPF_TO_LE : BPF_ALU | BPF_END | (end[1] === 'be' ? BPF_TO_BE : BPF_TO_LE);
      this.push(code, d.reg, 0, 0, Number(end[2]), L);
      return;
    }
    if (/^(atomic(64)?_(fetch_(add|and|or|xor)|xchg|cmpxchg)|xchg_64|xchg32_32|cmpxchg_64|cmpxchg32_32)$/.test(w)) {
      this.atomicFetch(c, d, w);
      return;
    }
    switch (w) {
      case 'load_acquire': {
        c.expect('(');
        const { size } = this.sizeCast(c, false);
        const m = this.memParen(c);
        c.expect(')');
        valueReg(c, d, size);
        this.push(BPF_STX | BPF_ATOMIC | size, d.reg, m.reg, m.off, BPF_LOAD_ACQ, L);
        return;
      }
      case 'addr_space_cast': {
        c.expect('(');
        const s2 = wideReg(c, c.expectRegister());
        c.expect(',');
        const a = u16(c, 'address space');
        c.expect(',');
        const b = u16(c, 'address space');
        c.expect(')');
        this.push(BPF_ALU64 | BPF_MOV | BPF_X, wideReg(c, d), s2, 1, (a << 16) | b, L);
        return;
      }
      case 'map': {
        // bpftool: map[id:N] (PSEUDO_MAP_FD) or map[id:N][0]+OFF (PSEUDO_MAP_VALUE).
        const dst = wideReg(c, d);
        c.expect('[');
        if (!c.eatWord('id')) throw c.error('PARSE', `expected 'id:' in map[id:N]`);
        c.expect(':');
        const id = u32(c, 'map id');
        c.expect(']');
        if (c.eat('[')) {
          const zc = c.column;
          if (c.integer() !== 0n) throw c.error('PARSE', 'bpftool prints map values as map[id:N][0]+OFF', zc);
          c.expect(']');
          c.expect('+');
          const off = u32(c, 'map value offset');
          this.push(BPF_LD_IMM64, dst, BPF_PSEUDO_MAP_VALUE, 0, id, L);
          this.push(0, 0, 0, 0, off, L);
        } else {
          this.push(BPF_LD_IMM64, dst, BPF_PSEUDO_MAP_FD, 0, id, L);
          this.push(0, 0, 0, 0, 0, L);
        }
        return;
      }
      case 'subprog': {
        // bpftool: subprog[+N]; by label: subprog[name].
        const dst = wideReg(c, d);
        c.expect('[');
        c.skipBlanks();
        const slot = this.push(BPF_LD_IMM64, dst, BPF_PSEUDO_FUNC, 0, 0, L, c.column);
        this.push(0, 0, 0, 0, 0, L);
        const t = this.target(c, 'jump32');
        if (t.label !== undefined) this.builder.addFixup(slot, t.label, 'code-pointer', { line: L, column: t.column });
        else this.builder.setImm(slot, t.disp!);
        c.expect(']');
        return;
      }
    }
    // rD = name ll (ld_imm64 PSEUDO_FUNC to a label).
    if (isLabelName(w) && c.eatWord('ll')) {
      const slot = this.push(BPF_LD_IMM64, wideReg(c, d), BPF_PSEUDO_FUNC, 0, 0, L, wordCol);
      this.push(0, 0, 0, 0, 0, L);
      this.builder.addFixup(slot, w, 'code-pointer', { line: L, column: wordCol });
      return;
    }
    c.pos = wordCol - 1;
    throw c.error('PARSE', `unexpected ${c.describeNext()} on the right of '='`);
  }

  private moveImmediate(c: LineCursor, d: RegisterToken, expected: number | undefined): void {
    const col = c.column;
    const c0 = c.codeAt();
    const v = c.integer();
    const literal = c.text.slice(col - 1, c.pos);
    const ll = c.eatWord('ll');
    const hexUnsigned = c0 !== 45 && c0 !== 43 && /^0[xX]/.test(literal);
    const isLdImm64 = expected !== undefined ? expected === BPF_LD_IMM64 : ll || (hexUnsigned && d.wide && this.opts.hexMove !== 'mov');
    if (isLdImm64) {
      if (!d.wide) throw c.error('PARSE', `ld_imm64 loads a 64-bit register: write r${d.reg}`, d.column);
      if (!fitsImm64(v)) throw c.error('IMM_RANGE', `${literal} does not fit 64 bits`, col);
      const [lo, hi] = splitImm64(v);
      this.push(BPF_LD_IMM64, d.reg, 0, 0, lo, c.line);
      this.push(0, 0, 0, 0, hi, c.line);
      return;
    }
    if (!fitsImm32(v))
      throw c.error('IMM_RANGE', `${literal} does not fit a 32-bit immediate${d.wide ? ` (write '${literal} ll' for a 64-bit load)` : ''}`, col);
    this.push((d.wide ? BPF_ALU64 : BPF_ALU) | BPF_MOV | BPF_K, d.reg, 0, 0, toImm32(v), c.line);
  }

  /** After `rD = *`: `(u64 *)(rS +off)`, `(s8 *)(…)` or `(u8 *)skb[12]` / `skb[r2 + 4]`. */
  private load(c: LineCursor, d: RegisterToken): void {
    const L = c.line;
    const { size, signed } = this.sizeCast(c, true);
    if (c.eatWord('skb')) {
      if (signed) throw c.error('PARSE', 'packet loads are unsigned');
      if (d.reg !== 0 || !d.wide) throw c.error('PARSE', 'packet loads (ld_abs/ld_ind) always load r0', d.column);
      c.expect('[');
      const s = c.register();
      if (s === undefined) {
        const imm = imm32(c, 'packet offset');
        c.expect(']');
        this.push(BPF_LD | BPF_ABS | size, 0, 0, 0, imm, L);
        return;
      }
      wideReg(c, s);
      let imm = 0;
      const sign = c.eatOneOf(['+', '-']);
      if (sign !== undefined) {
        const col = c.column;
        let v = c.integer('a packet offset');
        if (sign === '-') v = -v;
        if (!fitsImm32(v)) throw c.error('IMM_RANGE', `packet offset ${v} does not fit 32 bits`, col);
        imm = toImm32(v);
      }
      c.expect(']');
      this.push(BPF_LD | BPF_IND | size, 0, s.reg, 0, imm, L);
      return;
    }
    const m = this.memParen(c);
    valueReg(c, d, size);
    this.push(BPF_LDX | (signed ? BPF_MEMSX : BPF_MEM) | size, d.reg, m.reg, m.off, 0, L);
  }

  /** `rS = atomic64_fetch_add((u64 *)(rD +0), rS)` and the xchg/cmpxchg forms of both syntaxes. */
  private atomicFetch(c: LineCursor, lhs: RegisterToken, name: string): void {
    const llvm = /^(xchg|cmpxchg)(_64|32_32)$/.exec(name);
    const kernel = /^atomic(64)?_(?:fetch_(add|and|or|xor)|(xchg)|(cmpxchg))$/.exec(name);
    c.expect('(');
    let size: number;
    let m: { reg: number; off: number };
    if (llvm) {
      size = llvm[2] === '_64' ? BPF_DW : BPF_W;
      m = this.memAddress(c);
    } else {
      const sizeCol = c.column;
      size = this.sizeCast(c, false).size;
      if (size !== BPF_W && size !== BPF_DW) throw c.error('PARSE', 'atomic operations are 32- or 64-bit', sizeCol);
      if (kernel![1] === '64' && size !== BPF_DW) throw c.error('PARSE', `${name} needs (u64 *); the 32-bit form has no 64`, sizeCol);
      m = this.memParen(c);
    }
    const isCmpxchg = llvm ? llvm[1] === 'cmpxchg' : kernel![4] !== undefined;
    let imm: number;
    if (isCmpxchg) {
      c.expect(',');
      const r0 = c.expectRegister();
      if (r0.reg !== 0) throw c.error('PARSE', 'cmpxchg compares with r0', r0.column);
      if (lhs.reg !== 0) throw c.error('PARSE', 'cmpxchg returns the old value in r0', lhs.column);
      valueReg(c, r0, size);
      imm = BPF_CMPXCHG;
    } else {
      imm = llvm || kernel![3] ? BPF_XCHG : ATOMIC_FETCH_OP[kernel![2]!]! | BPF_FETCH;
    }
    c.expect(',');
    const v = c.expectRegister();
    valueReg(c, v, size);
    valueReg(c, lhs, size);
    if (!isCmpxchg && v.reg !== lhs.reg)
      throw c.error('PARSE', `${name} returns the old value in its source register: write r${v.reg} = ${name}(…, r${v.reg})`, lhs.column);
    c.expect(')');
    this.push(BPF_STX | BPF_ATOMIC | size, m.reg, v.reg, m.off, imm, c.line);
  }
}

// ---- small operand helpers ----

const hex2 = (v: number): string => v.toString(16).padStart(2, '0');
const regName = (r: RegisterToken): string => `${r.wide ? 'r' : 'w'}${r.reg}`;

function sameWidth(c: LineCursor, a: RegisterToken, b: RegisterToken): void {
  if (a.wide !== b.wide)
    throw c.error('PARSE', `mixed register widths: ${regName(a)} with ${regName(b)} (use r for 64-bit, w for 32-bit operations)`, b.column);
}

function wideReg(c: LineCursor, r: RegisterToken): number {
  if (!r.wide) throw c.error('PARSE', `expected r${r.reg}, not w${r.reg}, here`, r.column);
  return r.reg;
}

/** A loaded/stored value register: `w` only for accesses narrower than 64 bits. */
function valueReg(c: LineCursor, r: RegisterToken, size: number): number {
  if (!r.wide && size === BPF_DW) throw c.error('PARSE', `a 64-bit access uses r${r.reg}, not w${r.reg}`, r.column);
  return r.reg;
}

function imm32(c: LineCursor, what: string): number {
  c.skipBlanks();
  const col = c.column;
  const v = c.integer(`a register or ${what}`);
  if (!fitsImm32(v)) throw c.error('IMM_RANGE', `${what} ${c.text.slice(col - 1, c.pos)} does not fit 32 bits`, col);
  return toImm32(v);
}

function u32(c: LineCursor, what: string): number {
  c.skipBlanks();
  const col = c.column;
  const v = c.integer(`a ${what}`);
  if (v < 0n || v > 0xffffffffn) throw c.error('IMM_RANGE', `${what} ${v} does not fit 32 bits`, col);
  return toImm32(v);
}

function u16(c: LineCursor, what: string): number {
  c.skipBlanks();
  const col = c.column;
  const v = c.integer(`an ${what}`);
  if (v < 0n || v > 0xffffn) throw c.error('IMM_RANGE', `${what} ${v} does not fit 16 bits`, col);
  return Number(v);
}

function argCount(n: bigint, c: LineCursor, col: number): number {
  if (n < 0n || n > 12n) throw c.error('IMM_RANGE', `a function takes 0..12 arguments, not ${n}`, col);
  return Number(n);
}
