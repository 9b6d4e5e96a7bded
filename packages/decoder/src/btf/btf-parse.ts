// Parse a .BTF section: header (magic 0xeb9f, version 1, section offsets), the type
// records of all kinds 1..19 with their trailers, and the string section; names are
// resolved here and the type graph is then checked (btf-validate). Corresponds to libbpf's
// btf_parse_hdr() / btf_parse_str_sec() / btf_parse_type_sec() behind btf__new().
import { ByteView, hex } from '../elf/bytes.js';
import { Btf } from './btf.js';
import {
  BTF_KIND_ARRAY, BTF_KIND_CONST, BTF_KIND_DATASEC, BTF_KIND_DECL_TAG, BTF_KIND_ENUM, BTF_KIND_ENUM64, BTF_KIND_FLOAT,
  BTF_KIND_FUNC, BTF_KIND_FUNC_PROTO, BTF_KIND_FWD, BTF_KIND_INT, BTF_KIND_MAX, BTF_KIND_PTR, BTF_KIND_RESTRICT,
  BTF_KIND_STRUCT, BTF_KIND_TYPEDEF, BTF_KIND_TYPE_TAG, BTF_KIND_UNION, BTF_KIND_VAR, BTF_KIND_VOLATILE, type BtfType,
  btfKindName,
} from './btf-types.js';
import { validateBtf } from './btf-validate.js';

export const BTF_MAGIC = 0xeb9f;
const BTF_VERSION = 1;
const HDR_MIN = 24;
const TYPE_HDR = 12;

/** Bytes of per-kind data that follow the 12-byte struct btf_type. */
function trailerSize(kind: number, vlen: number): number {
  switch (kind) {
    case BTF_KIND_INT: case BTF_KIND_VAR: case BTF_KIND_DECL_TAG: return 4;
    case BTF_KIND_ARRAY: return 12;
    case BTF_KIND_STRUCT: case BTF_KIND_UNION: case BTF_KIND_DATASEC: case BTF_KIND_ENUM64: return 12 * vlen;
    case BTF_KIND_ENUM: case BTF_KIND_FUNC_PROTO: return 8 * vlen;
    default: return 0;
  }
}

