// The example tables of docs text-formats §2.1.2 (kernel syntax), §2.2 (llvm-objdump) and
// §2.5 (one instruction, three syntaxes), one test per example: bytes -> text through the
// printers, and text -> bytes through the parsers.
import { describe, test, expect } from '@jest/globals';
import { formatKernelInsn } from '@bpfkit/ir';
import { bytesToHex, encode, hexToBytes } from '@bpfkit/decoder';
import { parseKernel, type KernelParseOptions } from './parse-kernel.js';
import { parseConformance } from './parse-conformance.js';
import { formatLlvmInsn, type LlvmPrintOptions } from './print-llvm.js';
import { formatConformanceInsn } from './print-conformance.js';

/** `b7 00 00 00 …` -> bytes; a trailing `…` (as in the spec) means zero-filled. */
const bytesOf = (hex: string): Uint8Array => {
  const clean = hex.replace('…', '').trim();
  const b = hexToBytes(clean);
  const full = new Uint8Array(b.length <= 8 ? 8 : 16);
  full.set(b);
  return full;
};

/** Raw fields of the first instruction of `bytes` (read directly: a lone `call pc+5` is no Program). */
const fieldsOf = (b: Uint8Array): [number, number, number, number, number, number] => {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  return [b[0]!, b[1]! & 0xf, b[1]! >> 4, v.getInt16(2, true), v.getInt32(4, true), b.length > 8 ? v.getInt32(12, true) : 0];
};

/** Parse one line followed by 16 exits (so call/subprog targets land inside) and return the first insn's bytes. */
const assemble = (line: string, opts: KernelParseOptions = {}): string => {
  const p = parseKernel(`${line}\n${'exit\n'.repeat(16)}`, opts);
  expect(p.length).toBe(16 + (p.code[0] === 0x18 ? 2 : 1));
  return bytesToHex(encode(p)).slice(0, p.code[0] === 0x18 ? 32 : 16);
};

interface KernelRow {
  readonly row: string;
  readonly bytes: string;
  readonly text: string;
  readonly print?: Parameters<typeof formatKernelInsn>[6];
}

