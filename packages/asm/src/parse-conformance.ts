// parseConformance: the ubpf / bpf_conformance assembler dialect (text-formats §2.3) ->
// Program, byte-for-byte as the upstream bpf_conformance assembler (src/bpf_assembler.cc)
// encodes every program in its test suite: `mov %r0, 1`, `[%r10-8]`, `lddw`, `lock fetch
// add32`, `ja32` (gotol), `call local f`, `call %r2` (callx, register in dst), `call N`
// (helper), labels, an implicit `exit` label at the first `exit`, `#` comments.
// Where upstream silently truncates (a 16-bit cast of `ja32 -1`, immediates wider than the
// field) this parser reports IMM_RANGE / OFFSET_RANGE instead; see README "Conformance dialect".
import {
  BPF_ADD, BPF_ALU, BPF_ALU64, BPF_AND, BPF_ARSH, BPF_ATOMIC, BPF_B, BPF_CMPXCHG, BPF_DIV, BPF_DW, BPF_END,
  BPF_FETCH, BPF_H, BPF_JMP, BPF_JMP32, BPF_K, BPF_LD_IMM64, BPF_LDX, BPF_LSH, BPF_MEM, BPF_MEMSX, BPF_MOD,
  BPF_MOV, BPF_MUL, BPF_NEG, BPF_OR, BPF_PSEUDO_CALL, BPF_PSEUDO_KFUNC_CALL, BPF_RSH, BPF_ST, BPF_STX, BPF_SUB,
  BPF_TO_BE, BPF_TO_LE, BPF_W, BPF_X, BPF_XCHG, BPF_XOR, type Program,
} from '@bpfkit/ir';
import { LineCursor } from './line-cursor.js';
import { fitsImm32, fitsImm64, fitsOff16, splitImm64, toImm32 } from './integer-literal.js';
import { ProgramBuilder } from './program-builder.js';

export interface ConformanceParseOptions {
  /** Line number of the first line of `text` (default 1), e.g. the `-- asm` section's start. */
  readonly firstLine?: number;
}

/** Highest register number: upstream accepts the fake registers %r11-%r15 for negative tests. */
const MAX_REG = 15;

type Mnemonic =
  | { kind: 'alu'; cls: number; op: number; off: number }
  | { kind: 'neg'; cls: number }
  | { kind: 'movsx'; cls: number; bits: number }
  | { kind: 'end'; code: number; width: number }
  | { kind: 'ldx'; mode: number; size: number }
  | { kind: 'st'; size: number }
  | { kind: 'stx'; size: number }
  | { kind: 'lddw' }
  | { kind: 'ja' }
  | { kind: 'ja32' }
  | { kind: 'jcc'; cls: number; op: number }
  | { kind: 'call' }
  | { kind: 'exit' }
  | { kind: 'lock' }
  | { kind: 'raw' };

const SIZE_SUFFIX: readonly [string, number][] = [['b', BPF_B], ['h', BPF_H], ['w', BPF_W], ['dw', BPF_DW]];

