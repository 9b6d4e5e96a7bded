// Every example row of text-formats §2.1.2: bytes -> kernel text through formatKernelInsn.
import { describe, expect, test } from '@jest/globals';
import { formatKernelInsn } from './print-kernel.js';

/** Decode one or two 8-byte slots from space-separated hex (test-local; the real decoder lives in @bpfkit/decoder). */
function fields(hex: string): [number, number, number, number, number, number] {
  const b = hex.split(/\s+/).map((x) => parseInt(x, 16));
  while (b.length < 8) b.push(0);
  const off = (b[2]! | (b[3]! << 8)) << 16 >> 16;
  const imm = b[4]! | (b[5]! << 8) | (b[6]! << 16) | (b[7]! << 24);
  const imm2 = b.length >= 16 ? b[12]! | (b[13]! << 8) | (b[14]! << 16) | (b[15]! << 24) : 0;
  return [b[0]!, b[1]! & 0xf, b[1]! >> 4, off, imm, imm2];
}

// [row, bytes, expected text]; rows with several examples appear once per example.
const ROWS: [string, string, string][] = [
  ['1', 'b7 00 00 00 00 00 00 00', '(b7) r0 = 0'],
  ['2', 'b4 01 00 00 ff ff ff ff', '(b4) w1 = -1'],
  ['3', 'bf 16 00 00 00 00 00 00', '(bf) r6 = r1'],
  ['4', '07 01 00 00 f8 ff ff ff', '(07) r1 += -8'],
  ['5', '0c 21 00 00 00 00 00 00', '(0c) w1 += w2'],
  ['6', '3f 21 01 00 00 00 00 00', '(3f) r1 s/= r2'],
  ['7', '37 01 01 00 fd ff ff ff', '(37) r1 s/= -3'],
  ['8', '9c 21 01 00 00 00 00 00', '(9c) w1 s%= w2'],
  ['9', 'c7 01 00 00 3f 00 00 00', '(c7) r1 s>>= 63'],
  ['10a', '87 01 00 00 00 00 00 00', '(87) r1 = -r1'],
  ['10b', '84 01 00 00 00 00 00 00', '(84) w1 = -w1'],
  ['11', 'bf 21 08 00 00 00 00 00', '(bf) r1 = (s8)r2'],
  ['12a', 'bf 21 20 00 00 00 00 00', '(bf) r1 = (s32)r2'],
  ['12b', 'bc 21 10 00 00 00 00 00', '(bc) w1 = (s16)w2'],
  ['13', 'dc 01 00 00 10 00 00 00', '(dc) r1 = be16 r1'],
  ['14', 'd4 01 00 00 40 00 00 00', '(d4) r1 = le64 r1'],
  ['15', 'd7 01 00 00 20 00 00 00', '(d7) r1 = bswap32 r1'],
  ['16', '79 a1 f8 ff 00 00 00 00', '(79) r1 = *(u64 *)(r10 -8)'],
  ['17a', '61 12 04 00 00 00 00 00', '(61) r2 = *(u32 *)(r1 +4)'],
  ['17b', '69 12 0c 00 00 00 00 00', '(69) r2 = *(u16 *)(r1 +12)'],
  ['17c', '71 23 00 00 00 00 00 00', '(71) r3 = *(u8 *)(r2 +0)'],
  ['18a', '91 21 00 00 00 00 00 00', '(91) r1 = *(s8 *)(r2 +0)'],
  ['18b', '89 21 02 00 00 00 00 00', '(89) r1 = *(s16 *)(r2 +2)'],
  ['18c', '81 21 04 00 00 00 00 00', '(81) r1 = *(s32 *)(r2 +4)'],
  ['19', '7b 1a f8 ff 00 00 00 00', '(7b) *(u64 *)(r10 -8) = r1'],
  ['20a', '63 1a fc ff 00 00 00 00', '(63) *(u32 *)(r10 -4) = r1'],
  ['20b', '6b 21 02 00 00 00 00 00', '(6b) *(u16 *)(r1 +2) = r2'],
  ['20c', '73 21 00 00 00 00 00 00', '(73) *(u8 *)(r1 +0) = r2'],
  ['21a', '7a 0a f0 ff 00 00 00 00', '(7a) *(u64 *)(r10 -16) = 0'],
  ['21b', '62 0a fc ff ff ff ff ff', '(62) *(u32 *)(r10 -4) = -1'],
  ['22', 'db 21 00 00 00 00 00 00', '(db) lock *(u64 *)(r1 +0) += r2'],
  ['23a', 'c3 31 08 00 50 00 00 00', '(c3) lock *(u32 *)(r1 +8) &= r3'],
  ['23b', 'c3 31 08 00 40 00 00 00', '(c3) lock *(u32 *)(r1 +8) |= r3'],
  ['23c', 'c3 31 08 00 a0 00 00 00', '(c3) lock *(u32 *)(r1 +8) ^= r3'],
  ['24', 'db 21 00 00 01 00 00 00', '(db) r2 = atomic64_fetch_add((u64 *)(r1 +0), r2)'],
  ['25', 'c3 21 00 00 41 00 00 00', '(c3) r2 = atomic_fetch_or((u32 *)(r1 +0), r2)'],
  ['26a', 'db 21 00 00 f1 00 00 00', '(db) r0 = atomic64_cmpxchg((u64 *)(r1 +0), r0, r2)'],
  ['26b', 'c3 21 00 00 f1 00 00 00', '(c3) r0 = atomic_cmpxchg((u32 *)(r1 +0), r0, r2)'],
  ['27a', 'db 21 00 00 e1 00 00 00', '(db) r2 = atomic64_xchg((u64 *)(r1 +0), r2)'],
  ['27b', 'c3 21 00 00 e1 00 00 00', '(c3) r2 = atomic_xchg((u32 *)(r1 +0), r2)'],
  ['28a', 'db 10 00 00 00 01 00 00', '(db) r0 = load_acquire((u64 *)(r1 +0))'],
  ['28b', 'db 21 00 00 10 01 00 00', '(db) store_release((u64 *)(r1 +0), r2)'],
  ['29', '18 01 00 00 34 12 00 00 00 00 00 00 00 00 00 00', '(18) r1 = 0x1234'],
  ['33a', '30 00 00 00 0c 00 00 00', '(30) r0 = *(u8 *)skb[12]'],
  ['33b', '40 20 00 00 04 00 00 00', '(40) r0 = *(u32 *)skb[r2 + 4]'],
  ['34', '85 00 00 00 01 00 00 00', '(85) call bpf_map_lookup_elem#1'],
  ['35', '85 10 00 00 05 00 00 00', '(85) call pc+5'],
  ['36', '85 20 00 00 14 63 00 00', '(85) call kernel-function#25364'],
  ['37a', '05 00 03 00 00 00 00 00', '(05) goto pc+3'],
  ['37b', '05 00 fc ff 00 00 00 00', '(05) goto pc-4'],
  ['38', '06 00 00 00 70 11 01 00', '(06) gotol pc+70000'],
  ['39', 'e5 00 02 00 00 00 00 00', '(e5) may_goto pc+2'],
  ['40', '15 00 01 00 00 00 00 00', '(15) if r0 == 0x0 goto pc+1'],
  ['41', '25 01 03 00 05 00 00 00', '(25) if r1 > 0x5 goto pc+3'],
  ['42', '55 02 02 00 f8 ff ff ff', '(55) if r2 != 0xfffffff8 goto pc+2'],
  ['43a', '2d 21 03 00 00 00 00 00', '(2d) if r1 > r2 goto pc+3'],
  ['43b', '6d 21 fb ff 00 00 00 00', '(6d) if r1 s> r2 goto pc-5'],
  ['43c', 'bd a2 03 00 00 00 00 00', '(bd) if r2 <= r10 goto pc+3'],
  ['44a', '16 01 01 00 00 00 00 00', '(16) if w1 == 0x0 goto pc+1'],
  ['44b', 'a6 01 02 00 0a 00 00 00', '(a6) if w1 < 0xa goto pc+2'],
  ['45', '45 01 01 00 01 00 00 00', '(45) if r1 & 0x1 goto pc+1'],
  ['46', '95 00 00 00 00 00 00 00', '(95) exit'],
  // The stack-argument (r11) forms of kernel-semantics §1.2.
  ['r11 stx', '7b 1b f8 ff 00 00 00 00', '(7b) *(u64 *)(r11 -8) = r1'],
  ['r11 st', '7a 0b f0 ff 07 00 00 00', '(7a) *(u64 *)(r11 -16) = 7'],
  ['r11 ldx', '79 b1 08 00 00 00 00 00', '(79) r1 = *(u64 *)(r11 +8)'],
];

