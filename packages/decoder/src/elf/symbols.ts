// The ELF symbol table (.symtab) and its string table: names, kinds, bindings and the
// section each symbol lives in, checked against the section header table. Corresponds to
// the SHT_SYMTAB handling in libbpf's bpf_object__elf_collect() and elf_sym_by_idx().
import { hex } from './bytes.js';
import { type ElfFile, type ElfSection, SHT_STRTAB, SHT_SYMTAB } from './elf-file.js';

const SYM_SIZE = 24;

export const STT_NOTYPE = 0;
export const STT_OBJECT = 1;
export const STT_FUNC = 2;
export const STT_SECTION = 3;
export const STT_FILE = 4;

export const STB_LOCAL = 0;
export const STB_GLOBAL = 1;
export const STB_WEAK = 2;

export const SHN_UNDEF = 0;
/** First reserved section index (SHN_LORESERVE): ABS, COMMON, XINDEX … live above it. */
export const SHN_LORESERVE = 0xff00;

export interface ElfSymbol {
  readonly index: number;
  readonly name: string;
  readonly type: number;
  readonly bind: number;
  /** Section index, SHN_UNDEF (extern) or a reserved index >= SHN_LORESERVE. */
  readonly shndx: number;
  readonly value: number;
  readonly size: number;
}

export interface SymbolTable {
  readonly section: ElfSection | undefined;
  readonly symbols: readonly ElfSymbol[];
}

export function parseSymbols(elf: ElfFile): SymbolTable {
  const tabs = elf.sections.filter((s) => s.type === SHT_SYMTAB);
  if (tabs.length === 0) return { section: undefined, symbols: [] };
  if (tabs.length > 1) tabs[1]!.view.fail(`second SHT_SYMTAB section (the first is section ${tabs[0]!.index} '${tabs[0]!.name}')`);
  const symtab = tabs[0]!;
  const v = symtab.view;
  if (symtab.entsize !== SYM_SIZE) v.fail(`sh_entsize is ${symtab.entsize}, expected ${SYM_SIZE}`);
  if (symtab.size % SYM_SIZE !== 0) v.fail(`size ${symtab.size} is not a multiple of the ${SYM_SIZE}-byte symbol size`);
  const strtab = elf.sections[symtab.link];
  if (strtab === undefined || symtab.link === 0 || strtab.type !== SHT_STRTAB)
    v.fail(`sh_link ${symtab.link} does not name a string table section`);
  const n = symtab.size / SYM_SIZE;
  const symbols: ElfSymbol[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const at = i * SYM_SIZE;
    const info = v.u8(at + 4);
    const shndx = v.u16(at + 6);
    if (shndx !== SHN_UNDEF && shndx < SHN_LORESERVE && shndx >= elf.sections.length)
      v.fail(`symbol ${i}: section index ${shndx} out of range (${elf.sections.length} sections)`, at + 6);
    symbols[i] = {
      index: i,
      name: i === 0 ? '' : strtab.view.cstring(v.u32(at), `${symtab.name}: name of symbol ${i} at offset ${hex(at)}`),
      type: info & 0xf,
      bind: info >> 4,
      shndx,
      value: v.u64(at + 8),
      size: v.u64(at + 16),
    };
  }
  return { section: symtab, symbols };
}
