// Lowering details beyond the conformance suite: long conditional branches (forced, and chosen
// automatically past ±1 MiB), callx through the helper table and to a function pointer, legacy
// packet loads, only the used callee-saved registers saved, the codegen pass and its listing,
// and the BpfErrors of unsupported or invalid input.
import { describeUnderQemu } from './test-support/qemu-describe.js';
import { beforeAll, describe, expect, test } from '@jest/globals';
import { decode, hexToBytes } from '@bpfkit/decoder';
import { CONFORMANCE_HELPERS, Interpreter } from '@bpfkit/interp';
import { Program, insn, runStandalone, type Insn } from '@bpfkit/ir';
import { jitArm64Compile, listingNotes } from './jit.js';
import { disassemble, normalizeAsm, requireLlvmMc } from './test-support/llvm-mc.js';
import { lcg, safeProgram } from './test-support/safe-programs.js';
import { printArm64Listing } from './listing.js';
import { jitArm64 } from './pass.js';
import { ensureArm64Runner, runArm64Batch, type Arm64RunResult } from './qemu-runner.js';
import { loadConformance } from './test-support/conformance.js';

const cases = loadConformance(import.meta.dirname);
const exit = insn(0x95);
const mov = (dst: number, imm: number): Insn => insn(0xb7, dst, 0, 0, imm);
const show = (r: Arm64RunResult): string => (r.ok ? `0x${r.r0.toString(16)}` : `fault ${r.fault}`);
const interp = (p: Program, mem = new Uint8Array(0)): string =>
  `0x${new Interpreter(p, { helpers: CONFORMANCE_HELPERS, budget: 10_000_000 }).run({ mem }).r0.toString(16)}`;

/** `r0 = 7; if <reg> == imm goto +n; n × (r0 = ld_abs b [0]); exit`: ~1.4 MiB of code for n = 32000. */
const bigJump = (reg: number, imm: number, n: number): Program =>
  Program.fromInsns([mov(0, 7), insn(0x15, reg, 0, n, imm), ...Array.from({ length: n }, () => insn(0x30, 0, 0, 0, 0)), exit]);

const pseudoFunc = (dst: number, rel: number): Insn[] => [insn(0x18, dst, 4, 0, rel), insn(0, 0, 0, 0, 0)];
const extra: { name: string; program: Program; mem?: Uint8Array }[] = [
  // callx to a function pointer (ld_imm64 BPF_PSEUDO_FUNC -> adr), R6 preserved.
  { name: 'callx to a subprogram', program: Program.fromInsns([mov(6, 5), ...pseudoFunc(2, 4), insn(0x8d, 2), insn(0x0f, 0, 6), exit, mov(0, 42), exit]) },
  // callx with a small integer: helper 3 (sqrti) through the table.
  { name: 'callx to helper 3 (sqrti)', program: Program.fromInsns([mov(1, 81), mov(2, 3), insn(0x8d, 2), exit]) },
  // legacy packet loads: big-endian, bounds-checked (out of bounds returns 0).
  { name: 'ld_abs b/h/w', program: Program.fromInsns([mov(6, 0), insn(0x30, 0, 0, 0, 1), insn(0xbf, 7, 0), insn(0x28, 0, 0, 0, 2), insn(0x0f, 7, 0), insn(0x20, 0, 0, 0, 4), insn(0x0f, 0, 7), exit]), mem: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]) },
  { name: 'ld_ind w', program: Program.fromInsns([mov(6, 0), mov(3, 2), insn(0x40, 0, 3, 0, 2), exit]), mem: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]) },
  { name: 'ld_abs out of bounds returns 0', program: Program.fromInsns([mov(6, 0), insn(0x20, 0, 0, 0, 6), mov(0, 99), exit]), mem: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]) },
  { name: 'ld_ind negative offset returns 0', program: Program.fromInsns([mov(6, 0), mov(3, -8), insn(0x50, 0, 3, 0, 2), mov(0, 99), exit]), mem: Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]) },
];

describeUnderQemu('lowering under qemu-aarch64', () => {
  let longConf: Arm64RunResult[] = [];
  let extraRes: Arm64RunResult[] = [];
  let bigRes: Arm64RunResult[] = [];
  const big = [bigJump(1, 0, 32_000), bigJump(2, 1, 32_000)];
  beforeAll(() => {
    ensureArm64Runner();
    longConf = runArm64Batch(cases.map((c) => {
      const r = jitArm64Compile(decode(hexToBytes(c.program)), { longBranches: true });
      return { code: r.code, entry: r.entry, mem: hexToBytes(c.mem) };
    }));
    extraRes = runArm64Batch(extra.map((c) => ({ code: jitArm64Compile(c.program).code, mem: c.mem })));
    bigRes = runArm64Batch(big.map((p) => ({ code: jitArm64Compile(p).code, mem: Uint8Array.of(0x42) })));
  }, 180_000);

  test('313/313 conformance programs with every conditional branch in its long form', () => {
    const bad = cases.filter((c, k) => show(longConf[k]!) !== `0x${BigInt(c.expected).toString(16)}`).map((c) => c.name);
    expect(bad).toEqual([]);
  });

  test.each(extra.map((c, k) => [c.name, k] as const))('%s agrees with the interpreter', (_n, k) => {
    const c = extra[k]!;
    expect(show(extraRes[k]!)).toBe(interp(c.program, c.mem?.slice()));
  });

  test('branches beyond ±1 MiB switch to the long form automatically and still run', () => {
    const r = jitArm64Compile(big[0]!);
    expect(r.longBranches).toBe(true);
    expect(r.code.length).toBeGreaterThan(1 << 20);
    expect(show(bigRes[0]!)).toBe('0x42'); // cbz r1 (not taken): the packet loads run
    expect(show(bigRes[1]!)).toBe('0x7'); // r2 == 1 (one byte of memory): the far b.eq is taken
    expect(jitArm64Compile(Program.fromInsns([mov(0, 1), exit])).longBranches).toBe(false);
  });
});

