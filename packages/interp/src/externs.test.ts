// Helpers, kfuncs, callx, callbacks and pseudo ld_imm64: table forms, result conversion,
// memory access through CallContext (bounds-checked), errors wrapped as BpfErrors naming the
// call, the bpf_conformance helper set and its "unwind" rule.
import { describe, expect, test } from '@jest/globals';
import { BPF_ADD, BPF_B, BPF_DW, BPF_JNE, BPF_PSEUDO_MAP_VALUE, BpfError, build as b } from '@bpfkit/ir';
import { CONFORMANCE_HELPERS } from './conformance-helpers.js';
import { Interpreter } from './interpreter.js';
import { codePointer, memBase, stackTop, userRegionBase } from './layout.js';
import type { CallContext, ExternFn } from './options.js';
import { prog, run, runError } from './test-support/programs.js';

describe('helper tables', () => {
  test('object and Map tables, functions and entries', () => {
    const p = [b.mov64Imm(1, 20), b.callHelper(7), b.mov64Reg(1, 0), b.callHelper(8), b.exit()];
    const add1: ExternFn = (_c, a = 0n) => a + 1n;
    expect(run(p, { helpers: { 7: add1, 8: { fn: (_c, a = 0n) => a * 2n, name: 'double' } } })).toBe(42n);
    expect(run(p, { helpers: new Map([[7, add1], [8, (_c: CallContext, a = 0n) => a * 2n]]) })).toBe(42n);
  });

  test.each([
    ['number', 5, 5n],
    ['negative number', -1, 0xffffffffffffffffn],
    ['true', true, 1n],
    ['false', false, 0n],
    ['undefined', undefined, 0n],
    ['bigint wider than 64 bits', (1n << 70n) + 3n, 3n],
    ['negative bigint', -2n, 0xfffffffffffffffen],
  ] as [string, unknown, bigint][])('a helper returning %s', (_n, v, want) => {
    expect(run([b.callHelper(1), b.exit()], { helpers: { 1: () => v as bigint } })).toBe(want);
  });

  test('a non-integer result is HELPER_RETURN', () => {
    expect(runError([b.callHelper(1), b.exit()], { helpers: { 1: () => 1.5 } })).toMatchObject({ code: 'HELPER_RETURN', insn: 0 });
  });

  test('unknown helper / kfunc', () => {
    expect(runError([b.mov64Imm(0, 0), b.callHelper(99), b.exit()])).toMatchObject({ code: 'HELPER_UNKNOWN', insn: 1, message: 'invalid func unknown#99' });
    expect(runError([b.callKfunc(1234), b.exit()])).toMatchObject({ code: 'KFUNC_UNKNOWN', insn: 0 });
  });

  test('exceptions from helpers become BpfErrors naming the call', () => {
    const e = runError([b.mov64Imm(0, 0), b.callHelper(1), b.exit()], { helpers: { 1: { name: 'boom', fn: () => { throw new TypeError('bad'); } } } });
    expect(e).toBeInstanceOf(BpfError);
    expect([e.code, e.insn, e.message]).toEqual(['HELPER_ERROR', 1, 'boom threw TypeError: bad']);
    const e2 = runError([b.callHelper(1), b.exit()], { helpers: { 1: () => { throw new BpfError('MY_CODE', 'mine'); } } });
    expect([e2.code, e2.insn, e2.message]).toEqual(['MY_CODE', 0, 'mine']);
  });

  test('the context names the call site, frame and id', () => {
    const seen: [number, number, number, number][] = [];
    const h = { 3: (c: CallContext) => void seen.push([c.insn, c.frame, c.id, c.kind]) };
    run([b.callHelper(3), b.callPseudo(1), b.exit(), b.callHelper(3), b.callKfunc(3), b.exit()], { helpers: h, kfuncs: h });
    expect(seen).toEqual([[0, 0, 3, 0], [3, 1, 3, 0], [4, 1, 3, 2]]);
  });
});