// §2.1.2, one entry per example (rows with several examples are split: 10a, 10b, …).
const KERNEL_ROWS: readonly KernelRow[] = [
  { row: '1', bytes: 'b7 00 00 00 00 00 00 00', text: '(b7) r0 = 0' },
  { row: '2', bytes: 'b4 01 00 00 ff ff ff ff', text: '(b4) w1 = -1' },
  { row: '3', bytes: 'bf 16 00 00 00 00 00 00', text: '(bf) r6 = r1' },
  { row: '4', bytes: '07 01 00 00 f8 ff ff ff', text: '(07) r1 += -8' },
  { row: '5', bytes: '0c 21 00 00 00 00 00 00', text: '(0c) w1 += w2' },
  { row: '6', bytes: '3f 21 01 00 00 00 00 00', text: '(3f) r1 s/= r2' },
  { row: '7', bytes: '37 01 01 00 fd ff ff ff', text: '(37) r1 s/= -3' },
  { row: '8', bytes: '9c 21 01 00 00 00 00 00', text: '(9c) w1 s%= w2' },
  { row: '9', bytes: 'c7 01 00 00 3f 00 00 00', text: '(c7) r1 s>>= 63' },
  { row: '10a', bytes: '87 01 00 00 …', text: '(87) r1 = -r1' },
  { row: '10b', bytes: '84 01 00 00 …', text: '(84) w1 = -w1' },
  { row: '11', bytes: 'bf 21 08 00 00 00 00 00', text: '(bf) r1 = (s8)r2' },
  { row: '12a', bytes: 'bf 21 20 00 …', text: '(bf) r1 = (s32)r2' },
  { row: '12b', bytes: 'bc 21 10 00 …', text: '(bc) w1 = (s16)w2' },
  { row: '13', bytes: 'dc 01 00 00 10 00 00 00', text: '(dc) r1 = be16 r1' },
  { row: '14', bytes: 'd4 01 00 00 40 00 00 00', text: '(d4) r1 = le64 r1' },
  { row: '15', bytes: 'd7 01 00 00 20 00 00 00', text: '(d7) r1 = bswap32 r1' },
  { row: '16', bytes: '79 a1 f8 ff 00 00 00 00', text: '(79) r1 = *(u64 *)(r10 -8)' },
  { row: '17a', bytes: '61 12 04 00 …', text: '(61) r2 = *(u32 *)(r1 +4)' },
  { row: '17b', bytes: '69 12 0c 00 …', text: '(69) r2 = *(u16 *)(r1 +12)' },
  { row: '17c', bytes: '71 23 00 00 …', text: '(71) r3 = *(u8 *)(r2 +0)' },
  { row: '18a', bytes: '91 21 00 00 …', text: '(91) r1 = *(s8 *)(r2 +0)' },
  { row: '18b', bytes: '89 21 02 00 …', text: '(89) r1 = *(s16 *)(r2 +2)' },
  { row: '18c', bytes: '81 21 04 00 …', text: '(81) r1 = *(s32 *)(r2 +4)' },
  { row: '19', bytes: '7b 1a f8 ff 00 00 00 00', text: '(7b) *(u64 *)(r10 -8) = r1' },
  { row: '20a', bytes: '63 1a fc ff …', text: '(63) *(u32 *)(r10 -4) = r1' },
  { row: '20b', bytes: '6b 21 02 00 …', text: '(6b) *(u16 *)(r1 +2) = r2' },
  { row: '20c', bytes: '73 21 00 00 …', text: '(73) *(u8 *)(r1 +0) = r2' },
  { row: '21a', bytes: '7a 0a f0 ff 00 00 00 00', text: '(7a) *(u64 *)(r10 -16) = 0' },
  { row: '21b', bytes: '62 0a fc ff ff ff ff ff', text: '(62) *(u32 *)(r10 -4) = -1' },
  { row: '22', bytes: 'db 21 00 00 00 00 00 00', text: '(db) lock *(u64 *)(r1 +0) += r2' },
  { row: '23a', bytes: 'c3 31 08 00 50 00 00 00', text: '(c3) lock *(u32 *)(r1 +8) &= r3' },
  { row: '23b', bytes: 'c3 31 08 00 40 00 00 00', text: '(c3) lock *(u32 *)(r1 +8) |= r3' },
  { row: '23c', bytes: 'c3 31 08 00 a0 00 00 00', text: '(c3) lock *(u32 *)(r1 +8) ^= r3' },
  { row: '24', bytes: 'db 21 00 00 01 00 00 00', text: '(db) r2 = atomic64_fetch_add((u64 *)(r1 +0), r2)' },
  { row: '25', bytes: 'c3 21 00 00 41 00 00 00', text: '(c3) r2 = atomic_fetch_or((u32 *)(r1 +0), r2)' },
  { row: '26a', bytes: 'db 21 00 00 f1 00 00 00', text: '(db) r0 = atomic64_cmpxchg((u64 *)(r1 +0), r0, r2)' },
  { row: '26b', bytes: 'c3 21 00 00 f1 00 00 00', text: '(c3) r0 = atomic_cmpxchg((u32 *)(r1 +0), r0, r2)' },
  { row: '27a', bytes: 'db 21 00 00 e1 00 00 00', text: '(db) r2 = atomic64_xchg((u64 *)(r1 +0), r2)' },
  { row: '27b', bytes: 'c3 21 00 00 e1 00 00 00', text: '(c3) r2 = atomic_xchg((u32 *)(r1 +0), r2)' },
  { row: '28a', bytes: 'db 10 00 00 00 01 00 00', text: '(db) r0 = load_acquire((u64 *)(r1 +0))' },
  { row: '28b', bytes: 'db 21 00 00 10 01 00 00', text: '(db) store_release((u64 *)(r1 +0), r2)' },
  { row: '29', bytes: '18 01 00 00 34 12 00 00 00 00 00 00 00 00 00 00', text: '(18) r1 = 0x1234' },
  { row: '30', bytes: '18 11 00 00 05 00 00 00 00 00 00 00 00 00 00 00', text: '(18) r1 = map[id:5]', print: { imm64Style: 'bpftool' } },
  { row: '31', bytes: '18 21 00 00 05 00 00 00 00 00 00 00 10 00 00 00', text: '(18) r1 = map[id:5][0]+16', print: { imm64Style: 'bpftool' } },
  { row: '32', bytes: '18 42 00 00 07 00 00 00 00 00 00 00 00 00 00 00', text: '(18) r2 = subprog[+7]', print: { imm64Style: 'bpftool' } },
  { row: '33a', bytes: '30 00 00 00 0c 00 00 00', text: '(30) r0 = *(u8 *)skb[12]' },
  { row: '33b', bytes: '40 20 00 00 04 00 00 00', text: '(40) r0 = *(u32 *)skb[r2 + 4]' },
  { row: '34', bytes: '85 00 00 00 01 00 00 00', text: '(85) call bpf_map_lookup_elem#1' },
  { row: '35', bytes: '85 10 00 00 05 00 00 00', text: '(85) call pc+5' },
  { row: '36a', bytes: '85 20 00 00 14 63 00 00', text: '(85) call bpf_obj_new_impl#25364', print: { kfuncName: () => 'bpf_obj_new_impl' } },
  { row: '36b', bytes: '85 20 00 00 14 63 00 00', text: '(85) call kernel-function#25364' },
  { row: '37a', bytes: '05 00 03 00 …', text: '(05) goto pc+3' },
  { row: '37b', bytes: '05 00 fc ff …', text: '(05) goto pc-4' },
  { row: '38', bytes: '06 00 00 00 70 11 01 00', text: '(06) gotol pc+70000' },
  { row: '39', bytes: 'e5 00 02 00 00 00 00 00', text: '(e5) may_goto pc+2' },
  { row: '40', bytes: '15 00 01 00 00 00 00 00', text: '(15) if r0 == 0x0 goto pc+1' },
  { row: '41', bytes: '25 01 03 00 05 00 00 00', text: '(25) if r1 > 0x5 goto pc+3' },
  { row: '42', bytes: '55 02 02 00 f8 ff ff ff', text: '(55) if r2 != 0xfffffff8 goto pc+2' },
  { row: '43a', bytes: '2d 21 03 00 …', text: '(2d) if r1 > r2 goto pc+3' },
  { row: '43b', bytes: '6d 21 fb ff …', text: '(6d) if r1 s> r2 goto pc-5' },
  { row: '44a', bytes: '16 01 01 00 00 00 00 00', text: '(16) if w1 == 0x0 goto pc+1' },
  { row: '44b', bytes: 'a6 01 02 00 0a 00 00 00', text: '(a6) if w1 < 0xa goto pc+2' },
  { row: '45', bytes: '45 01 01 00 01 00 00 00', text: '(45) if r1 & 0x1 goto pc+1' },
  { row: '46', bytes: '95 00 00 00 00 00 00 00', text: '(95) exit' },
];

