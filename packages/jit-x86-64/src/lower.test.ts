// The lowering, checked without running anything: every RFC 9669 v1–v4 instruction (and the
// Linux extensions) compiles, and llvm-mc decodes the whole image into exactly the machine
// instructions the listing names (no stray byte anywhere) — in trusted and sandbox mode; the
// ST-imm-to-r11-8 regression (exactly one `mov …, %r9`); short jumps where they fit and long
// ones where not, sized by the fixpoint; frames save only the callee-saved registers used and
// keep rsp 16-byte aligned; the kernel's register map; errors for what cannot be compiled.
import { describe, expect, test } from '@jest/globals';
import {
  BPF_ADD, BPF_AND, BPF_ARSH, BPF_B, BPF_CMPXCHG, BPF_DIV, BPF_DW, BPF_END, BPF_FETCH, BPF_H, BPF_JEQ, BPF_JGE, BPF_JGT,
  BPF_JLE, BPF_JLT, BPF_JNE, BPF_JSET, BPF_JSGE, BPF_JSGT, BPF_JSLE, BPF_JSLT, BPF_LOAD_ACQ, BPF_LSH, BPF_MOD, BPF_MOV,
  BPF_MUL, BPF_NEG, BPF_OR, BPF_RSH, BPF_STORE_REL, BPF_SUB, BPF_W, BPF_XCHG, BPF_XOR, Program, build as B, runStandalone,
  type Insn,
} from '@bpfkit/ir';
import { jitX8664Compile, listingNotes } from './jit.js';
import { planFrame } from './frame.js';
import { jitX8664 } from './pass.js';
import { printX8664Listing } from './listing.js';
import { BPF_TO_X86, regName } from './registers.js';
import { checkNotesAgainstLlvm, disassembleGroups } from './test-support/llvm.js';

const ALU = [BPF_ADD, BPF_SUB, BPF_MUL, BPF_DIV, BPF_OR, BPF_AND, BPF_LSH, BPF_RSH, BPF_MOD, BPF_XOR, BPF_MOV, BPF_ARSH];
const JMP = [BPF_JEQ, BPF_JGT, BPF_JGE, BPF_JSET, BPF_JNE, BPF_JSGT, BPF_JSGE, BPF_JLT, BPF_JLE, BPF_JSLT, BPF_JSLE];

