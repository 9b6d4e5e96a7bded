// Loads, stores, MEMSX, atomics (values from a BigInt model over raw bytes), the region /
// pointer model, every fault kind (out of bounds, read-only, dead frame, misaligned atomic,
// budget, wild pointers), may_goto's bound and legacy packet loads.
import { describe, expect, test } from '@jest/globals';
import {
  BPF_ADD, BPF_AND, BPF_B, BPF_CMPXCHG, BPF_DW, BPF_FETCH, BPF_H, BPF_JNE, BPF_LOAD_ACQ, BPF_OR, BPF_STORE_REL, BPF_SUB, BPF_W, BPF_XCHG,
  BPF_XOR, build as b, type Insn,
} from '@bpfkit/ir';
import { Interpreter } from './interpreter.js';
import { codePointer, memBase, stackTop, userRegionBase } from './layout.js';
import { S64, U64, prog, run, runError } from './test-support/programs.js';

const SIZES: [number, number][] = [[BPF_B, 1], [BPF_H, 2], [BPF_W, 4], [BPF_DW, 8]];
const leValue = (bytes: Uint8Array, at: number, n: number): bigint => {
  let v = 0n;
  for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[at + i]!);
  return v;
};
const sext = (v: bigint, bits: number): bigint => U64(BigInt.asIntN(bits, v));

describe('loads and stores', () => {
  const mem = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 0x80) & 0xff);

  test.each(SIZES)('ldx size %i (%i bytes) zero-extends; MEMSX sign-extends', (size, n) => {
    for (let at = 0; at + n <= mem.length; at += 3) {
      expect(run([b.ldxMem(size, 0, 1, at), b.exit()], { mem })).toBe(leValue(mem, at, n));
      if (size !== BPF_DW) expect(run([b.ldxMemSx(size, 0, 1, at), b.exit()], { mem })).toBe(sext(leValue(mem, at, n), 8 * n));
    }
  });

  test('MEMSX on hand-picked values', () => {
    const m = new Uint8Array([0x80, 0x00, 0x80, 0x00, 0x00, 0x80, 0x7f, 0xff]);
    expect(run([b.ldxMemSx(BPF_B, 0, 1, 0), b.exit()], { mem: m })).toBe(0xffffffffffffff80n);
    expect(run([b.ldxMemSx(BPF_H, 0, 1, 0), b.exit()], { mem: m })).toBe(0x80n); // 0x0080
    expect(run([b.ldxMemSx(BPF_H, 0, 1, 1), b.exit()], { mem: m })).toBe(0xffffffffffff8000n);
    expect(run([b.ldxMemSx(BPF_W, 0, 1, 2), b.exit()], { mem: m })).toBe(0xffffffff80000080n);
  });

  test.each(SIZES)('stx / st size %i write exactly %i little-endian bytes', (size, n) => {
    const v = 0x8877665544332211n;
    const m = new Uint8Array(24).fill(0xee);
    run([...b.ldImm64(2, v), b.stxMem(size, 1, 2, 3), b.stMem(size, 1, 13, -2), b.exit()], { mem: m });
    const want = new Uint8Array(24).fill(0xee);
    for (let i = 0; i < n; i++) want[3 + i] = Number((v >> BigInt(8 * i)) & 0xffn);
    for (let i = 0; i < n; i++) want[13 + i] = Number((U64(-2n) >> BigInt(8 * i)) & 0xffn); // imm sign-extended
    expect(m).toEqual(want);
  });

  test('stack: 512 bytes below R10, per frame, zero at entry', () => {
    expect(run([b.ldxMem(BPF_DW, 0, 10, -512), b.exit()])).toBe(0n);
    expect(
      run([...b.ldImm64(1, 0x0123456789abcdefn), b.stxMem(BPF_DW, 10, 1, -8), b.ldxMem(BPF_W, 0, 10, -4), b.exit()]),
    ).toBe(0x01234567n);
  });

  test('a stack access through a computed pointer', () => {
    expect(
      run([b.mov64Reg(1, 10), b.alu64Imm(BPF_ADD, 1, -16), b.stMem(BPF_W, 1, 4, 77), b.ldxMem(BPF_W, 0, 10, -12), b.exit()]),
    ).toBe(77n);
  });
});

