// parseBtf() and the Btf lookups: every kind 1..19 round-trips from the test builder,
// names/sizes/prototypes resolve, the clang-built examples' BTF reads as written in the C,
// and malformed blobs (header, ranges, strings, unknown kinds, truncation, type loops) give
// BpfError 'BTF' with the offset — never a RangeError and never a hang.
import { describe, expect, test } from '@jest/globals';
import { BpfError } from '@bpfkit/ir';
import { parseBtf } from './btf-parse.js';
import {
  BTF_KIND_ARRAY, BTF_KIND_CONST, BTF_KIND_DATASEC, BTF_KIND_DECL_TAG, BTF_KIND_ENUM, BTF_KIND_ENUM64, BTF_KIND_FLOAT,
  BTF_KIND_FUNC, BTF_KIND_FUNC_PROTO, BTF_KIND_FWD, BTF_KIND_INT, BTF_KIND_PTR, BTF_KIND_RESTRICT, BTF_KIND_STRUCT,
  BTF_KIND_TYPEDEF, BTF_KIND_TYPE_TAG, BTF_KIND_UNION, BTF_KIND_VAR, BTF_KIND_VOLATILE, type BtfType,
} from './btf-types.js';
import { BtfBuilder } from '../elf/test-support/btf-builder.js';
import { exampleObject } from '../elf/test-support/examples.js';
import { findSection } from '../elf/test-support/elf-writer.js';

function btfError(bytes: Uint8Array): BpfError {
  try {
    parseBtf(bytes);
  } catch (e) {
    if (e instanceof BpfError) return e;
    throw e;
  }
  throw new Error('expected a BpfError');
}

/** A builder with one of every kind; returns the ids. */
function everyKind(): { b: BtfBuilder; ids: Record<string, number> } {
  const b = new BtfBuilder();
  const int = b.int('int', 4, true);
  const ptr = b.ptr(int);
  const arr = b.array(int, int, 3);
  const st = b.struct('pair', 8, [['a', int, 0], ['b', int, 32]]);
  const un = b.struct('either', 4, [['x', int, 0]], true);
  const en = b.enum('colour', 4, [['RED', 0], ['MINUS', -1]]);
  const fwd = b.fwd('later', true);
  const td = b.typedef('myint', int);
  const vol = b.volatile(td);
  const cst = b.const(vol);
  const rst = b.restrict(ptr);
  const proto = b.funcProto(int, [['x', int], ['p', ptr]]);
  const fn = b.func('f', proto, 1);
  const v = b.var('g', arr, 1);
  const ds = b.datasec('.data', 12, [[v, 0, 12]]);
  const fl = b.float('double', 8);
  const tag = b.declTag('tag', st, 1);
  const tt = b.typeTag('user', int);
  const e64 = b.enum64('big', [['HUGE', 1n << 40n], ['NEG', -2n]]);
  return { b, ids: { int, ptr, arr, st, un, en, fwd, td, vol, cst, rst, proto, fn, v, ds, fl, tag, tt, e64 } };
}

