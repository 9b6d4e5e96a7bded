// The checks that need no value tracking (check_subprogs, check_and_resolve_insns,
// check_cfg, check_max_stack_depth, fixups) and the whole-program stack-argument rules, each
// with the kernel's message; plus the pass and its options.
import { describe, expect, test } from '@jest/globals';
import { parseKernel } from '@bpfkit/asm';
import { Program, build as b, runStandalone } from '@bpfkit/ir';
import { type VerifierOptions, verifier, verify } from './index.js';

const err = (text: string | Program, opts: VerifierOptions = {}) => {
  const r = verify(typeof text === 'string' ? parseKernel(text) : text, opts);
  return r.ok ? 'accepted' : `${r.error!.insn}: ${r.error!.message}`;
};

/** A chain main -> f1 -> … -> f{n}, each calling the next. */
function chain(n: number): string {
  let s = '  call f1\n  exit\n';
  for (let i = 1; i <= n; i++) s += `.func f${i}\n` + (i < n ? `  call f${i + 1}\n  exit\n` : '  r0 = 0\n  exit\n');
  return s;
}

describe('check_subprogs / check_cfg', () => {
  test('a jump leaving its subprogram', () => {
    expect(err('  call f\n  if r0 == 0x0 goto +2\n  exit\n.func f\n  r0 = 0\n  exit\n')).toBe('1: jump out of range from insn 1 to 4');
  });
  test('falling off the end of a subprogram', () => {
    expect(err('  call f\n  exit\n.func f\n  r0 = 0\n')).toBe('2: last insn is not an exit or jmp');
  });
  test('unreachable instruction', () => {
    expect(err('  r0 = 0\n  exit\n  r0 = 1\n  exit\n')).toBe('2: unreachable insn 2');
  });
  test('an uncalled static subprogram is unreachable', () => {
    expect(err('  r0 = 0\n  exit\n.func f, args=1\n  r0 = 1\n  exit\n', {})).toBe('2: unreachable insn 2');
  });
  test('back-edges: reported by default, accepted with allow-loops', () => {
    const loop = '  r1 = 3\nl:\n  r1 += -1\n  if r1 != 0x0 goto l\n  r0 = 0\n  exit\n';
    expect(err(loop)).toBe('2: back-edge from insn 2 to 1');
    const r = verify(parseKernel(loop), { allowLoops: true });
    expect(r.ok).toBe(true);
    expect(r.backEdges).toEqual([[2, 1]]);
  });
  test('r11 outside the three stack-argument forms', () => {
    expect(err('  r1 = *(u32 *)(r11 +8)\n  r0 = 0\n  exit\n')).toBe('0: R11 is invalid');
    expect(err(Program.fromInsns([b.stxMem(0x18, 11, 1, 8), b.mov64Imm(0, 0), b.exit()]))).toBe('0: R11 is invalid');
  });
  test('callx is not accepted', () => {
    expect(err(Program.fromInsns([b.mov64Imm(1, 0), b.callx(1), b.exit()]))).toBe('1: BPF_CALL uses reserved fields');
  });
});

describe('registers and memory', () => {
  test('R0 must be written before exit', () => {
    expect(err('  exit\n')).toBe('0: R0 !read_ok');
  });
  test('frame pointer is read only', () => {
    expect(err('  r10 = 0\n  r0 = 0\n  exit\n')).toBe('0: frame pointer is read only');
  });
  test('a helper result that may be NULL must be checked before use', () => {
    expect(err(`
  r1 = map[id:1]
  r2 = r10
  r2 += -8
  r3 = 0
  *(u64 *)(r10 -8) = r3
  call bpf_map_lookup_elem
  r0 = *(u64 *)(r0 +0)
  exit
`)).toBe("7: R0 invalid mem access 'map_value_or_null'");
  });
  test('stack depth from constant frame offsets', () => {
    const r = verify(parseKernel('  r1 = 0\n  *(u64 *)(r10 -24) = r1\n  r2 = r10\n  r2 += -40\n  *(u32 *)(r2 +4) = r1\n  r0 = 0\n  exit\n'));
    expect(r.ok).toBe(true);
    expect(r.subprogs[0]!.stackDepth).toBe(36);
  });
});

describe('check_max_stack_depth', () => {
  test('do_check: a bpf-to-bpf chain of 9 frames', () => {
    expect(err(chain(8))).toBe('14: the call stack of 9 frames is too deep');
  });
  test('a chain of 8 frames is fine', () => {
    expect(err(chain(7))).toBe('accepted');
  });
  test('check_max_stack_depth: function-pointer edges count (the callback is never called)', () => {
    const text = `
  r1 = cb ll
  r0 = 0
  exit
.func cb
${chain(7).replace(/^ {2}call f1\n {2}exit\n/, '  call f1\n  exit\n')}`;
    expect(err(text)).toBe('16: the call stack of 8 frames is too deep !');
  });
  test('combined stack size', () => {
    expect(err(`
  r1 = 0
  *(u64 *)(r10 -504) = r1
  call f
  r0 = 0
  exit
.func f
  r1 = 0
  *(u64 *)(r10 -8) = r1
  r0 = 0
  exit
`)).toBe('2: combined stack size of 2 calls is 528. Too large');
  });
  test('interpreter rounding (jit=false) is 32 bytes per frame', () => {
    const r = verify(parseKernel('  r1 = 0\n  *(u64 *)(r10 -8) = r1\n  r0 = 0\n  exit\n'), { jit: false });
    expect(r.ok).toBe(true);
  });
  test('tail calls below a 256-byte caller stack', () => {
    expect(err(`
  r1 = 0
  *(u64 *)(r10 -256) = r1
  call f
  r0 = 0
  exit
.func f
  r2 = map[id:1]
  r3 = 0
  call bpf_tail_call
  r0 = 0
  exit
`)).toBe('2: tail_calls are not allowed when call stack of previous frames is 256 bytes. Too large');
  });
});