/** Every mnemonic of the dialect (plus ubpf's `bswapN` and `add64`-style spellings). */
const MNEMONICS: ReadonlyMap<string, Mnemonic> = (() => {
  const m = new Map<string, Mnemonic>();
  const alu: [string, number, number][] = [
    ['add', BPF_ADD, 0], ['sub', BPF_SUB, 0], ['mul', BPF_MUL, 0], ['div', BPF_DIV, 0], ['sdiv', BPF_DIV, 1],
    ['or', BPF_OR, 0], ['and', BPF_AND, 0], ['lsh', BPF_LSH, 0], ['rsh', BPF_RSH, 0], ['mod', BPF_MOD, 0],
    ['smod', BPF_MOD, 1], ['xor', BPF_XOR, 0], ['mov', BPF_MOV, 0], ['arsh', BPF_ARSH, 0],
  ];
  for (const [name, op, off] of alu) {
    m.set(name, { kind: 'alu', cls: BPF_ALU64, op, off });
    m.set(`${name}64`, { kind: 'alu', cls: BPF_ALU64, op, off });
    m.set(`${name}32`, { kind: 'alu', cls: BPF_ALU, op, off });
  }
  m.set('neg', { kind: 'neg', cls: BPF_ALU64 });
  m.set('neg64', { kind: 'neg', cls: BPF_ALU64 });
  m.set('neg32', { kind: 'neg', cls: BPF_ALU });
  for (const [bits, dst] of [[8, 64], [16, 64], [32, 64], [8, 32], [16, 32]] as const)
    m.set(`movsx${bits}${dst}`, { kind: 'movsx', cls: dst === 64 ? BPF_ALU64 : BPF_ALU, bits });
  for (const width of [16, 32, 64]) {
    m.set(`le${width}`, { kind: 'end', code: BPF_ALU | BPF_END | BPF_TO_LE, width });
    m.set(`be${width}`, { kind: 'end', code: BPF_ALU | BPF_END | BPF_TO_BE, width });
    m.set(`swap${width}`, { kind: 'end', code: BPF_ALU64 | BPF_END | BPF_TO_LE, width });
    m.set(`bswap${width}`, { kind: 'end', code: BPF_ALU64 | BPF_END | BPF_TO_LE, width });
  }
  for (const [sfx, size] of SIZE_SUFFIX) {
    m.set(`ldx${sfx}`, { kind: 'ldx', mode: BPF_MEM, size });
    if (size !== BPF_DW) m.set(`ldxs${sfx}`, { kind: 'ldx', mode: BPF_MEMSX, size });
    m.set(`st${sfx}`, { kind: 'st', size });
    m.set(`stx${sfx}`, { kind: 'stx', size });
  }
  m.set('lddw', { kind: 'lddw' });
  m.set('ja', { kind: 'ja' });
  m.set('ja32', { kind: 'ja32' });
  const jcc: [string, number][] = [
    ['jeq', 0x10], ['jgt', 0x20], ['jge', 0x30], ['jset', 0x40], ['jne', 0x50], ['jsgt', 0x60], ['jsge', 0x70],
    ['jlt', 0xa0], ['jle', 0xb0], ['jslt', 0xc0], ['jsle', 0xd0],
  ];
  for (const [name, op] of jcc) {
    m.set(name, { kind: 'jcc', cls: BPF_JMP, op });
    m.set(`${name}32`, { kind: 'jcc', cls: BPF_JMP32, op });
  }
  m.set('call', { kind: 'call' });
  m.set('exit', { kind: 'exit' });
  m.set('lock', { kind: 'lock' });
  m.set('.raw', { kind: 'raw' });
  return m;
})();

const ATOMIC_OPS: Readonly<Record<string, number>> = {
  add: BPF_ADD, and: BPF_AND, or: BPF_OR, xor: BPF_XOR, xchg: BPF_XCHG, cmpxchg: BPF_CMPXCHG,
};

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isLabelName = (w: string): boolean => w.length > 0 && !isDigit(w.charCodeAt(0));

/** Index where a comment starts: `#` anywhere (as upstream), or `;` (bpfkit: raw-byte notes). */
function commentStart(line: string): number {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 35 || c === 59) return i;
  }
  return line.length;
}

/**
 * Assemble bpf_conformance text into a Program. Throws a BpfError (PARSE, UNKNOWN_LABEL,
 * DUPLICATE_LABEL, IMM_RANGE, OFFSET_RANGE) with 1-based line/column on bad input.
 * Accepts the disassembler's `N: ` index prefix and `; bytes` suffix, so printConformance
 * output parses back; `.raw 0x<u64>` (bpfkit extension) inserts one encoded slot.
 */
export function parseConformance(text: string, options: ConformanceParseOptions = {}): Program {
  const b = new ProgramBuilder();
  assembleConformanceLines(text, options.firstLine ?? 1, b);
  return b.build();
}

/** Assemble every line into `b` (no label resolution). Shared with printConformance's self-check. */
export function assembleConformanceLines(text: string, firstLine: number, b: ProgramBuilder): void {
  const state = { seenExit: false };
  let lineNo = firstLine - 1;
  let start = 0;
  const n = text.length;
  for (;;) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = n;
    let end = nl;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    const line = text.slice(start, end);
    assembleLine(new LineCursor(line, ++lineNo, 0, commentStart(line)), b, state);
    if (nl >= n) break;
    start = nl + 1;
  }
}

