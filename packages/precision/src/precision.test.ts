// Golden mark_precise logs for straight-line, branchy, subprogram, callback and
// stack-argument paths (interpreter traces), the Must-show case (a value reaching a precise
// use only through argument 7 is marked back to the caller's store to r11 - 16 and to the
// instruction that produced it), user-supplied histories, the call-boundary invariant and the
// -ENOTSUPP fallback.
import { describe, expect, test } from '@jest/globals';
import { parseKernel } from '@bpfkit/asm';
import { type ExternFn, INSN_F_STACK_ARG_ACCESS } from '@bpfkit/interp';
import { MAX_CALL_FRAMES, runStandalone } from '@bpfkit/ir';
import { precision, precisionFromHistory, precisionFromRun, type PrecisionResult } from './index.js';

/** Masks of frame `f` at the step for (the last backtracked visit of) insn `i`. */
function at(r: PrecisionResult, i: number, f = 0): { regs: number; stack: bigint; stackArgs: number } {
  let k = -1;
  for (let j = 0; j < r.count; j++) if (r.idx[j] === i) k = j;
  if (k < 0) throw new Error(`insn ${i} was not backtracked`);
  return { regs: r.regs[k * MAX_CALL_FRAMES + f]!, stack: r.stack[k * MAX_CALL_FRAMES + f]!, stackArgs: r.stackArgs[k * MAX_CALL_FRAMES + f]! };
}

describe('straight line', () => {
  test('through ALU ops and a spill/fill, ending at the constant', () => {
    const p = parseKernel(`
  r1 = 7
  r2 = 3
  r1 += r2
  *(u64 *)(r10 -8) = r1
  r3 = 1
  r0 = *(u64 *)(r10 -8)
  r0 *= 2
  exit
`);
    const r = precisionFromRun(p, { insn: 7, regs: [0] });
    expect(r.log).toEqual([
      'mark_precise: frame0: last_idx 7 first_idx 0 subseq_idx -1 ',
      'mark_precise: frame0: regs=r0 stack= before 6: (27) r0 *= 2',
      'mark_precise: frame0: regs=r0 stack= before 5: (79) r0 = *(u64 *)(r10 -8)',
      'mark_precise: frame0: regs= stack=-8 before 4: (b7) r3 = 1',
      'mark_precise: frame0: regs= stack=-8 before 3: (7b) *(u64 *)(r10 -8) = r1',
      'mark_precise: frame0: regs=r1 stack= before 2: (0f) r1 += r2',
      'mark_precise: frame0: regs=r1,r2 stack= before 1: (b7) r2 = 3',
      'mark_precise: frame0: regs=r1 stack= before 0: (b7) r1 = 7',
    ]);
    expect(r.fallback).toBe(false);
    expect(at(r, 4).stack).toBe(1n);
  });

  test('ld_imm64 ends the chain; r10 is never requested', () => {
    const p = parseKernel(`
  r1 = 0x100000000 ll
  r2 = r10
  r2 += r1
  r0 = 0
  exit
`);
    const r = precisionFromRun(p, { insn: 3, regs: [1] });
    expect(r.log).toEqual([
      'mark_precise: frame0: last_idx 3 first_idx 0 subseq_idx -1 ',
      'mark_precise: frame0: regs=r1 stack= before 2: (bf) r2 = r10',
      'mark_precise: frame0: regs=r1 stack= before 0: (18) r1 = 0x100000000',
    ]);
  });
});