describe('text-formats §2.1.2: kernel syntax examples', () => {
  test.each(KERNEL_ROWS)('row $row: $text', ({ bytes, text, print }) => {
    const b = bytesOf(bytes);
    const [code, dst, src, off, imm, imm2] = fieldsOf(b);
    expect(formatKernelInsn(code, dst, src, off, imm, imm2, print)).toBe(text);
    expect(assemble(text)).toBe(bytesToHex(b));
    // Also without the opcode prefix, and in a `N: ` listing line.
    expect(assemble(text.slice(5), { hexMove: 'ld_imm64' })).toBe(bytesToHex(b));
    expect(assemble(`12: ${text}`)).toBe(bytesToHex(b));
  });

  test('row 35 (bpftool, jited): call pc+12#bpf_prog_…_get_opcode is a bpf-to-bpf call', () => {
    expect(assemble('(85) call pc+12#bpf_prog_cbacc90865b1b9a5_get_opcode')).toBe('851000000c000000');
  });

  test('§2.1.3 verifier-log lines: the `; state` comment is ignored', () => {
    expect(assemble('0: (b7) r0 = 1                        ; R0=1')).toBe('b700000001000000');
    expect(assemble('3: (85) call bpf_obj_new_impl#25364   ; R0_w=ptr_or_null_(…)')).toBe('8520000014630000');
  });

  test('§2.1.5 bpftool framing `% 4d: ` parses', () => {
    expect(assemble('  12: (95) exit')).toBe('9500000000000000');
  });
});

interface LlvmRow {
  readonly bytes: string;
  readonly text: string;
  readonly opts?: LlvmPrintOptions;
  /** Text does not carry the whole encoding (LLVM prints ld_ind without its imm, etc.). */
  readonly parses?: false;
}