/** One program with every instruction form (registers varied so rcx/rax/rdx special cases appear). */
function everything(): Program {
  const x: Insn[] = [];
  const regs = [0, 1, 3, 4, 6, 9];
  for (const op of ALU)
    for (const d of regs) {
      const s = regs[(regs.indexOf(d) + 1) % regs.length]!;
      x.push(B.alu64Imm(op, d, op === BPF_LSH || op === BPF_RSH || op === BPF_ARSH ? 13 : -7), B.alu64Reg(op, d, s));
      x.push(B.alu32Imm(op, d, op === BPF_LSH || op === BPF_RSH || op === BPF_ARSH ? 5 : 1000), B.alu32Reg(op, d, s));
      if (op === BPF_DIV || op === BPF_MOD) x.push(B.alu64Reg(op, d, s, 1), B.alu32Reg(op, d, s, 1), B.alu64Imm(op, d, -1, 1), B.alu64Imm(op, d, 0), B.alu32Imm(op, d, 3, 1));
      if (op === BPF_LSH) x.push(B.alu64Imm(op, d, 0), B.alu32Imm(op, d, 0), B.alu64Imm(op, d, 1));
    }
  for (const d of regs) x.push(B.alu64Imm(BPF_NEG, d, 0), B.alu32Imm(BPF_NEG, d, 0));
  for (const off of [8, 16, 32]) x.push(B.alu64Reg(BPF_MOV, 2, 6, off));
  for (const off of [8, 16]) x.push(B.alu32Reg(BPF_MOV, 1, 2, off));
  for (const w of [16, 32, 64]) x.push(B.alu32Imm(BPF_END, 3, w), { code: 0xdc, dst: 3, src: 0, off: 0, imm: w }, B.alu64Imm(BPF_END, 7, w));
  x.push(B.mov64Imm(0, 0), B.mov64Imm(0, -1), B.mov64Imm(8, 5), B.mov32Imm(8, -1));
  x.push(...B.ldImm64(1, 0x123456789abcdefn), ...B.ldImm64(2, 5n), ...B.ldImm64(3, -3n));
  for (const size of [BPF_B, BPF_H, BPF_W, BPF_DW]) {
    x.push(B.ldxMem(size, 0, 10, -8), B.ldxMem(size, 7, 1, 300), B.stxMem(size, 10, 3, -16), B.stMem(size, 1, 4, -2));
    if (size !== BPF_DW) x.push(B.ldxMemSx(size, 5, 10, -24));
    x.push(B.atomicOp(size, BPF_LOAD_ACQ, 2, 10, -32), B.atomicOp(size, BPF_STORE_REL, 10, 2, -32));
  }
  for (const size of [BPF_W, BPF_DW])
    for (const op of [BPF_ADD, BPF_OR, BPF_AND, BPF_XOR, BPF_ADD | BPF_FETCH, BPF_OR | BPF_FETCH, BPF_AND | BPF_FETCH, BPF_XOR | BPF_FETCH, BPF_XCHG, BPF_CMPXCHG])
      for (const [d, s] of [[10, 2], [0, 3], [1, 0]] as const) x.push(B.atomicOp(size, op, d, s, -40));
  for (const op of JMP) {
    x.push(B.jmpImm(op, 1, 7, 1), B.jmpReg(op, 1, 2, 1), B.jmp32Imm(op, 3, -7, 1), B.jmp32Reg(op, 3, 4, 1), B.jmpImm(op, 5, 0, 1));
  }
  x.push(B.ja(1), B.ja(0), B.gotol(1), B.gotol(0), B.mayGoto(1), B.mov64Imm(0, 0));
  x.push({ code: 0x20, dst: 0, src: 0, off: 0, imm: 4 }, { code: 0x28, dst: 0, src: 0, off: 0, imm: 2 }, { code: 0x30, dst: 0, src: 0, off: 0, imm: 1 });
  x.push({ code: 0x40, dst: 0, src: 6, off: 0, imm: 4 }, { code: 0x48, dst: 0, src: 6, off: 0, imm: 2 }, { code: 0x50, dst: 0, src: 6, off: 0, imm: -1 });
  x.push(B.callHelper(5), B.callKfunc(77), B.stackArgStoreImm(6, 42), B.stackArgStore(7, 6), B.stackArgStoreImm(12, -1));
  const callAt = x.length;
  x.push(B.callPseudo(0), ...B.ldImm64(4, 0n, 4), B.callx(4), B.exit());
  const fstart = x.length;
  x[callAt] = B.callPseudo(fstart - callAt - 1);
  const ld = fstart - 4; // the ld_imm64 before callx
  x[ld] = { ...x[ld]!, imm: fstart - ld - 1 };
  x.push(B.stackArgLoad(0, 6), B.stackArgLoad(1, 7), B.stackArgLoad(2, 12), B.alu64Reg(BPF_ADD, 0, 1), B.exit());
  return Program.fromInsns(x, { funcs: [{ start: fstart, argCount: 12 }] });
}

describe('every instruction compiles into exactly the instructions the listing names', () => {
  test.each([false, true])('sandbox=%s: llvm-mc decodes the whole image as our notes say', (sandbox) => {
    const p = everything();
    const r = jitX8664Compile(p, { listing: true, sandbox });
    expect(checkNotesAgainstLlvm(r.code, listingNotes.get(r)!)).toEqual([]);
    expect(r.sites.map((s) => s.kind)).toEqual(['helper', 'kfunc', 'callx']);
    expect(r.relocations.map((x) => [x.kind, x.target])).toEqual([['helper', 5], ['kfunc', 77]]);
  });
});

describe('passes after the first copy layout-independent code', () => {
  test('the image equals the one from lowering every instruction in every pass (the listing compile)', () => {
    const branchy: Insn[] = [];
    for (let k = 0; k < 60; k++) branchy.push(B.jmpImm(BPF_JNE, 1, k, 3 + (k % 5)), B.alu64Imm(BPF_ADD, 0, k), B.alu64Reg(BPF_DIV, 0, 2), B.mov64Imm(3, k));
    for (let k = 0; k < 8; k++) branchy.push(B.mov64Imm(4, k));
    branchy.push(B.exit());
    for (const p of [everything(), Program.fromInsns(branchy)])
      for (const sandbox of [false, true]) {
        const fast = jitX8664Compile(p, { sandbox });
        const slow = jitX8664Compile(p, { sandbox, listing: true });
        expect(Buffer.from(fast.code).equals(Buffer.from(slow.code))).toBe(true);
        expect([...fast.insnOffsets]).toEqual([...slow.insnOffsets]);
      }
  });
});

