// The bpfkit command end to end through an in-memory CliIo: asm/disasm round trips on the
// shipped example, the three output syntaxes, stdin, conformance .data input, analyze,
// help, and the error contract (one line on stderr, exit 1 for bad input, 2 for bad usage).
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { BpfError } from '@bpfkit/ir';
import type { CliIo } from './io.js';
import { runCli } from './run-cli.js';

const repo = new URL('../../../', import.meta.url);
const example = (name: string) => new Uint8Array(readFileSync(new URL(`examples/${name}`, repo)));

function memIo(files: Record<string, Uint8Array | string> = {}, stdin?: Uint8Array | string) {
  const out: string[] = [];
  const err: string[] = [];
  const written: Record<string, Uint8Array> = {};
  const bytes = (v: Uint8Array | string) => (typeof v === 'string' ? new TextEncoder().encode(v) : v);
  const io: CliIo = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readFile(path) {
      const v = path === '-' ? stdin : files[path];
      if (v === undefined) throw new BpfError('IO', `cannot read ${path}: ENOENT`);
      return bytes(v);
    },
    writeFile(path, data) {
      written[path] = data;
    },
  };
  return { io, out: () => out.join(''), err: () => err.join(''), written };
}

describe('asm and disasm', () => {
  const src = readFileSync(new URL('examples/twelve-args.s', repo), 'utf8');

  test('the shipped example binary is what the shipped source assembles to', () => {
    const m = memIo({ 'twelve-args.s': src });
    expect(runCli(['asm', 'twelve-args.s', '-o', 'out.bin'], m.io)).toBe(0);
    expect(Buffer.from(m.written['out.bin']!).toString('hex')).toBe(Buffer.from(example('twelve-args.bin')).toString('hex'));
  });

  test('disasm prints kernel syntax with the r11 forms; asm of that text gives the same bytes back', () => {
    const bin = example('twelve-args.bin');
    const m = memIo({ 'p.bin': bin });
    expect(runCli(['disasm', 'p.bin'], m.io)).toBe(0);
    const text = m.out();
    expect(text).toContain('5: (7a) *(u64 *)(r11 -8) = 6\n');
    expect(text).toContain('13: (7b) *(u64 *)(r11 -56) = r6\n');
    expect(text).toContain('14: (85) call pc+1\n');
    expect(text).toContain('25: (79) r1 = *(u64 *)(r11 +8)\n');
    const m2 = memIo({ 'p.s': text });
    expect(runCli(['asm', 'p.s', '-o', 'q.bin'], m2.io)).toBe(0);
    expect(Buffer.from(m2.written['q.bin']!).equals(Buffer.from(bin))).toBe(true);
  });

  test('--syntax llvm, bpftool and conformance; conformance text re-assembles', () => {
    const bin = example('twelve-args.bin');
    const llvm = memIo({ 'p.bin': bin });
    expect(runCli(['disasm', 'p.bin', '--syntax', 'llvm'], llvm.io)).toBe(0);
    expect(llvm.out().split('\n')[0]).toBe('       0:\tb7 01 00 00 01 00 00 00\tr1 = 0x1');
    const tool = memIo({ 'p.bin': bin });
    expect(runCli(['disasm', 'p.bin', '--syntax', 'bpftool'], tool.io)).toBe(0);
    expect(tool.out().split('\n')[14]).toBe('  14: (85) call pc+1');
    const conf = memIo({ 'p.bin': bin });
    expect(runCli(['disasm', 'p.bin', '--syntax', 'conformance'], conf.io)).toBe(0);
    const back = memIo({ 'p.data': conf.out() });
    expect(runCli(['asm', 'p.data', '-o', 'r.bin'], back.io)).toBe(0);
    expect(Buffer.from(back.written['r.bin']!).equals(Buffer.from(bin))).toBe(true);
  });

  test("'-' reads stdin; hex input and --hex output", () => {
    const m = memIo({}, 'b7 00 00 00 2a 00 00 00 95 00 00 00 00 00 00 00');
    expect(runCli(['disasm', '-', '--format', 'hex'], m.io)).toBe(0);
    expect(m.out()).toBe('0: (b7) r0 = 42\n1: (95) exit\n');
    const a = memIo({ 'x.s': 'r0 = 42\nexit\n' });
    expect(runCli(['asm', 'x.s', '-o', '-', '--hex'], a.io)).toBe(0);
    expect(new TextDecoder().decode(a.written['-'])).toBe('b70000002a0000009500000000000000\n');
  });

  test('a bpf_conformance .data file assembles from its -- asm section', () => {
    const data = '# Copyright\n-- asm\nmov32 %r0, 1\nexit\n-- result\n0x1\n';
    const m = memIo({ 't.data': data });
    expect(runCli(['asm', 't.data', '-o', 'o.bin'], m.io)).toBe(0);
    expect(Buffer.from(m.written['o.bin']!).toString('hex')).toBe('b4000000010000009500000000000000');
  });
});

