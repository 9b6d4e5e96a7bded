// loadObject() on hand-built ELF objects (test-support/elf-writer): the relocation kinds one
// by one (calls by symbol and by section symbol, same-section calls, function addresses, map
// and global-data loads), subprogram appending order, func_info argument counts, and every
// class of malformed input with its exact BpfError code and message.
import { describe, expect, test } from '@jest/globals';
import {
  BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC, BPF_PSEUDO_MAP_IDX, BPF_PSEUDO_MAP_IDX_VALUE, BpfError, type Insn, build,
} from '@bpfkit/ir';
import { loadObject } from './load-object.js';
import {
  CODE_FLAGS, DATA_FLAGS, type ElfSpec, SHF, SHT, STB, STT, buildElf, findSection, insnBytes, sectionHeaderOffset,
} from './test-support/elf-writer.js';
import { BtfBuilder, buildBtfExt, lineCol } from './test-support/btf-builder.js';
import type { BpfObject } from './object-types.js';

const { mov64Imm, exit, callHelper, callPseudo, ldImm64 } = build;
const code = (...insns: (Insn | Insn[])[]): Uint8Array => insnBytes(insns.flat());
const ret = (v: number): Uint8Array => code(mov64Imm(0, v), exit());

/** The BpfError thrown by `f` (fails the test when there is none). */
function errorOf(f: () => unknown): BpfError {
  try {
    f();
  } catch (e) {
    if (e instanceof BpfError) return e;
    throw new Error(`expected a BpfError, got ${String(e)}`);
  }
  throw new Error('expected a BpfError, nothing was thrown');
}

const loadSpec = (spec: ElfSpec): BpfObject => loadObject(buildElf(spec));
const failSpec = (spec: ElfSpec): BpfError => errorOf(() => loadSpec(spec));

/** An entry "xdp" function `main` plus .text functions, with the given relocations. */
function withText(main: Uint8Array, text: Uint8Array, textFuncs: [string, number, number, number?][], rels: ElfSpec['rels']): ElfSpec {
  return {
    sections: [
      { name: '.text', flags: CODE_FLAGS, data: text },
      { name: 'xdp', flags: CODE_FLAGS, data: main },
    ],
    symbols: [
      { name: '.text', type: STT.SECTION, bind: STB.LOCAL, section: '.text' },
      ...textFuncs.map(([name, value, size, bind]) => ({ name, type: STT.FUNC, bind: bind ?? STB.GLOBAL, section: '.text', value, size })),
      { name: 'main', type: STT.FUNC, section: 'xdp', value: 0, size: main.length },
    ],
    rels,
  };
}

