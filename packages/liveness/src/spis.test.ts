import { SpisPool, SPIS_ZERO } from './spis.js';
import { fmtSpisMask, vlogAlignment } from './print-instances.js';

const pool = new SpisPool();
const mask = (...bits: number[]): number => pool.fromBigInt(bits.reduce((m, b) => m | (1n << BigInt(b)), 0n));

describe('spis_t pool', () => {
  test('zero and all', () => {
    expect(pool.toBigInt(SPIS_ZERO)).toBe(0n);
    expect(pool.toBigInt(pool.all)).toBe((1n << 128n) - 1n);
  });
  test('range is clipped to 0..127 and interned', () => {
    expect(pool.toBigInt(pool.range(2, 5))).toBe(0b111100n);
    expect(pool.range(126, 300)).toBe(mask(126, 127));
    expect(pool.range(-3, 0)).toBe(mask(0));
  });
  test('or / and / transfer work across all four words', () => {
    const a = mask(1, 40, 70, 127);
    const b = mask(1, 64, 96);
    expect(pool.toBigInt(pool.or(a, b))).toBe(pool.toBigInt(a) | pool.toBigInt(b));
    expect(pool.and(a, b)).toBe(mask(1));
    expect(pool.transfer(a, mask(40, 127), mask(5))).toBe(mask(1, 5, 70));
    expect(pool.test(a, 127) && !pool.test(a, 126)).toBe(true);
  });
});

describe('fmt_spis_mask', () => {
  test.each([
    [[0, 1], 'fp0-8'],
    [[0], 'fp0-4h'],
    [[1], 'fp0-8h'],
    [[0, 1, 2, 3], 'fp0-8 fp0-16'],
    [[0, 1, 2, 3, 4, 5], 'fp0-8..-24'],
    [[2, 3, 4, 5, 6, 7, 8, 9, 11], 'fp0-16..-40 fp0-48h'],
    [[126, 127], 'fp0-512'],
  ])('%j -> %s', (bits, text) => expect(fmtSpisMask(pool, 0, true, mask(...bits))).toBe(text));
  test('not first: a leading space; frame number printed', () => {
    expect(fmtSpisMask(pool, 2, false, mask(0, 1))).toBe(' fp2-8');
    expect(fmtSpisMask(pool, 1, true, pool.all)).toBe('fp1-8..-512');
  });
});

describe('bpf_vlog_alignment', () => {
  test('`;` lands on column 39, or the next multiple of 8 minus 1', () => {
    for (const len of [10, 30, 35, 36, 39, 44, 60]) {
      const col = len + vlogAlignment(len);
      expect(col).toBe(Math.max(39, Math.ceil((len + 4) / 8) * 8 - 1));
    }
  });
});