describe('parseBtf', () => {
  test('every kind 1..19 with its fields', () => {
    const { b, ids } = everyKind();
    const btf = parseBtf(b.build());
    expect(btf.types).toHaveLength(20);
    expect(btf.types.map((t) => t.kind)).toEqual([
      0, BTF_KIND_INT, BTF_KIND_PTR, BTF_KIND_ARRAY, BTF_KIND_STRUCT, BTF_KIND_UNION, BTF_KIND_ENUM, BTF_KIND_FWD, BTF_KIND_TYPEDEF,
      BTF_KIND_VOLATILE, BTF_KIND_CONST, BTF_KIND_RESTRICT, BTF_KIND_FUNC_PROTO, BTF_KIND_FUNC, BTF_KIND_VAR, BTF_KIND_DATASEC,
      BTF_KIND_FLOAT, BTF_KIND_DECL_TAG, BTF_KIND_TYPE_TAG, BTF_KIND_ENUM64,
    ]);
    const t = (id: number): BtfType => btf.type(id);
    expect(t(ids.int!)).toMatchObject({ name: 'int', size: 4, encoding: 1, bits: 32, bitOffset: 0 });
    expect(t(ids.arr!)).toMatchObject({ type: ids.int, indexType: ids.int, nelems: 3 });
    expect(t(ids.st!)).toMatchObject({ name: 'pair', size: 8, members: [{ name: 'a', type: ids.int, bitOffset: 0, bitfieldSize: 0 }, { name: 'b', type: ids.int, bitOffset: 32, bitfieldSize: 0 }] });
    expect(t(ids.un!)).toMatchObject({ kind: BTF_KIND_UNION, name: 'either' });
    expect(t(ids.en!)).toMatchObject({ signed: true, values: [{ name: 'RED', value: 0 }, { name: 'MINUS', value: -1 }] });
    expect(t(ids.fwd!)).toMatchObject({ name: 'later', union: true });
    expect(t(ids.proto!)).toMatchObject({ type: ids.int, params: [{ name: 'x', type: ids.int }, { name: 'p', type: ids.ptr }] });
    expect(t(ids.fn!)).toMatchObject({ name: 'f', type: ids.proto, linkage: 1 });
    expect(t(ids.v!)).toMatchObject({ name: 'g', type: ids.arr, linkage: 1 });
    expect(t(ids.ds!)).toMatchObject({ name: '.data', size: 12, vars: [{ type: ids.v, offset: 0, size: 12 }] });
    expect(t(ids.fl!)).toMatchObject({ name: 'double', size: 8 });
    expect(t(ids.tag!)).toMatchObject({ name: 'tag', type: ids.st, componentIdx: 1 });
    expect(t(ids.tt!)).toMatchObject({ name: 'user', type: ids.int });
    expect(t(ids.e64!)).toMatchObject({ signed: true, values: [{ name: 'HUGE', value: 1n << 40n }, { name: 'NEG', value: -2n }] });
    expect(t(ids.e64!).offset).toBeGreaterThan(24);
  });

  test('typeName, skipModifiers, resolveSize, funcProto, findByName', () => {
    const { b, ids } = everyKind();
    const btf = parseBtf(b.build());
    expect([btf.typeName(0), btf.typeName(ids.td!), btf.typeName(ids.ptr!)]).toEqual(['void', 'myint', '']);
    expect(btf.skipModifiers(ids.cst!)).toBe(ids.int);
    expect(
      ['int', 'ptr', 'arr', 'st', 'un', 'en', 'td', 'vol', 'cst', 'rst', 'v', 'ds', 'fl', 'tag', 'tt', 'e64'].map((k) => btf.resolveSize(ids[k]!)),
    ).toEqual([4, 8, 12, 8, 4, 4, 4, 4, 4, 8, 12, 12, 8, 8, 4, 8]);
    expect(btf.funcProto(ids.fn!).params).toHaveLength(2);
    expect(btf.funcProto(ids.proto!).id).toBe(ids.proto);
    expect(btf.findByName('pair')).toBe(ids.st);
    expect(btf.findByName('pair', BTF_KIND_UNION)).toBeUndefined();
    expect(() => btf.resolveSize(ids.fn!)).toThrow(/^\.BTF: type id 13 \(FUNC 'f'\) has no size \(resolving type id 13\)$/);
    expect(() => btf.resolveSize(ids.fwd!)).toThrow(/FWD 'later'\) has no size/);
    expect(() => btf.resolveSize(0)).toThrow(/has no size/);
    expect(() => btf.funcProto(ids.int!)).toThrow(/^\.BTF: type id 1 is INT, expected FUNC or FUNC_PROTO$/);
    expect(() => btf.type(99)).toThrow(/^\.BTF: type id 99 out of range \(20 types\)$/);
    expect(() => btf.typeName(-1)).toThrow(BpfError);
    expect(() => btf.resolveSize(1.5)).toThrow(BpfError);
  });

  test('array sizes multiply and are bounded', () => {
    const b = new BtfBuilder();
    const int = b.int('int', 4);
    const inner = b.array(int, int, 1000);
    const outer = b.array(inner, int, 1000);
    const huge = b.array(outer, int, 1_000_000);
    const btf = parseBtf(b.build());
    expect(btf.resolveSize(outer)).toBe(4_000_000);
    expect(() => btf.resolveSize(huge)).toThrow(/is too large/);
  });

  test('pointer cycles are fine (struct list { struct list *next; })', () => {
    const b = new BtfBuilder();
    // id 1: struct list { ptr (id 2) next }, id 2: ptr -> 1
    b.raw(b.str('list'), (BTF_KIND_STRUCT << 24) | 1, 8, [b.str('next'), 2, 0]);
    b.ptr(1);
    const btf = parseBtf(b.build());
    expect(btf.resolveSize(1)).toBe(8);
  });

  test.each<[string, (b: BtfBuilder) => void, RegExp]>([
    ['typedef loop', (b) => { b.typedef('a', 2); b.typedef('b', 1); }, /^\.BTF: type loop: type id 1 \(TYPEDEF 'a'\) at offset 0x18 contains itself \(through type id 2 \(TYPEDEF 'b'\)\)$/],
    ['self-referencing const', (b) => { b.const(1); }, /type loop: type id 1 \(CONST\)/],
    ['struct containing itself', (b) => { b.raw(b.str('s'), (BTF_KIND_STRUCT << 24) | 1, 4, [b.str('m'), 1, 0]); }, /type loop: type id 1 \(STRUCT 's'\)/],
    ['array of itself', (b) => { b.int('int', 4); b.array(2, 1, 2); }, /type loop: type id 2 \(ARRAY\)/],
    ['var of a modifier loop', (b) => { b.var('v', 2); b.volatile(3); b.restrict(2); }, /type loop: type id 2 \(VOLATILE\)/],
    ['member type out of range', (b) => { b.int('int', 4); b.struct('s', 4, [['m', 42, 0]]); }, /^\.BTF at offset 0x28: type id 2 \(STRUCT 's'\) refers to type id 42, out of range \(3 types\)$/],
    ['pointer out of range', (b) => { b.ptr(7); }, /type id 1 \(PTR\) refers to type id 7, out of range/],
    ['unknown kind 20', (b) => { b.raw(0, 20 << 24, 0); }, /^\.BTF at offset 0x1c: type id 1: unknown kind 20$/],
    ['kind 0', (b) => { b.raw(0, 0, 0); }, /type id 1: unknown kind 0/],
    ['name offset out of range', (b) => { b.raw(0xffff, BTF_KIND_INT << 24, 4, [32]); }, /^\.BTF at offset 0x18: type id 1 \(INT\): name offset 0xffff out of range/],
    ['struct members cut off', (b) => { b.raw(0, (BTF_KIND_STRUCT << 24) | 5, 4, [0, 0, 0]); }, /type id 1 \(STRUCT\): 60 bytes of STRUCT data cut off by the end of the type section/],
    ['INT trailer cut off', (b) => { b.raw(0, BTF_KIND_INT << 24, 4); }, /4 bytes of INT data cut off/],
  ])('%s', (_what, make, message) => {
    const b = new BtfBuilder();
    make(b);
    const e = btfError(b.build());
    expect([e.code, e.pass]).toEqual(['BTF', 'decoder']);
    expect(e.message).toMatch(message);
  });

  test('header and section checks', () => {
    const good = (): Uint8Array => {
      const b = new BtfBuilder();
      b.int('int', 4);
      return b.build();
    };
    const mutate = (f: (dv: DataView, b: Uint8Array) => void): string => {
      const b = good();
      f(new DataView(b.buffer), b);
      return btfError(b).message;
    };
    expect(btfError(good().subarray(0, 23)).message).toBe('.BTF: section is 23 bytes, shorter than the 24-byte header');
    expect(mutate((dv) => dv.setUint16(0, 0x9feb, true))).toBe('.BTF at offset 0x0: big-endian BTF is not supported');
    expect(mutate((dv) => dv.setUint16(0, 0x1234, true))).toBe('.BTF at offset 0x0: bad magic 0x1234, expected 0xeb9f');
    expect(mutate((_dv, b) => (b[2] = 2))).toBe('.BTF at offset 0x2: unsupported version 2');
    expect(mutate((dv) => dv.setUint32(4, 8, true))).toMatch(/hdr_len 8 is outside 24\.\./);
    expect(mutate((dv) => dv.setUint32(12, 1000, true))).toMatch(/^\.BTF at offset 0x8: type section \(1000 bytes at 0x18\) runs past the end/);
    expect(mutate((dv) => dv.setUint32(16, 0xfffffff0, true))).toMatch(/string section .* runs past the end/);
    expect(mutate((dv) => dv.setUint32(8, 2, true))).toMatch(/type_off 0x2 is not 4-byte aligned/);
    expect(mutate((_dv, b) => (b[b.length - 1] = 0x41))).toMatch(/string section must be non-empty and start and end with NUL/);
    expect(mutate((dv) => dv.setUint32(20, 0, true))).toMatch(/string section must be non-empty/);
    // Truncated record header: type_len 6.
    expect(mutate((dv) => dv.setUint32(12, 6, true))).toMatch(/type id 1: record header cut off/);
  });

  test('the input is not modified and not retained', () => {
    const { b } = everyKind();
    const bytes = b.build();
    const copy = bytes.slice();
    const btf = parseBtf(bytes);
    expect(bytes).toEqual(copy);
    bytes.fill(0);
    expect(btf.typeName(1)).toBe('int');
    expect(btf.string(1)).toBe('int');
  });
});