describe('the listing text of everything the JIT emits is what llvm-mc disassembles', () => {
  test('conformance programs (short and long branches) and 300 random programs', () => {
    requireLlvmMc();
    const programs = [
      ...cases.map((c) => decode(hexToBytes(c.program))),
      ...Array.from({ length: 300 }, (_, k) => safeProgram(lcg(1000 + k))),
      ...extra.map((e) => e.program),
    ];
    const words: number[] = [];
    const texts: string[] = [];
    const where: string[] = [];
    for (const [k, p] of programs.entries())
      for (const long of [false, true]) {
        if (long && k >= cases.length) continue;
        const r = jitArm64Compile(p, { listing: true, longBranches: long });
        const notes = listingNotes.get(r)!;
        const view = new DataView(r.code.buffer, r.code.byteOffset, r.code.length);
        expect(notes.offsets).toHaveLength(r.code.length / 4); // one note per word
        notes.offsets.forEach((at, j) => {
          const t = notes.targets[j]!;
          words.push(view.getUint32(at, true));
          texts.push(normalizeAsm(t >= 0 ? notes.texts[j]!.replace('{T}', `#${t - at}`) : notes.texts[j]!));
          where.push(`program ${k}${long ? ' (long)' : ''} +0x${at.toString(16)}`);
        });
      }
    const got = disassemble(words);
    const bad = got.map((g, j) => [where[j], g, texts[j]]).filter((x) => x[1] !== x[2]);
    expect(bad.slice(0, 10)).toEqual([]);
    expect(words.length).toBeGreaterThan(50_000);
  }, 120_000);
});

describe('frames, pass and errors', () => {
  test('only the callee-saved registers a function uses are saved; x25 only when R10 is used', () => {
    const none = Program.fromInsns([mov(0, 1), insn(0x0f, 0, 1), exit]);
    const l0 = printArm64Listing(jitArm64Compile(none), none);
    expect(l0).not.toMatch(/stp\tx(19|20|21|22|25)/);
    expect(l0).not.toContain('x25');
    const r7 = Program.fromInsns([mov(7, 1), insn(0x7b, 10, 7, -8, 0), insn(0x79, 0, 10, -8, 0), exit]);
    const l1 = printArm64Listing(jitArm64Compile(r7), r7);
    expect(l1).toContain('stp\tx20, x25, [sp, #-16]!');
    expect(l1).toContain('mov\tx25, sp');
    expect(l1).toContain('sub\tsp, sp, #16'); // 8 bytes of BPF stack, 16-byte aligned
    expect(l1).toContain('ldp\tx20, x25, [sp], #16');
    expect(l1).not.toMatch(/x19|x21|x22/);
  });

  test('the jit-arm64 codegen pass compiles and prints the listing', () => {
    const p = Program.fromInsns([mov(0, 0x12345), insn(0x07, 0, 0, 0, -1), exit]);
    const r = runStandalone(jitArm64, p);
    expect(jitArm64.name).toBe('jit-arm64');
    expect(r.arch).toBe('arm64');
    expect(r.insnOffsets).toHaveLength(p.length + 1);
    const text = jitArm64.print!(r, p);
    expect(text).toContain('entry:');
    expect(text).toContain('func #0:');
    expect(text).toContain('; 0: (b7) r0 = 74565');
    expect(text).toMatch(/\tmov\tw8, #9029\n[^\n]*\tmovk\tw8, #1, lsl #16\n/);
    expect(text).toContain('sub\tx8, x8, #1');
    expect(text).toContain('\tbl\tfunc#0');
  });

  test('helper/kfunc calls are relocations and call sites', () => {
    const p = Program.fromInsns([insn(0x85, 0, 0, 0, 2), insn(0x85, 0, 2, 0, 7), exit]);
    const r = jitArm64Compile(p);
    expect(r.relocations.map((x) => [x.kind, x.target, x.insn])).toEqual([['helper', 2, 0], ['kfunc', 7, 1]]);
    expect(r.sites.map((s) => s.kind)).toEqual(['helper', 'kfunc']);
  });

  test('invalid or unsupported input is a BpfError', () => {
    const err = (xs: Insn[]) => () => jitArm64Compile(Program.fromInsns(xs));
    expect(err([insn(0x07, 10, 0, 0, 1), exit])).toThrow(expect.objectContaining({ code: 'R10_WRITE' }));
    expect(err([insn(0x85, 0, 0, 0, 5000), exit])).toThrow(expect.objectContaining({ code: 'HELPER_UNKNOWN' }));
    expect(err([insn(0xbf, 1, 2, 1, 1), exit])).toThrow(expect.objectContaining({ code: 'UNSUPPORTED' }));
    expect(err([insn(0x18, 1, 1, 0, 3), insn(0, 0, 0, 0, 0), exit])).toThrow(expect.objectContaining({ code: 'LD_IMM64_UNRESOLVED' }));
    expect(() => jitArm64Compile(Program.empty())).toThrow(expect.objectContaining({ code: 'BAD_LENGTH' }));
  });

  test('pseudo ld_imm64 goes through the resolver', () => {
    const p = Program.fromInsns([insn(0x18, 0, 1, 0, 3), insn(0, 0, 0, 0, 0), exit]);
    const r = jitArm64Compile(p, { ldImm64: (kind, imm) => BigInt(kind * 100 + imm), listing: true });
    expect(printArm64Listing(r, p)).toContain('mov\tw8, #103');
  });
});
