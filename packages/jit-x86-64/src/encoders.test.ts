// Encoder table test: every x86-64 form the JIT emits, one row per form and operand variant
// (low/high registers, rsp/rbp/r12/r13 bases that need SIB or a displacement, disp8/disp32
// boundaries, imm8/imm32 boundaries, every condition code). Each row's bytes go through
// `llvm-mc-14 --disassemble -triple=x86_64 -print-imm-hex` (all rows in one process, separated by
// ud2) and the disassembly must equal the text our own formatter produced for the row — so the
// bytes are what we think they are, and the listing prints what llvm would.
import { describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { CodeBuffer } from '@bpfkit/jit-common';
import * as enc from './encoders.js';
import { regName } from './registers.js';

const LLVM_MC = '/usr/bin/llvm-mc-14';

interface Row {
  readonly call: string;
  readonly fn: string;
  readonly emit: (b: CodeBuffer) => void;
}

const rows: Row[] = [];
const row = (fn: string, args: string, emit: (b: CodeBuffer) => void): void => {
  rows.push({ call: `${fn}(${args})`, fn, emit });
};

const ALL = Array.from({ length: 16 }, (_, r) => r);
const NO_SP = ALL.filter((r) => r !== 4);
const BASES = [0, 4, 5, 7, 11, 12, 13, 15];
const DISPS = [0, 8, -8, 127, -128, 128, -129, 0x1000, -0x7fff];
const IMMS = [0, 1, -1, 127, -128, 128, -129, 0x7fffffff, -0x80000000, 0x1234];
const r64 = (r: number) => regName(r, 64);

// ---- register-register and immediate forms
for (const op of [enc.ALU_ADD, enc.ALU_OR, enc.ALU_AND, enc.ALU_SUB, enc.ALU_XOR, enc.ALU_CMP])
  for (const w of [true, false]) {
    for (const [d, s] of [[0, 3], [7, 6], [8, 15], [3, 12], [13, 5], [2, 2]] as const) row('aluRR', `${op}, ${w}, ${r64(d)}, ${r64(s)}`, (b) => enc.aluRR(b, op, w, d, s));
    for (const d of [0, 1, 9, 13]) for (const imm of IMMS) row('aluRI', `${op}, ${w}, ${r64(d)}, ${imm}`, (b) => enc.aluRI(b, op, w, d, imm));
  }
for (const w of [true, false])
  for (const [d, s] of [[0, 7], [7, 0], [9, 3], [15, 14], [5, 4], [4, 5]] as const) {
    row('movRR', `${w}, ${r64(d)}, ${r64(s)}`, (b) => enc.movRR(b, w, d, s));
    row('testRR', `${w}, ${r64(d)}, ${r64(s)}`, (b) => enc.testRR(b, w, d, s));
    if (s !== 4 && d !== 4) row('imulRR', `${w}, ${r64(d)}, ${r64(s)}`, (b) => enc.imulRR(b, w, d, s));
    for (const imm of [3, -2, 1000, -100000]) if (s !== 4 && d !== 4) row('imulRRI', `${w}, ${r64(d)}, ${r64(s)}, ${imm}`, (b) => enc.imulRRI(b, w, d, s, imm));
  }
for (const w of [true, false]) for (const d of [0, 2, 11]) for (const imm of [1, -1, 0x7fffffff, 0x100]) row('testRI', `${w}, ${r64(d)}, ${imm}`, (b) => enc.testRI(b, w, d, imm));
for (const d of ALL) for (const imm of [1, 0x7fffffff, -1]) row('movRI32', `${r64(d)}, ${imm}`, (b) => enc.movRI32(b, d, imm));
for (const d of [0, 9, 12]) for (const imm of [-1, -0x80000000, 5]) row('movRI64sx', `${r64(d)}, ${imm}`, (b) => enc.movRI64sx(b, d, imm));
for (const d of [0, 7, 9, 15]) for (const [lo, hi] of [[1, 2], [-1, -1], [0, 0x80000000], [0x12345678, 0x9abcdef0 | 0]] as const)
  row('movabs', `${r64(d)}, ${lo}, ${hi}`, (b) => enc.movabs(b, d, lo, hi));
for (const digit of [enc.F7_NOT, enc.F7_NEG, enc.F7_MUL, enc.F7_DIV, enc.F7_IDIV])
  for (const w of [true, false]) for (const r of [0, 3, 11, 14]) row('unaryR', `${digit}, ${w}, ${r64(r)}`, (b) => enc.unaryR(b, digit, w, r));
for (const digit of [enc.SH_ROL, enc.SH_SHL, enc.SH_SHR, enc.SH_SAR])
  for (const w of [true, false])
    for (const r of [0, 6, 8, 13]) {
      for (const n of [1, 5, 31]) row('shiftRI', `${digit}, ${w}, ${r64(r)}, ${n}`, (b) => enc.shiftRI(b, digit, w, r, n));
      row('shiftRCl', `${digit}, ${w}, ${r64(r)}`, (b) => enc.shiftRCl(b, digit, w, r));
    }
for (const r of [0, 3, 6, 7, 10, 15]) row('rol16', `${r64(r)}, 8`, (b) => enc.rol16(b, r, 8));
for (const w of [true, false]) for (const r of ALL) row('bswap', `${w}, ${r64(r)}`, (b) => enc.bswap(b, w, r));
for (const bits of [8, 16] as const)
  for (const [d, s] of [[0, 0], [7, 6], [0, 4], [5, 7], [11, 12], [2, 15]] as const) {
    row('movzxRR', `${bits}, ${r64(d)}, ${r64(s)}`, (b) => enc.movzxRR(b, bits, d, s));
    for (const w of [true, false]) row('movsxRR', `${w}, ${bits}, ${r64(d)}, ${r64(s)}`, (b) => enc.movsxRR(b, w, bits, d, s));
  }
for (const [d, s] of [[0, 7], [9, 3], [3, 14]] as const) row('movsxdRR', `${r64(d)}, ${r64(s)}`, (b) => enc.movsxdRR(b, d, s));
for (const w of [true, false]) row('cqo', `${w}`, (b) => enc.cqo(b, w));
for (const r of ALL.filter((x) => x !== 0)) row('xchgRax', r64(r), (b) => enc.xchgRax(b, r));

// ---- memory forms
for (const base of BASES)
  for (const disp of DISPS) {
    for (const size of [1, 2, 4, 8] as const)
      for (const r of [0, 6, 9, 13]) {
        row('loadZx', `${size}, ${r64(r)}, ${r64(base)}, ${disp}`, (b) => enc.loadZx(b, size, r, base, disp));
        row('store', `${size}, ${r64(base)}, ${disp}, ${r64(r)}`, (b) => enc.store(b, size, base, disp, r));
        if (size !== 8) row('loadSx', `${size}, ${r64(r)}, ${r64(base)}, ${disp}`, (b) => enc.loadSx(b, size as 1 | 2 | 4, r, base, disp));
      }
    for (const size of [1, 2, 4, 8] as const) for (const imm of [0, -1, 0x7f, 0x1234, -0x80000000]) row('storeImm', `${size}, ${r64(base)}, ${disp}, ${imm}`, (b) => enc.storeImm(b, size, base, disp, imm));
    for (const w of [true, false]) {
      for (const op of [enc.ALU_ADD, enc.ALU_OR, enc.ALU_AND, enc.ALU_XOR]) row('lockAluMR', `${op}, ${w}, ${r64(base)}, ${disp}, %rsi`, (b) => enc.lockAluMR(b, op, w, base, disp, 6));
      row('lockXadd', `${w}, ${r64(base)}, ${disp}, %r11`, (b) => enc.lockXadd(b, w, base, disp, 11));
      row('lockCmpxchg', `${w}, ${r64(base)}, ${disp}, %rdx`, (b) => enc.lockCmpxchg(b, w, base, disp, 2));
      row('xchgMR', `${w}, ${r64(base)}, ${disp}, %rdi`, (b) => enc.xchgMR(b, w, base, disp, 7));
      for (const op of [0, 5, 7] as const) row('aluRM', `${op}, ${w}, %r10, ${r64(base)}, ${disp}`, (b) => enc.aluRM(b, op, w, 10, base, disp));
      row('cmpMI8', `${w}, ${r64(base)}, ${disp}, 0`, (b) => enc.cmpMI8(b, w, base, disp, 0));
      for (const dec of [true, false]) row('incDecM', `${dec}, ${w}, ${r64(base)}, ${disp}`, (b) => enc.incDecM(b, dec, w, base, disp));
    }
    row('lea', `%r11, ${r64(base)}, ${disp}`, (b) => enc.lea(b, 11, base, disp));
    row('pushM', `${r64(base)}, ${disp}`, (b) => enc.pushM(b, base, disp));
    row('popM', `${r64(base)}, ${disp}`, (b) => enc.popM(b, base, disp));
  }
for (const d of [0, 10, 15]) for (const disp of [0, 0x10, -0x100, 0x12345]) row('leaRip', `${r64(d)}, ${disp}`, (b) => enc.leaRip(b, d, disp));
for (const [base, index] of [[12, 11], [0, 3], [13, 9], [5, 0]] as const) for (const disp of [0, 0x10, 0x400]) row('loadIndexed', `%r11, ${r64(base)}, ${r64(index)}, 8, ${disp}`, (b) => enc.loadIndexed(b, 11, base, index, 8, disp));

// ---- control
for (const d of [0, 5, -2, 127, -128]) row('jmpRel8', `${d}`, (b) => enc.jmpRel8(b, d));
for (const d of [0, 0x100, -0x100, 0x7fffffff]) row('jmpRel32', `${d}`, (b) => enc.jmpRel32(b, d));
for (let cc = 0; cc < 16; cc++) {
  row('jccRel8', `${cc}, 5`, (b) => enc.jccRel8(b, cc, 5));
  row('jccRel32', `${cc}, -0x1000`, (b) => enc.jccRel32(b, cc, -0x1000));
}
for (const d of [0, 0x1000, -5]) row('callRel32', `${d}`, (b) => enc.callRel32(b, d));
for (const r of ALL) row('callR', r64(r), (b) => enc.callR(b, r));
for (const r of ALL) {
  row('push', r64(r), (b) => enc.push(b, r));
  row('pop', r64(r), (b) => enc.pop(b, r));
}
row('ret', '', (b) => enc.ret(b));
row('leave', '', (b) => enc.leave(b));
row('nop', '', (b) => enc.nop(b));
row('int3', '', (b) => enc.int3(b));
void NO_SP;

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (x) => `0x${x.toString(16).padStart(2, '0')}`).join(' ');
}