describe('analyze', () => {
  test('runs a textual pipeline; print shows the program; --debug-pass-manager logs', () => {
    const m = memIo({ 'p.s': 'r0 = 1\nexit\n' });
    expect(runCli(['analyze', 'p.s', '--passes', 'print'], m.io)).toBe(0);
    expect(m.out()).toBe('0: (b7) r0 = 1\n1: (95) exit\n');
    const bad = memIo({ 'p.s': 'r0 = 1\nexit\n' });
    expect(runCli(['analyze', 'p.s', '--passes', 'no-such-pass'], bad.io)).toBe(1);
    expect(bad.err()).toMatch(/^bpfkit: .*no-such-pass.*\[PASS_UNKNOWN\]\n$/);
  });
});

describe('analyze with the registered passes', () => {
  test("print<liveness> and print<precision> --trace-from-run", () => {
    const m = memIo({ 'p.s': 'r1 = 5\nr2 = r1\nr2 += 1\nr0 = r2\nexit\n' });
    expect(runCli(['analyze', 'p.s', '--passes', 'print<liveness>'], m.io)).toBe(0);
    expect(m.out()).toContain('Live regs before insn:');
    const p = memIo({ 'p.s': 'r1 = 5\nr2 = r1\nr2 += 1\nr0 = r2\nexit\n' });
    expect(runCli(['analyze', 'p.s', '--passes', 'print<precision>', '--trace-from-run', '--set', 'precise-insn=4', '--set', 'precise-reg=0'], p.io)).toBe(0);
    expect(p.out()).toContain('mark_precise: frame0: regs=r2 stack= before 2: (07) r2 += 1');
  });
});

describe('errors and help', () => {
  test('bad bytes: one line on stderr naming the instruction, exit 1, nothing on stdout', () => {
    const m = memIo({ 'bad.bin': new Uint8Array([0xb7, 0, 0, 0, 0, 0, 0, 0, 0x8e, 0, 0, 0, 0, 0, 0, 0]) });
    expect(runCli(['disasm', 'bad.bin'], m.io)).toBe(1);
    expect(m.err()).toBe('bpfkit: decoder: insn 1: unknown opcode 8e [UNKNOWN_OPCODE]\n');
    expect(m.out()).toBe('');
  });

  test('bad text: line and column', () => {
    const m = memIo({ 'bad.s': 'r0 = 1\nr0 +== 2\nexit\n' });
    expect(runCli(['asm', 'bad.s', '-o', 'x'], m.io)).toBe(1);
    expect(m.err()).toMatch(/^bpfkit: asm: line 2:\d+: .*\[PARSE\]\n$/);
  });

  test('missing files, unknown commands and options', () => {
    const a = memIo();
    expect(runCli(['disasm', 'nope.bin'], a.io)).toBe(1);
    expect(a.err()).toBe('bpfkit: cannot read nope.bin: ENOENT [IO]\n');
    const b = memIo();
    expect(runCli(['frob'], b.io)).toBe(2);
    expect(b.err()).toContain("unknown command 'frob'");
    const c = memIo();
    expect(runCli(['disasm', 'x', '--syntax', 'intel'], c.io)).toBe(2);
    const d = memIo();
    expect(runCli(['asm', 'x.s'], d.io)).toBe(2);
    expect(d.err()).toContain('asm needs -o OUT');
  });

  test('--help lists the commands; help COMMAND shows its options', () => {
    const a = memIo();
    expect(runCli(['--help'], a.io)).toBe(0);
    for (const cmd of ["asm", "disasm", "analyze", "run"]) expect(a.out()).toContain(`  ${cmd} `);
    const b = memIo();
    expect(runCli(['help', 'disasm'], b.io)).toBe(0);
    expect(b.out()).toContain('--syntax');
  });
});

