import { ArgTrackPool, AT_NONE, AT_UNVISITED, argAdd } from './arg-track.js';

const pool = new ArgTrackPool();
const fp = (frame: number, ...offs: number[]): number => pool.precise(frame, offs, offs.length);
const f = (id: number): string => pool.format(id);

describe('arg_track printing (verbose_arg_track)', () => {
  test.each([
    [AT_NONE, '_'],
    [AT_UNVISITED, '?'],
    [pool.imprecise(3), 'IMP3'],
    [pool.imprecise(0x1f), 'IMP1f'],
    [pool.offsetImprecise(1), 'fp1 ?'],
    [fp(0, -8, 0), 'fp0-8|fp0+0'],
    [fp(2, -16), 'fp2-16'],
  ])('%s prints %s', (id, text) => expect(f(id)).toBe(text));
});

describe('__arg_track_join', () => {
  test.each([
    ['UNVISITED is the identity', AT_UNVISITED, fp(0, -8), 'fp0-8'],
    ['NONE + NONE', AT_NONE, AT_NONE, '_'],
    ['same frame, offsets merged and sorted', fp(0, -8), fp(0, -24), 'fp0-24|fp0-8'],
    ['duplicates removed', fp(0, -8, 0), fp(0, -8), 'fp0-8|fp0+0'],
    ['single fp + NONE gets the fake fp+0', fp(0, -8), AT_NONE, 'fp0-8|fp0+0'],
    ['NONE + single fp gets the fake fp+0', AT_NONE, fp(1, -16), 'fp1-16|fp1+0'],
    ['multi-offset fp + NONE is unchanged', fp(0, -16, -8), AT_NONE, 'fp0-16|fp0-8'],
    ['offset-imprecise + NONE is unchanged', pool.offsetImprecise(0), AT_NONE, 'fp0 ?'],
    ['more than 4 offsets -> offset-imprecise', fp(0, -32, -24, -16), fp(0, -8, 0), 'fp0 ?'],
    ['exactly 4 offsets stay precise', fp(0, -32, -24), fp(0, -16, -8), 'fp0-32|fp0-24|fp0-16|fp0-8'],
    ['offset-imprecise absorbs', pool.offsetImprecise(1), fp(1, -8), 'fp1 ?'],
    ['different frames -> IMPRECISE', fp(0, -8), fp(1, -8), 'IMP3'],
    ['IMPRECISE ORs masks', pool.imprecise(1), fp(2, -8), 'IMP5'],
    ['IMPRECISE + NONE keeps the mask', pool.imprecise(6), AT_NONE, 'IMP6'],
  ])('%s', (_name, a, b, want) => {
    expect(f(pool.join(a, b))).toBe(want);
  });

  test('interning makes equal values identical ids', () => {
    expect(pool.join(fp(0, -8), AT_NONE)).toBe(fp(0, -8, 0));
    expect(pool.join(fp(0, -8), fp(0, -8))).toBe(fp(0, -8));
  });
});

describe('arithmetic', () => {
  test('arg_add: delta must fit s16 and the sum must not overflow', () => {
    expect(argAdd(-8, -8)).toBe(-16);
    expect(argAdd(-32768, 0)).toBe(-32768);
    expect(argAdd(-8, 40000)).toBeUndefined();
    expect(argAdd(32767, 1)).toBeUndefined();
  });
  test('arg_padd shifts every offset, overflow makes it offset-imprecise', () => {
    expect(f(pool.padd(fp(0, -16, 0), -8))).toBe('fp0-24|fp0-8');
    expect(f(pool.padd(fp(0, -8), 1 << 20))).toBe('fp0 ?');
  });
  test('arg_track_alu64', () => {
    expect(f(pool.alu64(fp(0, -8), AT_NONE))).toBe('fp0 ?');
    expect(f(pool.alu64(fp(1, -8), fp(1, -16)))).toBe('fp1 ?');
    expect(f(pool.alu64(AT_NONE, fp(2, -8)))).toBe('fp2 ?');
    expect(f(pool.alu64(AT_NONE, AT_NONE))).toBe('_');
    expect(f(pool.alu64(fp(0, -8), fp(1, -8)))).toBe('IMP3');
  });
  test('arg_is_fp', () => {
    expect(pool.isFp(AT_NONE)).toBe(false);
    expect(pool.isFp(AT_UNVISITED)).toBe(false);
    expect(pool.isFp(pool.imprecise(1))).toBe(true);
    expect(pool.isFp(pool.offsetImprecise(0))).toBe(true);
  });
});
