import { describe, expect, test } from '@jest/globals';
import { Analyzer, argRanges } from './analysis.js';
import { EXAMPLES, exampleById, generateProgram } from './examples.js';
import { DEFAULT_OPTIONS, type AnalyzeRequest } from './protocol.js';

const request = (text: string, extra: Partial<AnalyzeRequest> = {}): AnalyzeRequest => ({
  seq: 1, text, format: 'auto', mem: '', options: DEFAULT_OPTIONS, precision: { insn: null, reg: 0 }, showPrecision: true, tabs: { program: 'live', side: 'precision' }, ...extra,
});

describe('analysis (what the worker computes)', () => {
  test('twelve-args: every pane has a value, r0 = 650', () => {
    const r = new Analyzer().analyze(request(exampleById('twelve-args')!.text));
    expect(r.sourceError).toBeUndefined();
    expect(r.format).toBe('kernel');
    expect(r.program!.funcs.map((f) => f.name)).toEqual(['main', 'weighted_sum']);
    expect(r.run!.ok && r.run!.value.r0).toBe('0x28a');
    expect(r.verifier!.ok && r.verifier!.value.ok).toBe(true);
    expect(r.x86!.ok && r.x86!.value.totalBytes).toBeGreaterThan(0);
    expect(r.arm64!.ok && r.arm64!.value.rows.some((row) => row.k === 'mc' && row.insn === 16)).toBe(true);
    expect(r.liveness!.ok && r.liveness!.value.liveRegsBefore[16]! & 0x3ff).toBe(0b111110); // r1..r5 live at the call
    expect(r.cfg!.ok && r.cfg!.value.blocks.length).toBeGreaterThan(1);
    expect(r.precision!.ok && r.precision!.value.steps.length).toBeGreaterThan(5);
    // Every slot maps to its source line.
    expect(r.program!.lineOf).not.toBeNull();
    expect(r.program!.lineOf![0]).toBe(7);
  });

  test('frame pointer through a stack argument: arg tracking and use/def at the call', () => {
    const r = new Analyzer().analyze(request(exampleById('fp-stack-arg')!.text));
    const lv = r.liveness!.ok ? r.liveness!.value : undefined;
    expect(lv!.argTrack[9]).toContain('sa0=fp0-8');
    expect(lv!.argTrack[13]).toContain('r1=fp0-8');
    const main = lv!.instances.find((i) => i.subprog === 0)!;
    expect(main.rows.find((row) => row[0] === 9)![1]).toBe('fp0-8');
    expect(r.run!.ok && r.run!.value.r0Dec).toBe('42');
  });

  test('const-fold prunes both jumps', () => {
    const r = new Analyzer().analyze(request(exampleById('const-fold')!.text));
    const cf = r.constFold!.ok ? r.constFold!.value : undefined;
    expect(cf!.pruned.map((c) => c.after)).toEqual(['(05) goto pc+1', '(05) goto pc+0']);
    expect(cf!.after[1]).toContain('R1=5 R2=12');
  });

  test('verifier rejection carries the kernel message and the instruction', () => {
    const r = new Analyzer().analyze(request(exampleById('verifier-reject')!.text));
    const v = r.verifier!.ok ? r.verifier!.value : undefined;
    expect(v!.ok).toBe(false);
    expect(v!.error!.message).toMatch(/stack arg/);
    expect(r.program!.lineOf![v!.error!.insn]).toBeGreaterThan(0);
  });

  test('parse errors carry the line', () => {
    const r = new Analyzer().analyze(request('r0 = 1\nr0 +== 2\nexit\n'));
    expect(r.sourceError!.line).toBe(2);
  });

  test('hex decode errors point at the line of the instruction', () => {
    const r = new Analyzer().analyze(request('b7 00 00 00 01 00 00 00\nff 00 00 00 00 00 00 00\n95 00 00 00 00 00 00 00\n'));
    expect(r.format).toBe('hex');
    expect(r.sourceError!.line).toBe(2);
  });

  test('every example analyses without a source error', () => {
    for (const e of EXAMPLES) {
      const r = new Analyzer().analyze(request(e.text, { format: e.format, mem: e.mem ?? '' }));
      expect([e.id, r.sourceError]).toEqual([e.id, undefined]);
      expect([e.id, r.program!.lineOf === null]).toEqual([e.id, false]);
    }
  });

  test('a precision-only change reuses the analysis', () => {
    const a = new Analyzer();
    const text = exampleById('twelve-args')!.text;
    a.analyze(request(text));
    const r = a.analyze(request(text, { seq: 2, precision: { insn: 16, reg: 1 } }));
    expect(r.seq).toBe(2);
    expect(Object.keys(r.timings)).toEqual(['precision']);
    expect(r.precision!.ok && r.precision!.value.insn).toBe(16);
  });

  test('the generated program has about 1,000 instructions and is accepted', () => {
    const r = new Analyzer().analyze(request(generateProgram(1000)));
    expect(r.program!.length).toBeGreaterThanOrEqual(950);
    expect(r.program!.length).toBeLessThanOrEqual(1100);
    expect(r.verifier!.ok && r.verifier!.value.ok).toBe(true);
    expect(r.run!.ok).toBe(true);
  });

  test('precision through the stack-argument slots of the 12-argument call', () => {
    const r = new Analyzer().analyze(request(exampleById('twelve-args')!.text));
    const steps = r.precision!.ok ? r.precision!.value.steps : [];
    // In weighted_sum (frame 1) the requirement sits on main's outgoing slots; back in main it is main's own.
    expect(steps.find((s) => s.insn === 16)!.stack).toBe('f0:arg6..12');
    expect(steps.find((s) => s.insn === 14)!.stack).toBe('arg6..12');
    expect(argRanges(0b1011001)).toBe('6,9..10,12');
  });

});