// §2.2, one entry per example; `opts` for the rows the spec gives in decimal mode.
const DEC: LlvmPrintOptions = { immediates: 'decimal' };
const LLVM_ROWS: readonly LlvmRow[] = [
  { bytes: 'b7 01 00 00 2a 00 00 00', text: 'r1 = 0x2a' },
  { bytes: 'b4 01 00 00 2a 00 00 00', text: 'w1 = 0x2a' },
  { bytes: 'bf 21 00 00 00 00 00 00', text: 'r1 = r2' },
  { bytes: '07 01 00 00 2a 00 00 00', text: 'r1 += 0x2a' },
  { bytes: '27 02 00 00 fc ff ff ff', text: 'r2 *= -4', opts: DEC },
  { bytes: '3f 31 01 00 …', text: 'r1 s/= r3' },
  { bytes: '9c 42 01 00 …', text: 'w2 s%= w4' },
  { bytes: 'bf 41 08 00 …', text: 'r1 = (s8)r4' },
  { bytes: 'bc 31 08 00 …', text: 'w1 = (s8)w3' },
  { bytes: '87 01 00 00 …', text: 'r1 = -r1' },
  { bytes: '84 01 00 00 …', text: 'w1 = -w1' },
  { bytes: 'dc 01 00 00 10 00 00 00', text: 'r1 = be16 r1' },
  { bytes: 'd4 03 00 00 40 00 00 00', text: 'r3 = le64 r3' },
  { bytes: 'd7 02 00 00 20 00 00 00', text: 'r2 = bswap32 r2' },
  { bytes: '79 21 2a 00 …', text: 'r1 = *(u64 *)(r2 + 0x2a)' },
  { bytes: '71 21 2a 00 …', text: 'w1 = *(u8 *)(r2 + 0x2a)' },
  { bytes: '91 41 00 00 …', text: 'r1 = *(s8 *)(r4 + 0x0)' },
  { bytes: '89 52 04 00 …', text: 'r2 = *(s16 *)(r5 + 0x4)' },
  { bytes: '81 63 08 00 …', text: 'r3 = *(s32 *)(r6 + 0x8)' },
  { bytes: '7b 12 2a 00 …', text: '*(u64 *)(r2 + 0x2a) = r1' },
  { bytes: '73 12 2a 00 …', text: '*(u8 *)(r2 + 0x2a) = w1' },
  { bytes: '7b a3 e2 ff …', text: '*(u64 *)(r3 - 30) = r10', opts: DEC },
  { bytes: '7a 0a f8 ff 00 00 00 00', text: '*(u64 *)(r10 - 0x8) = 0x0' },
  { bytes: 'db 21 01 00 00 00 00 00', text: 'lock *(u64 *)(r1 + 0x1) += r2' },
  { bytes: 'c3 21 01 00 50 00 00 00', text: 'lock *(u32 *)(r1 + 0x1) &= w2' },
  { bytes: 'db 01 00 00 01 00 00 00', text: 'r0 = atomic_fetch_add((u64 *)(r1 + 0x0), r0)' },
  { bytes: 'c3 01 00 00 41 00 00 00', text: 'w0 = atomic_fetch_or((u32 *)(r1 + 0x0), w0)' },
  { bytes: 'db 01 00 00 e1 00 00 00', text: 'r0 = xchg_64(r1 + 0x0, r0)' },
  { bytes: 'c3 01 00 00 e1 00 00 00', text: 'w0 = xchg32_32(r1 + 0x0, w0)' },
  { bytes: 'db 11 00 00 f1 00 00 00', text: 'r0 = cmpxchg_64(r1 + 0x0, r0, r1)' },
  { bytes: 'c3 11 00 00 f1 00 00 00', text: 'w0 = cmpxchg32_32(r1 + 0x0, w0, w1)' },
  { bytes: 'db 10 00 00 00 01 00 00', text: 'r0 = load_acquire((u64 *)(r1 + 0x0))' },
  { bytes: 'db 21 00 00 10 01 00 00', text: 'store_release((u64 *)(r1 + 0x0), r2)' },
  { bytes: '18 01 00 00 2a 00 00 00 00 00 00 00 00 00 00 00', text: 'r1 = 0x2a ll' },
  { bytes: '18 09 00 00 ff ff ff ff 00 00 00 00 01 00 00 00', text: 'r9 = 8589934591 ll', opts: DEC },
  { bytes: '18 09 00 00 00 00 00 00 00 00 00 00 00 00 00 00', text: 'r9 = 0 ll', opts: DEC },
  { bytes: '30 00 00 00 2a 00 00 00', text: 'r0 = *(u8 *)skb[0x2a]' },
  { bytes: '50 10 00 00 …', text: 'r0 = *(u8 *)skb[r1]' },
  { bytes: '85 00 00 00 2a 00 00 00', text: 'call 0x2a' },
  { bytes: '85 00 00 00 01 00 00 00', text: 'call 1', opts: DEC },
  // LLVM prints a bpf-to-bpf call like a helper call; `call -0x1` reads back as helper -1.
  { bytes: '85 10 00 00 ff ff ff ff', text: 'call -0x1', parses: false },
  { bytes: '05 00 00 00 …', text: 'goto +0x0' },
  { bytes: '05 00 fb ff …', text: 'goto -0x5' },
  { bytes: '06 00 00 00 ff ff ff 7f', text: 'gotol +0x7fffffff' },
  { bytes: 'e5 00 04 00 00 00 00 00', text: 'may_goto +0x4' },
  { bytes: '15 01 00 00 2a 00 00 00', text: 'if r1 == 0x2a goto +0x0' },
  { bytes: '1d 21 00 00 …', text: 'if r1 == r2 goto +0x0' },
  { bytes: '16 01 00 00 2a 00 00 00', text: 'if w1 == 0x2a goto +0x0' },
  { bytes: '55 03 0d 00 ff ff ff ff', text: 'if r3 != -1 goto +13', opts: DEC },
  { bytes: '95 00 00 00 00 00 00 00', text: 'exit' },
];

