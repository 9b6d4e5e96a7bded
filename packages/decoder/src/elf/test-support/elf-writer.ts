// A minimal ELF64 little-endian relocatable-object writer for test fixtures: named
// sections, a symbol table and .rel<section> relocation sections, laid out as clang does
// (null section, user sections, .rel*, .symtab, .strtab, .shstrtab, header table last).
// Also raw instruction encoding, so edge cases can be built byte by byte.
import type { Insn } from '@bpfkit/ir';

export const SHT = { NULL: 0, PROGBITS: 1, SYMTAB: 2, STRTAB: 3, RELA: 4, NOBITS: 8, REL: 9 } as const;
export const SHF = { WRITE: 1, ALLOC: 2, EXECINSTR: 4 } as const;
export const STT = { NOTYPE: 0, OBJECT: 1, FUNC: 2, SECTION: 3, FILE: 4 } as const;
export const STB = { LOCAL: 0, GLOBAL: 1, WEAK: 2 } as const;
export const CODE_FLAGS = SHF.ALLOC | SHF.EXECINSTR;
export const DATA_FLAGS = SHF.ALLOC | SHF.WRITE;

export interface SectionSpec {
  readonly name: string;
  readonly type?: number;
  readonly flags?: number;
  readonly data?: Uint8Array;
  /** sh_size for SHT_NOBITS. */
  readonly size?: number;
  readonly entsize?: number;
}

export interface SymbolSpec {
  readonly name: string;
  readonly type: number;
  readonly bind?: number;
  /** Section name, or a raw section index. */
  readonly section: string | number;
  readonly value?: number;
  readonly size?: number;
}

export interface RelSpec {
  readonly offset: number;
  readonly type: number;
  /** Symbol name, or a raw symbol index. */
  readonly sym: string | number;
}

export interface ElfSpec {
  readonly sections: readonly SectionSpec[];
  readonly symbols?: readonly SymbolSpec[];
  /** Relocations by target section name (becomes section ".rel<name>"). */
  readonly rels?: Readonly<Record<string, readonly RelSpec[]>>;
  /** Overrides of header fields (machine, class …) for negative tests. */
  readonly machine?: number;
}

/** Encode instruction slots (little-endian). */
export function insnBytes(insns: readonly Insn[]): Uint8Array {
  const out = new Uint8Array(insns.length * 8);
  const dv = new DataView(out.buffer);
  insns.forEach((x, i) => {
    out[i * 8] = x.code;
    out[i * 8 + 1] = (x.dst & 0xf) | ((x.src & 0xf) << 4);
    dv.setInt16(i * 8 + 2, x.off, true);
    dv.setInt32(i * 8 + 4, x.imm, true);
  });
  return out;
}

