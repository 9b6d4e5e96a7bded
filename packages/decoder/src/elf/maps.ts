// The object's maps: BTF-defined maps, one per VAR of the ".maps" DATASEC (in declaration
// order), then one single-entry ARRAY per global-data section (.data*, .rodata*, .bss*) in
// section order, with the section contents as initial value. Corresponds to libbpf's
// bpf_object__init_user_btf_maps() and bpf_object__init_global_data_maps().
import type { Btf } from '../btf/btf.js';
import { BTF_KIND_DATASEC, BTF_KIND_VAR, btfKindName } from '../btf/btf-types.js';
import { parseMapDef } from '../btf/map-def.js';
import { objectError } from './bytes.js';
import { type ElfFile, type ElfSection, SHF_ALLOC, SHF_EXECINSTR, SHT_NOBITS, SHT_PROGBITS, sectionByName } from './elf-file.js';
import type { MapDef } from './object-types.js';
import type { SymbolTable } from './symbols.js';

export const MAPS_SECTION = '.maps';
export const BPF_MAP_TYPE_ARRAY = 2;
export const BPF_F_RDONLY_PROG = 1 << 7;
export const BPF_F_MMAPABLE = 1 << 10;

/** Largest global-data section accepted (a corrupted .bss size must not allocate gigabytes). */
export const MAX_GLOBAL_DATA = 1 << 24;

export type DataKind = 'data' | 'rodata' | 'bss';

/** Which global-data kind a section is, if any (by name, as libbpf does). */
export function dataKind(s: ElfSection): DataKind | undefined {
  if ((s.flags & SHF_ALLOC) === 0 || (s.flags & SHF_EXECINSTR) !== 0) return undefined;
  const is = (prefix: string): boolean => s.name === prefix || s.name.startsWith(prefix + '.');
  if (s.type === SHT_PROGBITS && is('.data')) return 'data';
  if (s.type === SHT_PROGBITS && is('.rodata')) return 'rodata';
  if ((s.type === SHT_NOBITS || s.type === SHT_PROGBITS) && is('.bss')) return 'bss';
  return undefined;
}

export interface ObjectMaps {
  readonly maps: readonly MapDef[];
  /** Section index of .maps, if present. */
  readonly mapsSection: number | undefined;
  /** Index of the BTF-defined map at byte `offset` of .maps. */
  btfMapAt(offset: number): number | undefined;
  /** Index of the global-data map of section `shndx`. */
  dataMap(shndx: number): number | undefined;
}

export function collectMaps(elf: ElfFile, symtab: SymbolTable, btf: Btf | undefined): ObjectMaps {
  const maps: MapDef[] = [];
  const byOffset = new Map<number, number>();
  const mapsSec = sectionByName(elf, MAPS_SECTION);
  if (mapsSec !== undefined) {
    if (btf === undefined) throw objectError('ELF', `${MAPS_SECTION}: BTF-defined maps need a .BTF section, and there is none`);
    const secId = btf.findByName(MAPS_SECTION, BTF_KIND_DATASEC);
    if (secId === undefined) {
      if (mapsSec.size !== 0) throw objectError('BTF', `${MAPS_SECTION}: .BTF has no DATASEC '${MAPS_SECTION}' describing the section`);
    } else {
      const datasec = btf.type(secId);
      if (datasec.kind !== BTF_KIND_DATASEC) throw objectError('BTF', `${MAPS_SECTION}: internal: not a DATASEC`);
      // Symbol offsets are authoritative (libbpf's btf_fixup_datasec() trusts them over BTF).
      const symOffset = new Map<string, number>();
      for (const s of symtab.symbols) if (s.shndx === mapsSec.index && s.name !== '' && !symOffset.has(s.name)) symOffset.set(s.name, s.value);
      for (const vi of datasec.vars) {
        const v = btf.type(vi.type);
        if (v.kind !== BTF_KIND_VAR)
          throw objectError('BTF', `${MAPS_SECTION}: DATASEC entry type id ${vi.type} is ${btfKindName(v.kind)}, not VAR`);
        const attrs = parseMapDef(btf, v.name, v.type);
        const offset = symOffset.get(v.name) ?? vi.offset;
        if (!byOffset.has(offset)) byOffset.set(offset, maps.length);
        maps.push({ name: v.name, ...attrs, section: MAPS_SECTION });
      }
    }
  }
  const bySection = new Map<number, number>();
  for (const s of elf.sections) {
    const kind = dataKind(s);
    if (kind === undefined || s.size === 0) continue;
    if (s.size > MAX_GLOBAL_DATA)
      throw objectError('ELF', `${s.name}: global data section of ${s.size} bytes is larger than the ${MAX_GLOBAL_DATA} bytes supported`);
    bySection.set(s.index, maps.length);
    maps.push({
      name: s.name,
      type: BPF_MAP_TYPE_ARRAY,
      keySize: 4,
      valueSize: s.size,
      maxEntries: 1,
      flags: kind === 'rodata' ? BPF_F_RDONLY_PROG | BPF_F_MMAPABLE : BPF_F_MMAPABLE,
      initial: s.type === SHT_NOBITS ? new Uint8Array(s.size) : s.view.bytes.slice(),
      section: s.name,
    });
  }
  return {
    maps,
    mapsSection: mapsSec?.index,
    btfMapAt: (offset) => byOffset.get(offset),
    dataMap: (shndx) => bySection.get(shndx),
  };
}