describe('the ST-imm-to-r11-8 regression: exactly one instruction, into r9', () => {
  test.each([
    [42, 'movl $0x2a, %r9d'],
    [-5, 'movq $-0x5, %r9'],
    [0x7fffffff, 'movl $0x7fffffff, %r9d'],
    [-0x80000000, 'movq $-0x80000000, %r9'],
    [0, 'xorl %r9d, %r9d'],
  ])('*(u64 *)(r11 -8) = %i', (imm, asm) => {
    const p = Program.fromInsns([B.stackArgStoreImm(6, imm), B.callPseudo(1), B.exit(), B.stackArgLoad(0, 6), B.exit()], { funcs: [{ start: 3, argCount: 6 }] });
    const r = jitX8664Compile(p, { listing: true });
    const bytes = r.code.subarray(r.insnOffsets[0]!, r.insnOffsets[1]!);
    expect(disassembleGroups([bytes])).toEqual([[asm]]);
    expect(checkNotesAgainstLlvm(r.code, listingNotes.get(r)!)).toEqual([]);
    // r11 - 8 from a register: one movq into r9 as well.
    const q = jitX8664Compile(Program.fromInsns([B.stackArgStore(6, 7), B.callPseudo(1), B.exit(), B.stackArgLoad(0, 6), B.exit()], { funcs: [{ start: 3, argCount: 6 }] }));
    expect(disassembleGroups([q.code.subarray(q.insnOffsets[0]!, q.insnOffsets[1]!)])).toEqual([['movq %r13, %r9']]);
    // The callee's r11 + 8 is one move from r9, r11 + 16 one load from 0x10(%rbp).
    const c = jitX8664Compile(Program.fromInsns([B.callPseudo(0), B.stackArgLoad(3, 6), B.stackArgLoad(4, 7), B.exit()], { funcs: [{ start: 1, argCount: 7 }] }));
    expect(disassembleGroups([c.code.subarray(c.insnOffsets[1]!, c.insnOffsets[2]!), c.code.subarray(c.insnOffsets[2]!, c.insnOffsets[3]!)])).toEqual([
      ['movq %r9, %rdx'],
      ['movq 0x10(%rbp), %rcx'],
    ]);
  });
});

describe('branch sizing', () => {
  const jumpOver = (n: number): Program =>
    Program.fromInsns([B.jmpImm(BPF_JEQ, 1, 0, n), ...Array.from({ length: n }, (_, k) => B.alu64Imm(BPF_ADD, 0, k)), B.ja(-n - 2), B.exit()]);

  test('short jumps where they fit, long ones where not; the fixpoint converges', () => {
    const near = jitX8664Compile(jumpOver(10));
    expect(near.insnOffsets[1]! - near.insnOffsets[0]!).toBe(3 + 2); // testq + je rel8
    const far = jitX8664Compile(jumpOver(100));
    expect(far.insnOffsets[1]! - far.insnOffsets[0]!).toBe(3 + 6); // testq + je rel32
    expect(far.passes).toBeGreaterThanOrEqual(3);
    const straight = jitX8664Compile(Program.fromInsns([B.mov64Imm(0, 1), B.exit()]));
    expect(straight.passes).toBe(2); // an exact first pass, then the final pass
  });

  test('a chain of jumps whose sizes depend on each other ends all short', () => {
    // 40 jumps, each over the next jump and 30 three-byte instructions: long at first, short after shrinking.
    const x: Insn[] = [];
    for (let k = 0; k < 40; k++) {
      x.push(B.jmpImm(BPF_JNE, 2, 1, 31));
      for (let q = 0; q < 30; q++) x.push(B.mov64Reg(3, 4));
    }
    x.push(B.mov64Reg(0, 3), B.exit());
    const r = jitX8664Compile(Program.fromInsns(x), { listing: true });
    for (let k = 0; k < 40; k++) expect(r.insnOffsets[k * 31 + 1]! - r.insnOffsets[k * 31]!).toBe(4 + 2);
    expect(checkNotesAgainstLlvm(r.code, listingNotes.get(r)!)).toEqual([]);
  });
});

describe('frames', () => {
  test('only the callee-saved registers a function names are pushed', () => {
    const r = jitX8664Compile(Program.fromInsns([B.mov64Imm(7, 1), B.mov64Reg(0, 7), B.exit()]), { listing: true });
    const notes = listingNotes.get(r)!;
    const f = r.funcs[0]!;
    const prologue = notes.texts.filter((_, k) => notes.offsets[k]! >= f.offset && notes.offsets[k]! < f.bodyOffset);
    expect(prologue).toEqual(['pushq\t%rbp', 'movq\t%rsp, %rbp', 'pushq\t%r13', 'subq\t$0x8, %rsp']);
  });

  test('every frame shape keeps rsp 16-byte aligned at calls', () => {
    for (let mask = 0; mask < 16; mask++)
      for (const depth of [0, 8, 16, 24, 504, 512])
        for (const outSlots of [0, 1, 2, 3, 4, 7])
          for (const hasMayGoto of [false, true]) {
            const plan = planFrame({ calleeSavedMask: mask, stackDepth: depth, outSlots, hasMayGoto, hasExternCalls: true, fallsOff: false });
            expect((plan.localBytes + 8 * plan.saved.length + plan.adjust) % 16).toBe(0);
            expect(plan.adjust).toBeGreaterThanOrEqual(plan.outBytes);
          }
  });

  test('the register map is the kernel\'s (reg2hex)', () => {
    expect(BPF_TO_X86.map((r) => regName(r, 64))).toEqual(['%rax', '%rdi', '%rsi', '%rdx', '%rcx', '%r8', '%rbx', '%r13', '%r14', '%r15', '%rbp']);
  });
});