/** Parse the bytes of a .BTF section (they are read, never written or retained). */
export function parseBtf(section: Uint8Array): Btf {
  const v: ByteView = new ByteView(section, '.BTF', 'BTF');
  if (v.length < HDR_MIN) v.fail(`section is ${v.length} bytes, shorter than the ${HDR_MIN}-byte header`);
  const magic = v.u16(0);
  if (magic === 0x9feb) v.fail('big-endian BTF is not supported', 0);
  if (magic !== BTF_MAGIC) v.fail(`bad magic ${hex(magic)}, expected ${hex(BTF_MAGIC)}`, 0);
  const version = v.u8(2);
  if (version !== BTF_VERSION) v.fail(`unsupported version ${version}`, 2);
  const hdrLen = v.u32(4);
  if (hdrLen < HDR_MIN || hdrLen > v.length) v.fail(`hdr_len ${hdrLen} is outside ${HDR_MIN}..${v.length}`, 4);
  const typeOff = v.u32(8);
  const typeLen = v.u32(12);
  const strOff = v.u32(16);
  const strLen = v.u32(20);
  if (typeOff % 4 !== 0) v.fail(`type_off ${hex(typeOff)} is not 4-byte aligned`, 8);
  if (!v.has(hdrLen + typeOff, typeLen))
    v.fail(`type section (${typeLen} bytes at ${hex(hdrLen + typeOff)}) runs past the end (${v.length} bytes)`, 8);
  if (!v.has(hdrLen + strOff, strLen))
    v.fail(`string section (${strLen} bytes at ${hex(hdrLen + strOff)}) runs past the end (${v.length} bytes)`, 16);
  const strStart = hdrLen + strOff;
  if (strLen === 0 || section[strStart] !== 0 || section[strStart + strLen - 1] !== 0)
    v.fail('string section must be non-empty and start and end with NUL', strStart);
  // A private copy of the strings: line_info text is looked up later, and the input is not retained.
  const strings = new ByteView(section.slice(strStart, strStart + strLen), '.BTF string section', 'BTF');
  const name = (off: number, at: number, what: string): string =>
    off === 0 ? '' : off < strLen ? strings.cstring(off, what) : v.fail(`${what}: name offset ${hex(off)} out of range (string section is ${strLen} bytes)`, at);

  const types: BtfType[] = [{ id: 0, kind: 0, name: '', offset: 0 }];
  const end = hdrLen + typeOff + typeLen;
  let at = hdrLen + typeOff;
  while (at < end) {
    const id = types.length;
    const what = `type id ${id}`;
    if (at + TYPE_HDR > end) v.fail(`${what}: record header cut off by the end of the type section`, at);
    const nameOff = v.u32(at);
    const info = v.u32(at + 4);
    const sizeOrType = v.u32(at + 8);
    const vlen = info & 0xffff;
    const kind = (info >>> 24) & 0x1f;
    const kflag = info >>> 31 === 1;
    if (kind === 0 || kind > BTF_KIND_MAX) v.fail(`${what}: unknown kind ${kind}`, at + 4);
    const what2 = `${what} (${btfKindName(kind)})`;
    const extra = trailerSize(kind, vlen);
    if (at + TYPE_HDR + extra > end) v.fail(`${what2}: ${extra} bytes of ${btfKindName(kind)} data cut off by the end of the type section`, at);
    const base = { id, name: name(nameOff, at, what2), offset: at };
    const x = at + TYPE_HDR;
    let t: BtfType;
    switch (kind) {
      case BTF_KIND_INT: {
        const enc = v.u32(x);
        t = { ...base, kind, size: sizeOrType, encoding: (enc >>> 24) & 0xf, bitOffset: (enc >>> 16) & 0xff, bits: enc & 0xff };
        break;
      }
      case BTF_KIND_PTR: case BTF_KIND_TYPEDEF: case BTF_KIND_VOLATILE: case BTF_KIND_CONST: case BTF_KIND_RESTRICT:
      case BTF_KIND_TYPE_TAG:
        t = { ...base, kind, type: sizeOrType };
        break;
      case BTF_KIND_ARRAY:
        t = { ...base, kind, type: v.u32(x), indexType: v.u32(x + 4), nelems: v.u32(x + 8) };
        break;
      case BTF_KIND_STRUCT: case BTF_KIND_UNION: {
        const members = new Array(vlen);
        for (let j = 0; j < vlen; j++) {
          const m = x + 12 * j;
          const off = v.u32(m + 8);
          members[j] = {
            name: name(v.u32(m), m, `${what2} member ${j}`),
            type: v.u32(m + 4),
            bitOffset: kflag ? off & 0xffffff : off,
            bitfieldSize: kflag ? off >>> 24 : 0,
          };
        }
        t = { ...base, kind, size: sizeOrType, members };
        break;
      }
      case BTF_KIND_ENUM: {
        const values = new Array(vlen);
        for (let j = 0; j < vlen; j++) {
          const e = x + 8 * j;
          values[j] = { name: name(v.u32(e), e, `${what2} value ${j}`), value: kflag ? v.i32(e + 4) : v.u32(e + 4) };
        }
        t = { ...base, kind, size: sizeOrType, signed: kflag, values };
        break;
      }
      case BTF_KIND_ENUM64: {
        const values = new Array(vlen);
        for (let j = 0; j < vlen; j++) {
          const e = x + 12 * j;
          const raw = (BigInt(v.u32(e + 8)) << 32n) | BigInt(v.u32(e + 4));
          values[j] = { name: name(v.u32(e), e, `${what2} value ${j}`), value: kflag ? BigInt.asIntN(64, raw) : raw };
        }
        t = { ...base, kind, size: sizeOrType, signed: kflag, values };
        break;
      }
      case BTF_KIND_FWD:
        t = { ...base, kind, union: kflag };
        break;
      case BTF_KIND_FUNC:
        t = { ...base, kind, type: sizeOrType, linkage: vlen };
        break;
      case BTF_KIND_FUNC_PROTO: {
        const params = new Array(vlen);
        for (let j = 0; j < vlen; j++) {
          const p = x + 8 * j;
          params[j] = { name: name(v.u32(p), p, `${what2} param ${j}`), type: v.u32(p + 4) };
        }
        t = { ...base, kind, type: sizeOrType, params };
        break;
      }
      case BTF_KIND_VAR:
        t = { ...base, kind, type: sizeOrType, linkage: v.u32(x) };
        break;
      case BTF_KIND_DATASEC: {
        const vars = new Array(vlen);
        for (let j = 0; j < vlen; j++) {
          const s = x + 12 * j;
          vars[j] = { type: v.u32(s), offset: v.u32(s + 4), size: v.u32(s + 8) };
        }
        t = { ...base, kind, size: sizeOrType, vars };
        break;
      }
      case BTF_KIND_FLOAT:
        t = { ...base, kind, size: sizeOrType };
        break;
      case BTF_KIND_DECL_TAG:
        t = { ...base, kind, type: sizeOrType, componentIdx: v.i32(x) };
        break;
      default:
        return v.fail(`${what}: unknown kind ${kind}`, at + 4);
    }
    types.push(t);
    at = x + extra;
  }
  validateBtf(types, v);
  return new Btf(types, strings);
}