describe('branches', () => {
  test('a taken conditional jump on two registers requests both', () => {
    const p = parseKernel(`
  r1 = 4
  r2 = 9
  r3 = 1
  if r1 > r2 goto skip
  r3 = r1
skip:
  if r3 != 0x0 goto out
  r3 = 2
out:
  r0 = r3
  exit
`);
    // r1 > r2 is false: the path is 0 1 2 3 4 5 (taken) 7 8.
    const r = precisionFromRun(p, { insn: 8, regs: [0] });
    expect(r.log).toEqual([
      'mark_precise: frame0: last_idx 8 first_idx 0 subseq_idx -1 ',
      'mark_precise: frame0: regs=r0 stack= before 7: (bf) r0 = r3',
      'mark_precise: frame0: regs=r3 stack= before 5: (55) if r3 != 0x0 goto pc+1',
      'mark_precise: frame0: regs=r3 stack= before 4: (bf) r3 = r1',
      'mark_precise: frame0: regs=r1 stack= before 3: (2d) if r1 > r2 goto pc+1',
      'mark_precise: frame0: regs=r1,r2 stack= before 2: (b7) r3 = 1',
      'mark_precise: frame0: regs=r1,r2 stack= before 1: (b7) r2 = 9',
      'mark_precise: frame0: regs=r1 stack= before 0: (b7) r1 = 4',
    ]);
  });

  test('a loop: the last visit of an instruction is the default, another visit can be chosen', () => {
    const p = parseKernel(`
  r1 = 3
  r0 = 0
loop:
  r0 += r1
  r1 += -1
  if r1 != 0x0 goto loop
  exit
`);
    const last = precisionFromRun(p, { insn: 2, regs: [0] });
    const first = precisionFromRun(p, { insn: 2, visit: 0, regs: [0] });
    expect(first.log).toEqual([
      'mark_precise: frame0: last_idx 2 first_idx 0 subseq_idx -1 ',
      'mark_precise: frame0: regs=r0 stack= before 1: (b7) r0 = 0',
    ]);
    expect(last.log.length).toBeGreaterThan(first.log.length);
    expect(last.log[1]).toBe('mark_precise: frame0: regs=r0 stack= before 4: (55) if r1 != 0x0 goto pc-3');
  });
});

describe('subprograms', () => {
  test('R0 precision flows into the callee through exit; R1..R5 back to the caller', () => {
    const p = parseKernel(`
  r6 = 5
  r1 = r6
  call double
  r2 = r10
  r2 += r0
  r0 = 0
  exit
.func double, args=1
  r0 = r1
  r0 += r1
  exit
`);
    const r = precisionFromRun(p, { insn: 4, regs: [0] });
    expect(r.log).toEqual([
      'mark_precise: frame0: last_idx 4 first_idx 0 subseq_idx -1 ',
      'mark_precise: frame0: regs=r0 stack= before 3: (bf) r2 = r10',
      'mark_precise: frame0: regs=r0 stack= before 9: (95) exit',
      'mark_precise: frame1: regs=r0 stack= before 8: (0f) r0 += r1',
      'mark_precise: frame1: regs=r0,r1 stack= before 7: (bf) r0 = r1',
      'mark_precise: frame1: regs=r1 stack= before 2: (85) call pc+4',
      'mark_precise: frame0: regs=r1 stack= before 1: (bf) r1 = r6',
      'mark_precise: frame0: regs=r6 stack= before 0: (b7) r6 = 5',
    ]);
  });

  test('callback: bpf_loop, precision of R0 inside the callback stops at the helper', () => {
    const loop: ExternFn = (c, n = 0n, fn = 0n) => {
      for (let i = 0n; i < n; i++) c.call(fn, i);
      return n;
    };
    const p = parseKernel(`
  r1 = 2
  r2 = cb ll
  r3 = 0
  r4 = 0
  call bpf_loop
  r0 = 0
  exit
.func cb, args=2
  r0 = r1
  r2 = r10
  r2 += r0
  r0 = 0
  exit
`);
    // The second iteration (the last visit of insn 10): its entry follows a visit of the call site.
    const r = precisionFromRun(p, { insn: 10, regs: [0] }, { helpers: { 181: loop } });
    expect(r.log).toEqual([
      'mark_precise: frame1: last_idx 10 first_idx 0 subseq_idx -1 ',
      'mark_precise: frame1: regs=r0 stack= before 9: (bf) r2 = r10',
      'mark_precise: frame1: regs=r0 stack= before 8: (bf) r0 = r1',
      'mark_precise: frame1: regs=r1 stack= before 5: (85) call bpf_loop#181',
    ]);
    expect([...r.frame]).toEqual([1, 1, 1, 0]);
    expect(r.fallback).toBe(false);
  });
});

