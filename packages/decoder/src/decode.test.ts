// decode/encode: byte-exact round trip, validation errors with kernel text and insn index,
// and robustness on random bytes (only BpfError, bounded time, input untouched).
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { BpfError, Program, build as b, BPF_DW, BPF_W, BPF_JEQ, BPF_ADD } from '@bpfkit/ir';
import { decode } from './decode.js';
import { encode } from './encode.js';
import { bytesToHex, hexToBytes } from './hex.js';
import { checkEverySlot } from './validate.js';
import { randomProgram } from './random-program.js';

const bytesOf = (...xs: Parameters<typeof Program.fromInsns>[0][]) => encode(Program.fromInsns(xs.flat()));
const raw = (hex: string) => hexToBytes(hex);

function decodeError(bytes: Uint8Array): BpfError {
  try {
    decode(bytes);
  } catch (e) {
    if (e instanceof BpfError) return e;
    throw e;
  }
  throw new Error('decode accepted invalid input');
}

describe('validation errors carry the kernel message, a stable code and the insn index', () => {
  const cases: [string, string, string, string, number][] = [
    ['length not a multiple of 8', 'b700000000000000 9500', 'BAD_LENGTH', 'program length 10 is not a multiple of 8 bytes', 1],
    ['empty program', '', 'BAD_LENGTH', 'program has no instructions', -1],
    ['unknown opcode', 'b700000000000000 8e00000000000000', 'UNKNOWN_OPCODE', 'unknown opcode 8e', 1],
    ['ALU K with src_reg', 'b720000000000000 9500000000000000', 'RESERVED_FIELD', 'BPF_MOV uses reserved fields', 0],
    ['ALU X with imm', '0f21000001000000 9500000000000000', 'RESERVED_FIELD', 'BPF_ALU uses reserved fields', 0],
    ['NEG with imm', '8701000001000000 9500000000000000', 'RESERVED_FIELD', 'BPF_NEG uses reserved fields', 0],
    ['END with width 8', 'd401000008000000 9500000000000000', 'RESERVED_FIELD', 'BPF_END uses reserved fields', 0],
    ['sdiv off 2', '3f21020000000000 9500000000000000', 'RESERVED_FIELD', 'BPF_ALU uses reserved fields', 0],
    ['movsx32 in ALU32', 'bc21200000000000 9500000000000000', 'RESERVED_FIELD', 'BPF_MOV uses reserved fields', 0],
    ['LDX with imm', '7921000001000000 9500000000000000', 'RESERVED_FIELD', 'BPF_LDX uses reserved fields', 0],
    ['ST with src', '7a1a f8ff 01000000 9500000000000000', 'RESERVED_FIELD', 'BPF_ST uses reserved fields', 0],
    ['STX with imm', '7b1af8ff01000000 9500000000000000', 'RESERVED_FIELD', 'BPF_STX uses reserved fields', 0],
    ['bad atomic op', 'db21000002000000 9500000000000000', 'RESERVED_FIELD', 'BPF_ATOMIC uses invalid atomic opcode 02', 0],
    ['8-bit atomic add', 'd321000000000000 9500000000000000', 'RESERVED_FIELD', 'BPF_ATOMIC uses invalid atomic opcode 00', 0],
    ['ld_imm64 truncated', 'b700000000000000 1801000000000000', 'LD_IMM64_TRUNCATED', 'invalid bpf_ld_imm64 insn', 1],
    ['ld_imm64 bad second half', '1801000000000000 0001000000000000 9500000000000000', 'LD_IMM64_INVALID', 'invalid bpf_ld_imm64 insn', 0],
    ['ld_imm64 unknown pseudo', '1871000000000000 0000000000000000 9500000000000000', 'LD_IMM64_INVALID', 'unrecognized bpf_ld_imm64 insn', 0],
    ['jump out of range', '0500050000000000 9500000000000000', 'JUMP_OUT_OF_RANGE', 'jump out of range from insn 0 to 6', 0],
    ['jump backwards out of range', 'b700000000000000 0500fdff00000000', 'JUMP_OUT_OF_RANGE', 'jump out of range from insn 1 to -1', 1],
    ['gotol out of range', '0600000010000000 9500000000000000', 'JUMP_OUT_OF_RANGE', 'jump out of range from insn 0 to 17', 0],
    ['jump into ld_imm64', '0500010000000000 1801000000000000 0000000000000000 9500000000000000', 'JUMP_INTO_LD_IMM64', 'jump into the middle of ldimm64 insn 1', 0],
    ['call out of range', '8510000007000000 9500000000000000', 'CALL_OUT_OF_RANGE', 'call to invalid destination', 0],
    ['call with dst', '8501000001000000 9500000000000000', 'RESERVED_FIELD', 'BPF_CALL uses reserved fields', 0],
    ['exit with imm', '9500000001000000', 'RESERVED_FIELD', 'BPF_EXIT uses reserved fields', 0],
    ['ja with imm', '0500000001000000 9500000000000000', 'RESERVED_FIELD', 'BPF_JA uses reserved fields', 0],
    ['jeq K with src', '1520000000000000 9500000000000000', 'RESERVED_FIELD', 'BPF_JMP/JMP32 uses reserved fields', 0],
    ['register 12', 'b70c000000000000 9500000000000000', 'INVALID_REGISTER', 'R12 is invalid', 0],
    ['r11 as ALU dst', 'b70b000000000000 9500000000000000', 'INVALID_REGISTER', 'R11 is invalid', 0],
    ['r1 = r11', 'bfb1000000000000 9500000000000000', 'INVALID_REGISTER', 'R11 is invalid', 0],
    ['r11 store, positive offset', '7b1b080000000000 9500000000000000', 'INVALID_REGISTER', 'R11 is invalid', 0],
    ['r11 store, unaligned', '7b1bf4ff00000000 9500000000000000', 'INVALID_REGISTER', 'R11 is invalid', 0],
    ['r11 store, 32-bit', '631bf8ff00000000 9500000000000000', 'INVALID_REGISTER', 'R11 is invalid', 0],
    ['r11 load, negative offset', '79b1f8ff00000000 9500000000000000', 'INVALID_REGISTER', 'R11 is invalid', 0],
    ['r11 load into r10', '79ba080000000000 9500000000000000', 'INVALID_REGISTER', 'R11 is invalid', 0],
    ['r11 sign-extending load', '81b1080000000000 9500000000000000', 'INVALID_REGISTER', 'R11 is invalid', 0],
    ['r11 atomic', 'db1bf8ff00000000 9500000000000000', 'INVALID_REGISTER', 'R11 is invalid', 0],
    ['r11 in a compare', '1d1b010000000000 9500000000000000', 'INVALID_REGISTER', 'R11 is invalid', 0],
  ];
  test.each(cases)('%s', (_name, hex, code, message, insn) => {
    const e = decodeError(raw(hex));
    expect([e.code, e.message, e.insn, e.pass]).toEqual([code, message, insn, 'decoder']);
  });

  test('the three r11 forms are accepted', () => {
    const p = decode(bytesOf([b.stackArgStore(6, 1), b.stackArgStoreImm(12, -5), b.stackArgLoad(2, 7), b.exit()]));
    expect(p.length).toBe(4);
  });
});