type AtomicCase = [string, number, number, bigint, bigint, bigint, (old: bigint, src: bigint, r0: bigint) => { mem: bigint; src: bigint; r0: bigint }];

describe('atomics (W and DW) against a model', () => {
  const mask = (n: number) => (1n << BigInt(8 * n)) - 1n;
  const cases: AtomicCase[] = [];
  const OLD = 0xfedcba9876543210n;
  const SRC = 0x0f0f0f0ff0f0f0f0n;
  const R0 = 0x1111111111111111n;
  for (const [size, n] of [[BPF_W, 4], [BPF_DW, 8]] as [number, number][]) {
    const mk = (name: string, op: number, f: (o: bigint, s: bigint) => bigint, fetch: boolean) =>
      cases.push([`${name}${fetch ? ' fetch' : ''} ${n * 8}`, size, op | (fetch ? BPF_FETCH : 0), OLD, SRC, R0, (o, s, r0) => ({
        mem: f(o, s) & mask(n), src: fetch ? o : s, r0,
      })]);
    for (const fetch of [false, true]) {
      mk('add', BPF_ADD, (o, s) => o + s, fetch);
      mk('or', BPF_OR, (o, s) => o | s, fetch);
      mk('and', BPF_AND, (o, s) => o & s, fetch);
      mk('xor', BPF_XOR, (o, s) => o ^ s, fetch);
    }
    cases.push([`xchg ${n * 8}`, size, BPF_XCHG, OLD, SRC, R0, (o, s, r0) => ({ mem: s & mask(n), src: o, r0 })]);
    // cmpxchg: R0 equal (in the op width) -> store; R0 always gets the old value, zero-extended.
    cases.push([`cmpxchg hit ${n * 8}`, size, BPF_CMPXCHG, OLD, SRC, n === 4 ? 0xabcdef0076543210n : OLD, (o, s) => ({ mem: s & mask(n), src: s, r0: o })]);
    cases.push([`cmpxchg miss ${n * 8}`, size, BPF_CMPXCHG, OLD, SRC, R0, (o, s) => ({ mem: o, src: s, r0: o })]);
    // Same low word, different high word: a miss for DW, a hit for W (which compares 32 bits).
    const sameLow = (OLD & 0xffffffffn) | 0x5555555500000000n;
    cases.push([`cmpxchg high-word ${n * 8}`, size, BPF_CMPXCHG, OLD, SRC, sameLow, (o, s) => ({ mem: n === 8 ? o : s & mask(n), src: s, r0: o })]);
  }

  test.each(cases)('%s', (_name, size, op, old, src, r0, model) => {
    const n = size === BPF_DW ? 8 : 4;
    const m = new Uint8Array(24);
    new DataView(m.buffer).setBigUint64(0, old, true);
    const oldInWidth = old & mask(n);
    const after = run(
      [...b.ldImm64(2, src), ...b.ldImm64(0, r0), b.atomicOp(size, op, 1, 2, 0), b.stxMem(BPF_DW, 1, 2, 8), b.stxMem(BPF_DW, 1, 0, 16), b.exit()],
      { mem: m },
    );
    const want = model(oldInWidth, src, r0);
    const dv = new DataView(m.buffer);
    expect(n === 8 ? dv.getBigUint64(0, true) : BigInt(dv.getUint32(0, true))).toBe(want.mem);
    if (n === 4) expect(dv.getUint32(4, true)).toBe(Number((old >> 32n) & 0xffffffffn)); // neighbour untouched
    // 32-bit fetch results are zero-extended into the register.
    expect(dv.getBigUint64(8, true)).toBe((op & BPF_FETCH) !== 0 && op !== BPF_CMPXCHG ? want.src & mask(n) : want.src);
    expect(dv.getBigUint64(16, true)).toBe(op === BPF_CMPXCHG ? want.r0 & mask(n) : want.r0);
    expect(after).toBe(op === BPF_CMPXCHG ? want.r0 & mask(n) : want.r0);
  });

  test.each(SIZES)('load-acquire / store-release size %i', (size, n) => {
    const m = Uint8Array.from({ length: 16 }, (_, i) => 0xf0 + i);
    expect(run([b.atomicOp(size, BPF_LOAD_ACQ, 0, 1, 8), b.exit()], { mem: m })).toBe(leValue(m, 8, n));
    run([...b.ldImm64(2, 0x0102030405060708n), b.atomicOp(size, BPF_STORE_REL, 1, 2, 0), b.exit()], { mem: m });
    expect(leValue(m, 0, n)).toBe(0x0102030405060708n & ((1n << BigInt(8 * n)) - 1n));
    if (n < 8) expect(m[n]).toBe(0xf0 + n);
  });

  test('atomics on the stack', () => {
    expect(
      run([b.stMem(BPF_DW, 10, -8, 40), b.mov64Imm(1, 2), b.atomicOp(BPF_DW, BPF_ADD, 10, 1, -8), b.ldxMem(BPF_DW, 0, 10, -8), b.exit()]),
    ).toBe(42n);
  });

  test('misaligned atomics fault with MISALIGNED; plain loads may be unaligned', () => {
    const m = new Uint8Array(16);
    for (const [size, n] of SIZES) {
      if (n === 1) continue;
      // W/DW read-modify-write through dst; H as a load-acquire (address in src).
      const insn = size === BPF_W || size === BPF_DW ? b.atomicOp(size, BPF_ADD, 1, 2, 1) : b.atomicOp(size, BPF_LOAD_ACQ, 0, 1, 1);
      const e = runError([b.mov64Imm(2, 1), insn, b.exit()], { mem: m });
      expect([e.code, e.insn]).toEqual(['MISALIGNED', 1]);
    }
    expect(runError([b.atomicOp(BPF_DW, BPF_XCHG, 10, 0, -12), b.exit()]).code).toBe('MISALIGNED');
    expect(run([b.ldxMem(BPF_DW, 0, 1, 3), b.exit()], { mem: m })).toBe(0n);
  });
});

