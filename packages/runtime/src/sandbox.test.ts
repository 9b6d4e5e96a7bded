// The sandbox: JIT'd code bounds-checks every load, store and atomic against the input
// memory, the user regions and the live frames' stacks, bounds the call depth and counts a
// budget. A model of the regions predicts exactly which wild accesses succeed (and what they
// read and write) and which end in MEM_OOB / MEM_RDONLY / MISALIGNED; fuzzed programs with wild
// pointers, random bytes and hostile helpers end in a result or a BpfError — and this process
// keeps running.
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import {
  BPF_ADD, BPF_ATOMIC, BPF_B, BPF_DW, BPF_H, BPF_LDX, BPF_MEM, BPF_ST, BPF_STX, BPF_W, BpfError, build as B, type Insn,
} from '@bpfkit/ir';
import { decode, encode, randomProgram } from '@bpfkit/decoder';
import { CONFORMANCE_HELPERS } from '@bpfkit/interp';
import { NativeProgram } from './native-program.js';
import type { NativeCallContext, NativeExternEntry } from './options.js';
import { Asm } from './test-support/asm.js';

const U64 = (x: bigint): bigint => BigInt.asUintN(64, x);

function outcome(f: () => bigint): bigint | BpfError {
  try {
    return f();
  } catch (e) {
    if (e instanceof BpfError) return e;
    throw e;
  }
}

describe('wild pointers: a model of the regions predicts every outcome', () => {
  const MEM_LEN = 24;
  const sizeCode: Record<number, number> = { 1: BPF_B, 2: BPF_H, 4: BPF_W, 8: BPF_DW };
  type Base = 'mem' | 'stack' | 'region0' | 'wild';
  // Region extents relative to each base (region1 sits 16 bytes after region0, read-only).
  const extents: Record<Base, { lo: number; hi: number; writable: boolean; name: string }[]> = {
    mem: [{ lo: 0, hi: MEM_LEN, writable: true, name: 'mem' }],
    stack: [{ lo: -512, hi: 0, writable: true, name: 'stack' }],
    region0: [
      { lo: 0, hi: 12, writable: true, name: 'region0' },
      { lo: 16, hi: 80, writable: false, name: 'region1' },
    ],
    wild: [],
  };
  const WILD = [0n, 1n, 0xffffffffffffffffn, 0x100000000n, 0x8000000000000000n, 0x100000000000n, 0xdeadbeefn];

  test('loads, stores and atomics through r1 + off in the sandbox', () => {
    const outcomes = { ok: 0, MEM_OOB: 0, MEM_RDONLY: 0, MISALIGNED: 0 };
    fc.assert(
      fc.property(
        fc.constantFrom<Base>('mem', 'stack', 'region0', 'wild'),
        fc.constantFrom(...WILD),
        fc.oneof({ arbitrary: fc.integer({ min: -24, max: 24 }), weight: 3 }, { arbitrary: fc.integer({ min: -600, max: 600 }), weight: 1 }),
        fc.oneof({ arbitrary: fc.integer({ min: -64, max: 64 }), weight: 3 }, { arbitrary: fc.integer({ min: -0x800, max: 0x7ff }), weight: 1 }), // stays inside the pages the model knows
        fc.constantFrom(1, 2, 4, 8),
        fc.constantFrom('ldx', 'st', 'stx', 'atomic'),
        fc.uint8Array({ minLength: MEM_LEN, maxLength: MEM_LEN }),
        (base, wild, delta, off, size, kind, memInit) => {
          if (kind === 'atomic' && size < 4) size = 4;
          const a = new Asm();
          if (base === 'stack') a.emit(B.mov64Reg(1, 10));
          else if (base === 'region0') a.emit(B.ldImm64(1, 0n, 2)); // BPF_PSEUDO_MAP_VALUE -> region 0
          else if (base === 'wild') a.emit(B.ldImm64(1, wild));
          a.emit(B.ldImm64(3, BigInt(delta)), B.alu64Reg(BPF_ADD, 1, 3));
          a.emit(B.ldImm64(2, 0x0102030405060708n), B.mov64Imm(0, 0));
          const sz = sizeCode[size]!;
          const insn: Insn =
            kind === 'ldx' ? { code: BPF_LDX | BPF_MEM | sz, dst: 0, src: 1, off, imm: 0 }
            : kind === 'st' ? { code: BPF_ST | BPF_MEM | sz, dst: 1, src: 0, off, imm: -2 }
            : kind === 'stx' ? { code: BPF_STX | BPF_MEM | sz, dst: 1, src: 2, off, imm: 0 }
            : { code: BPF_STX | BPF_ATOMIC | sz, dst: 1, src: 2, off, imm: BPF_ADD };
          const at = a.pc;
          a.emit(insn, B.exit());
          const region0 = Uint8Array.from({ length: 12 }, (_, i) => 0xa0 + i);
          const region1 = Uint8Array.from({ length: 64 }, (_, i) => i + 1);
          const np = new NativeProgram(a.program(), {
            sandbox: true,
            regions: [{ bytes: region0 }, { bytes: region1, writable: false }],
            ldImm64: (_k, imm, _n, _i, regionAddress) => regionAddress(imm),
          });
          const mem = memInit.slice();
          const r = outcome(() => np.run({ mem }).r0);
          np.dispose();
          // The model.
          const rel = delta + off;
          const hit = extents[base].find((e) => rel >= e.lo && rel + size <= e.hi);
          const writes = kind !== 'ldx';
          const addr = base === 'wild' ? U64(wild + BigInt(rel)) : BigInt(rel);
          // Bases are 16-byte aligned (rbp, page-aligned memory and regions); wild ones are absolute.
          const aligned = base === 'wild' ? addr % BigInt(size) === 0n : rel % size === 0;
          const expectOk = hit !== undefined && (!writes || hit.writable) && (kind !== 'atomic' || aligned);
          if (!expectOk) {
            const code = hit === undefined ? 'MEM_OOB' : writes && !hit.writable ? 'MEM_RDONLY' : 'MISALIGNED';
            expect([kind, base, rel, r instanceof BpfError ? r.code : r]).toEqual([kind, base, rel, code]);
            expect((r as BpfError).insn).toBe(at);
            expect(mem).toEqual(memInit);
            outcomes[code]++;
            return;
          }
          expect([kind, base, rel, r instanceof BpfError ? r.format() : 'ok']).toEqual([kind, base, rel, 'ok']);
          outcomes.ok++;
          const before = hit!.name === 'mem' ? memInit : hit!.name === 'region0' ? Uint8Array.from({ length: 12 }, (_, i) => 0xa0 + i) : hit!.name === 'region1' ? Uint8Array.from({ length: 64 }, (_, i) => i + 1) : undefined;
          const o = rel - hit!.lo;
          const le = (bytes: Uint8Array) => {
            let v = 0n;
            for (let i = size - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[o + i]!);
            return v;
          };
          const mask = (1n << BigInt(8 * size)) - 1n;
          if (kind === 'ldx' && before !== undefined) expect(r).toBe(le(before));
          if (kind !== 'ldx' && hit!.name !== 'stack') {
            const after = hit!.name === 'mem' ? mem : region0;
            const want = kind === 'st' ? U64(-2n) & mask : kind === 'stx' ? 0x0102030405060708n & mask : (le(before!) + 0x0102030405060708n) & mask;
            expect(le(after)).toBe(want);
          }
        },
      ),
      { numRuns: 2500 },
    );
    expect(outcomes.ok).toBeGreaterThan(200);
    expect(outcomes.MEM_OOB).toBeGreaterThan(200);
    expect(outcomes.MEM_RDONLY).toBeGreaterThan(5);
    expect(outcomes.MISALIGNED).toBeGreaterThan(5);
  });
});