describe('verify', () => {
  test('accepts the twelve-argument example when function metadata gives the argument counts', () => {
    const m = memIo({ 'p.s': readFileSync(new URL('examples/twelve-args.s', repo), 'utf8') });
    expect(runCli(['verify', 'p.s'], m.io)).toBe(0);
    expect(m.out()).toMatch(/verdict: accepted\n$/);
  });

  test('rejects a missing outgoing slot with the kernel message; --set jit=false rejects stack args', () => {
    const src = '.func main\n*(u64 *)(r11 -16) = 7\ncall f\nexit\n.func f, args=7\nr0 = *(u64 *)(r11 +16)\nexit\n';
    const m = memIo({ 'p.s': src });
    expect(runCli(['verify', 'p.s'], m.io)).toBe(1);
    expect(m.out()).toContain('callee expects 7 args, stack arg1 is not initialized\n');
    const j = memIo({ 'p.s': readFileSync(new URL('examples/twelve-args.s', repo), 'utf8') });
    expect(runCli(['verify', 'p.s', '--set', 'jit=false'], j.io)).toBe(1);
    expect(j.out()).toContain('stack args are not supported in non-JITed programs');
  });
});

describe('jit', () => {
  test('--arch x86-64: arg6 travels in r9, arg7 at (%rsp), the callee reads arg7 at 0x10(%rbp)', () => {
    const m = memIo({ 'p.bin': example('twelve-args.bin') });
    expect(runCli(['jit', 'p.bin', '--arch', 'x86-64', '--listing'], m.io)).toBe(0);
    const out = m.out();
    expect(out).toMatch(/; 5: \(7a\) \*\(u64 \*\)\(r11 -8\) = 6\n[0-9a-f]+:\t[0-9a-f ]+\t\w+\t\$0x6, %r9d?\n/);
    expect(out).toMatch(/; 25: \(79\) r1 = \*\(u64 \*\)\(r11 \+8\)\n[0-9a-f]+:\t[0-9a-f ]+\tmovq\t%r9, %rdi\n/);
    expect(out).toMatch(/; 28: \(79\) r1 = \*\(u64 \*\)\(r11 \+16\)\n[0-9a-f]+:\t[0-9a-f ]+\tmovq\t0x10\(%rbp\), %rdi\n/);
  });

  test('--arch arm64: arg6 travels in x5; a missing --arch is a usage error', () => {
    const m = memIo({ 'p.bin': example('twelve-args.bin') });
    expect(runCli(['jit', 'p.bin', '--arch', 'arm64', '--listing'], m.io)).toBe(0);
    expect(m.out()).toMatch(/; 25: \(79\) r1 = \*\(u64 \*\)\(r11 \+8\)\n[0-9a-f]+:\t[0-9a-f ]+\tmov\tx0, x5\n/);
    const u = memIo({ 'p.bin': example('twelve-args.bin') });
    expect(runCli(['jit', 'p.bin'], u.io)).toBe(2);
  });
});