describe('relocation kinds', () => {
  test('a minimal object: one program, no BTF, no maps', () => {
    const o = loadSpec({ sections: [{ name: 'xdp', flags: CODE_FLAGS, data: ret(7) }], symbols: [{ name: 'prog', type: STT.FUNC, section: 'xdp', size: 16 }] });
    expect(o.license).toBeUndefined();
    expect(o.btf).toBeUndefined();
    expect(o.maps).toEqual([]);
    expect(o.programs).toHaveLength(1);
    const p = o.programs[0]!;
    expect([p.name, p.section, p.program.length, p.lineInfo]).toEqual(['prog', 'xdp', 2, []]);
    expect(p.program.funcs.map((f) => [f.name, f.argCount])).toEqual([['prog', undefined]]);
  });

  test('calls into .text by FUNC symbol (imm -1) and by section symbol (imm = target - 1) are appended once, depth first', () => {
    // .text: f (2 slots) calls g (2 slots) pc-relatively; h (2 slots).
    const text = code(callPseudo(1), exit(), mov64Imm(0, 1), exit(), mov64Imm(0, 2), exit());
    // main: call h (section symbol, imm = 4 - 1), call f (FUNC symbol, imm -1), exit.
    const main = code(callPseudo(3), callPseudo(-1), exit());
    const o = loadSpec(withText(main, text, [['f', 0, 16], ['g', 16, 16, STB.LOCAL], ['h', 32, 16]], {
      xdp: [{ offset: 0, type: 10, sym: '.text' }, { offset: 8, type: 10, sym: 'f' }],
    }));
    const p = o.programs[0]!.program;
    // main (3) + h (2) + f (2) + g (2): h first because main calls it first.
    expect(p.funcs.map((f) => [f.name, f.start])).toEqual([['main', 0], ['h', 3], ['f', 5], ['g', 7]]);
    const target = (i: number): number => i + 1 + p.imm[i]!;
    expect([p.src[0], target(0), p.src[1], target(1), p.src[5], target(5)]).toEqual([BPF_PSEUDO_CALL, 3, BPF_PSEUDO_CALL, 5, BPF_PSEUDO_CALL, 7]);
  });

  test('recursion and shared callees do not duplicate functions', () => {
    // .text: a calls b, b calls a and b.
    const text = code(callPseudo(1), exit(), callPseudo(-3), callPseudo(-2), exit());
    const main = code(callPseudo(-1), callPseudo(-1), exit());
    const o = loadSpec(withText(main, text, [['a', 0, 16], ['b', 16, 24]], { xdp: [{ offset: 0, type: 10, sym: 'a' }, { offset: 8, type: 10, sym: 'b' }] }));
    const p = o.programs[0]!.program;
    expect(p.funcs.map((f) => [f.name, f.start])).toEqual([['main', 0], ['a', 3], ['b', 5]]);
    expect([3, 5, 6].map((i) => i + 1 + p.imm[i]!)).toEqual([5, 3, 5]);
  });

  test('calls between functions of one program section need no relocation', () => {
    // Section "tc" holds two entry functions; `one` calls `two` pc-relatively.
    const tc = code(callPseudo(1), exit(), mov64Imm(0, 2), exit());
    const o = loadSpec({
      sections: [{ name: 'tc', flags: CODE_FLAGS, data: tc }],
      symbols: [{ name: 'one', type: STT.FUNC, section: 'tc', value: 0, size: 16 }, { name: 'two', type: STT.FUNC, section: 'tc', value: 16, size: 16 }],
    });
    expect(o.programs.map((p) => [p.name, p.program.length])).toEqual([['one', 4], ['two', 2]]);
    expect(o.programs[0]!.program.funcs.map((f) => f.name)).toEqual(['one', 'two']);
  });

  test('function address (ld_imm64 to a .text symbol) becomes BPF_PSEUDO_FUNC', () => {
    const text = code(mov64Imm(0, 0), exit(), mov64Imm(0, 1), exit());
    const main = code(ldImm64(2, 0n), ldImm64(3, 0n), callHelper(181), exit());
    const o = loadSpec(withText(main, text, [['cb0', 0, 16, STB.LOCAL], ['cb1', 16, 16, STB.LOCAL]], {
      xdp: [{ offset: 0, type: 1, sym: 'cb1' }, { offset: 16, type: 1, sym: '.text' }],
    }));
    const p = o.programs[0]!.program;
    expect(p.funcs.map((f) => [f.name, f.start])).toEqual([['main', 0], ['cb1', 6], ['cb0', 8]]);
    expect([p.src[0], 0 + 1 + p.imm[0]!, p.imm[1], p.src[2], 2 + 1 + p.imm[2]!, p.imm[3]]).toEqual([BPF_PSEUDO_FUNC, 6, 0, BPF_PSEUDO_FUNC, 8, 0]);
  });

  test('map and global-data loads: BPF_PSEUDO_MAP_IDX and BPF_PSEUDO_MAP_IDX_VALUE with offsets', () => {
    const b = new BtfBuilder();
    const int = b.int('int', 4, true);
    const u64 = b.int('unsigned long long', 8);
    const def = b.struct('', 32, [['type', b.uintField(int, 1), 0], ['key', b.ptr(int), 64], ['value', b.ptr(u64), 128], ['max_entries', b.uintField(int, 16), 192]]);
    const v1 = b.var('m1', def);
    const def2 = b.struct('', 32, [['type', b.uintField(int, 2), 0], ['key_size', b.uintField(int, 4), 64], ['value_size', b.uintField(int, 12), 128], ['map_flags', b.uintField(int, 1024), 192]]);
    const v2 = b.var('m2', def2);
    b.datasec('.maps', 64, [[v1, 0, 32], [v2, 32, 32]]);
    const main = code(ldImm64(1, 0n), ldImm64(2, 0n), ldImm64(3, 0n), ldImm64(4, 12n), ldImm64(5, 0n), exit());
    const o = loadSpec({
      sections: [
        { name: 'socket', flags: CODE_FLAGS, data: main },
        { name: '.maps', flags: DATA_FLAGS, data: new Uint8Array(64) },
        { name: '.data', flags: DATA_FLAGS, data: Uint8Array.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16) },
        { name: '.bss', type: SHT.NOBITS, flags: DATA_FLAGS, size: 24 },
        { name: '.rodata.str1.1', flags: SHF.ALLOC, data: new TextEncoder().encode('hi\0') },
        { name: '.BTF', data: b.build() },
      ],
      symbols: [
        { name: 'main', type: STT.FUNC, section: 'socket', size: main.length },
        { name: 'm1', type: STT.OBJECT, section: '.maps', value: 0, size: 32 },
        { name: 'm2', type: STT.OBJECT, section: '.maps', value: 32, size: 32 },
        { name: 'counter', type: STT.OBJECT, section: '.data', value: 8, size: 8 },
        { name: '.bss', type: STT.SECTION, bind: STB.LOCAL, section: '.bss' },
        { name: '.rodata.str1.1', type: STT.SECTION, bind: STB.LOCAL, section: '.rodata.str1.1' },
      ],
      rels: {
        socket: [
          { offset: 0, type: 1, sym: 'm2' },
          { offset: 16, type: 1, sym: 'm1' },
          { offset: 32, type: 1, sym: 'counter' },
          { offset: 48, type: 1, sym: '.bss' },
          { offset: 64, type: 1, sym: '.rodata.str1.1' },
        ],
      },
    });
    expect(o.maps.map((m) => [m.name, m.type, m.keySize, m.valueSize, m.maxEntries, m.flags, m.section])).toEqual([
      ['m1', 1, 4, 8, 16, 0, '.maps'],
      ['m2', 2, 4, 12, 0, 1024, '.maps'],
      ['.data', 2, 4, 16, 1, 0x400, '.data'],
      ['.bss', 2, 4, 24, 1, 0x400, '.bss'],
      ['.rodata.str1.1', 2, 4, 3, 1, 0x480, '.rodata.str1.1'],
    ]);
    expect(Array.from(o.maps[3]!.initial!)).toEqual(new Array(24).fill(0));
    const p = o.programs[0]!.program;
    const ld = (i: number): number[] => [p.src[i]!, p.imm[i]!, p.imm[i + 1]!];
    expect([ld(0), ld(2), ld(4), ld(6), ld(8)]).toEqual([
      [BPF_PSEUDO_MAP_IDX, 1, 0],
      [BPF_PSEUDO_MAP_IDX, 0, 0],
      [BPF_PSEUDO_MAP_IDX_VALUE, 2, 8], // symbol value 8
      [BPF_PSEUDO_MAP_IDX_VALUE, 3, 12], // section symbol + insn imm 12
      [BPF_PSEUDO_MAP_IDX_VALUE, 4, 0],
    ]);
  });

  test('func_info gives argument counts (6 params is fine for the loader) and line_info maps to slots', () => {
    const b = new BtfBuilder();
    const int = b.int('int', 4, true);
    const mainFn = b.func('main', b.funcProto(int, [['ctx', b.ptr(0)]]));
    const sixFn = b.func('six', b.funcProto(int, [['a', int], ['b', int], ['c', int], ['d', int], ['e', int], ['f', int]]), 0);
    const ext = buildBtfExt(
      b,
      [{ section: 'xdp', records: [[0, mainFn]] }, { section: '.text', records: [[0, sixFn]] }],
      [
        { section: 'xdp', records: [[0, b.str('main.c'), b.str('int main(void *ctx) {'), lineCol(3, 1)], [8, b.str('main.c'), b.str('  return six();'), lineCol(4, 10)]] },
        { section: '.text', records: [[8, b.str('six.c'), b.str('  return 0;'), lineCol(9, 3)]] },
      ],
    );
    const spec = withText(code(callPseudo(-1), exit()), ret(0), [['six', 0, 16, STB.LOCAL]], { xdp: [{ offset: 0, type: 10, sym: 'six' }] });
    const o = loadSpec({ ...spec, sections: [...spec.sections, { name: '.BTF', data: b.build() }, { name: '.BTF.ext', data: ext }] });
    const p = o.programs[0]!;
    expect(p.program.funcs.map((f) => [f.name, f.argCount])).toEqual([['main', 1], ['six', 6]]);
    expect(p.lineInfo).toEqual([
      { file: 'main.c', line: 3, column: 1, source: 'int main(void *ctx) {' },
      { file: 'main.c', line: 4, column: 10, source: '  return six();' },
      undefined,
      { file: 'six.c', line: 9, column: 3, source: '  return 0;' },
    ]);
  });

  test('ABS64/ABS32/NODYLD32 relocations in data and BTF sections are ignored; R_BPF_NONE anywhere', () => {
    const o = loadSpec({
      sections: [
        { name: 'xdp', flags: CODE_FLAGS, data: ret(1) },
        { name: '.debug_info', data: new Uint8Array(16) },
      ],
      symbols: [{ name: 'main', type: STT.FUNC, section: 'xdp', size: 16 }],
      rels: {
        '.debug_info': [{ offset: 0, type: 2, sym: 'main' }, { offset: 8, type: 3, sym: 'main' }, { offset: 12, type: 4, sym: 'main' }, { offset: 0, type: 1, sym: 'main' }],
        xdp: [{ offset: 0, type: 0, sym: 0 }],
      },
    });
    expect(o.programs[0]!.program.length).toBe(2);
  });
});

