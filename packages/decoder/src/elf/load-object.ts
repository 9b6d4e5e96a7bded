// loadObject(): a clang-built BPF ELF object to bpfkit Programs. Parses the ELF, .BTF and
// .BTF.ext, collects functions, relocations and maps, links each entry program with its
// subprograms and builds it through decode(), so the usual instruction validation applies.
// The counterpart of libbpf's bpf_object__open_mem() + bpf_object__relocate() (no kernel).
import { BpfError } from '@bpfkit/ir';
import { decode } from '../decode.js';
import { type Btf } from '../btf/btf.js';
import { type BtfExt, parseBtfExt } from '../btf/btf-ext.js';
import { parseBtf } from '../btf/btf-parse.js';
import { objectError, utf8 } from './bytes.js';
import { parseElf, sectionByName } from './elf-file.js';
import { attachExtInfo, noExtInfo } from './ext-info.js';
import { collectFunctions } from './functions.js';
import { linkProgram } from './link.js';
import { collectMaps } from './maps.js';
import type { BpfObject, LoadObjectOptions, ObjectProgram } from './object-types.js';
import { collectRelocations } from './relocations.js';
import { parseSymbols } from './symbols.js';

/** Subprograms live here; every function in any other code section is an entry program. */
const TEXT = '.text';

export function loadObject(bytes: Uint8Array, options: LoadObjectOptions = {}): BpfObject {
  if (!(bytes instanceof Uint8Array)) throw objectError('ELF', 'object must be a Uint8Array of bytes');
  try {
    return load(bytes);
  } catch (e) {
    if (e instanceof BpfError && options.file !== undefined)
      throw new BpfError(e.code, `${options.file}: ${e.message}`, {
        insn: e.insn, pass: e.pass ?? 'decoder', ...(e.errno !== undefined ? { errno: e.errno } : {}), cause: e,
      });
    throw e;
  }
}

function load(bytes: Uint8Array): BpfObject {
  const elf = parseElf(bytes);
  const symtab = parseSymbols(elf);
  const btfSec = sectionByName(elf, '.BTF');
  const btf: Btf | undefined = btfSec ? parseBtf(btfSec.view.bytes) : undefined;
  const extSec = sectionByName(elf, '.BTF.ext');
  if (extSec !== undefined && btf === undefined) throw objectError('ELF', '.BTF.ext: present without a .BTF section');
  const ext: BtfExt | undefined = extSec && btf ? parseBtfExt(extSec.view.bytes, btf) : undefined;
  const funcs = collectFunctions(elf, symtab);
  const relocs = collectRelocations(elf, symtab);
  const maps = collectMaps(elf, symtab, btf);
  const extInfo = ext && btf ? attachExtInfo(ext, btf, elf, funcs) : noExtInfo;
  const licenseSec = sectionByName(elf, 'license');
  let license: string | undefined;
  if (licenseSec !== undefined) {
    const b = licenseSec.view.bytes;
    const nul = b.indexOf(0);
    license = utf8(b, 0, nul < 0 ? b.length : nul);
  }

  const programs: ObjectProgram[] = [];
  for (const entry of funcs.all) {
    if (entry.section.name === TEXT) continue;
    const linked = linkProgram(entry, { elf, symtab, funcs, relocs, maps });
    const meta = extInfo.funcMeta(linked);
    let program;
    try {
      program = decode(linked.bytes, { funcs: meta });
    } catch (e) {
      if (!(e instanceof BpfError)) throw e;
      throw new BpfError(e.code, `${entry.section.name}: program '${entry.name}': ${e.message}`, {
        insn: e.insn, pass: 'decoder', ...(e.errno !== undefined ? { errno: e.errno } : {}), cause: e,
      });
    }
    programs.push({ name: entry.name, section: entry.section.name, program, lineInfo: extInfo.lineInfo(linked) });
  }
  return { license, programs, maps: maps.maps, btf };
}