describe('regions and pointers', () => {
  test('R1 = input memory address, R2 = its length, R10 = frame 0 stack top', () => {
    const it = new Interpreter(prog([b.mov64Reg(0, 1), b.exit()]));
    expect(it.run({ mem: new Uint8Array(5) }).r0).toBe(memBase());
    expect(new Interpreter(prog([b.mov64Reg(0, 2), b.exit()])).run({ mem: new Uint8Array(5) }).r0).toBe(5n);
    expect(new Interpreter(prog([b.mov64Reg(0, 10), b.exit()])).run().r0).toBe(stackTop(0));
    // The layout is what the README documents.
    expect(memBase()).toBe(0x0000011000000000n);
    expect(stackTop(0)).toBe(0x0000010000000200n);
    expect(stackTop(7)).toBe(0x0000010e00000200n);
    expect(userRegionBase(0)).toBe(0x0000011200000000n);
    expect(userRegionBase(3)).toBe(0x0000011800000000n);
    expect(codePointer(7)).toBe(0x0000c0de00000007n);
  });

  test('args override R1..R5', () => {
    expect(run([b.mov64Reg(0, 5), b.alu64Reg(BPF_ADD, 0, 1), b.exit()], { args: [1n, 2n, 3n, 4n, 40n] })).toBe(41n);
  });

  test('user regions: addressable, writable in place, read-only enforced', () => {
    const rw = new Uint8Array(8);
    const ro = Uint8Array.of(9, 8, 7, 6);
    const it = new Interpreter(
      prog([
        b.ldxMem(BPF_B, 0, 2, 1), // r2 = ro region
        b.stxMem(BPF_B, 1, 0, 7), // rw[7] = ro[1]
        b.exit(),
      ]),
      { regions: [{ bytes: rw, name: 'rw' }, { bytes: ro, writable: false, name: 'ro' }] },
    );
    expect(it.regionAddress(1)).toBe(userRegionBase(1));
    expect(it.run({ args: [it.regionAddress(0), it.regionAddress(1)] }).r0).toBe(8n);
    expect(rw[7]).toBe(8);
    const w = new Interpreter(prog([b.stMem(BPF_B, 1, 0, 1), b.exit()]), { regions: [{ bytes: ro, writable: false, name: 'ro' }] });
    const e = (() => { try { w.run({ args: [userRegionBase(0)] }); } catch (x) { return x as { code: string; message: string; insn: number }; } return undefined; })();
    expect(e).toMatchObject({ code: 'MEM_RDONLY', insn: 0 });
    expect(e!.message).toContain('ro is read-only');
    expect(ro).toEqual(Uint8Array.of(9, 8, 7, 6));
  });

  test('read-only input memory', () => {
    expect(runError([b.stMem(BPF_B, 1, 0, 1), b.exit()], { mem: new Uint8Array(4), memWritable: false }).code).toBe('MEM_RDONLY');
  });

  const oob: [string, Insn[], number, string][] = [
    ['stack read above R10', [b.ldxMem(BPF_B, 0, 10, 0)], 0, 'invalid stack off=0 size=1'],
    ['stack read straddling R10', [b.ldxMem(BPF_DW, 0, 10, -4)], 0, 'invalid stack off=-4 size=8'],
    ['stack write below the 512 bytes', [b.stMem(BPF_W, 10, -516, 0)], 0, 'invalid write of 4 bytes'],
    ['input memory past its end', [b.ldxMem(BPF_W, 0, 1, 2)], 0, 'input memory has 4 bytes, access at offset 2'],
    ['input memory before its start (a guard window)', [b.ldxMem(BPF_B, 0, 1, -1)], 0, 'the address is in no region'],
    ['input memory + 4 GiB (a guard window)', [...b.ldImm64(2, 0x100000000n), b.alu64Reg(BPF_ADD, 1, 2), b.ldxMem(BPF_B, 0, 1, 0)], 3, 'the address is in no region'],
    ['NULL', [b.mov64Imm(1, 0), b.ldxMem(BPF_B, 0, 1, 0)], 1, 'invalid read of 1 byte at 0x0000000000000000'],
    ['a scalar', [b.mov64Imm(1, 4096), b.stxMem(BPF_DW, 1, 1, 0)], 1, 'the address is in no region'],
    ['an atomic out of bounds', [b.atomicOp(BPF_DW, BPF_ADD, 1, 1, 0)], 0, 'invalid atomic of 8 bytes'],
    ['frame 7 stack before it exists', [...b.ldImm64(1, stackTop(7)), b.ldxMem(BPF_B, 0, 1, -1)], 2, 'stack of frame 7 is not live'],
  ];
  test.each(oob)('out of bounds: %s', (_n, body, insn, msg) => {
    const e = runError([...body, b.exit()], { mem: new Uint8Array(4) });
    expect(e.code).toBe('MEM_OOB');
    expect(e.insn).toBe(insn);
    expect(e.pass).toBe('interp');
    expect(e.message).toContain(msg);
  });

  test('a code pointer is not memory', () => {
    // r1 = &func (insn 4); r0 = *(u8 *)r1
    const e = runError([...b.ldImm64(1, 3n, 4), b.ldxMem(BPF_B, 0, 1, 0), b.exit(), b.mov64Imm(0, 0), b.exit()]);
    expect([e.code, e.insn]).toEqual(['MEM_OOB', 2]);
    expect(e.message).toContain('code pointer');
  });

  test('pointer arithmetic that carries across the 32-bit boundary is followed exactly', () => {
    // r1 = mem + 2^32 - 1 + 1 - 2^32 = mem: lands back in the region.
    expect(
      run([...b.ldImm64(3, 0xffffffffn), b.alu64Reg(BPF_ADD, 1, 3), b.alu64Imm(BPF_ADD, 1, 1), ...b.ldImm64(3, 0x100000000n), b.alu64Reg(BPF_SUB, 1, 3), b.ldxMem(BPF_B, 0, 1, 0), b.exit()], {
        mem: Uint8Array.of(42),
      }),
    ).toBe(42n);
    // off -1 from a window base borrows into the previous window: no region there for mem - 1.
    expect(runError([b.ldxMem(BPF_B, 0, 1, -1), b.exit()], { mem: Uint8Array.of(1) }).code).toBe('MEM_OOB');
  });

  const mem8 = Uint8Array.of(10, 11, 12, 13, 14, 15, 16, 17);
  test.each([
    ['base below the window, offset carries into it', memBase() - 0x10n, 0x14, 14n],
    ['base at the window, offset 0', memBase(), 0, 10n],
    ['base inside, negative offset', memBase() + 7n, -7, 10n],
    ['base far below, largest offset', memBase() - 0x7fffn + 7n, 0x7fff, 17n],
  ] as [string, bigint, number, bigint][])('effective address %s', (_n, base, off, want) => {
    expect(run([b.ldxMem(BPF_B, 0, 1, off), b.exit()], { mem: mem8, args: [base] })).toBe(want);
  });
  test.each([
    ['low word 2^31, offset -1 (no carry)', memBase() + 0x80000000n, -1, 0x000001107fffffffn],
    ['low word 2^31 - 1, offset +1', memBase() + 0x7fffffffn, 1, 0x0000011080000000n],
    ['borrow below the window', memBase() + 5n, -6, 0x0000010fffffffffn],
    ['carry past the window end', memBase() + 0xffffffffn, 1, 0x0000011100000000n],
    ['base in the window, offset -0x8000', memBase() + 0x10n, -0x8000, 0x0000010fffff8010n],
  ] as [string, bigint, number, bigint][])('effective address fault: %s', (_n, base, off, addr) => {
    const e = runError([b.ldxMem(BPF_B, 0, 1, off), b.exit()], { mem: mem8, args: [base] });
    expect(e.code).toBe('MEM_OOB');
    expect(e.message).toContain(`at 0x${addr.toString(16).padStart(16, '0')}`);
  });
});

