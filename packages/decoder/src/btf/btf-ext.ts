// Parse a .BTF.ext section: header, then the func_info and line_info subsections, each a
// record size followed by per-ELF-section blocks {sec_name_off, num_info, records}. Offsets
// stay in bytes, relative to the named ELF section, as clang writes them; core_relo is
// skipped. Corresponds to libbpf's btf_ext__new() / btf_ext_setup_func_info() / _line_info().
import { ByteView, hex } from '../elf/bytes.js';
import type { Btf } from './btf.js';
import { BTF_KIND_FUNC, BTF_KIND_FUNC_PROTO, btfKindName } from './btf-types.js';
import { BTF_MAGIC } from './btf-parse.js';

const HDR_MIN = 24;
const FUNC_INFO_MIN = 8;
const LINE_INFO_MIN = 16;

export interface FuncInfoRecord {
  /** Global record number within func_info (for messages). */
  readonly index: number;
  /** Byte offset of the record in .BTF.ext. */
  readonly offset: number;
  /** Byte offset of the function's first instruction in its ELF section. */
  readonly insnOff: number;
  /** The FUNC type. */
  readonly typeId: number;
}

export interface LineInfoRecord {
  readonly index: number;
  readonly offset: number;
  readonly insnOff: number;
  readonly file: string;
  /** The source line's text. */
  readonly source: string;
  readonly line: number;
  readonly column: number;
}

export interface BtfExtSection<T> {
  /** ELF section name the records are about ("tc", ".text" …). */
  readonly section: string;
  /** Byte offset of the block header in .BTF.ext. */
  readonly offset: number;
  readonly records: readonly T[];
}

export interface BtfExt {
  readonly funcInfo: readonly BtfExtSection<FuncInfoRecord>[];
  readonly lineInfo: readonly BtfExtSection<LineInfoRecord>[];
}

/** Walk one info subsection; `read` turns the record at byte offset `at` into a T. */
function readInfo<T>(
  v: ByteView, btf: Btf, what: string, start: number, len: number, minRec: number,
  read: (at: number, index: number, where: string) => T,
): BtfExtSection<T>[] {
  const out: BtfExtSection<T>[] = [];
  if (len === 0) return out;
  const end = start + len;
  if (len < 4) v.fail(`${what} is ${len} bytes, too short for its record size`, start);
  const recSize = v.u32(start);
  if (recSize < minRec || recSize % 4 !== 0) v.fail(`${what} record size ${recSize} is invalid (minimum ${minRec}, multiple of 4)`, start);
  let at = start + 4;
  let index = 0;
  while (at < end) {
    if (at + 8 > end) v.fail(`${what} block header cut off by the end of ${what}`, at);
    const nameOff = v.u32(at);
    const count = v.u32(at + 4);
    const section = btf.stringAt(nameOff);
    if (section === undefined) v.fail(`${what} block: section name offset ${hex(nameOff)} out of range`, at);
    if (count === 0) v.fail(`${what} block for section '${section}' has no records`, at);
    if (count * recSize > end - at - 8) v.fail(`${what} block for section '${section}': ${count} records of ${recSize} bytes run past the end of ${what}`, at);
    const blockAt = at;
    const records: T[] = new Array(count);
    at += 8;
    for (let j = 0; j < count; j++, at += recSize, index++) records[j] = read(at, index, `${what} record ${index} at offset ${hex(at)}`);
    out.push({ section, offset: blockAt, records });
  }
  return out;
}

/** Parse the bytes of a .BTF.ext section against its .BTF (read, never written or retained). */
export function parseBtfExt(section: Uint8Array, btf: Btf): BtfExt {
  const v: ByteView = new ByteView(section, '.BTF.ext', 'BTF');
  if (v.length < 8) v.fail(`section is ${v.length} bytes, shorter than the header`);
  const magic = v.u16(0);
  if (magic === 0x9feb) v.fail('big-endian BTF.ext is not supported', 0);
  if (magic !== BTF_MAGIC) v.fail(`bad magic ${hex(magic)}, expected ${hex(BTF_MAGIC)}`, 0);
  const version = v.u8(2);
  if (version !== 1) v.fail(`unsupported version ${version}`, 2);
  const hdrLen = v.u32(4);
  if (hdrLen < HDR_MIN || hdrLen > v.length) v.fail(`hdr_len ${hdrLen} is outside ${HDR_MIN}..${v.length}`, 4);
  const sub = (offField: number, name: string): [number, number] => {
    const off = v.u32(offField);
    const len = v.u32(offField + 4);
    if (off % 4 !== 0) v.fail(`${name}_off ${hex(off)} is not 4-byte aligned`, offField);
    if (!v.has(hdrLen + off, len)) v.fail(`${name} (${len} bytes at ${hex(hdrLen + off)}) runs past the end (${v.length} bytes)`, offField);
    return [hdrLen + off, len];
  };
  const [fStart, fLen] = sub(8, 'func_info');
  const [lStart, lLen] = sub(16, 'line_info');
  const ntypes = btf.types.length;
  const funcInfo = readInfo(v, btf, 'func_info', fStart, fLen, FUNC_INFO_MIN, (at, index, where) => {
    const insnOff = v.u32(at);
    const typeId = v.u32(at + 4);
    if (insnOff % 8 !== 0) v.fail(`${where}: insn_off ${hex(insnOff)} is not a multiple of 8`);
    if (typeId === 0 || typeId >= ntypes) v.fail(`${where}: type id ${typeId} out of range (${ntypes} types)`);
    const fn = btf.types[typeId]!;
    if (fn.kind !== BTF_KIND_FUNC) v.fail(`${where}: type id ${typeId} is ${btfKindName(fn.kind)}, not FUNC`);
    const proto = btf.types[fn.type]!.kind;
    if (proto !== BTF_KIND_FUNC_PROTO) v.fail(`${where}: FUNC type id ${typeId} points at ${btfKindName(proto)}, not FUNC_PROTO`);
    return { index, offset: at, insnOff, typeId };
  });
  const lineInfo = readInfo(v, btf, 'line_info', lStart, lLen, LINE_INFO_MIN, (at, index, where) => {
    const insnOff = v.u32(at);
    const fileOff = v.u32(at + 4);
    const lineOff = v.u32(at + 8);
    const lineCol = v.u32(at + 12);
    if (insnOff % 8 !== 0) v.fail(`${where}: insn_off ${hex(insnOff)} is not a multiple of 8`);
    const file = btf.stringAt(fileOff);
    if (file === undefined) v.fail(`${where}: file_name_off ${hex(fileOff)} out of range`);
    const source = btf.stringAt(lineOff);
    if (source === undefined) v.fail(`${where}: line_off ${hex(lineOff)} out of range`);
    return { index, offset: at, insnOff, file, source, line: lineCol >>> 10, column: lineCol & 0x3ff };
  });
  return { funcInfo, lineInfo };
}
