// Relocation sections (.rel<section>): parse every SHT_REL entry, check its symbol, type
// and offset, and index the ones that apply to code by instruction slot. Data, BTF and
// DWARF relocations (R_BPF_64_ABS64/ABS32/NODYLD32) are checked and then ignored.
// Corresponds to libbpf's bpf_object__collect_relos() / bpf_object__collect_prog_relos().
import { hex } from './bytes.js';
import { type ElfFile, type ElfSection, SHT_REL, SHT_RELA, isCodeSection } from './elf-file.js';
import type { SymbolTable } from './symbols.js';

export const R_BPF_NONE = 0;
export const R_BPF_64_64 = 1;
export const R_BPF_64_ABS64 = 2;
export const R_BPF_64_ABS32 = 3;
export const R_BPF_64_NODYLD32 = 4;
export const R_BPF_64_32 = 10;

const REL_SIZE = 16;
const INSN = 8;
const LD_IMM64 = 0x18;
const CALL = 0x85;

const TYPE_NAMES: Record<number, string> = {
  [R_BPF_NONE]: 'R_BPF_NONE',
  [R_BPF_64_64]: 'R_BPF_64_64',
  [R_BPF_64_ABS64]: 'R_BPF_64_ABS64',
  [R_BPF_64_ABS32]: 'R_BPF_64_ABS32',
  [R_BPF_64_NODYLD32]: 'R_BPF_64_NODYLD32',
  [R_BPF_64_32]: 'R_BPF_64_32',
};
export const relocTypeName = (t: number): string => TYPE_NAMES[t] ?? `type ${t}`;

/** One relocation that applies to an instruction. */
export interface CodeReloc {
  /** The relocation section and the entry's index in it (for messages). */
  readonly rel: ElfSection;
  readonly entry: number;
  readonly type: number;
  readonly sym: number;
}

export interface Relocations {
  /** Code relocations of section `sectionIndex`, keyed by instruction slot. */
  code(sectionIndex: number): ReadonlyMap<number, CodeReloc>;
}

const EMPTY: ReadonlyMap<number, CodeReloc> = new Map();

export function collectRelocations(elf: ElfFile, symtab: SymbolTable): Relocations {
  const bySection = new Map<number, Map<number, CodeReloc>>();
  for (const rel of elf.sections) {
    if (rel.type === SHT_RELA) {
      const target = elf.sections[rel.info];
      if (target !== undefined && isCodeSection(target)) rel.view.fail(`SHT_RELA relocations for code section '${target.name}' are not supported (BPF uses SHT_REL)`);
      continue;
    }
    if (rel.type !== SHT_REL) continue;
    const v = rel.view;
    if (rel.entsize !== REL_SIZE) v.fail(`sh_entsize is ${rel.entsize}, expected ${REL_SIZE}`);
    if (rel.size % REL_SIZE !== 0) v.fail(`size ${rel.size} is not a multiple of the ${REL_SIZE}-byte relocation size`);
    if (symtab.section === undefined || rel.link !== symtab.section.index)
      v.fail(`sh_link ${rel.link} does not name the symbol table${symtab.section ? ` (section ${symtab.section.index})` : ' (there is none)'}`);
    const target = elf.sections[rel.info];
    if (target === undefined || rel.info === 0) v.fail(`sh_info ${rel.info} does not name a section`);
    const code = isCodeSection(target);
    const map = code ? (bySection.get(target.index) ?? new Map<number, CodeReloc>()) : undefined;
    if (map) bySection.set(target.index, map);
    const n = rel.size / REL_SIZE;
    let e = 0;
    const fail = (msg: string, insn?: number): never => v.fail(`relocation ${e}: ${msg}`, e * REL_SIZE, insn);
    for (; e < n; e++) {
      const at = e * REL_SIZE;
      const offset = v.u64(at);
      const type = v.u32(at + 8);
      const sym = v.u32(at + 12);
      if (sym >= symtab.symbols.length) fail(`symbol index ${sym} out of range (${symtab.symbols.length} symbols)`);
      if (TYPE_NAMES[type] === undefined) fail(`unknown relocation type ${type}`);
      if (type === R_BPF_NONE) continue;
      if (!code) {
        if (type === R_BPF_64_32) fail(`${relocTypeName(type)} in non-code section '${target.name}'`);
        const width = type === R_BPF_64_ABS32 || type === R_BPF_64_NODYLD32 ? 4 : 8;
        if (!target.view.has(offset, width))
          fail(`${relocTypeName(type)} at ${hex(offset)} runs past the end of section '${target.name}' (${target.size} bytes)`);
        continue;
      }
      if (offset % INSN !== 0 || !target.view.has(offset, INSN))
        fail(`offset ${hex(offset)} is not an instruction of section '${target.name}' (${target.size} bytes)`);
      const slot = offset / INSN;
      if (type !== R_BPF_64_64 && type !== R_BPF_64_32) fail(`${relocTypeName(type)} is not allowed in code section '${target.name}' (insn ${slot})`, slot);
      const opcode = target.view.u8(offset);
      if (type === R_BPF_64_64 && opcode !== LD_IMM64)
        fail(`R_BPF_64_64 on insn ${slot} of '${target.name}', which is opcode ${hex(opcode)}, not ld_imm64`, slot);
      if (type === R_BPF_64_32 && opcode !== CALL)
        fail(`R_BPF_64_32 on insn ${slot} of '${target.name}', which is opcode ${hex(opcode)}, not call`, slot);
      if (type === R_BPF_64_64 && !target.view.has(offset, 2 * INSN))
        fail(`ld_imm64 at insn ${slot} of '${target.name}' is cut off by the end of the section`, slot);
      if (map!.has(slot)) fail(`second relocation for insn ${slot} of '${target.name}'`, slot);
      map!.set(slot, { rel, entry: e, type, sym });
    }
  }
  return { code: (i) => bySection.get(i) ?? EMPTY };
}