/** Normalise llvm-mc / formatter text: one space between mnemonic and operands, no comments, lock prefix joined. */
const norm = (s: string): string => s.replace(/#.*$/, '').replace(/\s+/g, ' ').trim();

function disassembleAll(encoded: { bytes: Uint8Array }[]): string[][] {
  const input = encoded.map((e) => `${hex(e.bytes)} 0x0f 0x0b`).join('\n') + '\n';
  const out = execFileSync(LLVM_MC, ['--disassemble', '-triple=x86_64', '-print-imm-hex'], { input, encoding: 'utf8', maxBuffer: 64 << 20 });
  const lines = out.split('\n').map((l) => l.trim()).filter((l) => l !== '' && l !== '.text');
  const groups: string[][] = [[]];
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k]!;
    if (l === 'ud2') {
      groups.push([]);
      continue;
    }
    if (l === 'lock' && k + 1 < lines.length) {
      groups[groups.length - 1]!.push(norm(`lock ${lines[++k]}`));
      continue;
    }
    groups[groups.length - 1]!.push(norm(l));
  }
  return groups;
}

describe('x86-64 encoders agree with llvm-mc', () => {
  test('llvm-mc-14 is installed', () => {
    if (!existsSync(LLVM_MC)) throw new Error(`${LLVM_MC} is missing: install llvm-14 (apt-get install llvm-14) to run the encoder table tests`);
  });

  test(`every row (${rows.length} rows): bytes disassemble to our formatter's text`, () => {
    if (!existsSync(LLVM_MC)) throw new Error(`${LLVM_MC} is missing: install llvm-14 (apt-get install llvm-14)`);
    const encoded = rows.map((r) => {
      const b = new CodeBuffer(32);
      b.reset(true);
      r.emit(b);
      expect(b.notes!.offsets).toEqual([0]); // one machine instruction per row
      return { bytes: b.finish(), text: norm(b.notes!.texts[0]!) };
    });
    const dis = disassembleAll(encoded);
    const mismatches: string[] = [];
    encoded.forEach((e, k) => {
      const got = dis[k] ?? [];
      if (got.length !== 1 || got[0] !== e.text) mismatches.push(`${rows[k]!.call}: bytes ${hex(e.bytes)} -> llvm ${JSON.stringify(got)}, ours ${JSON.stringify(e.text)}`);
    });
    expect(mismatches).toEqual([]);
    // Nothing left over after the last separator: every row decoded as exactly its own bytes.
    expect(dis.length).toBe(encoded.length + 1);
  });

  test('the table covers every encoder the JIT can emit', () => {
    const encoders = Object.entries(enc)
      .filter(([k, v]) => typeof v === 'function' && !['hexS', 'immS', 'immU32', 'immU16', 'memText', 'hexS64'].includes(k))
      .map(([k]) => k);
    const covered = new Set(rows.map((r) => r.fn));
    expect(encoders.filter((k) => !covered.has(k))).toEqual([]);
  });
});
