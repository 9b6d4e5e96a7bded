// NativeProgram's contract: the run ABI (R1 = memory, R2 = length, args, entry), memory and
// regions copied in and out, helper results/errors/exit requests, callbacks into the program,
// callx to helpers and function pointers, LD_ABS, may_goto, batches sharing one mapping,
// deterministic dispose(), and the listing.
import { describe, expect, test } from '@jest/globals';
import { BPF_ADD, BPF_DW, BPF_MUL, BPF_W, BpfError, build as B } from '@bpfkit/ir';
import { CONFORMANCE_HELPERS, Interpreter } from '@bpfkit/interp';
import { NativeProgram, runNative } from './native-program.js';
import type { NativeCallContext } from './options.js';
import { Asm } from './test-support/asm.js';

function errorOf(f: () => unknown): BpfError {
  try {
    f();
  } catch (e) {
    if (e instanceof BpfError) return e;
    throw e;
  }
  throw new Error('expected a BpfError');
}

describe('run ABI and memory', () => {
  test('R1 = memory, R2 = length; the program writes the memory in place', () => {
    const a = new Asm();
    a.emit(B.ldxMem(BPF_W, 0, 1, 0), B.alu64Reg(BPF_ADD, 0, 2), B.stMem(BPF_W, 1, 4, 0x55667788), B.exit());
    const np = new NativeProgram(a.program());
    const mem = Uint8Array.from([1, 0, 0, 0, 9, 9, 9, 9]);
    expect(np.run({ mem }).r0).toBe(9n);
    expect([...mem]).toEqual([1, 0, 0, 0, 0x88, 0x77, 0x66, 0x55]);
    const ro = Uint8Array.from([2, 0, 0, 0, 9, 9, 9, 9]);
    expect(np.run({ mem: ro, memWritable: false }).r0).toBe(10n);
    expect([...ro]).toEqual([2, 0, 0, 0, 9, 9, 9, 9]);
    np.dispose();
  });

  test('memory larger than a page gets its own mapping', () => {
    const a = new Asm();
    a.emit(B.ldxMem(BPF_DW, 0, 1, 20000), B.stMem(BPF_DW, 1, 30000, 7), B.exit());
    const mem = new Uint8Array(40000);
    mem[20000] = 42;
    const np = new NativeProgram(a.program(), { sandbox: true });
    expect(np.run({ mem }).r0).toBe(42n);
    expect(mem[30000]).toBe(7);
    expect(np.run({ mem: new Uint8Array(100000) }).r0).toBe(0n);
    np.dispose();
  });

  test('entry runs another function; args set R1..R5', () => {
    const a = new Asm();
    a.emit(B.mov64Imm(0, 1), B.exit());
    a.func('g').emit(B.mov64Reg(0, 3), B.alu64Imm(BPF_MUL, 0, 10), B.alu64Reg(BPF_ADD, 0, 1), B.exit());
    const np = new NativeProgram(a.program());
    expect(np.run({ entry: 2, args: [5n, 0n, 4n] }).r0).toBe(45n);
    expect(errorOf(() => np.run({ entry: 1 })).code).toBe('OPTION');
    np.dispose();
  });

  test('user regions: the ldImm64 resolver sees their native addresses; contents copy in and out', () => {
    const a = new Asm();
    a.emit(B.ldImm64(1, 0n, 2), B.ldxMem(BPF_DW, 0, 1, 0), B.stMem(BPF_DW, 1, 8, 99), B.exit());
    const region = new Uint8Array(16);
    region[0] = 5;
    for (const sandbox of [false, true]) {
      const np = new NativeProgram(a.program(), { sandbox, regions: [{ bytes: region }], ldImm64: (_k, imm, _n, _i, addr) => addr(imm) });
      expect(np.run().r0).toBe(5n);
      expect(region[8]).toBe(99);
      region[8] = 0;
      np.dispose();
    }
  });

  test('LD_ABS / LD_IND read big-endian from the memory; out of bounds returns 0 from the current function', () => {
    const a = new Asm();
    a.emit(B.mov64Imm(6, 2), { code: 0x28, dst: 0, src: 0, off: 0, imm: 1 }, { code: 0x40, dst: 0, src: 6, off: 0, imm: 0 }, B.alu64Imm(BPF_ADD, 0, 0), B.exit());
    const mem = Uint8Array.from([0x11, 0x22, 0x33, 0x44, 0x55, 0x66]);
    expect(runNative(a.program(), { mem })).toBe(0x33445566n);
    const b = new Asm();
    b.call('f').emit(B.alu64Imm(BPF_ADD, 0, 1), B.exit());
    b.func('f').emit(B.mov64Imm(0, 5), { code: 0x30, dst: 0, src: 0, off: 0, imm: 100 }, B.mov64Imm(0, 7), B.exit());
    expect(runNative(b.program(), { mem })).toBe(1n);
    expect(runNative(b.program(), { mem, sandbox: true })).toBe(1n);
  });

  test('may_goto: taken once the frame\'s budget is used up (per frame, as the interpreter counts)', () => {
    const a = new Asm();
    a.emit(B.mov64Imm(0, 0)).label('top').mayGoto('out').emit(B.alu64Imm(BPF_ADD, 0, 1)).ja('top').label('out');
    a.emit(B.exit());
    for (const budget of [0, 1, 7, 1000]) {
      expect(runNative(a.program(), { mayGotoBudget: budget })).toBe(BigInt(budget));
      expect(new Interpreter(a.program(), { mayGotoBudget: budget }).run().r0).toBe(BigInt(budget));
    }
  });
});

