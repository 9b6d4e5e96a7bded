// The functions of an object: every STT_FUNC symbol in a code section becomes a slice of
// that section's instructions (entry programs in named sections, subprograms in .text).
// Corresponds to libbpf's bpf_object__add_programs() / bpf_object__init_prog().
import { hex } from './bytes.js';
import { type ElfFile, type ElfSection, isCodeSection } from './elf-file.js';
import { STB_GLOBAL, STT_FUNC, type SymbolTable } from './symbols.js';

const INSN = 8;

export interface ElfFunc {
  readonly name: string;
  readonly section: ElfSection;
  /** First instruction slot, relative to the section. */
  readonly start: number;
  /** One past the last slot. */
  readonly end: number;
  readonly global: boolean;
}

export interface Functions {
  /** All functions, by section index then start. */
  readonly all: readonly ElfFunc[];
  /** The function that starts exactly at `slot` of section `sectionIndex`. */
  at(sectionIndex: number, slot: number): ElfFunc | undefined;
}

export function collectFunctions(elf: ElfFile, symtab: SymbolTable): Functions {
  const bySection = new Map<number, { name: string; value: number; size: number; global: boolean; sym: number }[]>();
  for (const s of elf.sections) {
    if (!isCodeSection(s)) continue;
    if (s.size % INSN !== 0) s.view.fail(`code section size ${s.size} is not a multiple of ${INSN}`);
    bySection.set(s.index, []);
  }
  for (const sym of symtab.symbols) {
    if (sym.type !== STT_FUNC) continue;
    const list = bySection.get(sym.shndx);
    if (list === undefined) continue;
    list.push({ name: sym.name, value: sym.value, size: sym.size, global: sym.bind === STB_GLOBAL, sym: sym.index });
  }
  const all: ElfFunc[] = [];
  const starts = new Map<number, Map<number, ElfFunc>>();
  const symtabView = symtab.section?.view;
  for (const [index, list] of bySection) {
    const section = elf.sections[index]!;
    const slots = section.size / INSN;
    list.sort((a, b) => a.value - b.value || a.sym - b.sym);
    const byStart = new Map<number, ElfFunc>();
    starts.set(index, byStart);
    for (let j = 0; j < list.length; j++) {
      const f = list[j]!;
      const where = `symbol ${f.sym} '${f.name}'`;
      const fail = (msg: string): never => symtabView!.fail(`${where}: ${msg}`, f.sym * 24);
      if (f.value % INSN !== 0 || f.size % INSN !== 0) fail(`value ${hex(f.value)} / size ${f.size} not a multiple of ${INSN}`);
      const start = f.value / INSN;
      if (start >= slots) fail(`starts at ${hex(f.value)}, past the end of section '${section.name}' (${section.size} bytes)`);
      const next = j + 1 < list.length ? Math.min(list[j + 1]!.value / INSN, slots) : slots;
      const end = f.size === 0 ? next : start + f.size / INSN;
      if (end > slots) fail(`extends past the end of section '${section.name}' (${section.size} bytes)`);
      if (end > next) fail(`overlaps function '${list[j + 1]!.name}' in section '${section.name}'`);
      if (end <= start) fail(`is empty`);
      const fn: ElfFunc = { name: f.name, section, start, end, global: f.global };
      byStart.set(start, fn);
      all.push(fn);
    }
  }
  all.sort((a, b) => a.section.index - b.section.index || a.start - b.start);
  return { all, at: (sectionIndex, slot) => starts.get(sectionIndex)?.get(slot) };
}