describe('whole-program stack-argument rules', () => {
  const CALL6 = '  r1 = 1\n  r2 = 2\n  r3 = 3\n  r4 = 4\n  r5 = 5\n  *(u64 *)(r11 -8) = 6\n  call f\n';
  const F6 = '.func f, args=6\n  r0 = *(u64 *)(r11 +8)\n  exit\n';
  test('a tail call in a program with stack arguments', () => {
    expect(err(`${CALL6}  r1 = 0\n  r2 = map[id:1]\n  r3 = 0\n  call bpf_tail_call\n  r0 = 0\n  exit\n${F6}`)).toBe(
      '11: tail_calls are not allowed in programs with stack args',
    );
  });
  test('a tail call in a subprogram that reads stack arguments', () => {
    expect(err(`${CALL6}  exit\n.func f, args=6\n  r0 = *(u64 *)(r11 +8)\n  r2 = map[id:1]\n  r3 = 0\n  call bpf_tail_call\n  r0 = 0\n  exit\n`)).toBe(
      '12: tail_calls are not allowed in programs with stack args',
    );
  });
  test('not JITed', () => {
    expect(err(`${CALL6}  exit\n${F6}`, { jit: false })).toBe('5: stack args are not supported in non-JITed programs');
    expect(err(`${CALL6}  exit\n${F6}`, { jit: true })).toBe('accepted');
  });
  test('a callback with stack arguments', () => {
    expect(err(`
  r1 = 4
  r2 = cb ll
  r3 = 0
  r4 = 0
  call bpf_loop
  r0 = 0
  exit
.func cb, args=6
  r0 = 0
  exit
`)).toBe('5: callback subprog cannot have stack args');
  });
  test('a callback without stack arguments is verified (and may call a >5-arg static subprog)', () => {
    const r = verify(parseKernel(`
  r1 = 4
  r2 = cb ll
  r3 = 0
  r4 = 0
  call bpf_loop
  r0 = 0
  exit
.func cb, args=2
${CALL6}  r0 = 0
  exit
${F6}`));
    expect(r.ok).toBe(true);
    expect(r.subprogs[1]).toMatchObject({ isCallback: true, verified: true, maxOutStackArgs: 1, requiredOutStackArgs: 1 });
  });
  test('global subprograms keep the five-register limit', () => {
    expect(err(`${CALL6}  exit\n${F6}`, { global: ['f'] })).toBe('6: Global function f() with 6 > 5 args. Buggy compiler.');
    const r = verify(parseKernel('  r1 = 1\n  call g\n  exit\n.func g, args=1\n  r0 = r1\n  exit\n'), { global: ['g'] });
    expect(r.ok).toBe(true);
    expect(r.log).toContain("Func#1 ('g') is global and assumed valid.");
  });
  test('a global subprogram may call a >5-arg static one', () => {
    expect(err(`  r1 = 1\n  call g\n  exit\n.func g, args=1\n${CALL6}  exit\n${F6}`, { global: ['g'] })).toBe('accepted');
  });
  test('freplace targets with more than five arguments', () => {
    expect(err('  r0 = 0\n  exit\n', { freplace: 7 })).toBe('0: freplace programs with >5 args not supported yet');
    expect(err('  r0 = 0\n  exit\n', { freplace: 5 })).toBe('accepted');
  });
  test('kfunc argument counts come from the kfunc table', () => {
    const text = '  r1 = 1\n  r2 = 2\n  r3 = 3\n  r4 = 4\n  r5 = 5\n  *(u64 *)(r11 -8) = 6\n  call bpf_kfunc_call_stack_arg#9001\n  r0 = 0\n  exit\n';
    expect(err(text, { kfuncArgs: { 9001: 7 } })).toBe('6: callee expects 7 args, stack arg2 is not initialized');
    expect(err(text, { kfuncArgs: { 9001: 6 } })).toBe('accepted');
    // Unknown kfuncs take at most five arguments: the slot is unused.
    expect(err(text)).toBe('5: func#0 writes 1 stack arg slots, but calls only require 0');
  });
});

describe('the verifier pass', () => {
  test('print: log then verdict; options from set k=v', () => {
    const p = parseKernel('  *(u64 *)(r11 -8) = 1\n  call f\n  exit\n.func f, args=6\n  r0 = *(u64 *)(r11 +8)\n  exit\n');
    const ok = runStandalone(verifier, p, {});
    expect(verifier.print!(ok, p)).toBe('func#0 @0\nfunc#1 @3\nverdict: accepted\n');
    const bad = runStandalone(verifier, p, { jit: false });
    expect(verifier.print!(bad, p)).toBe('func#0 @0\nfunc#1 @3\nstack args are not supported in non-JITed programs\nverdict: rejected at insn 0 (EINVAL)\n');
  });
  test('unknown subprogram names in options are option errors', () => {
    expect(() => verify(parseKernel('  r0 = 0\n  exit\n'), { global: ['nope'] })).toThrow(expect.objectContaining({ code: 'OPTION' }));
  });
  test('complexity limit', () => {
    expect(err(chain(3), { complexityLimit: 5 })).toMatch(/BPF program is too large. Processed 6 insn$/);
  });
});