describe('helpers', () => {
  test('the conformance helpers run natively (memfrob on memory, strcmp on the stack, unwind)', () => {
    const a = new Asm();
    // "ab\0" and "ac\0" on the stack, strcmp_ext(r10-8, r10-16)
    a.emit(B.stMem(BPF_W, 10, -8, 0x006261), B.stMem(BPF_W, 10, -16, 0x006361));
    a.emit(B.mov64Reg(1, 10), B.alu64Imm(BPF_ADD, 1, -8), B.mov64Reg(2, 10), B.alu64Imm(BPF_ADD, 2, -16), B.callHelper(4), B.exit());
    expect(BigInt.asIntN(64, runNative(a.program(), { helpers: CONFORMANCE_HELPERS }))).toBe(-1n);
    const m = new Asm();
    m.emit(B.mov64Imm(2, 3), B.callHelper(1), B.mov64Imm(0, 0), B.exit());
    const mem = Uint8Array.from([0, 1, 2, 3]);
    runNative(m.program(), { helpers: CONFORMANCE_HELPERS, mem });
    expect([...mem]).toEqual([42, 43, 40, 3]);
    const u = new Asm();
    u.emit(B.mov64Imm(1, 0), B.callHelper(5), B.mov64Imm(0, 2), B.exit());
    expect(runNative(u.program(), { helpers: CONFORMANCE_HELPERS })).toBe(0n);
  });

  test('helper errors become BpfErrors naming the call; unknown helpers and kfuncs fail when called', () => {
    const a = new Asm();
    a.emit(B.mov64Imm(0, 0), B.callHelper(3), B.exit());
    const throwing = new Map([[3, { name: 'boom', fn: () => { throw new TypeError('nope'); } }]]);
    const e = errorOf(() => runNative(a.program(), { helpers: throwing }));
    expect([e.code, e.insn, e.message]).toEqual(['HELPER_ERROR', 1, 'boom threw TypeError: nope']);
    expect(errorOf(() => runNative(a.program())).code).toBe('HELPER_UNKNOWN');
    const bad = new Map([[3, { fn: () => 1.5 }]]);
    expect(errorOf(() => runNative(a.program(), { helpers: bad })).code).toBe('HELPER_RETURN');
    const k = new Asm();
    k.emit(B.callKfunc(9), B.exit());
    expect(errorOf(() => runNative(k.program())).code).toBe('KFUNC_UNKNOWN');
  });

  test('callbacks: a helper runs a BPF function pointer (bpf_loop-style), and an exit request inside unwinds everything', () => {
    const a = new Asm();
    a.funcPtr(1, 'cb').emit(B.mov64Imm(2, 3), B.callHelper(20), B.alu64Imm(BPF_ADD, 0, 1000), B.exit());
    a.func('cb').emit(B.mov64Reg(0, 1), B.alu64Imm(BPF_MUL, 0, 2), B.exit());
    const loop = new Map([[20, { fn: (c: NativeCallContext, fn = 0n, n = 0n) => { let s = 0n; for (let i = 0n; i < n; i++) s += c.call(fn, i); return s; } }]]);
    expect(runNative(a.program(), { helpers: loop })).toBe(1006n);
    expect(new Interpreter(a.program(), { helpers: loop as never }).run().r0).toBe(1006n);
    const x = new Asm();
    x.funcPtr(1, 'cb').emit(B.callHelper(20), B.mov64Imm(0, 1), B.exit());
    x.func('cb').emit(B.mov64Imm(1, 77), B.callHelper(21), B.mov64Imm(0, 2), B.exit());
    const helpers = new Map([
      [20, { fn: (c: NativeCallContext, fn = 0n) => c.call(fn) }],
      [21, { fn: (c: NativeCallContext, v = 0n) => c.exit(v) }],
    ]);
    expect(runNative(x.program(), { helpers })).toBe(77n);
    expect(runNative(x.program(), { helpers, sandbox: true })).toBe(77n);
  });

  test('callx: helper ids go to the helper table, function pointers to the function', () => {
    const a = new Asm();
    a.emit(B.mov64Imm(1, 20), B.mov64Imm(3, 2), B.callx(3)); // no_op helper #2 -> 0
    a.emit(B.mov64Reg(6, 0)).funcPtr(4, 'f').emit(B.mov64Imm(1, 5), B.callx(4), B.alu64Reg(BPF_ADD, 0, 6), B.exit());
    a.func('f').emit(B.mov64Reg(0, 1), B.alu64Imm(BPF_MUL, 0, 3), B.exit());
    for (const sandbox of [false, true]) expect(runNative(a.program(), { helpers: CONFORMANCE_HELPERS, sandbox })).toBe(15n);
  });
});

