// Builds .BTF and .BTF.ext section bytes for test fixtures: one method per type kind
// (returning the new type id), a raw record escape hatch for malformed input, and the
// func_info / line_info layout clang writes. The counterpart of libbpf's btf__add_*() API.

const KIND = {
  INT: 1, PTR: 2, ARRAY: 3, STRUCT: 4, UNION: 5, ENUM: 6, FWD: 7, TYPEDEF: 8, VOLATILE: 9, CONST: 10, RESTRICT: 11,
  FUNC: 12, FUNC_PROTO: 13, VAR: 14, DATASEC: 15, FLOAT: 16, DECL_TAG: 17, TYPE_TAG: 18, ENUM64: 19,
} as const;

export class BtfBuilder {
  readonly #words: number[] = [];
  readonly #strings: number[] = [0];
  readonly #seen = new Map<string, number>([['', 0]]);
  #count = 0;

  /** Offset of `s` in the string section (added once). */
  str(s: string): number {
    const known = this.#seen.get(s);
    if (known !== undefined) return known;
    const off = this.#strings.length;
    for (const b of new TextEncoder().encode(s)) this.#strings.push(b);
    this.#strings.push(0);
    this.#seen.set(s, off);
    return off;
  }

  /** A raw record: name offset, info word, size/type word, trailer words. */
  raw(nameOff: number, info: number, sizeOrType: number, trailer: readonly number[] = []): number {
    this.#words.push(nameOff, info >>> 0, sizeOrType >>> 0, ...trailer.map((w) => w >>> 0));
    return ++this.#count;
  }

  #rec(name: string, kind: number, vlen: number, sizeOrType: number, trailer: readonly number[] = [], kflag = false): number {
    return this.raw(this.str(name), ((kflag ? 1 : 0) << 31) | (kind << 24) | vlen, sizeOrType, trailer);
  }

  int(name: string, size: number, signed = false): number {
    return this.#rec(name, KIND.INT, 0, size, [((signed ? 1 : 0) << 24) | (size * 8)]);
  }
  ptr(type: number): number {
    return this.#rec('', KIND.PTR, 0, type);
  }
  array(elem: number, index: number, nelems: number): number {
    return this.#rec('', KIND.ARRAY, 0, 0, [elem, index, nelems]);
  }
  struct(name: string, size: number, members: readonly [string, number, number][], union = false): number {
    return this.#rec(name, union ? KIND.UNION : KIND.STRUCT, members.length, size, members.flatMap(([n, t, bitOff]) => [this.str(n), t, bitOff]));
  }
  enum(name: string, size: number, values: readonly [string, number][]): number {
    return this.#rec(name, KIND.ENUM, values.length, size, values.flatMap(([n, v]) => [this.str(n), v]), values.some(([, v]) => v < 0));
  }
  enum64(name: string, values: readonly [string, bigint][]): number {
    return this.#rec(name, KIND.ENUM64, values.length, 8, values.flatMap(([n, v]) => [this.str(n), Number(BigInt.asUintN(32, v)), Number(BigInt.asUintN(32, v >> 32n))]), values.some(([, v]) => v < 0n));
  }
  fwd(name: string, union = false): number {
    return this.#rec(name, KIND.FWD, 0, 0, [], union);
  }
  typedef(name: string, type: number): number {
    return this.#rec(name, KIND.TYPEDEF, 0, type);
  }
  volatile(type: number): number {
    return this.#rec('', KIND.VOLATILE, 0, type);
  }
  const(type: number): number {
    return this.#rec('', KIND.CONST, 0, type);
  }
  restrict(type: number): number {
    return this.#rec('', KIND.RESTRICT, 0, type);
  }
  funcProto(ret: number, params: readonly [string, number][]): number {
    return this.#rec('', KIND.FUNC_PROTO, params.length, ret, params.flatMap(([n, t]) => [this.str(n), t]));
  }
  func(name: string, proto: number, linkage = 1): number {
    return this.#rec(name, KIND.FUNC, linkage, proto);
  }
  var(name: string, type: number, linkage = 1): number {
    return this.#rec(name, KIND.VAR, 0, type, [linkage]);
  }
  datasec(name: string, size: number, vars: readonly [number, number, number][]): number {
    return this.#rec(name, KIND.DATASEC, vars.length, size, vars.flat());
  }
  float(name: string, size: number): number {
    return this.#rec(name, KIND.FLOAT, 0, size);
  }
  declTag(name: string, type: number, componentIdx = -1): number {
    return this.#rec(name, KIND.DECL_TAG, 0, type, [componentIdx]);
  }
  typeTag(name: string, type: number): number {
    return this.#rec(name, KIND.TYPE_TAG, 0, type);
  }

  /** `__uint(name, n)`: PTR to ARRAY of int with n elements (needs an int type id). */
  uintField(intId: number, n: number): number {
    return this.ptr(this.array(intId, intId, n));
  }

  /** The .BTF section: 24-byte header, types, strings. */
  build(): Uint8Array {
    const typeLen = this.#words.length * 4;
    const strLen = this.#strings.length;
    const out = new Uint8Array(24 + typeLen + strLen);
    const dv = new DataView(out.buffer);
    dv.setUint16(0, 0xeb9f, true);
    out[2] = 1;
    dv.setUint32(4, 24, true);
    dv.setUint32(8, 0, true);
    dv.setUint32(12, typeLen, true);
    dv.setUint32(16, typeLen, true);
    dv.setUint32(20, strLen, true);
    this.#words.forEach((w, i) => dv.setUint32(24 + 4 * i, w, true));
    out.set(this.#strings, 24 + typeLen);
    return out;
  }
}

export interface ExtBlock {
  readonly section: string;
  /** func_info: [insn_off, type_id]; line_info: [insn_off, file_name_off, line_off, line_col]. */
  readonly records: readonly (readonly number[])[];
}

/** The .BTF.ext section (32-byte header, no core_relo); string offsets come from `btf.str()`. */
export function buildBtfExt(btf: BtfBuilder, funcInfo: readonly ExtBlock[], lineInfo: readonly ExtBlock[]): Uint8Array {
  const sub = (blocks: readonly ExtBlock[], recSize: number): number[] =>
    blocks.length === 0 ? [] : [recSize, ...blocks.flatMap((b) => [btf.str(b.section), b.records.length, ...b.records.flat()])];
  const f = sub(funcInfo, 8);
  const l = sub(lineInfo, 16);
  const out = new Uint8Array(32 + 4 * (f.length + l.length));
  const dv = new DataView(out.buffer);
  dv.setUint16(0, 0xeb9f, true);
  out[2] = 1;
  dv.setUint32(4, 32, true);
  dv.setUint32(8, 0, true);
  dv.setUint32(12, f.length * 4, true);
  dv.setUint32(16, f.length * 4, true);
  dv.setUint32(20, l.length * 4, true);
  dv.setUint32(24, (f.length + l.length) * 4, true);
  dv.setUint32(28, 0, true);
  [...f, ...l].forEach((w, i) => dv.setUint32(32 + 4 * i, w >>> 0, true));
  return out;
}

/** line_col word for line/column. */
export const lineCol = (line: number, column: number): number => ((line << 10) | column) >>> 0;
