// .BTF.ext func_info / line_info attached to the object's functions: checks that every
// record names a code section and an instruction inside it (func_info: a function start),
// then translates section byte offsets to a linked program's slot numbering. Corresponds to
// libbpf's bpf_program_reloc_btf_ext() / adjust_prog_btf_ext_info().
import type { FuncMeta } from '@bpfkit/ir';
import type { Btf } from '../btf/btf.js';
import type { BtfExt, BtfExtSection } from '../btf/btf-ext.js';
import { hex, objectError } from './bytes.js';
import { type ElfFile, type ElfSection, isCodeSection, sectionByName } from './elf-file.js';
import type { ElfFunc, Functions } from './functions.js';
import type { LinkedProgram } from './link.js';
import type { LineInfo } from './object-types.js';

const INSN = 8;

export interface ExtInfo {
  /** FuncMeta for each function of a linked program, in layout order. */
  funcMeta(linked: LinkedProgram): FuncMeta[];
  /** Per-slot line info of a linked program ([] when the object has no line_info). */
  lineInfo(linked: LinkedProgram): (LineInfo | undefined)[];
}

function codeSectionOf(elf: ElfFile, block: BtfExtSection<unknown>, what: string): ElfSection {
  const sec = sectionByName(elf, block.section);
  if (sec === undefined || !isCodeSection(sec))
    throw objectError('BTF', `.BTF.ext: ${what} block at offset ${hex(block.offset)}: '${block.section}' is not a code section of the object`);
  return sec;
}

/** Without .BTF.ext: symbol names, no argument counts, no line info. */
export const noExtInfo: ExtInfo = {
  funcMeta: (linked) => linked.layout.map((f, i) => ({ start: linked.positions[i]!, name: f.name })),
  lineInfo: () => [],
};

export function attachExtInfo(ext: BtfExt, btf: Btf, elf: ElfFile, funcs: Functions): ExtInfo {
  // func_info: FUNC type id per function.
  const funcType = new Map<ElfFunc, number>();
  for (const block of ext.funcInfo) {
    const sec = codeSectionOf(elf, block, 'func_info');
    for (const rec of block.records) {
      const where = `.BTF.ext: func_info record ${rec.index} at offset ${hex(rec.offset)}`;
      const fn = funcs.at(sec.index, rec.insnOff / INSN);
      if (fn === undefined)
        throw objectError('BTF', `${where}: insn_off ${hex(rec.insnOff)} is not the start of a function in section '${sec.name}'`);
      if (!funcType.has(fn)) funcType.set(fn, rec.typeId);
    }
  }
  // line_info: per section, records sorted by instruction.
  const lines = new Map<ElfSection, { slot: number; info: LineInfo }[]>();
  for (const block of ext.lineInfo) {
    const sec = codeSectionOf(elf, block, 'line_info');
    let list = lines.get(sec);
    if (list === undefined) lines.set(sec, (list = []));
    for (const rec of block.records) {
      if (rec.insnOff >= sec.size)
        throw objectError('BTF', `.BTF.ext: line_info record ${rec.index} at offset ${hex(rec.offset)}: insn_off ${hex(rec.insnOff)} is past the end of section '${sec.name}' (${sec.size} bytes)`);
      list.push({ slot: rec.insnOff / INSN, info: { file: rec.file, line: rec.line, column: rec.column, source: rec.source } });
    }
  }
  const hasLines = ext.lineInfo.length > 0;
  return {
    funcMeta: (linked) =>
      linked.layout.map((f, i) => {
        const start = linked.positions[i]!;
        const typeId = funcType.get(f);
        if (typeId === undefined) return { start, name: f.name };
        return { start, name: btf.typeName(typeId) || f.name, argCount: btf.funcProto(typeId).params.length };
      }),
    lineInfo: (linked) => {
      if (!hasLines) return [];
      const total = linked.bytes.length / INSN;
      const out: (LineInfo | undefined)[] = new Array(total).fill(undefined);
      linked.layout.forEach((f, i) => {
        const base = linked.positions[i]! - f.start;
        for (const { slot, info } of lines.get(f.section) ?? []) if (slot >= f.start && slot < f.end) out[base + slot] = info;
      });
      return out;
    },
  };
}