describe('sandbox: the run ends in a BpfError, never a crash', () => {
  const run = (a: Asm, opts: ConstructorParameters<typeof NativeProgram>[1] = {}, mem = new Uint8Array(8)): bigint | BpfError => {
    const np = new NativeProgram(a.program(), { sandbox: true, ...opts });
    try {
      return outcome(() => np.run({ mem }).r0);
    } finally {
      np.dispose();
    }
  };
  const codeOf = (r: bigint | BpfError): string => (r instanceof BpfError ? r.code : `ok ${r}`);

  test('a callee may use a pointer into its caller\'s frame; a pointer into a dead frame faults', () => {
    const a = new Asm();
    a.emit(B.stMem(BPF_DW, 10, -8, 41), B.mov64Reg(1, 10), B.alu64Imm(BPF_ADD, 1, -8));
    a.call('inc').emit(B.ldxMem(BPF_DW, 0, 10, -8), B.exit());
    a.func('inc', 1).emit(B.ldxMem(BPF_DW, 0, 1, 0), B.alu64Imm(BPF_ADD, 0, 1), B.stxMem(BPF_DW, 1, 0, 0), B.exit());
    expect(codeOf(run(a))).toBe('ok 42');
    const d = new Asm();
    d.call('leak').emit(B.ldxMem(BPF_DW, 0, 0, 0), B.exit());
    d.func('leak').emit(B.mov64Reg(0, 10), B.alu64Imm(BPF_ADD, 0, -16), B.exit());
    const r = run(d);
    expect(codeOf(r)).toBe('MEM_OOB');
    expect((r as BpfError).insn).toBe(1);
  });

  test('unbounded recursion ends with CALL_DEPTH; an endless loop with BUDGET', () => {
    const a = new Asm();
    a.call('f').emit(B.exit());
    a.func('f').call('f').emit(B.exit());
    expect(codeOf(run(a))).toBe('CALL_DEPTH');
    // Without the sandbox the same program is refused before it runs.
    expect(() => new NativeProgram(a.program())).toThrow(expect.objectContaining({ code: 'CALL_DEPTH' }));
    const l = new Asm();
    l.label('top').emit(B.alu64Imm(BPF_ADD, 0, 1)).ja('top');
    const r = run(l, { budget: 1000 });
    expect(codeOf(r)).toBe('BUDGET');
    expect((r as BpfError).insn).toBe(1);
  });

  test('helpers get only checked memory; callx and callbacks only real functions', () => {
    const nasty = new Map<number, NativeExternEntry>([
      [6, { fn: (c: NativeCallContext, p = 0n, n = 0n) => c.read(p, Number(n)).length }],
      [7, { fn: (c: NativeCallContext, p = 0n, v = 0n) => c.store(p, 8, v) }],
      [8, { fn: (c: NativeCallContext, f = 0n, x = 0n) => c.call(f, x) }],
    ]);
    const wildCall = (id: number, r1: bigint, r2: bigint): bigint | BpfError => {
      const a = new Asm();
      a.emit(B.ldImm64(1, r1), B.ldImm64(2, r2), B.callHelper(id), B.exit());
      return run(a, { helpers: nasty });
    };
    expect(codeOf(wildCall(6, 0x1000n, 8n))).toBe('MEM_OOB');
    expect(codeOf(wildCall(7, 0n, 8n))).toBe('MEM_OOB');
    expect(codeOf(wildCall(8, 0x1234n, 0n))).toBe('CALLX_TARGET');
    expect(codeOf(wildCall(9, 0n, 0n))).toBe('HELPER_UNKNOWN');
    const cx = new Asm();
    cx.emit(B.ldImm64(3, 0x123456789n), B.callx(3), B.exit());
    expect(codeOf(run(cx))).toBe('CALLX_TARGET');
  });

  test('random valid programs with wild pointers in R1..R5 and hostile helpers: results or BpfErrors', () => {
    const nasty: Map<number, NativeExternEntry> = new Map<number, NativeExternEntry>([
      ...CONFORMANCE_HELPERS,
      [6, { fn: (c: NativeCallContext, p = 0n, n = 0n) => c.read(p, Number(n & 0xffffn)).length }],
      [7, { fn: (c: NativeCallContext, p = 0n, v = 0n) => c.store(p, 8, v) }],
      [8, { fn: (c: NativeCallContext, f = 0n, x = 0n) => c.call(f, x) }],
    ]);
    const kfuncs = new Map([[1, { fn: (_c: NativeCallContext, ...x: bigint[]) => x.reduce((s, v) => s ^ v, 0n) }]]);
    const wild = fc.oneof(fc.constantFrom(0n, 1n, 0xffffffffffffffffn, 0x100000000n, 0x8000000000000000n), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }));
    const seen = { ok: 0, err: 0 };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 0x7fffffff }), fc.integer({ min: 2, max: 60 }), fc.uint8Array({ maxLength: 64 }), fc.array(wild, { maxLength: 5 }), (seed, n, mem, args) => {
        let s = seed;
        const rnd = (k: number) => {
          s = (Math.imul(s, 1103515245) + 12345) >>> 0;
          return Math.floor((s / 4294967296) * k);
        };
        const p = randomProgram(rnd, n, 6);
        let np: NativeProgram;
        try {
          np = new NativeProgram(p, { sandbox: true, helpers: nasty, kfuncs, budget: 5000, mayGotoBudget: 50, regions: [{ bytes: new Uint8Array(16) }] });
        } catch (e) {
          if (!(e instanceof BpfError)) throw e;
          seen.err++;
          return;
        }
        try {
          const r = outcome(() => np.run({ mem, args }).r0);
          if (r instanceof BpfError) seen.err++;
          else seen.ok++;
        } finally {
          np.dispose();
        }
      }),
      { numRuns: 3000 },
    );
    expect(seen.ok).toBeGreaterThan(100);
    expect(seen.err).toBeGreaterThan(100);
  });

  test('mutated program bytes, decoded, compiled and run in the sandbox: results or BpfErrors', () => {
    const seen = { decoded: 0, ran: 0 };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 0x7fffffff }), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }), fc.uint8Array({ maxLength: 64 }), (seed, flips, mem) => {
        let s = seed;
        const rnd = (k: number) => {
          s = (Math.imul(s, 1103515245) + 12345) >>> 0;
          return Math.floor((s / 4294967296) * k);
        };
        const bytes = encode(randomProgram(rnd, 2 + rnd(40), 6));
        for (const [at, v] of flips) bytes[at % bytes.length] = v;
        const r = outcome(() => {
          const p = decode(bytes);
          seen.decoded++;
          const np = new NativeProgram(p, { sandbox: true, helpers: CONFORMANCE_HELPERS, budget: 5000, mayGotoBudget: 50 });
          try {
            seen.ran++;
            return np.run({ mem }).r0;
          } finally {
            np.dispose();
          }
        });
        expect(typeof r === 'bigint' || r instanceof BpfError).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(seen.ran).toBeGreaterThan(100);
  });
});
