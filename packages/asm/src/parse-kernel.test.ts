// parseKernel: labels, comments, .func metadata, calls by name, the LLVM spellings of
// text-formats §2.2, the r11 stack-argument forms, and located errors.
import { describe, test, expect } from '@jest/globals';
import { BpfError, type Program } from '@bpfkit/ir';
import { bytesToHex, encode } from '@bpfkit/decoder';
import { parseKernel, type KernelParseOptions } from './parse-kernel.js';

const hex = (text: string, opts?: KernelParseOptions): string => bytesToHex(encode(parseKernel(text, opts)));
/** One hex string per instruction (ld_imm64 = 16 bytes). */
const insns = (p: Program): string[] => {
  const out: string[] = [];
  const h = bytesToHex(encode(p));
  for (let i = 0; i < p.length; i++) {
    const n = p.code[i] === 0x18 ? 2 : 1;
    out.push(h.slice(16 * i, 16 * (i + n)));
    i += n - 1;
  }
  return out;
};

/** The BpfError `text` produces (fails the test when it parses). */
function errorOf(text: string, opts?: KernelParseOptions): BpfError {
  try {
    parseKernel(text, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(BpfError);
    return e as BpfError;
  }
  throw new Error(`parsed: ${JSON.stringify(text)}`);
}

describe('labels and jump targets', () => {
  test('goto / if / gotol / may_goto to labels, backwards and forwards', () => {
    const p = parseKernel(`
top:
  r0 = 0
  if r1 > 0x5 goto out
  if w1 s< w2 goto top
  gotol out
  may_goto top
  goto +1
out:
  exit
`);
    expect(insns(p)).toEqual([
      'b700000000000000',
      '2501040005000000', // +4: to `out` (slot 6)
      'ce21fdff00000000', // -3: to `top` (slot 0)
      '0600000002000000', // gotol +2
      'e500fbff00000000', // -5
      '0500010000000000',
      '9500000000000000',
    ]);
  });

  test('pc+N, +N, -N and objdump `<sym>` annotations', () => {
    expect(hex('goto pc+3\ngoto +3\ngoto -0x5 <LBB0_1>\ngoto pc-4 <.text+0x10>')).toBe(
      '0500030000000000' + '0500030000000000' + '0500fbff00000000' + '0500fcff00000000',
    );
  });

  test('label on the same line as an instruction; labels may be the name of an opcode', () => {
    expect(hex('exit: r0 = 1\ngoto exit')).toBe('b700000001000000' + '0500feff00000000');
  });

  test('ld_imm64 second slot counts: labels and pc+N use kernel slot numbering', () => {
    const p = parseKernel('goto L\nr1 = 0x1 ll\nL: exit');
    expect(p.off[0]).toBe(2);
  });

  test('call label is a bpf-to-bpf call; subprog[L] and `L ll` are PSEUDO_FUNC', () => {
    const p = parseKernel('call f\nr2 = subprog[f]\nr3 = f ll\nexit\nf:\nr0 = 0\nexit');
    expect(insns(p)).toEqual([
      '8510000005000000', // f at slot 6
      '1842000004000000' + '0000000000000000',
      '1843000002000000' + '0000000000000000',
      '9500000000000000',
      'b700000000000000',
      '9500000000000000',
    ]);
    expect(p.funcs.map((f) => f.start)).toEqual([0, 6]);
  });

  test('bpftool subprog[+N] / map[id:N] / map[id:N][0]+OFF', () => {
    expect(hex('r2 = subprog[+1]\nexit\nexit')).toBe('1842000001000000' + '0000000000000000' + '95'.padEnd(16, '0').repeat(2));
    expect(hex('r1 = map[id:5]')).toBe('1811000005000000' + '0000000000000000');
    expect(hex('r1 = map[id:5][0]+16')).toBe('1821000005000000' + '0000000010000000');
  });
});

describe('.func metadata', () => {
  test('.func name, args=N names the function at the next instruction and defines a label', () => {
    const p = parseKernel(`
.func main
  *(u64 *)(r11 -8) = r1
  *(u64 *)(r11 -16) = 5
  call callee
  exit
.func callee, args=7
  r1 = *(u64 *)(r11 +8)
  r0 = *(u64 *)(r11 +16)
  exit
`);
    expect(p.funcs.map(({ start, name, argCount }) => ({ start, name, argCount }))).toEqual([
      { start: 0, name: 'main', argCount: undefined },
      { start: 4, name: 'callee', argCount: 7 },
    ]);
    expect(insns(p).slice(0, 3)).toEqual(['7b1bf8ff00000000', '7a0bf0ff05000000', '8510000001000000']);
    expect(insns(p).slice(4, 6)).toEqual(['79b1080000000000', '79b0100000000000']);
  });

  test('name(args=N): is the same in label form', () => {
    const p = parseKernel('call g\nexit\ng(args=2):\nexit');
    expect(p.funcs[1]).toMatchObject({ start: 2, name: 'g', argCount: 2 });
  });

  test('a function that is never called still starts a function', () => {
    expect(parseKernel('exit\n.func orphan\nexit').funcs.map((f) => f.name)).toEqual([undefined, 'orphan']);
  });
});

describe('comments and listing framing', () => {
  test('; // # comments, blank lines, CRLF', () => {
    expect(hex('; header\r\n// note\n# hash\n\n  r0 = 1 ; R0=1\n  exit // done\n  exit # also\n')).toBe(
      'b700000001000000' + '9500000000000000' + '9500000000000000',
    );
  });

  test('verifier, bpftool and llvm-objdump line prefixes', () => {
    expect(hex('0: (b7) r0 = 1\n   1: (95) exit')).toBe('b700000001000000' + '9500000000000000');
    const objdump = [
      '',
      'a.o:\tfile format elf64-bpf',
      '',
      'Disassembly of section .text:',
      '',
      '0000000000000000 <prog>:',
      '       0:\tb7 01 00 00 2a 00 00 00\tr1 = 0x2a',
      '       1:\t18 01 00 00 ff ff ff ff 00 00 00 00 01 00 00 00\tr1 = 0x1ffffffff ll',
      '0000000000000018 <LBB0_1>:',
      '       3:\t05 00 ff ff 00 00 00 00\tgoto -0x1 <LBB0_1>',
      '0000000000000020:  R_BPF_64_64  dummy_map',
      '       4:\t95 00 00 00 00 00 00 00\texit',
    ].join('\n');
    expect(hex(objdump)).toBe('b70100002a000000' + '18010000ffffffff0000000001000000' + '0500ffff00000000' + '9500000000000000');
  });

  test('empty text is an empty program', () => {
    expect(parseKernel('').length).toBe(0);
    expect(parseKernel('; nothing\n\n').length).toBe(0);
  });
});

describe('LLVM spellings (text-formats §2.2) parse to the same bytes as the kernel ones', () => {
  const pairs: [string, string][] = [
    ['r1 += -8', 'r1 += -0x8'],
    ['r1 = *(u64 *)(r10 -8)', 'r1 = *(u64 *)(r10 - 8)'],
    ['r1 = *(u64 *)(r10 -8)', 'r1 = *(u64 *)(r10 - 0x8)'],
    ['goto pc+3', 'goto +3'],
    ['if r2 != 0xfffffff8 goto pc+2', 'if r2 != -8 goto +2'],
    ['if r2 != 0xfffffff8 goto pc+2', 'if r2 != -0x8 goto +0x2'],
    ['r2 = atomic64_xchg((u64 *)(r1 +0), r2)', 'r2 = xchg_64(r1 + 0x0, r2)'],
    ['r0 = atomic64_cmpxchg((u64 *)(r1 +0), r0, r2)', 'r0 = cmpxchg_64(r1 + 0, r0, r2)'],
    ['r2 = atomic64_fetch_add((u64 *)(r1 +0), r2)', 'r2 = atomic_fetch_add((u64 *)(r1 + 0x0), r2)'],
    ['r2 = atomic_fetch_or((u32 *)(r1 +4), r2)', 'w2 = atomic_fetch_or((u32 *)(r1 + 0x4), w2)'],
    ['r2 = atomic_xchg((u32 *)(r1 +0), r2)', 'w2 = xchg32_32(r1 + 0x0, w2)'],
    ['r0 = atomic_cmpxchg((u32 *)(r1 +0), r0, r2)', 'w0 = cmpxchg32_32(r1 + 0x0, w0, w2)'],
    ['lock *(u32 *)(r1 +8) &= r3', 'lock *(u32 *)(r1 + 0x8) &= w3'],
    ['r1 = *(u8 *)(r2 +42)', 'w1 = *(u8 *)(r2 + 0x2a)'],
    ['*(u16 *)(r2 +42) = r1', '*(u16 *)(r2 + 0x2a) = w1'],
    ['r1 = 0x2a', 'r1 = 0x2a ll'],
    ['r1 = 0x2a', 'r1 = 42 ll'],
    ['call bpf_map_lookup_elem#1', 'call 1'],
    ['call bpf_map_lookup_elem#1', 'call bpf_map_lookup_elem'],
    ['call bpf_map_lookup_elem#1', 'call 0x1'],
    ['callx r2', 'callx r2'],
    ['gotol pc+70000', 'gotol +0x11170'],
    ['may_goto pc+2', 'may_goto +0x2'],
    ['r1 = le16 r1', 'r1 = le16 r1'],
    ['r1 = be16 r1', 'r1 = be16 r1'],
    ['r1 = bswap16 r1', 'r1 = bswap16 r1'],
    ['r0 = load_acquire((u64 *)(r1 +0))', 'r0 = load_acquire((u64 *)(r1 + 0x0))'],
    ['r0 = load_acquire((u8 *)(r1 +0))', 'w0 = load_acquire((u8 *)(r1 + 0x0))'],
    ['store_release((u64 *)(r1 +0), r2)', 'store_release((u64 *)(r1 + 0x0), r2)'],
    ['store_release((u16 *)(r1 +0), r2)', 'store_release((u16 *)(r1 + 0x0), w2)'],
    ['r0 = *(u8 *)skb[12]', 'r0 = *(u8 *)skb[0xc]'],
    ['r0 = *(u32 *)skb[r2 + 0]', 'r0 = *(u32 *)skb[r2]'],
    ['r1 = 0x1 ll', 'ld_pseudo r1, 0, 1'],
    ['r1 = map[id:5]', 'ld_pseudo\tr1, 0x1, 0x5'],
    ['*(u64 *)(r10 -8) = 0', '*(u64 *)(r10 - 0x8) = 0x0'],
  ];
  test.each(pairs)('%s  ==  %s', (kernel, llvm) => {
    expect(hex(llvm)).toBe(hex(kernel));
  });

  test('hexMove: llvm-objdump `r1 = 0x2a` is a move, the kernel`s is ld_imm64', () => {
    expect(hex('r1 = 0x2a')).toBe('180100002a000000' + '0000000000000000');
    expect(hex('r1 = 0x2a', { hexMove: 'mov' })).toBe('b70100002a000000');
    expect(hex('r1 = 42')).toBe('b70100002a000000');
    expect(hex('w1 = 0x2a')).toBe('b40100002a000000');
    expect(hex('r1 = -0x8')).toBe('b7010000f8ffffff');
    // The opcode prefix always decides.
    expect(hex('(b7) r1 = 0x2a')).toBe('b70100002a000000');
    expect(hex('(18) r1 = 42')).toBe('180100002a000000' + '0000000000000000');
  });

  test('compare immediates: u32 hex and signed decimal give the same imm', () => {
    const p = parseKernel('if r1 > 0xfffffff8 goto +0\nif r1 > -8 goto +0\nif w1 s< 0x80000000 goto +0');
    expect(Array.from(p.imm)).toEqual([-8, -8, -0x80000000]);
  });

  test('64-bit ld_imm64 values, signed and unsigned', () => {
    expect(hex('r9 = -0x8 ll')).toBe('18090000f8ffffff00000000ffffffff');
    expect(hex('r9 = 0xfffffffffffffff8')).toBe('18090000f8ffffff00000000ffffffff');
    expect(hex('r9 = -9223372036854775808 ll')).toBe('1809000000000000' + '0000000000000080');
  });

  test('every ALU op, both widths, register and immediate', () => {
    const ops = ['+=', '-=', '*=', '/=', '|=', '&=', '<<=', '>>=', '%=', '^=', '=', 's>>=', 's/=', 's%='];
    const codes = ops.map((op) => parseKernel(`r1 ${op} r2\nw1 ${op} 3`).insns().map((x) => [x.code, x.off]));
    expect(codes).toEqual([
      [[0x0f, 0], [0x04, 0]], [[0x1f, 0], [0x14, 0]], [[0x2f, 0], [0x24, 0]], [[0x3f, 0], [0x34, 0]],
      [[0x4f, 0], [0x44, 0]], [[0x5f, 0], [0x54, 0]], [[0x6f, 0], [0x64, 0]], [[0x7f, 0], [0x74, 0]],
      [[0x9f, 0], [0x94, 0]], [[0xaf, 0], [0xa4, 0]], [[0xbf, 0], [0xb4, 0]], [[0xcf, 0], [0xc4, 0]],
      [[0x3f, 1], [0x34, 1]], [[0x9f, 1], [0x94, 1]],
    ]);
  });

  test('every jump comparison, JMP and JMP32', () => {
    const ops = ['==', '>', '>=', '&', '!=', 's>', 's>=', '<', '<=', 's<', 's<='];
    const codes = ops.map((op) => parseKernel(`if r1 ${op} r2 goto +0\nif w1 ${op} 1 goto +0`).insns().map((x) => x.code));
    expect(codes).toEqual([
      [0x1d, 0x16], [0x2d, 0x26], [0x3d, 0x36], [0x4d, 0x46], [0x5d, 0x56], [0x6d, 0x66], [0x7d, 0x76],
      [0xad, 0xa6], [0xbd, 0xb6], [0xcd, 0xc6], [0xdd, 0xd6],
    ]);
  });

  test('verifier-only rewrites: percpu address, addr_space_cast, nospec, gotox', () => {
    expect(hex('r0 = &(void __percpu *)(r0)')).toBe('bf00ffff00000000');
    expect(hex('r1 = addr_space_cast(r1, 0, 1)')).toBe('bf11010001000000');
    expect(hex('nospec')).toBe('c200000000000000');
    expect(hex('gotox r0')).toBe('0d00000000000000');
  });
});

describe('calls by name', () => {
  test('helper names, unknown#id, kfunc names and kernel-function#id', () => {
    expect(insns(parseKernel('call bpf_map_lookup_elem#1\ncall unknown#500\ncall kernel-function#25364\ncall bpf_obj_new_impl#25364'))).toEqual([
      '8500000001000000', '85000000f4010000', '8520000014630000', '8520000014630000',
    ]);
  });

  test('options.kfuncs resolves `call name` and carries off; options.helpers adds helper names', () => {
    const opts: KernelParseOptions = { kfuncs: { bpf_obj_new_impl: 25364, bpf_mod_fn: { btfId: 7, off: 2 } }, helpers: { my_helper: 300 } };
    expect(insns(parseKernel('call bpf_obj_new_impl\ncall bpf_mod_fn\ncall bpf_mod_fn#8\ncall my_helper\ncall my_helper#301', opts))).toEqual([
      '8520000014630000', '8520020007000000', '8520020008000000', '850000002c010000', '850000002d010000',
    ]);
  });

  test('a label wins over a helper of the same name', () => {
    expect(insns(parseKernel('call bpf_loop\nexit\nbpf_loop: exit'))[0]).toBe('8510000001000000');
  });

  test('call pc+N and bpftool`s jited `pc+N#ksym`', () => {
    expect(hex('call pc+1\nexit\nexit')).toBe('8510000001000000' + '9500000000000000'.repeat(2));
    expect(hex('call pc+1#bpf_prog_abc_f\nexit\nexit').slice(0, 16)).toBe('8510000001000000');
  });
});

describe('errors carry a code, the line and the column', () => {
  const cases: [string, string, number, number][] = [
    ['r0 = 0\n  foo r1', 'PARSE', 2, 3],
    ['r0 = 0\nif r1 >> 3 goto +1', 'PARSE', 2, 8],
    ['goto nowhere', 'UNKNOWN_LABEL', 1, 6],
    ['call nope', 'UNKNOWN_LABEL', 1, 6],
    ['L:\n  L:\nexit', 'DUPLICATE_LABEL', 2, 3],
    ['.func f\nexit\nf: exit', 'DUPLICATE_LABEL', 3, 1],
    ['w1 = 0x100000000', 'IMM_RANGE', 1, 6],
    ['r1 = 4294967296', 'IMM_RANGE', 1, 6],
    ['r1 = 0x10000000000000000 ll', 'IMM_RANGE', 1, 6],
    ['if r1 > 0x1ffffffff goto +1', 'IMM_RANGE', 1, 9],
    ['.func f, args=13\nexit', 'IMM_RANGE', 1, 15],
    ['goto pc+40000', 'OFFSET_RANGE', 1, 6],
    ['r1 = *(u64 *)(r10 -40000)', 'OFFSET_RANGE', 1, 20],
    ['call pc+5\nexit', 'OFFSET_RANGE', 1, 6],
    ['r2 = subprog[-9]\nexit', 'OFFSET_RANGE', 1, 14],
    ['(07) r1 = 5', 'PARSE', 1, 1],
    ['w1 += r2', 'PARSE', 1, 7],
    ['r11 = 1', 'PARSE', 1, 1],
    ['r1 = *(u64 *)(r12 +0)', 'PARSE', 1, 15],
    ['r1 = -r2', 'PARSE', 1, 7],
    ['*(u64 *)(r10 -8) = w1', 'PARSE', 1, 20],
    ['exit garbage', 'PARSE', 1, 6],
    ['.func f', 'PARSE', 1, 1],
    ['r1 = 12ab', 'PARSE', 1, 6],
    ['BUG_ld_00', 'PARSE', 1, 1],
  ];
  test.each(cases)('%j -> %s at %d:%d', (text, code, line, column) => {
    const e = errorOf(text);
    expect({ code: e.code, line: e.line, column: e.column, pass: e.pass }).toEqual({ code, line, column, pass: 'asm' });
    expect(e.message.length).toBeGreaterThan(10);
  });

  test('a jump to a label more than 32767 slots away is OFFSET_RANGE, gotol reaches it', () => {
    const body = 'r0 = 0\n'.repeat(40000);
    expect(errorOf(`goto far\n${body}far: exit`).code).toBe('OFFSET_RANGE');
    expect(parseKernel(`gotol far\n${body}far: exit`).imm[0]).toBe(40000);
  });

  test('firstLine shifts reported lines', () => {
    expect(errorOf('exit\nbad', { firstLine: 10 }).line).toBe(11);
  });

  test('messages say what was expected', () => {
    expect(errorOf('goto nowhere').message).toBe("unknown label 'nowhere'");
    expect(errorOf('r1 = *(u64 *)(r10 -40000)').message).toMatch(/memory offset -40000 does not fit 16 bits/);
    expect(errorOf('if r1 > 5 goto').message).toMatch(/expected a jump target/);
  });
});