describe('stack arguments (patch 02)', () => {
  const MUST_SHOW = `
.func main
  r6 = 40
  r6 += 2
  r7 = 5
  *(u64 *)(r11 -16) = r6
  *(u64 *)(r11 -8) = r7
  r1 = 1
  r2 = 2
  r3 = 3
  r4 = 4
  r5 = 5
  call f7
  exit
.func f7, args=7
  r0 = *(u64 *)(r11 +16)
  r0 &= 7
  r1 = r10
  r1 += r0
  r0 = 0
  exit
`;

  test('Must-show: argument 7 is precise back to the store to r11-16 and to the insn that produced it', () => {
    const p = parseKernel(MUST_SHOW);
    const r = precisionFromRun(p, { insn: 15, regs: [0] });
    expect(r.log).toEqual([
      'mark_precise: frame1: last_idx 15 first_idx 0 subseq_idx -1 ',
      'mark_precise: frame1: regs=r0 stack= before 14: (bf) r1 = r10',
      'mark_precise: frame1: regs=r0 stack= before 13: (57) r0 &= 7',
      'mark_precise: frame1: regs=r0 stack= before 12: (79) r0 = *(u64 *)(r11 +16)',
      'mark_precise: frame1: regs= stack= before 10: (85) call pc+1',
      'mark_precise: frame0: regs= stack= before 9: (b7) r5 = 5',
      'mark_precise: frame0: regs= stack= before 8: (b7) r4 = 4',
      'mark_precise: frame0: regs= stack= before 7: (b7) r3 = 3',
      'mark_precise: frame0: regs= stack= before 6: (b7) r2 = 2',
      'mark_precise: frame0: regs= stack= before 5: (b7) r1 = 1',
      'mark_precise: frame0: regs= stack= before 4: (7b) *(u64 *)(r11 -8) = r7',
      'mark_precise: frame0: regs= stack= before 3: (7b) *(u64 *)(r11 -16) = r6',
      'mark_precise: frame0: regs=r6 stack= before 2: (b7) r7 = 5',
      'mark_precise: frame0: regs=r6 stack= before 1: (07) r6 += 2',
      'mark_precise: frame0: regs=r6 stack= before 0: (b7) r6 = 40',
    ]);
    // The r11 load hands the requirement to the caller's outgoing slot 1 (arg7) …
    expect(at(r, 12, 0)).toEqual({ regs: 0, stack: 0n, stackArgs: 0b10 });
    expect(at(r, 12, 1).regs).toBe(0);
    // … which stays requested until the store to r11-16 turns it into r6 …
    expect(at(r, 4, 0).stackArgs).toBe(0b10);
    expect(at(r, 3, 0)).toEqual({ regs: 1 << 6, stack: 0n, stackArgs: 0 });
    // … and r6 is produced by insns 1 and 0; arg6 (r7) never becomes precise.
    expect(at(r, 1, 0).regs).toBe(1 << 6);
    expect(at(r, 0, 0).regs).toBe(0);
    expect(r.fallback).toBe(false);
  });

  test('a stack argument stored as an immediate ends the chain at the store', () => {
    const p = parseKernel(MUST_SHOW.replace('*(u64 *)(r11 -16) = r6', '*(u64 *)(r11 -16) = 42'));
    const r = precisionFromRun(p, { insn: 15, regs: [0] });
    expect(r.log[r.log.length - 1]).toBe('mark_precise: frame0: regs= stack= before 3: (7a) *(u64 *)(r11 -16) = 42');
  });

  test('mark_stack_arg_precision(): an outgoing slot made precise at the call', () => {
    const p = parseKernel(MUST_SHOW);
    const r = precisionFromRun(p, { insn: 10, stackArgs: [7] });
    expect(r.log).toEqual([
      'mark_precise: frame0: last_idx 10 first_idx 0 subseq_idx -1 ',
      'mark_precise: frame0: regs= stack= before 9: (b7) r5 = 5',
      'mark_precise: frame0: regs= stack= before 8: (b7) r4 = 4',
      'mark_precise: frame0: regs= stack= before 7: (b7) r3 = 3',
      'mark_precise: frame0: regs= stack= before 6: (b7) r2 = 2',
      'mark_precise: frame0: regs= stack= before 5: (b7) r1 = 1',
      'mark_precise: frame0: regs= stack= before 4: (7b) *(u64 *)(r11 -8) = r7',
      'mark_precise: frame0: regs= stack= before 3: (7b) *(u64 *)(r11 -16) = r6',
      'mark_precise: frame0: regs=r6 stack= before 2: (b7) r7 = 5',
      'mark_precise: frame0: regs=r6 stack= before 1: (07) r6 += 2',
      'mark_precise: frame0: regs=r6 stack= before 0: (b7) r6 = 40',
    ]);
  });

  test('call-boundary invariant: a callee-frame stack-arg request reaching the call is a verifier bug', () => {
    const p = parseKernel(MUST_SHOW);
    // A callee asking for its own (never written) outgoing slot 0 at its first instruction.
    expect(() => precisionFromRun(p, { insn: 12, visit: 0, stackArgs: [6] })).toThrow(
      expect.objectContaining({ code: 'BACKTRACK_BUG', message: 'static subprog leftover stack arg slots 1', insn: 10, errno: 'EFAULT' }),
    );
  });

  test('user-supplied history (kernel shape) gives the same walk as the trace', () => {
    const p = parseKernel(MUST_SHOW);
    const r = precisionFromHistory(p, {
      firstIdx: 0, lastIdx: 15, frame: 1,
      entries: [
        { idx: 3, prevIdx: 2, flags: INSN_F_STACK_ARG_ACCESS, spi: 1, frame: 0 },
        { idx: 4, prevIdx: 3, flags: INSN_F_STACK_ARG_ACCESS, spi: 0, frame: 0 },
        { idx: 12, prevIdx: 10, flags: INSN_F_STACK_ARG_ACCESS, spi: 1, frame: 0 },
      ],
    }, { regs: [0] });
    expect(r.log).toEqual(precisionFromRun(p, { insn: 15, regs: [0] }).log);
  });
});