describe('budget, may_goto, legacy packet loads', () => {
  test('an infinite loop ends with BUDGET naming the instruction', () => {
    // Steps: insn 0, then 1, 2, 1, 2, ...: step 1001 (the first over budget) is insn 2.
    const e = runError([b.mov64Imm(0, 0), b.alu64Imm(BPF_ADD, 0, 1), b.ja(-2)], { budget: 1000 });
    expect([e.code, e.insn]).toEqual(['BUDGET', 2]);
  });

  test('the budget counts executed instructions exactly', () => {
    const p = prog([b.mov64Imm(0, 3), b.alu64Imm(BPF_ADD, 0, -1), b.jmpImm(BPF_JNE, 0, 0, -2), b.exit()]);
    const it = new Interpreter(p);
    expect(it.run().steps).toBe(1 + 3 * 2 + 1);
    expect(it.run({ budget: 8 }).r0).toBe(0n);
    expect(() => it.run({ budget: 7 })).toThrow(expect.objectContaining({ code: 'BUDGET', insn: 3 }));
    expect(() => it.run({ budget: 0 })).toThrow(expect.objectContaining({ code: 'BUDGET', insn: 0 }));
  });

  const mayGotoLoop = [b.mov64Imm(0, 0), b.alu64Imm(BPF_ADD, 0, 1), b.mayGoto(1), b.ja(-3), b.exit()];
  test('may_goto falls through mayGotoBudget times, then jumps', () => {
    expect(run(mayGotoLoop, { mayGotoBudget: 5 })).toBe(6n);
    expect(run(mayGotoLoop, { mayGotoBudget: 0 })).toBe(1n);
  });

  test('may_goto default bound is the kernel BPF_MAX_LOOPS (8M) per frame', () => {
    expect(run(mayGotoLoop, { budget: Infinity })).toBe(8n * 1024n * 1024n + 1n);
  });

  test('LD_ABS / LD_IND read big-endian from the packet; out of bounds returns 0', () => {
    const pkt = Uint8Array.of(0x12, 0x34, 0x56, 0x78, 0x9a);
    const abs = (size: number, k: number): Insn => ({ code: 0x20 | size, dst: 0, src: 0, off: 0, imm: k });
    const ind = (size: number, s: number, k: number): Insn => ({ code: 0x40 | size, dst: 0, src: s, off: 0, imm: k });
    expect(run([abs(BPF_W, 1), b.exit()], { mem: pkt })).toBe(0x3456789an);
    expect(run([abs(BPF_H, 0), b.exit()], { mem: pkt })).toBe(0x1234n);
    expect(run([abs(BPF_B, 4), b.exit()], { mem: pkt })).toBe(0x9an);
    expect(run([b.mov64Imm(7, 3), ind(BPF_H, 7, 0), b.exit()], { mem: pkt })).toBe(0x789an);
    expect(run([b.mov64Imm(0, 5), abs(BPF_W, 2), b.mov64Imm(0, 99), b.exit()], { mem: pkt })).toBe(0n);
    expect(run([b.mov64Imm(7, -1), ind(BPF_B, 7, 0), b.mov64Imm(0, 99), b.exit()], { mem: pkt })).toBe(0n);
  });

  test('signed views of registers are consistent with S64', () => {
    expect(S64(run([b.mov64Imm(0, -5), b.exit()]))).toBe(-5n);
  });
});