describe('CallContext memory access', () => {
  const mem = Uint8Array.from({ length: 16 }, (_, i) => i + 1);

  test('read / load / store / write / view / cString on the input memory and the stack', () => {
    const fn: ExternFn = (c, m = 0n, fp = 0n) => {
      expect(c.read(m, 4)).toEqual(Uint8Array.of(1, 2, 3, 4));
      expect(c.load(m + 8n, 8)).toBe(0x100f0e0d0c0b0a09n);
      expect(c.load(m, 2)).toBe(0x0201n);
      c.store(fp - 8n, 8, 0x1122334455667788n);
      c.store(m, 1, 0x1ffn);
      c.write(m + 1n, Uint8Array.of(0, 0xaa));
      const v = c.view(m + 4n, 2, true);
      v[0] = 0x55;
      expect(c.cString(m + 1n)).toEqual(Uint8Array.of());
      return 0n;
    };
    const m = mem.slice();
    const r0 = run([b.mov64Reg(2, 10), b.callHelper(1), b.ldxMem(BPF_DW, 0, 10, -8), b.exit()], { mem: m, helpers: { 1: fn } });
    expect(r0).toBe(0x1122334455667788n);
    expect([...m.slice(0, 6)]).toEqual([0xff, 0, 0xaa, 4, 0x55, 6]);
  });

  test.each([
    ['read past the end', (c: CallContext, m: bigint) => c.read(m + 10n, 7)],
    ['load from NULL', (c: CallContext) => c.load(0n, 4)],
    ['store into a dead frame', (c: CallContext) => c.store(stackTop(3) - 8n, 8, 1n)],
    ['write to a code pointer', (c: CallContext) => c.write(codePointer(0), Uint8Array.of(1))],
    ['cString without a NUL', (c: CallContext, m: bigint) => c.cString(m)],
  ] as [string, (c: CallContext, m: bigint) => unknown][])('%s faults with MEM_OOB at the call', (_n, f) => {
    const e = runError([b.mov64Imm(0, 0), b.callHelper(1), b.exit()], { mem: mem.slice(), helpers: { 1: (c, m = 0n) => void f(c, m) } });
    expect([e.code, e.insn]).toEqual(['MEM_OOB', 1]);
  });

  test('read-only regions refuse helper writes', () => {
    const ro = new Uint8Array(4);
    const e = runError([b.callHelper(1), b.exit()], {
      regions: [{ bytes: ro, writable: false }],
      helpers: { 1: (c) => c.store(userRegionBase(0), 1, 1n) },
    });
    expect(e.code).toBe('MEM_RDONLY');
  });
});

describe('the conformance helper set and unwind', () => {
  const h = CONFORMANCE_HELPERS;
  test('gather_bytes, no_op, sqrti', () => {
    expect(run([b.mov64Imm(1, 0x101), b.mov64Imm(2, 0x202), b.mov64Imm(3, 0x303), b.mov64Imm(4, 0x404), b.mov64Imm(5, 0x505), b.callHelper(0), b.exit()], { helpers: h })).toBe(0x0102030405n);
    expect(run([b.mov64Imm(0, 7), b.callHelper(2), b.exit()], { helpers: h })).toBe(0n);
    expect(run([b.mov64Imm(1, 1000001), b.callHelper(3), b.exit()], { helpers: h })).toBe(1000n);
    expect(run([...b.ldImm64(1, 0xffffffffffffffffn), b.callHelper(3), b.exit()], { helpers: h })).toBe(4294967296n);
  });

  test('memfrob xors 42 into memory in place', () => {
    const m = Uint8Array.of(0, 42, 0xff, 7);
    run([b.mov64Imm(2, 3), b.callHelper(1), b.exit()], { helpers: h, mem: m });
    expect([...m]).toEqual([42, 0, 0xd5, 7]);
    expect(runError([b.mov64Imm(2, 5), b.callHelper(1), b.exit()], { helpers: h, mem: m }).code).toBe('MEM_OOB');
  });

  test('strcmp_ext compares C strings as unsigned bytes', () => {
    const m = new TextEncoder().encode('abc\0abd\0abc\0ab\0\u00ff\0');
    const cmp = (o1: number, o2: number) => run([b.mov64Reg(6, 1), b.alu64Imm(BPF_ADD, 1, o1), b.mov64Reg(2, 6), b.alu64Imm(BPF_ADD, 2, o2), b.callHelper(4), b.exit()], { helpers: h, mem: m });
    expect(cmp(0, 8)).toBe(0n);
    expect(BigInt.asIntN(64, cmp(0, 4))).toBeLessThan(0n);
    expect(BigInt.asIntN(64, cmp(4, 0))).toBeGreaterThan(0n);
    expect(BigInt.asIntN(64, cmp(0, 12))).toBeGreaterThan(0n); // "abc" vs "ab"
    expect(BigInt.asIntN(64, cmp(15, 0))).toBeGreaterThan(0n); // 0xc3 0xbf ... is above 'a'
  });

  test('unwind returning 0 ends the program with 0, even from a subprogram', () => {
    expect(run([b.mov64Imm(1, 0), b.callHelper(5), b.mov64Imm(0, 2), b.exit()], { helpers: h })).toBe(0n);
    expect(run([b.mov64Imm(1, -1), b.callHelper(5), b.mov64Imm(0, 2), b.exit()], { helpers: h })).toBe(2n);
    expect(run([b.callPseudo(2), b.mov64Imm(0, 2), b.exit(), b.mov64Imm(1, 0), b.callHelper(5), b.mov64Imm(0, 3), b.exit()], { helpers: h })).toBe(0n);
  });
});

