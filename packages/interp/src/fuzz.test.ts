// Robustness under fast-check: random bytes and random valid programs with wild pointers in
// every register end in a result or a BpfError — never another exception, never a hang (the
// instruction budget bounds each run). A model of the documented address layout predicts
// exactly which wild accesses succeed, what they read and what they write.
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { BPF_ADD, BPF_ATOMIC, BPF_B, BPF_DW, BPF_H, BPF_LDX, BPF_MEM, BPF_ST, BPF_STX, BPF_W, BpfError, type Insn } from '@bpfkit/ir';
import { decode, randomProgram } from '@bpfkit/decoder';
import { CONFORMANCE_HELPERS } from './conformance-helpers.js';
import { Interpreter } from './interpreter.js';
import { codePointer, memBase, stackTop, userRegionBase } from './layout.js';
import type { CallContext, ExternEntry } from './options.js';
import { U64, prog } from './test-support/programs.js';

const WILD: bigint[] = [
  0n, 1n, 0xffffffffffffffffn, stackTop(0), stackTop(0) - 8n, stackTop(0) - 512n, stackTop(1), stackTop(7), memBase(), memBase() + 15n,
  memBase() - 1n, userRegionBase(0), userRegionBase(1) + 3n, codePointer(0), 0x100000000n, 0x8000000000000000n,
];
const wild = fc.oneof(fc.constantFrom(...WILD), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), fc.constantFrom(...WILD).chain((w) => fc.integer({ min: -600, max: 600 }).map((d) => U64(w + BigInt(d)))));

/** Helpers that poke at memory with whatever they are given, and call back. */
const nasty: Map<number, ExternEntry> = new Map<number, ExternEntry>([
  ...CONFORMANCE_HELPERS,
  [6, { fn: (c: CallContext, a = 0n, n = 0n) => c.read(a, Number(n & 0xffffn)).length }],
  [7, { fn: (c: CallContext, a = 0n, v = 0n) => c.store(a, 8, v) }],
  [8, { fn: (c: CallContext, f = 0n, a = 0n) => c.call(f, a) }],
]);
const kfuncs: Map<number, ExternEntry> = new Map([[1, { fn: (_c: CallContext, ...a: bigint[]) => a.reduce((x, y) => x ^ y, 0n) }]]);

function runOrBpfError(f: () => unknown): void {
  try {
    const r = f() as { r0: bigint };
    expect(typeof r.r0).toBe('bigint');
  } catch (e) {
    if (!(e instanceof BpfError)) throw e;
    expect(typeof e.code).toBe('string');
  }
}

describe('fuzzing: only results or BpfErrors', () => {
  test('random bytes, decoded and run', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 0, maxLength: 320 }), fc.uint8Array({ maxLength: 64 }), fc.array(wild, { maxLength: 5 }), (raw, mem, args) => {
        const bytes = raw.subarray(0, raw.length - (raw.length % 8));
        runOrBpfError(() => new Interpreter(decode(bytes), { helpers: nasty, kfuncs, budget: 5000, mayGotoBudget: 50 }).run({ mem, args }));
      }),
      { numRuns: 1500 },
    );
  });

  test('random valid programs with wild pointers in R1..R5', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 0x7fffffff }), fc.integer({ min: 2, max: 60 }), fc.uint8Array({ maxLength: 64 }), fc.array(wild, { maxLength: 5 }), (seed, n, mem, args) => {
        let s = seed;
        const rnd = (k: number) => {
          s = (Math.imul(s, 1103515245) + 12345) >>> 0;
          return Math.floor((s / 4294967296) * k);
        };
        const p = randomProgram(rnd, n, 6);
        const region = new Uint8Array(16);
        runOrBpfError(() =>
          new Interpreter(p, { helpers: nasty, kfuncs, budget: 5000, mayGotoBudget: 50, regions: [{ bytes: region }, { bytes: new Uint8Array(8), writable: false }] })
            .run({ mem, args, trace: (seed & 1) === 1 }),
        );
      }),
      { numRuns: 1500 },
    );
  });
});