describe('text-formats §2.2: llvm-objdump examples', () => {
  test.each(LLVM_ROWS)('$bytes -> $text', ({ bytes, text, opts, parses }) => {
    const b = bytesOf(bytes);
    const [code, dst, src, off, imm, imm2] = fieldsOf(b);
    expect(formatLlvmInsn(code, dst, src, off, imm, imm2, opts)).toBe(text);
    if (parses !== false) expect(assemble(text, { hexMove: 'mov' })).toBe(bytesToHex(b));
  });

  test('objdump annotations and raw-byte columns parse', () => {
    expect(assemble('       6:\t05 00 fb ff 00 00 00 00\tgoto -0x5 <LBB28_1>')).toBe('0500fbff00000000');
    expect(assemble('     107:\t18 09 00 00 ff ff ff ff 00 00 00 00 01 00 00 00\tr9 = 8589934591 ll')).toBe(
      '18090000ffffffff0000000001000000',
    );
    // The raw bytes pick mov vs ld_imm64 like an opcode prefix.
    expect(assemble('       0:\tb7 01 00 00 2a 00 00 00\tr1 = 0x2a')).toBe('b70100002a000000');
  });
});

interface ThreeWayRow {
  readonly bytes: string;
  readonly kernel: string;
  readonly llvm: string;
  /** Data-file spelling(s) from the table; the first is what the disassembler prints unless `printed`. */
  readonly conformance: readonly string[];
  readonly printed?: string;
  /** LLVM text that does not determine the encoding (a bpf-to-bpf call prints like a helper call). */
  readonly llvmParses?: false;
}