function assembleLine(c: LineCursor, b: ProgramBuilder, state: { seenExit: boolean }): void {
  if (c.atEnd()) return;
  // `   3: ` index prefix of the disassembler.
  if (isDigit(c.codeAt())) {
    const save = c.pos;
    while (isDigit(c.codeAt())) c.pos++;
    if (c.codeAt() !== 58 /* : */) {
      c.pos = save;
      throw c.error('PARSE', `expected a mnemonic or a label, found ${c.describeNext()}`);
    }
    c.pos++;
    if (c.atEnd()) return;
  }
  const column = c.column;
  const word = c.word();
  if (c.codeAt() === 58 /* : */ && isLabelName(word)) {
    c.pos++;
    b.defineLabel(word, { line: c.line, column });
    c.expectEnd('label (a label stands on its own line)');
    return;
  }
  const mn = word === '' ? undefined : MNEMONICS.get(word);
  if (mn === undefined) {
    c.pos = column - 1;
    throw c.error('PARSE', `unknown mnemonic ${c.describeNext()}`);
  }
  const L = c.line;
  switch (mn.kind) {
    case 'alu': {
      const d = reg(c);
      sep(c);
      const s = c.register(true, MAX_REG);
      if (s !== undefined) b.push(mn.cls | mn.op | BPF_X, d, s.reg, mn.off, 0, L);
      else b.push(mn.cls | mn.op | BPF_K, d, 0, mn.off, imm32(c), L);
      break;
    }
    case 'neg':
      b.push(mn.cls | BPF_NEG | BPF_K, reg(c), 0, 0, 0, L);
      break;
    case 'movsx': {
      const d = reg(c);
      sep(c);
      const s = c.register(true, MAX_REG);
      if (s !== undefined) b.push(mn.cls | BPF_MOV | BPF_X, d, s.reg, mn.bits, 0, L);
      else b.push(mn.cls | BPF_MOV | BPF_K, d, 0, mn.bits, imm32(c), L);
      break;
    }
    case 'end':
      b.push(mn.code, reg(c), 0, 0, mn.width, L);
      break;
    case 'ldx': {
      const d = reg(c);
      sep(c);
      const m = memory(c);
      b.push(BPF_LDX | mn.mode | mn.size, d, m.reg, m.off, 0, L);
      break;
    }
    case 'st': {
      const m = memory(c);
      sep(c);
      b.push(BPF_ST | BPF_MEM | mn.size, m.reg, 0, m.off, imm32(c), L);
      break;
    }
    case 'stx': {
      const m = memory(c);
      sep(c);
      b.push(BPF_STX | BPF_MEM | mn.size, m.reg, reg(c), m.off, 0, L);
      break;
    }
    case 'lddw': {
      const d = reg(c);
      sep(c);
      c.skipBlanks();
      const col = c.column;
      const v = c.integer('a 64-bit immediate');
      if (!fitsImm64(v)) throw c.error('IMM_RANGE', `immediate ${c.text.slice(col - 1, c.pos)} does not fit 64 bits`, col);
      const [lo, hi] = splitImm64(v);
      b.push(BPF_LD_IMM64, d, 0, 0, lo, L);
      b.push(0, 0, 0, 0, hi, L);
      break;
    }
    case 'ja': {
      const slot = b.push(BPF_JMP, 0, 0, 0, 0, L);
      target(c, b, slot, 'jump16');
      break;
    }
    case 'ja32': {
      const slot = b.push(BPF_JMP32, 0, 0, 0, 0, L);
      target(c, b, slot, 'jump32');
      break;
    }
    case 'jcc': {
      const d = reg(c);
      sep(c);
      const s = c.register(true, MAX_REG);
      const slot =
        s !== undefined ? b.push(mn.cls | mn.op | BPF_X, d, s.reg, 0, 0, L) : b.push(mn.cls | mn.op | BPF_K, d, 0, 0, imm32(c), L);
      sep(c);
      target(c, b, slot, 'jump16');
      break;
    }
    case 'call':
      call(c, b);
      break;
    case 'exit':
      if (!state.seenExit) {
        state.seenExit = true;
        b.defineFallbackLabel('exit');
      }
      b.push(BPF_JMP | 0x90, 0, 0, 0, 0, L);
      break;
    case 'lock':
      lock(c, b);
      break;
    case 'raw': {
      c.skipBlanks();
      const col = c.column;
      const v = c.integer('a 64-bit instruction word');
      if (v < 0n || v > 0xffffffffffffffffn) throw c.error('IMM_RANGE', `instruction word ${v} does not fit 64 bits`, col);
      const lo = Number(v & 0xffffffffn);
      b.push(lo & 0xff, (lo >>> 8) & 0xf, (lo >>> 12) & 0xf, (lo >>> 16) << 16 >> 16, Number(BigInt.asIntN(32, v >> 32n)), L, col);
      break;
    }
  }
  c.expectEnd();
}

/** Optional comma between operands (upstream splits on blanks and strips one trailing comma). */
function sep(c: LineCursor): void {
  c.eat(',');
}

function reg(c: LineCursor): number {
  return c.expectRegister('a register (%r0-%r10)', true, MAX_REG).reg;
}