describe('kernel printer (text-formats §2.1.2)', () => {
  test.each(ROWS)('row %s: %s', (_row, hex, text) => {
    const [code, dst, src, off, imm, imm2] = fields(hex);
    expect(formatKernelInsn(code, dst, src, off, imm, imm2)).toBe(text);
  });

  test('row 36 with a kfunc name callback', () => {
    const [code, dst, src, off, imm] = fields('85 20 00 00 14 63 00 00');
    expect(formatKernelInsn(code, dst, src, off, imm, 0, { kfuncName: (id) => (id === 25364 ? 'bpf_obj_new_impl' : undefined) })).toBe(
      '(85) call bpf_obj_new_impl#25364',
    );
  });

  test('rows 30-32: bpftool renders pseudo ld_imm64 values', () => {
    const opts = { imm64Style: 'bpftool' as const };
    expect(formatKernelInsn(0x18, 1, 1, 0, 5, 0, opts)).toBe('(18) r1 = map[id:5]');
    expect(formatKernelInsn(0x18, 1, 2, 0, 5, 16, opts)).toBe('(18) r1 = map[id:5][0]+16');
    expect(formatKernelInsn(0x18, 2, 4, 0, 7, 0, opts)).toBe('(18) r2 = subprog[+7]');
    expect(formatKernelInsn(0x18, 1, 1, 0, 5, 0)).toBe('(18) r1 = 0x5');
  });

  test('unknown helper ids print unknown, malformed encodings print BUG forms', () => {
    expect(formatKernelInsn(0x85, 0, 0, 0, 100000)).toBe('(85) call unknown#100000');
    expect(formatKernelInsn(0xdf, 1, 0, 0, 16)).toBe('(df) BUG_alu64_df');
    expect(formatKernelInsn(0x1a, 1, 0, 0, 0)).toBe('(1a) BUG_st_1a');
    expect(formatKernelInsn(0x39, 1, 0, 0, 0)).toBe('(39) BUG_ldx_39');
  });
});