describe('fallback and the pass', () => {
  test('a requested register used as a store base is -ENOTSUPP: fall back to all scalars precise', () => {
    const p = parseKernel(`
  r1 = r10
  r1 += -8
  r2 = 0
  *(u64 *)(r1 +0) = r2
  r0 = r1
  exit
`);
    const r = precisionFromRun(p, { insn: 5, regs: [0] });
    expect(r.log.slice(-2)).toEqual([
      'mark_precise: frame0: regs=r1 stack= before 3: (7b) *(u64 *)(r1 +0) = r2',
      'mark_precise: frame0: falling back to forcing all scalars precise',
    ]);
    expect(r.fallback).toBe(true);
  });

  test('R1..R5 still requested at the entry are the program inputs', () => {
    const p = parseKernel(`
  r0 = r2
  exit
`);
    const r = precisionFromRun(p, { insn: 1, regs: [0] });
    expect(r.entryRegs).toBe(1 << 2);
    expect(r.fallback).toBe(false);
  });

  test('the precision pass reads its request from options', () => {
    const p = parseKernel(`
  r1 = 7
  r0 = r1
  exit
`);
    const r = runStandalone(precision, p, { 'precise-insn': 2, 'precise-reg': 0 });
    expect(precision.print!(r, p)).toBe(
      'mark_precise: frame0: last_idx 2 first_idx 0 subseq_idx -1 \n' +
        'mark_precise: frame0: regs=r0 stack= before 1: (bf) r0 = r1\n' +
        'mark_precise: frame0: regs=r1 stack= before 0: (b7) r1 = 7\n',
    );
  });
});