describe('malformed input: ELF', () => {
  const good = (): Uint8Array => buildElf({ sections: [{ name: 'xdp', flags: CODE_FLAGS, data: ret(0) }], symbols: [{ name: 'p', type: STT.FUNC, section: 'xdp', size: 16 }] });
  const mutated = (f: (b: Uint8Array, dv: DataView) => void): BpfError => {
    const b = good();
    f(b, new DataView(b.buffer));
    const copy = b.slice();
    const e = errorOf(() => loadObject(b));
    expect(b).toEqual(copy);
    expect(e.pass).toBe('decoder');
    return e;
  };

  test.each([
    ['empty input', (b: Uint8Array) => loadObject(b.subarray(0, 0)), /^ELF header: file is 0 bytes, shorter than the 64-byte ELF64 header$/],
    ['truncated header', (b: Uint8Array) => loadObject(b.subarray(0, 63)), /shorter than the 64-byte ELF64 header/],
    ['bad magic', (b: Uint8Array) => { b[1] = 0; return loadObject(b); }, /^ELF header at offset 0x0: bad magic 0x464c007f \(not an ELF file\)$/],
    ['32-bit class', (b: Uint8Array) => { b[4] = 1; return loadObject(b); }, /EI_CLASS is 1, expected 2/],
    ['big-endian', (b: Uint8Array) => { b[5] = 2; return loadObject(b); }, /^ELF header at offset 0x5: EI_DATA is 2, expected 1 \(little-endian\)$/],
    ['executable, not relocatable', (b: Uint8Array) => { b[16] = 2; return loadObject(b); }, /e_type is 2, expected 1 \(ET_REL/],
    ['x86-64 machine', (b: Uint8Array) => { b[18] = 62; return loadObject(b); }, /^ELF header at offset 0x12: e_machine is 62, expected 247 \(EM_BPF\)$/],
  ])('%s', (_what, f, message) => {
    const b = good();
    const e = errorOf(() => f(b));
    expect(e.code).toBe('ELF');
    expect(e.message).toMatch(message);
  });

  test('section header table past the end, bad e_shentsize, e_shstrndx, no sections', () => {
    expect(mutated((b, dv) => dv.setUint32(40, b.length, true)).message).toMatch(/section header table .* runs past the end of the file/);
    expect(mutated((_b, dv) => dv.setUint16(58, 40, true)).message).toMatch(/e_shentsize is 40, expected 64/);
    expect(mutated((_b, dv) => dv.setUint16(62, 99, true)).message).toMatch(/e_shstrndx 99 is not a section index/);
    expect(mutated((_b, dv) => dv.setUint16(60, 0, true)).message).toMatch(/e_shnum is 0/);
  });

  test('section data past the end of the file, bad section name offset', () => {
    const e = mutated((b, dv) => dv.setBigUint64(sectionHeaderOffset(b, 1) + 32, 1n << 40n, true));
    expect(e.code).toBe('ELF');
    expect(e.message).toMatch(/^section header 1 at offset 0x[0-9a-f]+: section data \(1099511627776 bytes at 0x40\) runs past the end of the file/);
    expect(mutated((b, dv) => dv.setUint32(sectionHeaderOffset(b, 1), 0xfffff, true)).message).toMatch(/name of section 1: string offset 0xfffff is outside/);
  });

  test('symbol table: odd size, bad entsize, bad section index, bad name offset', () => {
    const sym = (b: Uint8Array): ReturnType<typeof findSection> => findSection(b, '.symtab');
    expect(mutated((b, dv) => dv.setBigUint64(sym(b).header + 32, BigInt(sym(b).size - 1), true)).message).toMatch(/^\.symtab: size 47 is not a multiple of the 24-byte symbol size$/);
    expect(mutated((b, dv) => dv.setBigUint64(sym(b).header + 56, 16n, true)).message).toMatch(/^\.symtab: sh_entsize is 16, expected 24$/);
    expect(mutated((b, dv) => dv.setUint16(sym(b).offset + 24 + 6, 77, true)).message).toMatch(/^\.symtab at offset 0x1e: symbol 1: section index 77 out of range \(\d+ sections\)$/);
    expect(mutated((b, dv) => dv.setUint32(sym(b).offset + 24, 9999, true)).message).toMatch(/name of symbol 1 at offset 0x18: string offset 0x270f is outside/);
  });

  test('code section size not a multiple of 8; function symbols misaligned, overlapping or past the end', () => {
    const fail = (data: Uint8Array, syms: [string, number, number][]): BpfError =>
      failSpec({ sections: [{ name: 'xdp', flags: CODE_FLAGS, data }], symbols: syms.map(([name, value, size]) => ({ name, type: STT.FUNC, section: 'xdp', value, size })) });
    expect(fail(new Uint8Array(12), [['p', 0, 8]]).message).toMatch(/^xdp: code section size 12 is not a multiple of 8$/);
    expect(fail(ret(0), [['p', 4, 8]]).message).toMatch(/symbol 1 'p': value 0x4 \/ size 8 not a multiple of 8/);
    expect(fail(ret(0), [['p', 0, 24]]).message).toMatch(/symbol 1 'p': extends past the end of section 'xdp'/);
    expect(fail(ret(0), [['p', 0, 16], ['q', 8, 8]]).message).toMatch(/symbol 1 'p': overlaps function 'q'/);
    expect(fail(ret(0), [['p', 16, 8]]).message).toMatch(/symbol 1 'p': starts at 0x10, past the end of section 'xdp'/);
  });
});

describe('malformed input: relocations', () => {
  const main = code(ldImm64(1, 0n), callPseudo(-1), exit());
  const spec = (rels: ElfSpec['rels'], extraSyms: ElfSpec['symbols'] = []): ElfSpec => ({
    sections: [
      { name: '.text', flags: CODE_FLAGS, data: ret(0) },
      { name: 'xdp', flags: CODE_FLAGS, data: main },
      { name: 'license', flags: DATA_FLAGS, data: new TextEncoder().encode('GPL\0') },
      { name: '.data', flags: DATA_FLAGS, data: new Uint8Array(8) },
    ],
    symbols: [
      { name: 'f', type: STT.FUNC, section: '.text', size: 16 },
      { name: 'main', type: STT.FUNC, section: 'xdp', size: main.length },
      { name: 'LICENSE', type: STT.OBJECT, section: 'license', size: 4 },
      { name: 'ext', type: STT.NOTYPE, section: 0 },
      { name: 'var', type: STT.OBJECT, section: '.data', value: 0, size: 8 },
      ...extraSyms,
    ],
    rels,
  });

  test('a well-formed variant loads', () => {
    const o = loadSpec(spec({ xdp: [{ offset: 0, type: 1, sym: 'var' }, { offset: 16, type: 10, sym: 'f' }] }));
    expect(o.license).toBe('GPL');
    expect(o.programs[0]!.program.funcs.map((f) => f.name)).toEqual(['main', 'f']);
  });

  test.each<[string, ElfSpec['rels'], RegExp, number]>([
    ['unknown type', { xdp: [{ offset: 0, type: 7, sym: 'var' }] }, /^\.relxdp at offset 0x0: relocation 0: unknown relocation type 7$/, -1],
    ['R_BPF_64_64 on a call', { xdp: [{ offset: 16, type: 1, sym: 'var' }] }, /^\.relxdp at offset 0x0: relocation 0: R_BPF_64_64 on insn 2 of 'xdp', which is opcode 0x85, not ld_imm64$/, 2],
    ['R_BPF_64_32 on ld_imm64', { xdp: [{ offset: 0, type: 10, sym: 'f' }] }, /R_BPF_64_32 on insn 0 of 'xdp', which is opcode 0x18, not call/, 0],
    ['R_BPF_64_32 on exit', { xdp: [{ offset: 24, type: 10, sym: 'f' }] }, /R_BPF_64_32 on insn 3 of 'xdp', which is opcode 0x95, not call/, 3],
    ['symbol index out of range', { xdp: [{ offset: 0, type: 1, sym: 99 }] }, /relocation 0: symbol index 99 out of range \(\d+ symbols\)/, -1],
    ['unaligned offset', { xdp: [{ offset: 4, type: 1, sym: 'var' }] }, /offset 0x4 is not an instruction of section 'xdp'/, -1],
    ['offset past the end', { xdp: [{ offset: 4096, type: 10, sym: 'f' }] }, /offset 0x1000 is not an instruction of section 'xdp'/, -1],
    ['ABS64 in code', { xdp: [{ offset: 0, type: 2, sym: 'var' }] }, /R_BPF_64_ABS64 is not allowed in code section 'xdp' \(insn 0\)/, 0],
    ['R_BPF_64_32 in data', { '.data': [{ offset: 0, type: 10, sym: 'var' }] }, /R_BPF_64_32 in non-code section '.data'/, -1],
    ['ABS64 past the end of data', { '.data': [{ offset: 4, type: 2, sym: 'var' }] }, /R_BPF_64_ABS64 at 0x4 runs past the end of section '.data'/, -1],
    ['two relocations on one insn', { xdp: [{ offset: 0, type: 1, sym: 'var' }, { offset: 0, type: 1, sym: 'var' }] }, /relocation 1: second relocation for insn 0 of 'xdp'/, 0],
    ['extern call (kfunc)', { xdp: [{ offset: 16, type: 10, sym: 'ext' }] }, /^xdp: insn 2 at offset 0x10 \(function 'main'\): \.relxdp relocation 0 refers to extern symbol 'ext'/, 2],
    ['extern variable', { xdp: [{ offset: 0, type: 1, sym: 'ext' }] }, /refers to extern symbol 'ext' \(kfuncs, ksyms and kconfig externs are not supported\)/, 0],
    ['call to data', { xdp: [{ offset: 16, type: 10, sym: 'var' }] }, /call to symbol 'var' in non-code section '.data'/, 2],
    ['load of a non-map, non-data symbol', { xdp: [{ offset: 0, type: 1, sym: 'LICENSE' }] }, /symbol 'LICENSE' is in section 'license', which is neither code, .maps nor global data/, 0],
  ])('%s', (_what, rels, message, insn) => {
    const e = failSpec(spec(rels));
    expect(e.code).toBe('ELF');
    expect(e.message).toMatch(message);
    expect(e.insn).toBe(insn);
  });

  test('call target inside a function, data offset outside the section, PSEUDO_FUNC without relocation', () => {
    const mid = failSpec({ ...withText(code(callPseudo(0), exit()), code(mov64Imm(0, 0), exit()), [['f', 0, 16]], { xdp: [{ offset: 0, type: 10, sym: '.text' }] }) });
    expect(mid.message).toMatch(/call to insn 1 of '.text', which is not the start of a function/);
    const b = buildElf(spec({ xdp: [{ offset: 0, type: 1, sym: 'var' }] }));
    const xdp = findSection(b, 'xdp');
    new DataView(b.buffer).setInt32(xdp.offset + 4, 100, true); // var + 100
    expect(errorOf(() => loadObject(b)).message).toMatch(/offset 100 of 'var' is outside '.data' \(8 bytes\)/);
    const noRel = failSpec({ sections: [{ name: 'xdp', flags: CODE_FLAGS, data: code(ldImm64(1, 0n, BPF_PSEUDO_FUNC), exit()) }], symbols: [{ name: 'p', type: STT.FUNC, section: 'xdp', size: 24 }] });
    expect(noRel.message).toMatch(/insn 0 .*: ld_imm64 BPF_PSEUDO_FUNC without a relocation/);
  });

  test('a jump that leaves its function', () => {
    const tc = code(build.ja(2), exit(), mov64Imm(0, 2), exit());
    const e = failSpec({
      sections: [{ name: 'tc', flags: CODE_FLAGS, data: tc }],
      symbols: [{ name: 'one', type: STT.FUNC, section: 'tc', value: 0, size: 16 }, { name: 'two', type: STT.FUNC, section: 'tc', value: 16, size: 16 }],
    });
    expect([e.code, e.insn, e.message]).toEqual(['ELF', 0, "tc: insn 0 at offset 0x0 (function 'one'): jump to insn 3 of 'tc' leaves function 'one' (insns 0..1)"]);
  });

  test('ld_imm64 cut off by the end of its function', () => {
    const data = code(mov64Imm(0, 0), ldImm64(1, 0n));
    const e = failSpec({
      sections: [{ name: 'xdp', flags: CODE_FLAGS, data }, { name: '.data', flags: DATA_FLAGS, data: new Uint8Array(8) }],
      symbols: [{ name: 'p', type: STT.FUNC, section: 'xdp', size: 16 }, { name: 'q', type: STT.FUNC, section: 'xdp', value: 16, size: 8 }, { name: 'v', type: STT.OBJECT, section: '.data', size: 8 }],
      rels: { xdp: [{ offset: 8, type: 1, sym: 'v' }] },
    });
    expect(e.message).toMatch(/insn 1 at offset 0x8 \(function 'p'\): ld_imm64 is cut off by the end of function 'p'/);
  });

  test('relocation section linking the wrong symbol table, huge .bss', () => {
    const b = buildElf(spec({ xdp: [{ offset: 0, type: 1, sym: 'var' }] }));
    const rel = findSection(b, '.relxdp');
    new DataView(b.buffer).setUint32(rel.header + 40, 1, true);
    expect(errorOf(() => loadObject(b)).message).toMatch(/^\.relxdp: sh_link 1 does not name the symbol table/);
    const bss = failSpec({ sections: [{ name: 'xdp', flags: CODE_FLAGS, data: ret(0) }, { name: '.bss', type: SHT.NOBITS, flags: DATA_FLAGS, size: 2 ** 40 }], symbols: [{ name: 'p', type: STT.FUNC, section: 'xdp', size: 16 }] });
    expect(bss.message).toMatch(/^\.bss: global data section of 1099511627776 bytes is larger than/);
  });

  test('instruction errors from decode() name the program and keep their code', () => {
    const e = failSpec({ sections: [{ name: 'xdp', flags: CODE_FLAGS, data: code({ code: 0x8e, dst: 0, src: 0, off: 0, imm: 0 }, exit()) }], symbols: [{ name: 'p', type: STT.FUNC, section: 'xdp', size: 16 }] });
    expect([e.code, e.insn, e.pass, e.message]).toEqual(['UNKNOWN_OPCODE', 0, 'decoder', "xdp: program 'p': unknown opcode 8e"]);
    const withFile = errorOf(() => loadObject(buildElf({ sections: [{ name: 'xdp', flags: CODE_FLAGS, data: code(exit()) }], symbols: [{ name: 'p', type: STT.FUNC, section: 'xdp', size: 8, value: 8 }] }), { file: 'x.o' }));
    expect(withFile.message).toMatch(/^x\.o: \.symtab at offset 0x18: symbol 1 'p': starts at 0x8, past the end of section 'xdp'/);
  });
});

describe('malformed input: BTF maps and .BTF.ext', () => {
  /** An object with one map whose definition struct has the given members. */
  function mapObject(members: (b: BtfBuilder, int: number) => [string, number, number][]): ElfSpec {
    const b = new BtfBuilder();
    const int = b.int('int', 4, true);
    const def = b.struct('', 32, members(b, int));
    b.datasec('.maps', 32, [[b.var('m', def), 0, 32]]);
    return {
      sections: [{ name: 'xdp', flags: CODE_FLAGS, data: ret(0) }, { name: '.maps', flags: DATA_FLAGS, data: new Uint8Array(32) }, { name: '.BTF', data: b.build() }],
      symbols: [{ name: 'p', type: STT.FUNC, section: 'xdp', size: 16 }, { name: 'm', type: STT.OBJECT, section: '.maps', size: 32 }],
    };
  }

  test('map definitions: unknown field, non-pointer field, sizeless key, conflicting key_size, not a struct', () => {
    expect(failSpec(mapObject((b, int) => [['type', b.uintField(int, 1), 0], ['colour', b.uintField(int, 1), 64]])).message).toBe(".maps: map 'm': unknown field 'colour'");
    expect(failSpec(mapObject((_b, int) => [['max_entries', int, 0]])).message).toBe(".maps: map 'm': field 'max_entries' is not a pointer to an array (__uint)");
    expect(failSpec(mapObject((b, int) => [['key', b.ptr(b.funcProto(int, [])), 0]])).message).toMatch(/^\.BTF: type id \d+ \(FUNC_PROTO\) has no size/);
    expect(failSpec(mapObject((b, int) => [['key', b.ptr(int), 0], ['key_size', b.uintField(int, 8), 64]])).message).toBe(".maps: map 'm': key_size 8 conflicts with the key type's size 4");
    const b = new BtfBuilder();
    const int = b.int('int', 4);
    b.datasec('.maps', 4, [[b.var('m', int), 0, 4]]);
    const e = failSpec({ sections: [{ name: '.maps', flags: DATA_FLAGS, data: new Uint8Array(4) }, { name: '.BTF', data: b.build() }] });
    expect([e.code, e.message]).toEqual(['BTF', ".maps: map 'm': definition type id 1 is INT, not a struct"]);
  });

  test('.maps without .BTF, .BTF.ext without .BTF, .BTF without a .maps DATASEC', () => {
    expect(failSpec({ sections: [{ name: '.maps', flags: DATA_FLAGS, data: new Uint8Array(8) }] }).message).toMatch(/^\.maps: BTF-defined maps need a \.BTF section/);
    expect(failSpec({ sections: [{ name: '.BTF.ext', data: new Uint8Array(32) }] }).message).toBe('.BTF.ext: present without a .BTF section');
    const b = new BtfBuilder();
    b.int('int', 4);
    expect(failSpec({ sections: [{ name: '.maps', flags: DATA_FLAGS, data: new Uint8Array(8) }, { name: '.BTF', data: b.build() }] }).message).toMatch(/\.BTF has no DATASEC '\.maps'/);
  });

  /** An object with func_info / line_info blocks. */
  function extObject(funcInfo: (b: BtfBuilder, fn: number) => { section: string; records: number[][] }[], lineInfo: (b: BtfBuilder) => { section: string; records: number[][] }[] = () => []): ElfSpec {
    const b = new BtfBuilder();
    const fn = b.func('p', b.funcProto(b.int('int', 4), []));
    const ext = buildBtfExt(b, funcInfo(b, fn), lineInfo(b));
    return {
      sections: [{ name: 'xdp', flags: CODE_FLAGS, data: ret(0) }, { name: '.BTF', data: b.build() }, { name: '.BTF.ext', data: ext }],
      symbols: [{ name: 'p', type: STT.FUNC, section: 'xdp', size: 16 }],
    };
  }

  test('func_info / line_info records that do not match the object', () => {
    expect(failSpec(extObject((_b, fn) => [{ section: 'xdp', records: [[0, fn], [8, fn]] }])).message).toMatch(
      /^\.BTF\.ext: func_info record 1 at offset 0x34: insn_off 0x8 is not the start of a function in section 'xdp'$/,
    );
    expect(failSpec(extObject((_b, fn) => [{ section: 'nope', records: [[0, fn]] }])).message).toMatch(/func_info block at offset 0x24: 'nope' is not a code section of the object/);
    expect(failSpec(extObject((_b, fn) => [{ section: 'xdp', records: [[0, fn]] }], (b) => [{ section: 'xdp', records: [[64, b.str('f'), b.str('l'), 0]] }])).message).toMatch(
      /line_info record 0 at offset 0x[0-9a-f]+: insn_off 0x40 is past the end of section 'xdp' \(16 bytes\)/,
    );
  });
});