describe('round trip', () => {
  test('encode(decode(x)) === x for 100,000 random valid instructions', () => {
    let total = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x7fffffff }), (seed) => {
        let s = seed >>> 0 || 1;
        const r = (n: number) => {
          s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0;
          return s % n;
        };
        const p = randomProgram(r, 1000);
        total += p.length;
        const bytes = encode(p);
        const q = decode(bytes);
        expect(q.sameInsns(p)).toBe(true);
        expect(q.funcs).toEqual(p.funcs); // subprograms found during validation = a full discovery scan
        expect(bytesToHex(encode(q))).toBe(bytesToHex(bytes));
      }),
      { numRuns: 100 },
    );
    expect(total).toBeGreaterThanOrEqual(100_000);
  });

  test('every length mod 4 (the hot loops take four slots per step, then the rest one by one)', () => {
    let seed = 7;
    const r = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
    for (let n = 1; n <= 67; n++) {
      // n - 1 random slots (a trailing jump may target slot n - 1), then an exit.
      const body = n > 1 ? encode(randomProgram(r, n - 1, 8)) : new Uint8Array(0);
      const bytes = new Uint8Array(body.length + 8);
      bytes.set(body);
      bytes[body.length] = 0x95;
      const p = decode(bytes);
      const t = decode(bytes, { trusted: true });
      expect(Buffer.from(encode(p)).equals(Buffer.from(bytes))).toBe(true);
      expect(p.sameInsns(t)).toBe(true);
      for (let i = 0; i < p.length; i++) {
        const dv = new DataView(bytes.buffer, bytes.byteOffset + 8 * i, 8);
        expect([p.code[i], p.dst[i], p.src[i], p.off[i], p.imm[i]]).toEqual([dv.getUint8(0), dv.getUint8(1) & 0xf, dv.getUint8(1) >> 4, dv.getInt16(2, true), dv.getInt32(4, true)]);
      }
    }
  });

  test('unaligned input buffers decode the same as aligned ones', () => {
    const bytes = bytesOf([b.mov64Imm(1, -7), b.stxMem(BPF_DW, 10, 1, -8), b.jmpImm(BPF_JEQ, 1, 3, 0), b.atomicOp(BPF_W, BPF_ADD, 10, 1, -4), b.exit()]);
    const shifted = new Uint8Array(bytes.length + 3).subarray(3);
    shifted.set(bytes);
    expect(decode(shifted).sameInsns(decode(bytes))).toBe(true);
  });

  test('random byte strings give a Program or a BpfError, never anything else; input untouched', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 400 }), (bytes) => {
        const copy = bytes.slice();
        try {
          const p = decode(bytes);
          expect(bytesToHex(encode(p))).toBe(bytesToHex(bytes));
        } catch (e) {
          expect(e).toBeInstanceOf(BpfError);
        }
        expect(bytesToHex(bytes)).toBe(bytesToHex(copy));
      }),
      { numRuns: 20000 },
    );
  });

  test('mutations of valid programs give a Program or a BpfError', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1 << 30 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), (seed, muts) => {
        let s = seed;
        const r = (n: number) => ((s = (s * 1103515245 + 12345) & 0x7fffffff), s % n);
        const bytes = encode(randomProgram(r, 30));
        for (const [pos, v] of muts) bytes[pos % bytes.length] = v;
        try {
          decode(bytes);
        } catch (e) {
          expect(e).toBeInstanceOf(BpfError);
        }
      }),
      { numRuns: 5000 },
    );
  });
});

