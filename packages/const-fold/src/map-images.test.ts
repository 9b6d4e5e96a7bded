// The LDX fold through read-only map images (bpf_map_direct_read, kernel-semantics §2.2 step
// 4): supplied programmatically or as `map-image.<index>=hex:<bytes>` options.
import { describe, expect, test } from '@jest/globals';
import { BPF_B, BPF_DW, BPF_H, BPF_PSEUDO_MAP_VALUE, BPF_W, BpfError, build as b, runStandalone } from '@bpfkit/ir';
import { computeConstFold } from './compute.js';
import { constFold } from './const-fold-pass.js';
import { mapImagesFromOptions } from './map-images.js';
import { P, reg } from './test-support/programs.js';

const IMAGE = Uint8Array.from([0x11, 0x22, 0x33, 0x44, 0x80, 0x66, 0x77, 0x88, 0xff, 0x00, 0x01, 0x02]);
const images = new Map([[2, IMAGE]]);
/** r2 = map value of map `map` at `off`; r1 = load; exit (checked at slot 3). */
const load = (map: number, off: number, ldx: ReturnType<typeof b.ldxMem>) => P(b.ldImm64(2, (BigInt(off) << 32n) | BigInt(map), BPF_PSEUDO_MAP_VALUE), ldx, b.exit());

describe('LDX through MAP_VALUE with a map image', () => {
  test.each([
    ['u8', 0, b.ldxMem(BPF_B, 1, 2, 0), 'const 0x11', 2],
    ['u16 little-endian', 0, b.ldxMem(BPF_H, 1, 2, 2), 'const 0x4433', 2],
    ['u32', 0, b.ldxMem(BPF_W, 1, 2, 0), 'const 0x44332211', 2],
    ['u64', 0, b.ldxMem(BPF_DW, 1, 2, 0), 'const 0x8877668044332211', 2],
    ['value offset + insn offset', 4, b.ldxMem(BPF_W, 1, 2, 4), 'const 0x20100ff', 2],
    ['negative insn offset', 8, b.ldxMem(BPF_B, 1, 2, -4), 'const 0x80', 2],
    ['s8 sign-extends', 0, b.ldxMemSx(BPF_B, 1, 2, 4), 'const 0xffffffffffffff80', 2],
    ['s16 positive', 0, b.ldxMemSx(BPF_H, 1, 2, 0), 'const 0x2211', 2],
    ['s32 sign-extends', 4, b.ldxMemSx(BPF_W, 1, 2, 0), 'const 0xffffffff88776680', 2],
    ['last byte', 11, b.ldxMem(BPF_B, 1, 2, 0), 'const 0x2', 2],
    ['reads past the end', 8, b.ldxMem(BPF_DW, 1, 2, 0), 'unknown', 2],
    ['reads before the start', 0, b.ldxMem(BPF_B, 1, 2, -1), 'unknown', 2],
    ['another map', 0, b.ldxMem(BPF_B, 1, 2, 0), 'unknown', 5],
  ] as [string, number, ReturnType<typeof b.ldxMem>, string, number][])('%s', (_n, off, ldx, expected, map) => {
    expect(reg(computeConstFold(load(map, off, ldx), { mapImages: images }), 3, 1)).toBe(expected);
  });
  test('without images every LDX is UNKNOWN', () => {
    expect(reg(computeConstFold(load(2, 0, b.ldxMem(BPF_B, 1, 2, 0))), 3, 1)).toBe('unknown');
  });
  test('a MAP_VALUE offset that wrapped below zero and back reads the right byte', () => {
    // r2 = value+0; r2 -= 8; r1 = *(u8 *)(r2 +9) -> byte 1
    const p = P(b.ldImm64(2, 2n, BPF_PSEUDO_MAP_VALUE), b.alu64Imm(0x10, 2, 8), b.ldxMem(BPF_B, 1, 2, 9), b.exit());
    expect(reg(computeConstFold(p, { mapImages: images }), 4, 1)).toBe('const 0x22');
  });
});

describe('map-image options', () => {
  test('parsed from pass options and used by the pass', () => {
    const p = load(0, 0, b.ldxMem(BPF_W, 1, 2, 0));
    const res = runStandalone(constFold, p, { 'map-image.0': 'hex:2a000000', unrelated: 3 });
    expect(reg(res, 3, 1)).toBe('const 0x2a');
  });
  test('other options are ignored', () => {
    expect(mapImagesFromOptions({ a: 1, 'map-imagex': 'hex:00' })).toBeUndefined();
  });
  test.each([
    [{ 'map-image.x': 'hex:00' }, 'map-image.<index>'],
    [{ 'map-image.0': 'hex:0' }, 'even number of hex digits'],
    [{ 'map-image.0': 1234 }, "found '1234'"],
    [{ 'map-image.0': '00' }, 'expected hex:<bytes>'],
  ])('bad option %j', (opts, msg) => {
    expect(() => mapImagesFromOptions(opts)).toThrow(BpfError);
    expect(() => mapImagesFromOptions(opts)).toThrow(msg);
  });
});