function imm32(c: LineCursor): number {
  c.skipBlanks();
  const col = c.column;
  const v = c.integer('a register or an immediate');
  if (!fitsImm32(v)) throw c.error('IMM_RANGE', `immediate ${c.text.slice(col - 1, c.pos)} does not fit 32 bits`, col);
  return toImm32(v);
}

/** `[%r10-8]`, `[%r1+2]`, `[%r1]` (blanks tolerated). */
function memory(c: LineCursor): { reg: number; off: number } {
  c.expect('[', 'to open a memory operand');
  const r = reg(c);
  let off = 0;
  const sign = c.eatOneOf(['+', '-']);
  if (sign !== undefined) {
    c.skipBlanks();
    const col = c.column;
    let v = c.integer('an offset');
    if (sign === '-') v = -v;
    if (!fitsOff16(v)) throw c.error('OFFSET_RANGE', `memory offset ${v} does not fit 16 bits (-32768..32767)`, col);
    off = Number(v);
  }
  c.expect(']', 'to close the memory operand');
  return { reg: r, off };
}

/** `+N` / `-N` or a label; `jump16` patches off, `jump32`/`code-pointer` patch imm. */
function target(c: LineCursor, b: ProgramBuilder, slot: number, kind: 'jump16' | 'jump32' | 'code-pointer'): void {
  c.skipBlanks();
  const col = c.column;
  const ch = c.codeAt();
  if (ch === 43 || ch === 45) {
    const v = c.integer('a jump offset');
    if (kind === 'jump16') {
      if (!fitsOff16(v)) throw c.error('OFFSET_RANGE', `jump offset ${v} does not fit 16 bits (use ja32 for long jumps)`, col);
      b.setOff(slot, Number(v));
    } else {
      if (v < -(2n ** 31n) || v >= 2n ** 31n) throw c.error('OFFSET_RANGE', `offset ${v} does not fit 32 bits`, col);
      b.setImm(slot, Number(v));
    }
    return;
  }
  if (isDigit(ch)) throw c.error('PARSE', `a jump offset is written +N or -N; '${c.peekWord()}' is neither that nor a label`);
  const name = c.word();
  if (!isLabelName(name)) throw c.error('PARSE', `expected a jump target (+N, -N or a label), found ${c.describeNext()}`);
  b.addFixup(slot, name, kind, { line: c.line, column: col });
}

/** `call N`, `call helper N`, `call %rN` / `call helper %rN` (callx), `call local T`, `call runtime N`. */
function call(c: LineCursor, b: ProgramBuilder): void {
  const L = c.line;
  const mode = c.peekWord();
  if (mode === 'local') {
    c.word();
    c.skipBlanks();
    const slot = b.push(BPF_JMP | 0x80, 0, BPF_PSEUDO_CALL, 0, 0, L, c.column);
    target(c, b, slot, 'code-pointer');
    return;
  }
  if (mode === 'runtime') {
    c.word();
    b.push(BPF_JMP | 0x80, 0, BPF_PSEUDO_KFUNC_CALL, 0, imm32(c), L);
    return;
  }
  if (mode === 'helper') c.word();
  else if (mode !== '' && !isDigit(mode.charCodeAt(0)))
    throw c.error('PARSE', `expected a helper id, %rN, 'helper', 'local' or 'runtime' after call, found ${c.describeNext()}`);
  const r = c.register(true, MAX_REG);
  if (r !== undefined) b.push(BPF_JMP | 0x80 | BPF_X, r.reg, 0, 0, 0, L);
  else b.push(BPF_JMP | 0x80, 0, 0, 0, imm32(c), L);
}

/** `lock [fetch] add|and|or|xor|xchg|cmpxchg[32] [mem], %rS`. */
function lock(c: LineCursor, b: ProgramBuilder): void {
  const fetch = c.eatWord('fetch');
  const col = c.column;
  const w = c.word();
  const m = /^(add|and|or|xor|xchg|cmpxchg)(32|64)?$/.exec(w);
  if (!m) {
    c.pos = col - 1;
    throw c.error('PARSE', `expected an atomic operation (add, and, or, xor, xchg, cmpxchg, with 32 for 32-bit) after lock, found ${c.describeNext()}`);
  }
  const size = m[2] === '32' ? BPF_W : BPF_DW;
  const op = ATOMIC_OPS[m[1]!]!;
  const imm = op === BPF_XCHG || op === BPF_CMPXCHG ? op : fetch ? op | BPF_FETCH : op;
  const mem = memory(c);
  sep(c);
  b.push(BPF_STX | BPF_ATOMIC | size, mem.reg, reg(c), mem.off, imm, c.line);
}