describe('the branch-free screen never hides a problem', () => {
  // Reference: the exact per-instruction checks on EVERY slot (no screening, no quick paths
  // in checkSuspects). The screened decode must accept exactly what the reference accepts and
  // report the same first error.
  const outcome = (f: () => unknown): string => {
    try {
      f();
      return 'ok';
    } catch (e) {
      if (!(e instanceof BpfError)) throw e;
      return `${e.code}@${e.insn}: ${e.message}`;
    }
  };
  /** The fields of every slot, with no checks at all (not a Program: that would discover functions). */
  const rawArrays = (bytes: Uint8Array) => {
    const n = bytes.length / 8;
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const raw = { code: new Uint8Array(n), dst: new Uint8Array(n), src: new Uint8Array(n), off: new Int16Array(n), imm: new Int32Array(n) };
    for (let i = 0; i < n; i++) {
      raw.code[i] = bytes[8 * i]!;
      raw.dst[i] = bytes[8 * i + 1]! & 0xf;
      raw.src[i] = bytes[8 * i + 1]! >> 4;
      raw.off[i] = dv.getInt16(8 * i + 2, true);
      raw.imm[i] = dv.getInt32(8 * i + 4, true);
    }
    return raw;
  };
  test('screened decode and exhaustive checks agree on mutated programs', () => {
    let rejected = 0;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1 << 30 }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), (seed, muts) => {
        let s = seed;
        const r = (n: number) => ((s = (s * 1103515245 + 12345) & 0x7fffffff), s % n);
        const bytes = encode(randomProgram(r, 40, 8));
        for (const [pos, v] of muts) bytes[pos % bytes.length] = v;
        const expected = outcome(() => checkEverySlot(rawArrays(bytes)));
        expect(outcome(() => decode(bytes))).toBe(expected);
        if (expected !== 'ok') rejected++;
      }),
      { numRuns: 20000 },
    );
    expect(rejected).toBeGreaterThan(1000);
  });

  test('the quick paths for suspects (atomics, ld_imm64, calls) agree with the exact checks', () => {
    // Programs made only of the instructions checkSuspects accepts quickly, with fields drawn
    // near the edges: every valid and invalid atomic op, movsx / addr_space_cast offsets and
    // immediates, pseudo kinds 0..7, registers 0..12.
    const OPS = [0xdb, 0xc3, 0xd3, 0xcb, 0x18, 0x85, 0xbf, 0xbc, 0x20, 0x40, 0x95];
    const IMMS = [0x00, 0x01, 0x40, 0x41, 0x50, 0x51, 0xa0, 0xa1, 0xe1, 0xf1, 0x100, 0x110, 0x02, 0xe0, 0xf0, 0x101, 0x1f1, -1, 1, 2, 0x10000, 0x10001];
    let accepted = 0;
    let rejected = 0;
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(OPS.length - 1), fc.nat(12), fc.nat(8), fc.constantFrom(0, 0, 1, -1, 2, 8, 16, 32, 64), fc.nat(IMMS.length - 1), fc.boolean()), { minLength: 1, maxLength: 12 }),
        (slots) => {
          const bytes = new Uint8Array(8 * slots.length);
          const dv = new DataView(bytes.buffer);
          slots.forEach(([op, d, sr, o, k, clean], i) => {
            // After an 0x18, usually a clean second half (so ld_imm64 is often valid).
            const afterLd = i > 0 && bytes[8 * (i - 1)] === 0x18 && clean;
            bytes[8 * i] = afterLd ? 0 : OPS[op]!;
            bytes[8 * i + 1] = afterLd ? 0 : (clean ? Math.min(d, 10) : d) | ((clean ? sr % 7 : sr) << 4);
            dv.setInt16(8 * i + 2, afterLd || clean ? 0 : o, true);
            dv.setInt32(8 * i + 4, IMMS[k]!, true);
          });
          const expected = outcome(() => checkEverySlot(rawArrays(bytes)));
          expect(outcome(() => decode(bytes))).toBe(expected);
          if (expected === 'ok') accepted++;
          else rejected++;
        },
      ),
      { numRuns: 20000 },
    );
    expect(accepted).toBeGreaterThan(200); // about 400 of 20,000: enough valid programs to exercise the quick paths
    expect(rejected).toBeGreaterThan(500);
  });
});

describe('hex', () => {
  test('parses spaced/0x-prefixed hex and reports bad digits', () => {
    expect(Array.from(hexToBytes('0xb7 01\n00 00'))).toEqual([0xb7, 1, 0, 0]);
    expect(() => hexToBytes('abc')).toThrow(BpfError);
    expect(() => hexToBytes('zz')).toThrow(/invalid hex digit 'z'/);
  });
});
