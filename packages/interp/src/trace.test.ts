// The trace: kernel jump-history shape (entries only for non-sequential arrivals and for
// instructions with stack / stack-argument / stack-pointer facts), a hand-derived history for
// a program with a loop, spills, a 6-argument call and a return; the kernel's backward walk
// (get_prev_insn_idx) and expandPath() both reproduce the executed path; traced runs agree
// with untraced ones on the whole conformance suite.
import { describe, expect, test } from '@jest/globals';
import { BPF_ADD, BPF_B, BPF_DW, BPF_JNE, build as b, type Insn, type Program } from '@bpfkit/ir';
import { decode, hexToBytes } from '@bpfkit/decoder';
import { CONFORMANCE_HELPERS } from './conformance-helpers.js';
import { Interpreter } from './interpreter.js';
import type { ExternFn } from './options.js';
import { loadConformance } from './test-support/conformance-data.js';
import { prog } from './test-support/programs.js';
import {
  INSN_F_ARRIVAL as ARR, INSN_F_DST_REG_STACK as DST, INSN_F_STACK_ACCESS as STK, INSN_F_STACK_ARG_ACCESS as ARG, expandPath,
  type Trace, type TraceEntry,
} from './trace.js';

const P: Insn[] = [
  b.mov64Imm(1, 3), //                         0
  b.stxMem(BPF_DW, 10, 1, -16), //             1  spill to fp-16 (spi 1)
  b.ldxMem(BPF_DW, 2, 10, -16), //             2  fill from fp-16
  b.alu64Imm(BPF_ADD, 2, -1), //               3
  b.jmpImm(BPF_JNE, 2, 0, -2), //              4  loop back to 3
  b.stackArgStore(6, 1), //                    5  *(u64 *)(r11 - 8) = r1
  b.callPseudo(2), //                          6  call 9
  b.alu64Reg(BPF_ADD, 0, 2), //                7
  b.exit(), //                                 8
  b.stackArgLoad(3, 6), //                     9  r3 = *(u64 *)(r11 + 8)
  b.mov64Reg(4, 10), //                        10
  b.alu64Imm(BPF_ADD, 4, -8), //               11
  b.jmpImm(BPF_JNE, 4, 0, 0), //               12 on a stack pointer; taken to 13
  b.mov64Reg(0, 3), //                         13
  b.exit(), //                                 14
];
const PATH = [0, 1, 2, 3, 4, 3, 4, 3, 4, 5, 6, 9, 10, 11, 12, 13, 14, 7, 8];
const FRAMES = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0];

const entries = (t: Trace): TraceEntry[] => Array.from({ length: t.length }, (_, i) => t.entry(i));
const e = (idx: number, prevIdx: number, flags: number, spi: number, slotFrame: number, frame: number): TraceEntry => ({ idx, prevIdx, flags, spi, slotFrame, frame });

/**
 * The kernel's backtracking walk: get_prev_insn_idx() over the history, from the last
 * instruction. Like the kernel it steps onto the second slot of an ld_imm64 (backtrack_insn()
 * ignores code 0); those pseudo-steps are dropped here so the result is the executed path.
 */
function walkBack(t: Trace, program: Program): number[] {
  const hist = entries(t);
  const out = [t.lastIdx];
  let i = t.lastIdx;
  while (out.length < t.steps) {
    const top = hist[hist.length - 1];
    if (top !== undefined && top.idx === i) {
      i = top.prevIdx;
      hist.pop();
    } else {
      i -= 1;
      if (program.isSecondHalf(i)) i -= 1;
    }
    out.push(i);
  }
  return out;
}