class StrTab {
  readonly parts: number[] = [0];
  readonly #seen = new Map<string, number>([['', 0]]);
  add(s: string): number {
    const known = this.#seen.get(s);
    if (known !== undefined) return known;
    const off = this.parts.length;
    for (const b of new TextEncoder().encode(s)) this.parts.push(b);
    this.parts.push(0);
    this.#seen.set(s, off);
    return off;
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

interface Built {
  name: string;
  type: number;
  flags: number;
  data: Uint8Array;
  size: number;
  link: number;
  info: number;
  entsize: number;
  align: number;
}

export function buildElf(spec: ElfSpec): Uint8Array {
  const secs: Built[] = spec.sections.map((s) => ({
    name: s.name,
    type: s.type ?? SHT.PROGBITS,
    flags: s.flags ?? 0,
    data: s.type === SHT.NOBITS ? new Uint8Array(0) : (s.data ?? new Uint8Array(0)),
    size: s.type === SHT.NOBITS ? (s.size ?? 0) : (s.data?.length ?? 0),
    link: 0,
    info: 0,
    entsize: s.entsize ?? 0,
    align: 8,
  }));
  const index = (name: string): number => {
    const i = secs.findIndex((s) => s.name === name);
    if (i < 0) throw new Error(`elf-writer: no section ${name}`);
    return i + 1;
  };
  const symNames = new StrTab();
  const symbols = spec.symbols ?? [];
  const hasSymtab = symbols.length > 0 || spec.rels !== undefined;
  const relNames = Object.keys(spec.rels ?? {});
  const relStart = secs.length + 1;
  const symtabIndex = relStart + relNames.length;
  // Relocation sections.
  relNames.forEach((target) => {
    const rels = spec.rels![target]!;
    const data = new Uint8Array(rels.length * 16);
    const dv = new DataView(data.buffer);
    rels.forEach((r, j) => {
      const sym = typeof r.sym === 'number' ? r.sym : 1 + symbols.findIndex((s) => s.name === r.sym);
      if (sym === 0 && typeof r.sym === 'string') throw new Error(`elf-writer: no symbol ${r.sym}`);
      dv.setBigUint64(j * 16, BigInt(r.offset), true);
      dv.setUint32(j * 16 + 8, r.type, true);
      dv.setUint32(j * 16 + 12, sym, true);
    });
    secs.push({ name: `.rel${target}`, type: SHT.REL, flags: 0, data, size: data.length, link: symtabIndex, info: index(target), entsize: 16, align: 8 });
  });
  if (hasSymtab) {
    const data = new Uint8Array((symbols.length + 1) * 24);
    const dv = new DataView(data.buffer);
    symbols.forEach((s, j) => {
      const at = (j + 1) * 24;
      dv.setUint32(at, symNames.add(s.name), true);
      data[at + 4] = ((s.bind ?? STB.GLOBAL) << 4) | s.type;
      dv.setUint16(at + 6, typeof s.section === 'number' ? s.section : index(s.section), true);
      dv.setBigUint64(at + 8, BigInt(s.value ?? 0), true);
      dv.setBigUint64(at + 16, BigInt(s.size ?? 0), true);
    });
    secs.push({ name: '.symtab', type: SHT.SYMTAB, flags: 0, data, size: data.length, link: symtabIndex + 1, info: 1, entsize: 24, align: 8 });
    const strtab = symNames.bytes();
    secs.push({ name: '.strtab', type: SHT.STRTAB, flags: 0, data: strtab, size: strtab.length, link: 0, info: 0, entsize: 0, align: 1 });
  }
  const shstr = new StrTab();
  const nameOffs = secs.map((s) => shstr.add(s.name));
  const shstrtabName = shstr.add('.shstrtab');
  const shstrtab = shstr.bytes();
  secs.push({ name: '.shstrtab', type: SHT.STRTAB, flags: 0, data: shstrtab, size: shstrtab.length, link: 0, info: 0, entsize: 0, align: 1 });
  nameOffs.push(shstrtabName);

  // Layout: header, section data (8-aligned), section header table.
  let at = 64;
  const offsets = secs.map((s) => {
    at = (at + 7) & ~7;
    const off = at;
    at += s.data.length;
    return off;
  });
  const shoff = (at + 7) & ~7;
  const shnum = secs.length + 1;
  const out = new Uint8Array(shoff + shnum * 64);
  const dv = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1], 0);
  dv.setUint16(16, 1, true); // ET_REL
  dv.setUint16(18, spec.machine ?? 247, true); // EM_BPF
  dv.setUint32(20, 1, true);
  dv.setBigUint64(40, BigInt(shoff), true);
  dv.setUint16(52, 64, true);
  dv.setUint16(58, 64, true);
  dv.setUint16(60, shnum, true);
  dv.setUint16(62, shnum - 1, true);
  secs.forEach((s, j) => {
    out.set(s.data, offsets[j]!);
    const h = shoff + (j + 1) * 64;
    dv.setUint32(h, nameOffs[j]!, true);
    dv.setUint32(h + 4, s.type, true);
    dv.setBigUint64(h + 8, BigInt(s.flags), true);
    dv.setBigUint64(h + 24, BigInt(offsets[j]!), true);
    dv.setBigUint64(h + 32, BigInt(s.size), true);
    dv.setUint32(h + 40, s.link, true);
    dv.setUint32(h + 44, s.info, true);
    dv.setBigUint64(h + 48, BigInt(s.align), true);
    dv.setBigUint64(h + 56, BigInt(s.entsize), true);
  });
  return out;
}

/** Byte offset of section header `index` (for corrupting fixtures). */
export function sectionHeaderOffset(elf: Uint8Array, index: number): number {
  const dv = new DataView(elf.buffer, elf.byteOffset, elf.byteLength);
  return Number(dv.getBigUint64(40, true)) + index * 64;
}

/** Where section `name` of an ELF image lives: index, data offset and size, header offset, name string offset. */
export function findSection(elf: Uint8Array, name: string): { index: number; offset: number; size: number; header: number; nameAt: number } {
  const dv = new DataView(elf.buffer, elf.byteOffset, elf.byteLength);
  const shoff = Number(dv.getBigUint64(40, true));
  const shnum = dv.getUint16(60, true);
  const shstrndx = dv.getUint16(62, true);
  const strOff = Number(dv.getBigUint64(shoff + shstrndx * 64 + 24, true));
  for (let i = 1; i < shnum; i++) {
    const h = shoff + i * 64;
    let p = strOff + dv.getUint32(h, true);
    let s = '';
    while (elf[p] !== 0) s += String.fromCharCode(elf[p++]!);
    if (s === name)
      return { index: i, offset: Number(dv.getBigUint64(h + 24, true)), size: Number(dv.getBigUint64(h + 32, true)), header: h, nameAt: strOff + dv.getUint32(h, true) };
  }
  throw new Error(`no section ${name}`);
}
