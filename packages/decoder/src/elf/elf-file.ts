// The ELF64 little-endian container of a BPF object: file header checks (magic, class,
// byte order, ET_REL, EM_BPF) and the section header table with names and in-bounds data
// views. Corresponds to libbpf's bpf_object__elf_init() and the section walk at the start
// of bpf_object__elf_collect().
import { ByteView, hex } from './bytes.js';

export const EM_BPF = 247;
export const ET_REL = 1;
const ELFCLASS64 = 2;
const ELFDATA2LSB = 1;
const EV_CURRENT = 1;
const EHDR_SIZE = 64;
const SHDR_SIZE = 64;

export const SHT_NULL = 0;
export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_RELA = 4;
export const SHT_NOBITS = 8;
export const SHT_REL = 9;

export const SHF_WRITE = 0x1;
export const SHF_ALLOC = 0x2;
export const SHF_EXECINSTR = 0x4;

export interface ElfSection {
  readonly index: number;
  readonly name: string;
  readonly type: number;
  /** Low 32 bits of sh_flags (every flag we look at lives there). */
  readonly flags: number;
  readonly offset: number;
  readonly size: number;
  readonly link: number;
  readonly info: number;
  readonly entsize: number;
  /** The section's bytes (a read-only view of the input; empty for SHT_NOBITS / SHT_NULL). */
  readonly view: ByteView;
}

export interface ElfFile {
  readonly file: ByteView;
  /** All sections by index; `sections[0]` is the null section. */
  readonly sections: readonly ElfSection[];
}

/** Is this a code section (SHT_PROGBITS with SHF_EXECINSTR)? */
export const isCodeSection = (s: ElfSection): boolean => s.type === SHT_PROGBITS && (s.flags & SHF_EXECINSTR) !== 0;

export function parseElf(bytes: Uint8Array): ElfFile {
  const file: ByteView = new ByteView(bytes, 'ELF header', 'ELF');
  if (bytes.length < EHDR_SIZE) file.fail(`file is ${bytes.length} bytes, shorter than the ${EHDR_SIZE}-byte ELF64 header`);
  if (bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46)
    file.fail(`bad magic ${hex(file.u32(0))} (not an ELF file)`, 0);
  if (bytes[4] !== ELFCLASS64) file.fail(`EI_CLASS is ${bytes[4]}, expected 2 (ELFCLASS64)`, 4);
  if (bytes[5] !== ELFDATA2LSB) file.fail(`EI_DATA is ${bytes[5]}, expected 1 (little-endian)`, 5);
  if (bytes[6] !== EV_CURRENT) file.fail(`EI_VERSION is ${bytes[6]}, expected 1`, 6);
  const type = file.u16(16);
  if (type !== ET_REL) file.fail(`e_type is ${type}, expected 1 (ET_REL, a relocatable object)`, 16);
  const machine = file.u16(18);
  if (machine !== EM_BPF) file.fail(`e_machine is ${machine}, expected ${EM_BPF} (EM_BPF)`, 18);
  const shoff = file.u64(40);
  const shentsize = file.u16(58);
  const shnum = file.u16(60);
  const shstrndx = file.u16(62);
  if (shnum === 0) file.fail('e_shnum is 0 (no section headers, or extended numbering, which is not supported)', 60);
  if (shentsize !== SHDR_SIZE) file.fail(`e_shentsize is ${shentsize}, expected ${SHDR_SIZE}`, 58);
  if (!file.has(shoff, shnum * SHDR_SIZE))
    file.fail(`section header table (${shnum} x ${SHDR_SIZE} bytes at ${hex(shoff)}) runs past the end of the file (${bytes.length} bytes)`, 40);
  if (shstrndx === 0 || shstrndx >= shnum) file.fail(`e_shstrndx ${shstrndx} is not a section index (1..${shnum - 1})`, 62);

  const whole: ByteView = new ByteView(bytes, 'ELF file', 'ELF');
  const raw: Omit<ElfSection, 'name' | 'view'>[] = [];
  const nameOffsets: number[] = [];
  for (let i = 0; i < shnum; i++) {
    const at = shoff + i * SHDR_SIZE;
    const hdr = whole.slice(at, SHDR_SIZE, `section header ${i}`);
    const sec = {
      index: i,
      type: hdr.u32(4),
      flags: hdr.u32(8),
      offset: hdr.u64(24),
      size: hdr.u64(32),
      link: hdr.u32(40),
      info: hdr.u32(44),
      entsize: hdr.u64(56),
    };
    if (i > 0 && sec.type !== SHT_NOBITS && sec.type !== SHT_NULL && !whole.has(sec.offset, sec.size))
      hdr.fail(
        `section data (${sec.size} bytes at ${hex(sec.offset)}) runs past the end of the file (${bytes.length} bytes)`,
        at,
      );
    raw.push(sec);
    nameOffsets.push(hdr.u32(0));
  }
  const strtabHdr = raw[shstrndx]!;
  if (strtabHdr.type !== SHT_STRTAB) file.fail(`section ${shstrndx} named by e_shstrndx has type ${strtabHdr.type}, not SHT_STRTAB`, 62);
  const shstrtab = whole.slice(strtabHdr.offset, strtabHdr.size, `section name table (section ${shstrndx})`);
  const sections: ElfSection[] = raw.map((s, i) => {
    const name = i === 0 ? '' : shstrtab.cstring(nameOffsets[i]!, `name of section ${i}`);
    const hasData = i > 0 && s.type !== SHT_NOBITS && s.type !== SHT_NULL;
    const view = hasData
      ? whole.slice(s.offset, s.size, name || `section ${i}`)
      : new ByteView(new Uint8Array(0), name || `section ${i}`, 'ELF');
    return { ...s, name, view };
  });
  return { file: whole, sections };
}

/** The first section called `name`, if any. */
export const sectionByName = (elf: ElfFile, name: string): ElfSection | undefined => elf.sections.find((s) => s.name === name);