describe('run and conformance-plugin', () => {
  test('run executes the twelve-argument example on the interpreter: sum k*k for k=1..12 = 650', () => {
    const m = memIo({ 'p.bin': example('twelve-args.bin') });
    expect(runCli(['run', 'p.bin'], m.io)).toBe(0);
    expect(m.out()).toBe(`0x${(650).toString(16)}\n`);
  });

  test('run --jit (native x86-64) gives the same r0 as the interpreter; --sandbox turns a wild pointer into a BpfError', () => {
    const m = memIo({ 'p.bin': example('twelve-args.bin') });
    expect(runCli(['run', 'p.bin', '--jit'], m.io)).toBe(0);
    expect(m.out()).toBe(`0x${(650).toString(16)}\n`);
    const mm = memIo({ 'p.s': 'r0 = *(u8 *)(r1 +1)\nr0 += r2\nexit\n' });
    expect(runCli(['run', 'p.s', '--mem', '0a0b0c', '--jit', '--sandbox'], mm.io)).toBe(0);
    expect(mm.out()).toBe('0xe\n');
    const w = memIo({ 'p.s': 'r1 = 0x1000 ll\nr0 = *(u64 *)(r1 +0)\nexit\n' });
    expect(runCli(['run', 'p.s', '--jit', '--sandbox'], w.io)).toBe(1);
    expect(w.err()).toMatch(/^bpfkit: .*\n$/);
  });

  test('run --arch arm64 runs the arm64 JIT output under qemu with the same r0', () => {
    const m = memIo({ 'p.bin': example('twelve-args.bin') });
    expect(runCli(['run', 'p.bin', '--arch', 'arm64'], m.io)).toBe(0);
    expect(m.out()).toBe(`0x${(650).toString(16)}\n`);
    const mm = memIo({ 'p.s': 'r0 = *(u8 *)(r1 +1)\nr0 += r2\nexit\n' });
    expect(runCli(['run', 'p.s', '--mem', '0a0b0c', '--arch', 'arm64'], mm.io)).toBe(0);
    expect(mm.out()).toBe('0xe\n');
  });

  test('run --mem passes memory in r1/r2; --trace prints the path with frames', () => {
    const m = memIo({ 'p.s': 'r0 = *(u8 *)(r1 +1)\nr0 += r2\nexit\n' });
    expect(runCli(['run', 'p.s', '--mem', '0a0b0c', '--trace'], m.io)).toBe(0);
    expect(m.out()).toBe('frame0: 0: (71) r0 = *(u8 *)(r1 +1)\nframe0: 1: (0f) r0 += r2\nframe0: 2: (95) exit\n0xe\n');
    const calls = memIo({ 'p.bin': example('twelve-args.bin') });
    expect(runCli(['run', 'p.bin', '--trace'], calls.io)).toBe(0);
    expect(calls.out()).toContain('frame0: 14: (85) call pc+1\nframe1: 16: (bf) r0 = r1\n');
  });

  test('run reports a wild pointer as a one-line BpfError naming the instruction', () => {
    const m = memIo({ 'p.s': 'r1 = 0\nr0 = *(u64 *)(r1 +0)\nexit\n' });
    expect(runCli(['run', 'p.s'], m.io)).toBe(1);
    expect(m.err()).toMatch(/^bpfkit: .*insn 1: .*\n$/);
  });

  test('conformance-plugin: program hex on stdin, memory hex argument, r0 in hex', () => {
    // ldxh r0, [r1+2] on memory aa bb cc dd -> 0xddcc
    const m = memIo({}, '6910020000000000 9500000000000000');
    expect(runCli(['conformance-plugin', 'aabbccdd'], m.io)).toBe(0);
    expect(m.out()).toBe('ddcc\n');
    const bad = memIo({}, '8e00000000000000');
    expect(runCli(['conformance-plugin', ''], bad.io)).toBe(1);
    expect(bad.out()).toContain('unknown opcode 8e');
    const opt = memIo({}, '9500000000000000');
    expect(runCli(['conformance-plugin', '', '--frobnicate'], opt.io)).toBe(2);
    const jit = memIo({}, '6910020000000000 9500000000000000');
    expect(runCli(['conformance-plugin', 'aabbccdd', '--jit'], jit.io)).toBe(0);
    expect(jit.out()).toBe('ddcc\n');
  });
});