describe('wild pointers: a model of the address layout predicts every outcome', () => {
  const MEM_LEN = 24;
  const USER_LEN = 12;
  type Region = { base: bigint; size: number; writable: boolean; bytes: () => Uint8Array };
  const sizeCode: Record<number, number> = { 1: BPF_B, 2: BPF_H, 4: BPF_W, 8: BPF_DW };

  test('loads, stores and atomics through r1 + off', () => {
    const outcomes = { ok: 0, MEM_OOB: 0, MEM_RDONLY: 0, MISALIGNED: 0 };
    const bases = [stackTop(0) - 512n, stackTop(0), memBase(), userRegionBase(0), userRegionBase(1)];
    const near = fc.constantFrom(...bases).chain((base) => fc.integer({ min: -64, max: 560 }).map((d) => U64(base + BigInt(d))));
    fc.assert(
      fc.property(
        fc.oneof({ arbitrary: near, weight: 3 }, { arbitrary: wild, weight: 1 }),
        fc.oneof({ arbitrary: fc.integer({ min: -64, max: 64 }), weight: 3 }, { arbitrary: fc.integer({ min: -0x8000, max: 0x7fff }), weight: 1 }),
        fc.constantFrom(1, 2, 4, 8),
        fc.constantFrom('ldx', 'st', 'stx', 'atomic'),
        fc.uint8Array({ minLength: MEM_LEN, maxLength: MEM_LEN }),
        (ptr, off, size, kind, memInit) => {
          if (kind === 'atomic' && size < 4) size = 4;
          const mem = memInit.slice();
          const user = Uint8Array.from({ length: USER_LEN }, (_, i) => 0xa0 + i);
          const ro = Uint8Array.from({ length: 64 }, (_, i) => i + 1);
          const regions: Region[] = [
            { base: stackTop(0) - 512n, size: 512, writable: true, bytes: () => new Uint8Array(512) },
            { base: memBase(), size: MEM_LEN, writable: true, bytes: () => memInit },
            { base: userRegionBase(0), size: USER_LEN, writable: true, bytes: () => Uint8Array.from({ length: USER_LEN }, (_, i) => 0xa0 + i) },
            { base: userRegionBase(1), size: 64, writable: false, bytes: () => Uint8Array.from({ length: 64 }, (_, i) => i + 1) },
          ];
          const addr = U64(ptr + BigInt(off));
          const hit = regions.find((r) => addr >= r.base && addr + BigInt(size) <= r.base + BigInt(r.size));
          const writes = kind !== 'ldx';
          const aligned = addr % BigInt(size) === 0n;
          const expectOk = hit !== undefined && (!writes || hit.writable) && (kind !== 'atomic' || aligned);

          const sz = sizeCode[size]!;
          const insn: Insn =
            kind === 'ldx' ? { code: BPF_LDX | BPF_MEM | sz, dst: 0, src: 1, off, imm: 0 }
            : kind === 'st' ? { code: BPF_ST | BPF_MEM | sz, dst: 1, src: 0, off, imm: -2 }
            : kind === 'stx' ? { code: BPF_STX | BPF_MEM | sz, dst: 1, src: 2, off, imm: 0 }
            : { code: BPF_STX | BPF_ATOMIC | sz, dst: 1, src: 2, off, imm: BPF_ADD };
          const it = new Interpreter(prog([{ code: 0xb7, dst: 0, src: 0, off: 0, imm: 0 }, insn, { code: 0x95, dst: 0, src: 0, off: 0, imm: 0 }]), {
            regions: [{ bytes: user }, { bytes: ro, writable: false }],
          });
          const src = 0x0102030405060708n;
          let r0: bigint | undefined;
          let err: BpfError | undefined;
          try {
            r0 = it.run({ mem, args: [ptr, src] }).r0;
          } catch (e) {
            if (!(e instanceof BpfError)) throw e;
            err = e;
          }
          outcomes[err === undefined ? 'ok' : (err.code as keyof typeof outcomes)]++;
          if (!expectOk) {
            expect(err?.code).toBe(hit === undefined ? 'MEM_OOB' : writes && !hit.writable ? 'MEM_RDONLY' : 'MISALIGNED');
            expect(err?.insn).toBe(1);
            expect(mem).toEqual(memInit);
            return;
          }
          expect(err).toBeUndefined();
          const at = Number(addr - hit!.base);
          const before = hit!.bytes();
          const le = (b: Uint8Array) => { let v = 0n; for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(b[at + i]!); return v; };
          const mask = (1n << BigInt(8 * size)) - 1n;
          if (kind === 'ldx') expect(r0).toBe(le(before));
          else {
            const after = hit!.base === memBase() ? mem : hit!.base === userRegionBase(0) ? user : undefined;
            const want = kind === 'st' ? U64(-2n) & mask : kind === 'stx' ? src & mask : (le(before) + src) & mask;
            if (after !== undefined) expect(le(after)).toBe(want);
          }
        },
      ),
      { numRuns: 3000 },
    );
    // The generator reaches every outcome often enough for the model to mean something.
    expect(outcomes.ok).toBeGreaterThan(300);
    expect(outcomes.MEM_OOB).toBeGreaterThan(300);
    expect(outcomes.MEM_RDONLY).toBeGreaterThan(5);
    expect(outcomes.MISALIGNED).toBeGreaterThan(5);
  });
});
