// parseBtfExt(): func_info / line_info blocks from the test builder and from clang's
// examples, and every malformed shape (header, record size, counts, truncation, string and
// type references) as BpfError 'BTF' naming the record and its byte offset.
import { describe, expect, test } from '@jest/globals';
import { BpfError } from '@bpfkit/ir';
import { parseBtf } from './btf-parse.js';
import { parseBtfExt } from './btf-ext.js';
import { BtfBuilder, buildBtfExt, lineCol } from '../elf/test-support/btf-builder.js';
import { exampleObject, sourceLine } from '../elf/test-support/examples.js';
import { findSection } from '../elf/test-support/elf-writer.js';

function fixture(): { b: BtfBuilder; fn: number; int: number } {
  const b = new BtfBuilder();
  const int = b.int('int', 4, true);
  const fn = b.func('main', b.funcProto(int, [['a', int], ['b', int]]));
  return { b, fn, int };
}

function extError(ext: Uint8Array, btf: Uint8Array): BpfError {
  try {
    parseBtfExt(ext, parseBtf(btf));
  } catch (e) {
    if (e instanceof BpfError) return e;
    throw e;
  }
  throw new Error('expected a BpfError');
}

describe('parseBtfExt', () => {
  test('func_info and line_info blocks, several sections', () => {
    const { b, fn } = fixture();
    const ext = buildBtfExt(
      b,
      [{ section: 'xdp', records: [[0, fn]] }, { section: '.text', records: [[0, fn], [32, fn]] }],
      [{ section: 'xdp', records: [[0, b.str('a.c'), b.str('int main() {'), lineCol(7, 0)], [16, b.str('a.c'), b.str('  return 1;'), lineCol(8, 3)]] }],
    );
    const parsed = parseBtfExt(ext, parseBtf(b.build()));
    expect(parsed.funcInfo.map((s) => [s.section, s.offset, s.records.map((r) => [r.index, r.offset, r.insnOff, r.typeId])])).toEqual([
      ['xdp', 0x24, [[0, 0x2c, 0, fn]]],
      ['.text', 0x34, [[1, 0x3c, 0, fn], [2, 0x44, 32, fn]]],
    ]);
    expect(parsed.lineInfo).toHaveLength(1);
    expect(parsed.lineInfo[0]!.records.map((r) => [r.insnOff, r.file, r.source, r.line, r.column])).toEqual([
      [0, 'a.c', 'int main() {', 7, 0],
      [16, 'a.c', '  return 1;', 8, 3],
    ]);
  });

  test('empty subsections and a 24-byte header are fine', () => {
    const { b } = fixture();
    const ext = new Uint8Array(24);
    const dv = new DataView(ext.buffer);
    dv.setUint16(0, 0xeb9f, true);
    ext[2] = 1;
    dv.setUint32(4, 24, true);
    expect(parseBtfExt(ext, parseBtf(b.build()))).toEqual({ funcInfo: [], lineInfo: [] });
  });

  test('the brief\'s example: a func_info type id out of range', () => {
    const { b, fn } = fixture();
    const ext = buildBtfExt(b, [{ section: 'xdp', records: [[0, fn], [8, fn], [16, fn], [24, 99]] }], []);
    const e = extError(ext, b.build());
    expect([e.code, e.pass, e.message]).toEqual(['BTF', 'decoder', '.BTF.ext: func_info record 3 at offset 0x44: type id 99 out of range (4 types)']);
  });

  test.each<[string, (b: BtfBuilder, fn: number, int: number) => Uint8Array, RegExp]>([
    ['func_info naming a non-FUNC type', (b, _fn, int) => buildBtfExt(b, [{ section: 'xdp', records: [[0, int]] }], []), /func_info record 0 at offset 0x2c: type id 1 is INT, not FUNC/],
    ['func_info type id 0', (b) => buildBtfExt(b, [{ section: 'xdp', records: [[0, 0]] }], []), /type id 0 out of range/],
    ['unaligned insn_off', (b, fn) => buildBtfExt(b, [{ section: 'xdp', records: [[3, fn]] }], []), /func_info record 0 at offset 0x2c: insn_off 0x3 is not a multiple of 8/],
    ['bad section name offset', (b, fn) => {
      const ext = buildBtfExt(b, [{ section: 'xdp', records: [[0, fn]] }], []);
      new DataView(ext.buffer).setUint32(36, 0xffffff, true);
      return ext;
    }, /^\.BTF\.ext at offset 0x24: func_info block: section name offset 0xffffff out of range$/],
    ['zero records', (b, fn) => {
      const ext = buildBtfExt(b, [{ section: 'xdp', records: [[0, fn]] }], []);
      new DataView(ext.buffer).setUint32(40, 0, true);
      return ext;
    }, /func_info block for section 'xdp' has no records/],
    ['too many records', (b, fn) => {
      const ext = buildBtfExt(b, [{ section: 'xdp', records: [[0, fn]] }], []);
      new DataView(ext.buffer).setUint32(40, 0x40000000, true);
      return ext;
    }, /1073741824 records of 8 bytes run past the end of func_info/],
    ['record size too small', (b, fn) => {
      const ext = buildBtfExt(b, [{ section: 'xdp', records: [[0, fn]] }], []);
      new DataView(ext.buffer).setUint32(32, 4, true);
      return ext;
    }, /func_info record size 4 is invalid/],
    ['line_info file name out of range', (b) => buildBtfExt(b, [], [{ section: 'xdp', records: [[0, 0xfffff, 0, 0]] }]), /^\.BTF\.ext: line_info record 0 at offset 0x2c: file_name_off 0xfffff out of range$/],
    ['line_info line text out of range', (b) => buildBtfExt(b, [], [{ section: 'xdp', records: [[0, 0, 0xfffff, 0]] }]), /line_off 0xfffff out of range/],
    ['line_info record size 8', (b) => {
      const ext = buildBtfExt(b, [], [{ section: 'xdp', records: [[0, 0, 0, 0]] }]);
      new DataView(ext.buffer).setUint32(32, 8, true);
      return ext;
    }, /line_info record size 8 is invalid \(minimum 16/],
    ['block header cut off', (b, fn) => {
      const ext = buildBtfExt(b, [{ section: 'xdp', records: [[0, fn]] }], []);
      new DataView(ext.buffer).setUint32(12, 8, true); // func_info_len: rec size + 4 bytes
      return ext;
    }, /func_info block header cut off/],
    ['subsection past the end', (b, fn) => {
      const ext = buildBtfExt(b, [{ section: 'xdp', records: [[0, fn]] }], []);
      new DataView(ext.buffer).setUint32(12, 4096, true);
      return ext;
    }, /^\.BTF\.ext at offset 0x8: func_info \(4096 bytes at 0x20\) runs past the end/],
    ['bad magic', (b) => {
      const ext = buildBtfExt(b, [], []);
      ext[0] = 0;
      return ext;
    }, /bad magic 0xeb00/],
    ['big-endian', (b) => {
      const ext = buildBtfExt(b, [], []);
      new DataView(ext.buffer).setUint16(0, 0x9feb, true);
      return ext;
    }, /big-endian BTF.ext is not supported/],
    ['hdr_len too small', (b) => {
      const ext = buildBtfExt(b, [], []);
      new DataView(ext.buffer).setUint32(4, 16, true);
      return ext;
    }, /hdr_len 16 is outside 24\.\./],
    ['truncated header', (b) => buildBtfExt(b, [], []).subarray(0, 6), /section is 6 bytes, shorter than the header/],
  ])('%s', (_what, make, message) => {
    const { b, fn, int } = fixture();
    const ext = make(b, fn, int);
    const e = extError(ext, b.build());
    expect(e.code).toBe('BTF');
    expect(e.message).toMatch(message);
  });

  test('clang: five-args line_info text is the C source line', () => {
    const o = exampleObject('five-args');
    const sec = (name: string): Uint8Array => {
      const s = findSection(o, name);
      return o.subarray(s.offset, s.offset + s.size);
    };
    const btf = parseBtf(sec('.BTF'));
    const ext = parseBtfExt(sec('.BTF.ext'), btf);
    expect(ext.funcInfo.map((s) => [s.section, s.records.map((r) => btf.typeName(r.typeId))])).toEqual([
      ['.text', ['weighted5', 'square']],
      ['xdp', ['five_args']],
      ['tc', ['five_args_tc']],
    ]);
    let checked = 0;
    for (const s of ext.lineInfo)
      for (const r of s.records) {
        expect(r.file).toBe('./examples/c/five-args.c');
        expect(r.source).toBe(sourceLine('five-args.c', r.line));
        checked++;
      }
    expect(checked).toBeGreaterThan(20);
  });
});