// §2.5, one entry per row.
const THREE_WAY: readonly ThreeWayRow[] = [
  { bytes: 'b7 01 00 00 2a 00 00 00', kernel: '(b7) r1 = 42', llvm: 'r1 = 0x2a', conformance: ['mov %r1, 0x2a'] },
  { bytes: 'bc 21 00 00 00 00 00 00', kernel: '(bc) w1 = w2', llvm: 'w1 = w2', conformance: ['mov32 %r1, %r2'] },
  { bytes: '07 01 00 00 f8 ff ff ff', kernel: '(07) r1 += -8', llvm: 'r1 += -0x8', conformance: ['add %r1, -8'] },
  { bytes: '3f 21 01 00 00 00 00 00', kernel: '(3f) r1 s/= r2', llvm: 'r1 s/= r2', conformance: ['sdiv %r1, %r2'] },
  { bytes: 'bf 21 08 00 00 00 00 00', kernel: '(bf) r1 = (s8)r2', llvm: 'r1 = (s8)r2', conformance: ['movsx864 %r1, %r2'] },
  { bytes: 'd7 01 00 00 10 00 00 00', kernel: '(d7) r1 = bswap16 r1', llvm: 'r1 = bswap16 r1', conformance: ['swap16 %r1', 'bswap16 %r1'] },
  { bytes: '79 a1 f8 ff 00 00 00 00', kernel: '(79) r1 = *(u64 *)(r10 -8)', llvm: 'r1 = *(u64 *)(r10 - 0x8)', conformance: ['ldxdw %r1, [%r10-8]'] },
  { bytes: '91 21 00 00 00 00 00 00', kernel: '(91) r1 = *(s8 *)(r2 +0)', llvm: 'r1 = *(s8 *)(r2 + 0x0)', conformance: ['ldxsb %r1, [%r2]'] },
  { bytes: '7a 0a f0 ff 00 00 00 00', kernel: '(7a) *(u64 *)(r10 -16) = 0', llvm: '*(u64 *)(r10 - 0x10) = 0x0', conformance: ['stdw [%r10-16], 0'] },
  {
    bytes: 'db 21 00 00 01 00 00 00', kernel: '(db) r2 = atomic64_fetch_add((u64 *)(r1 +0), r2)',
    llvm: 'r2 = atomic_fetch_add((u64 *)(r1 + 0x0), r2)', conformance: ['lock fetch add [%r1], %r2'],
  },
  {
    bytes: 'db 21 00 00 f1 00 00 00', kernel: '(db) r0 = atomic64_cmpxchg((u64 *)(r1 +0), r0, r2)',
    llvm: 'r0 = cmpxchg_64(r1 + 0x0, r0, r2)', conformance: ['lock cmpxchg [%r1], %r2'],
  },
  {
    bytes: 'c3 21 00 00 e1 00 00 00', kernel: '(c3) r2 = atomic_xchg((u32 *)(r1 +0), r2)',
    llvm: 'w2 = xchg32_32(r1 + 0x0, w2)', conformance: ['lock xchg32 [%r1], %r2'],
  },
  { bytes: '18 01 00 00 34 12 00 00 00 00 00 00 00 00 00 00', kernel: '(18) r1 = 0x1234', llvm: 'r1 = 0x1234 ll', conformance: ['lddw %r1, 0x1234'] },
  { bytes: '85 00 00 00 01 00 00 00', kernel: '(85) call bpf_map_lookup_elem#1', llvm: 'call 0x1', conformance: ['call 1'], printed: 'call helper 1' },
  { bytes: '85 10 00 00 05 00 00 00', kernel: '(85) call pc+5', llvm: 'call 0x5', conformance: ['call local +5'], llvmParses: false },
  { bytes: '06 00 00 00 70 11 01 00', kernel: '(06) gotol pc+70000', llvm: 'gotol +0x11170', conformance: ['ja32 +70000'] },
  { bytes: 'e5 00 02 00 00 00 00 00', kernel: '(e5) may_goto pc+2', llvm: 'may_goto +0x2', conformance: [] },
  { bytes: '55 02 02 00 f8 ff ff ff', kernel: '(55) if r2 != 0xfffffff8 goto pc+2', llvm: 'if r2 != -0x8 goto +0x2', conformance: ['jne %r2, -8, +2'] },
  { bytes: '16 01 01 00 00 00 00 00', kernel: '(16) if w1 == 0x0 goto pc+1', llvm: 'if w1 == 0x0 goto +0x1', conformance: ['jeq32 %r1, 0, +1'] },
  { bytes: '95 00 00 00 00 00 00 00', kernel: '(95) exit', llvm: 'exit', conformance: ['exit'] },
];

describe('text-formats §2.5: one instruction, three syntaxes', () => {
  test.each(THREE_WAY)('$kernel', ({ bytes, kernel, llvm, conformance, printed, llvmParses }) => {
    const b = bytesOf(bytes);
    const hex = bytesToHex(b);
    const [code, dst, src, off, imm, imm2] = fieldsOf(b);
    // bytes -> text, all three printers
    expect(formatKernelInsn(code, dst, src, off, imm, imm2)).toBe(kernel);
    expect(formatLlvmInsn(code, dst, src, off, imm, imm2)).toBe(llvm);
    if (conformance.length > 0) expect(formatConformanceInsn(code, dst, src, off, imm, imm2)).toBe(printed ?? conformance[0]);
    else expect(formatConformanceInsn(code, dst, src, off, imm, imm2)).toBeUndefined();
    // text -> bytes, all parsers (the conformance rows need targets inside the program)
    expect(assemble(kernel)).toBe(hex);
    if (llvmParses !== false) expect(assemble(llvm, { hexMove: 'mov' })).toBe(hex);
    for (const text of [...conformance, ...(printed ? [printed] : [])]) {
      const p = parseConformance(`${text}\n${'exit\n'.repeat(16)}`);
      expect(bytesToHex(encode(p)).slice(0, hex.length)).toBe(hex);
    }
  });
});