describe('trace in the shape of the kernel jump history', () => {
  const program = prog(P, [{ start: 9, argCount: 6 }]);

  test('hand-derived history', () => {
    const res = new Interpreter(program).run({ trace: true });
    expect(res.r0).toBe(3n);
    expect(res.steps).toBe(PATH.length);
    const t = res.trace!;
    expect([t.firstIdx, t.lastIdx, t.steps]).toEqual([0, 8, 19]);
    expect(entries(t)).toEqual([
      e(1, 0, STK, 1, 0, 0),
      e(2, 1, STK, 1, 0, 0),
      e(3, 4, ARR, -1, -1, 0),
      e(3, 4, ARR, -1, -1, 0),
      e(5, 4, ARG, 0, 0, 0), // outgoing store: slot 0 of the caller's own area
      e(9, 6, ARR | ARG, 0, 0, 1), // call arrival, merged with the incoming load of the caller's slot 0
      e(12, 11, DST, -1, -1, 1),
      e(13, 12, ARR, -1, -1, 1),
      e(7, 14, ARR, -1, -1, 0), // return
    ]);
  });

  test('expandPath and the kernel backward walk reproduce the path', () => {
    const t = new Interpreter(program).run({ trace: true }).trace!;
    const path = expandPath(t, program);
    expect([...path.idx]).toEqual(PATH);
    expect([...path.frame]).toEqual(FRAMES);
    expect(walkBack(t, program)).toEqual([...PATH].reverse());
  });

  test('spills into a caller frame through a pointer name that frame', () => {
    // main passes fp-24; the callee stores through it: slot spi 2 of frame 0, executed in frame 1.
    const q = prog([b.mov64Reg(1, 10), b.alu64Imm(BPF_ADD, 1, -24), b.callPseudo(1), b.exit(), b.stMem(BPF_B, 1, 3, 7), b.exit()]);
    const t = new Interpreter(q).run({ trace: true }).trace!;
    expect(entries(t)).toEqual([e(4, 2, ARR | STK, 2, 0, 1), e(3, 5, ARR, -1, -1, 0)]);
  });

  test('a run that faults keeps its trace, ending at the faulting instruction', () => {
    const it = new Interpreter(prog([b.mov64Imm(1, 2), b.alu64Imm(BPF_ADD, 1, -1), b.jmpImm(BPF_JNE, 1, 0, -2), b.ldxMem(BPF_B, 0, 1, 0), b.exit()]));
    expect(() => it.run({ trace: true })).toThrow(expect.objectContaining({ code: 'MEM_OOB', insn: 3 }));
    const t = it.lastTrace!;
    expect([t.lastIdx, t.steps]).toEqual([3, 6]);
    expect([...expandPath(t, it.program).idx]).toEqual([0, 1, 2, 1, 2, 3]);
  });

  test('running off the end: FELL_OFF, and the trace ends at the last executed instruction', () => {
    const it = new Interpreter(prog([b.mov64Imm(0, 1), b.ja(1), b.exit(), ...b.ldImm64(1, 5n)]));
    expect(() => it.run({ trace: true })).toThrow(expect.objectContaining({ code: 'FELL_OFF', insn: 5 }));
    const t = it.lastTrace!;
    expect([t.lastIdx, t.steps]).toEqual([3, 3]);
    expect([...expandPath(t, it.program).idx]).toEqual([0, 1, 3]);
  });

  test('the trace has a size limit', () => {
    const it = new Interpreter(prog([b.mov64Imm(1, 100), b.alu64Imm(BPF_ADD, 1, -1), b.jmpImm(BPF_JNE, 1, 0, -2), b.exit()]));
    expect(it.run({ trace: true, traceLimit: 99 }).trace!.length).toBe(99);
    expect(() => it.run({ trace: true, traceLimit: 98 })).toThrow(expect.objectContaining({ code: 'TRACE_LIMIT', insn: 1 }));
    expect(() => it.run({ trace: true, traceLimit: 5 })).toThrow(expect.objectContaining({ code: 'TRACE_LIMIT', insn: 1 }));
  });

  test('tracing off records nothing and costs no result difference', () => {
    const it = new Interpreter(program);
    const plain = it.run();
    expect(plain.trace).toBeUndefined();
    expect(it.lastTrace).toBeUndefined();
    expect(it.run({ trace: true })).toMatchObject({ r0: plain.r0, steps: plain.steps });
  });

  test('callbacks: arrivals into and out of the callback replay exactly', () => {
    const loop: ExternFn = (c, n = 0n, fn = 0n) => {
      for (let i = 0n; i < n; i++) c.call(fn, i);
      return n;
    };
    // main: r1 = 3; r2 = &cb; call 181; r0 += 100; exit.  cb: r0 = r1; exit.
    const q = prog([b.mov64Imm(1, 3), ...b.ldImm64(2, 4n, 4), b.callHelper(181), b.alu64Imm(BPF_ADD, 0, 100), b.exit(), b.mov64Reg(0, 1), b.exit()]);
    const res = new Interpreter(q, { helpers: { 181: loop } }).run({ trace: true });
    expect(res.r0).toBe(103n);
    const path = expandPath(res.trace!, q);
    expect([...path.idx]).toEqual([0, 1, 3, 6, 7, 6, 7, 6, 7, 4, 5]);
    expect([...path.frame]).toEqual([0, 0, 0, 1, 1, 1, 1, 1, 1, 0, 0]);
  });
});

describe('traced runs agree with untraced ones (conformance suite)', () => {
  const cases = loadConformance(import.meta.dirname);
  test('r0, steps, and a replayable path for all 313 programs', () => {
    const bad: string[] = [];
    for (const c of cases) {
      const p = decode(hexToBytes(c.program));
      const it = new Interpreter(p, { helpers: CONFORMANCE_HELPERS });
      const mem = hexToBytes(c.mem);
      const plain = it.run({ mem: mem.slice() });
      const traced = it.run({ mem: mem.slice(), trace: true });
      const path = expandPath(traced.trace!, p);
      const back = walkBack(traced.trace!, p);
      if (traced.r0 !== plain.r0 || traced.steps !== plain.steps || path.idx.length !== plain.steps || path.idx[0] !== 0 ||
        path.idx[path.idx.length - 1] !== traced.trace!.lastIdx || back.join() !== [...path.idx].reverse().join())
        bad.push(c.name);
    }
    expect(bad).toEqual([]);
  });
});