describe('lifetime', () => {
  test('dispose() unmaps deterministically; a disposed program refuses to run', () => {
    const a = new Asm();
    a.emit(B.mov64Imm(0, 3), B.exit());
    const np = new NativeProgram(a.program());
    expect(np.run().r0).toBe(3n);
    np.dispose();
    np.dispose();
    expect(np.disposed).toBe(true);
    expect(errorOf(() => np.run()).code).toBe('DISPOSED');
  });

  test('loadBatch: many programs in one mapping, each runs and disposes on its own', () => {
    const progs = Array.from({ length: 50 }, (_, k) => {
      const a = new Asm();
      return a.emit(B.mov64Imm(0, k), B.ldxMem(BPF_DW, 1, 1, 0), B.alu64Reg(BPF_ADD, 0, 1), B.exit()).program();
    });
    const nps = NativeProgram.loadBatch(progs, { sandbox: true });
    const mem = new Uint8Array(8);
    mem[0] = 100;
    expect(nps.map((np) => np.run({ mem }).r0)).toEqual(progs.map((_, k) => BigInt(100 + k)));
    nps.slice(0, 25).forEach((np) => np.dispose());
    expect(nps[30]!.run({ mem }).r0).toBe(130n);
    nps.forEach((np) => np.dispose());
  });

  test('a program that could run past its last instruction is refused by validation', () => {
    const a = new Asm();
    a.emit(B.mov64Imm(0, 1), B.jmpImm(0x10, 0, 1, 0)); // a conditional jump as the last instruction
    expect(errorOf(() => runNative(a.program())).code).toBe('JUMP_OUT_OF_RANGE');
  });

  test('the listing shows each instruction in kernel syntax followed by its machine code', () => {
    const a = new Asm();
    a.emit(B.mov64Imm(0, 1), B.exit());
    const np = new NativeProgram(a.program());
    const text = np.listing();
    np.dispose();
    expect(text).toContain('func #0:');
    expect(text).toContain('; 0: (b7) r0 = 1');
    expect(text).toMatch(/\n[0-9a-f]+:\tb8 01 00 00 00 {22}\tmovl\t\$0x1, %eax\n/);
  });
});