describe('BTF of the clang-built examples', () => {
  const btfOf = (name: string): ReturnType<typeof parseBtf> => {
    const o = exampleObject(name);
    const s = findSection(o, '.BTF');
    return parseBtf(o.subarray(s.offset, s.offset + s.size));
  };

  test('packet-counter: the .maps DATASEC, the map struct and the program prototype', () => {
    const btf = btfOf('packet-counter');
    const ds = btf.type(btf.findByName('.maps', BTF_KIND_DATASEC)!);
    if (ds.kind !== BTF_KIND_DATASEC) throw new Error('not a DATASEC');
    expect(ds.vars).toHaveLength(1);
    const v = btf.type(ds.vars[0]!.type);
    expect([v.kind, v.name]).toEqual([BTF_KIND_VAR, 'pkt_buckets']);
    const fn = btf.findByName('count_packets', BTF_KIND_FUNC)!;
    const proto = btf.funcProto(fn);
    expect(proto.params.map((p) => p.name)).toEqual(['skb']);
    const skb = btf.pointee(proto.params[0]!.type)!;
    expect([btf.typeName(skb), btf.resolveSize(skb)]).toEqual(['__sk_buff', 20]);
    expect(btf.typeName(proto.type)).toBe('int');
  });

  test('five-args: weighted5 has five int parameters, square one', () => {
    const btf = btfOf('five-args');
    expect(btf.funcProto(btf.findByName('weighted5', BTF_KIND_FUNC)!).params.map((p) => p.name)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(btf.funcProto(btf.findByName('square', BTF_KIND_FUNC)!).params.map((p) => btf.typeName(p.type))).toEqual(['int']);
  });

  test('global-data: a DATASEC per data section with its variables', () => {
    const btf = btfOf('global-data');
    const names = (sec: string): string[] => {
      const t = btf.type(btf.findByName(sec, BTF_KIND_DATASEC)!);
      return t.kind === BTF_KIND_DATASEC ? t.vars.map((v) => btf.typeName(v.type)) : [];
    };
    expect([names('.rodata'), names('.data'), names('.bss')]).toEqual([['scale_table'], ['packets_seen'], ['last_mark']]);
    const table = btf.findByName('scale_table', BTF_KIND_VAR)!;
    expect(btf.resolveSize(table)).toBe(16);
    // `const volatile __u32 scale_table[4]`: VAR -> ARRAY[4] of const volatile __u32.
    const v = btf.type(table);
    const arr = btf.type(v.kind === BTF_KIND_VAR ? v.type : 0);
    if (arr.kind !== BTF_KIND_ARRAY) throw new Error('expected an ARRAY');
    expect(arr.nelems).toBe(4);
    expect([BTF_KIND_CONST, BTF_KIND_VOLATILE]).toContain(btf.type(arr.type).kind);
    expect(btf.typeName(btf.skipModifiers(arr.type))).toBe('unsigned int');
  });
});