describe('callx, code pointers and callbacks', () => {
  test('callx with a helper id (bpf_conformance callx.data)', () => {
    expect(run([b.mov64Imm(1, 40), b.mov64Imm(2, 7), b.callx(2), b.exit()], { helpers: { 7: (_c, a = 0n) => a + 2n } })).toBe(42n);
  });

  test('callx with a code pointer from ld_imm64 BPF_PSEUDO_FUNC', () => {
    // r2 = &f; r1 = 20; callx r2; exit. f: r0 = r1 + 22.
    const p = [...b.ldImm64(2, 4n, 4), b.mov64Imm(1, 20), b.callx(2), b.exit(), b.mov64Reg(0, 1), b.alu64Imm(BPF_ADD, 0, 22), b.exit()];
    expect(run(p)).toBe(42n);
    expect(new Interpreter(prog([...b.ldImm64(0, 1n, 4), b.exit(), b.exit()])).run().r0).toBe(codePointer(2));
  });

  test('callx with anything else is CALLX_TARGET', () => {
    expect(runError([...b.ldImm64(2, 0x100000005n), b.callx(2), b.exit()])).toMatchObject({ code: 'CALLX_TARGET', insn: 2 });
    expect(runError([...b.ldImm64(2, codePointer(1)), b.callx(2), b.exit()])).toMatchObject({ code: 'CALLX_TARGET' });
  });

  test('a bpf_loop-style helper calls back into the program', () => {
    // main: fp-8 = 0; r1 = 5 (iterations); r2 = &cb; r3 = fp-8 (ctx); call 181; r0 = *(fp-8)
    // cb(i, ctx): *ctx += i * 10 + 1; return 0
    const loop: ExternFn = (c, n = 0n, fn = 0n, ctx = 0n) => {
      let i = 0n;
      for (; i < n; i++) if (c.call(fn, i, ctx) !== 0n) break;
      return i;
    };
    const main = [b.stMem(BPF_DW, 10, -8, 0), b.mov64Imm(1, 5), ...b.ldImm64(2, 6n, 4), b.mov64Reg(3, 10), b.alu64Imm(BPF_ADD, 3, -8),
      b.callHelper(181), b.ldxMem(BPF_DW, 0, 10, -8), b.exit()];
    const cb = [b.ldxMem(BPF_DW, 4, 2, 0), b.alu64Imm(6 << 4, 1, 10), b.alu64Reg(BPF_ADD, 4, 1), b.alu64Imm(BPF_ADD, 4, 1),
      b.stxMem(BPF_DW, 2, 4, 0), b.mov64Imm(0, 0), b.exit()];
    // ld_imm64 at insn 2: target 2 + 1 + 6 = 9 = start of cb.
    expect(main.length).toBe(9);
    const it = new Interpreter(prog([...main, ...cb]), { helpers: { 181: loop } });
    const res = it.run({ trace: true });
    // sum over i = 0..4 of (i << 10) + 1; BPF_LSH = 0x60, 6 << 4 = 0x60.
    expect(res.r0).toBe([0n, 1n, 2n, 3n, 4n].reduce((s, i) => s + (i << 10n) + 1n, 0n));
    // main (8 executed: ld_imm64 counts once) + 5 callbacks x 7.
    expect(res.steps).toBe(8 + 5 * 7);
  });

  test('run() is not re-entrant (helpers use ctx.call); the interpreter stays usable', () => {
    let inner = true;
    const it: Interpreter = new Interpreter(prog([b.callHelper(1), b.exit()]), { helpers: { 1: () => (inner ? it.run().r0 : 5n) } });
    expect(() => it.run()).toThrow(expect.objectContaining({ code: 'OPTION', insn: 0 }));
    inner = false;
    expect(it.run().r0).toBe(5n);
  });

  test('a callback that faults reports its own instruction', () => {
    const loop: ExternFn = (c, _n, fn = 0n) => c.call(fn, 0n);
    const it = new Interpreter(prog([...b.ldImm64(2, 3n, 4), b.callHelper(181), b.exit(), b.ldxMem(BPF_B, 0, 1, 0), b.exit()]), { helpers: { 181: loop } });
    expect(() => it.run({ trace: true })).toThrow(expect.objectContaining({ code: 'MEM_OOB', insn: 4 }));
    expect(it.lastTrace?.lastIdx).toBe(4);
  });
});

describe('pseudo ld_imm64', () => {
  test('map value addresses come from the resolver', () => {
    const value = new Uint8Array(8);
    const it = new Interpreter(prog([...b.ldImm64(1, (4n << 32n) | 3n, BPF_PSEUDO_MAP_VALUE), b.stMem(BPF_B, 1, 0, 0x5a), b.mov64Reg(0, 1), b.exit()]), {
      regions: [{ bytes: value, name: 'map 3 value' }],
      ldImm64: (kind, imm, next) => (kind === BPF_PSEUDO_MAP_VALUE && imm === 3 ? userRegionBase(0) + BigInt(next) : 0n),
    });
    expect(it.run().r0).toBe(userRegionBase(0) + 4n);
    expect(value[4]).toBe(0x5a);
  });

  test('without a resolver: LD_IMM64_UNRESOLVED', () => {
    expect(runError([...b.ldImm64(1, 3n, 1), b.exit()])).toMatchObject({ code: 'LD_IMM64_UNRESOLVED', insn: 0 });
    expect(runError([...b.ldImm64(1, 3n, 1), b.exit()], { ldImm64: () => { throw new Error('no map 3'); } }).message).toContain('no map 3');
  });

  test('memBase is where R1 points', () => {
    expect(run([b.mov64Reg(0, 1), b.jmpImm(BPF_JNE, 0, 0, 0), b.exit()])).toBe(memBase());
  });
});