describe('what cannot be compiled is a BpfError naming the instruction', () => {
  const code = (insns: Insn[], opts = {}) => {
    try {
      jitX8664Compile(Program.fromInsns(insns), opts);
    } catch (e) {
      return [(e as { code: string }).code, (e as { insn: number }).insn];
    }
    return ['ok', -1];
  };
  test.each([
    ['a write to r10', [B.mov64Imm(0, 0), B.mov64Imm(10, 1), B.exit()], ['R10_WRITE', 1]],
    ['a fetch into r10', [B.atomicOp(BPF_DW, BPF_ADD | BPF_FETCH, 1, 10, 0), B.exit()], ['R10_WRITE', 0]],
    ['gotox', [{ code: 0x0d, dst: 1, src: 0, off: 0, imm: 0 }, B.exit()], ['UNSUPPORTED', 0]],
    ['addr_space_cast', [B.alu64Reg(BPF_MOV, 1, 2, 1), B.exit()], ['UNSUPPORTED', 0]],
    ['a stack-arg store past arg12', [B.stMem(BPF_DW, 11, -64, 1), B.exit()], ['STACK_ARG_OFFSET', 0]],
    ['a stack-arg load past arg12', [B.ldxMem(BPF_DW, 0, 11, 64), B.exit()], ['STACK_ARG_READ', 0]],
    ['a map ld_imm64 without resolver', [...B.ldImm64(1, 3n, 1), B.exit()], ['LD_IMM64_UNRESOLVED', 0]],
    ['a jump out of the program', [B.ja(5), B.exit()], ['JUMP_OUT_OF_RANGE', 0]],
    ['a jump into an ld_imm64', [B.ja(1), ...B.ldImm64(0, 1n), B.exit()], ['JUMP_OUT_OF_RANGE', 0]],
  ] as const)('%s', (_n, insns, want) => {
    expect(code([...insns])).toEqual([...want]);
  });

  test('a resolver turns a pseudo ld_imm64 into its value', () => {
    const r = jitX8664Compile(Program.fromInsns([...B.ldImm64(1, 3n, 1), B.exit()]), { ldImm64: (kind, imm) => 0x1122334455667788n + BigInt(kind * 100 + imm), listing: true });
    expect(listingNotes.get(r)!.texts).toContain('movabsq\t$0x11223344556677ef, %rdi');
  });
});

describe('liveness through the pass manager', () => {
  test('dead writes to callee-saved registers are dropped and not saved; live ones are saved', () => {
    // r6 = 1 is dead (overwritten before any read); r7 is written and read.
    const p = Program.fromInsns([B.mov64Imm(6, 1), B.mov64Imm(7, 2), B.mov64Imm(6, 3), B.mov64Reg(0, 7), B.exit()]);
    const withLiveness = runStandalone(jitX8664, p);
    const fn = (t: string): string => t.slice(t.indexOf('func #0:'));
    const text = fn(jitX8664.print!(withLiveness, p));
    expect(text).not.toContain('%rbx');
    expect(text).toContain('pushq\t%r13');
    expect(withLiveness.insnOffsets[1]).toBe(withLiveness.insnOffsets[0]); // insn 0 emitted nothing
    const without = runStandalone(jitX8664, p, { liveness: false });
    expect(fn(jitX8664.print!(without, p))).toContain('pushq\t%rbx');
    // A register only read is never saved, with or without liveness.
    const readOnly = Program.fromInsns([B.mov64Reg(0, 6), B.exit()]);
    expect(fn(jitX8664.print!(runStandalone(jitX8664, readOnly, { liveness: false }), readOnly))).not.toContain('pushq\t%rbx');
  });
});

describe('the jit-x86-64 pass', () => {
  test('runs through the Pass API and prints the listing', () => {
    const p = Program.fromInsns([B.mov64Imm(0, 42), B.exit()]);
    const r = runStandalone(jitX8664, p, { sandbox: false });
    expect(r.arch).toBe('x86-64');
    const text = jitX8664.print!(r, p);
    expect(text).toBe(printX8664Listing(r, p));
    expect(text).toContain('; 0: (b7) r0 = 42\n');
    expect(text).toMatch(/\tb8 2a 00 00 00 +\tmovl\t\$0x2a, %eax\n/);
    expect(runStandalone(jitX8664, p, { sandbox: true }).sandbox).toBe(true);
  });
});
