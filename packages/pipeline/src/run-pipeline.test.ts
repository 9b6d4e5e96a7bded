import { describe, expect, test } from '@jest/globals';
import { BpfError, Program, build, defineAnalysis, defineCodegen, defineTransform, type JitResult } from '@bpfkit/ir';
import { PassRegistry, debugPassManager, printAfterAll, runPipeline, standardInstrumentation } from './index.js';

const prog = (): Program => Program.fromInsns([build.mov64Imm(0, 1), build.exit()]);

function setup() {
  const runs: string[] = [];
  const length = defineAnalysis({
    name: 'length',
    run: (ctx) => (runs.push('length'), ctx.program.length),
    print: (n) => `length: ${n}`,
  });
  const twice = defineAnalysis({
    name: 'twice',
    run: (ctx) => (runs.push('twice'), 2 * ctx.get(length)),
    print: (n, p) => `twice: ${n} (of ${p.length})\n`,
  });
  const other = defineAnalysis({ name: 'other', run: () => (runs.push('other'), 0) });
  /** Prepends `r1 = 0`; keeps `other` (which does not look at instructions). */
  const grow = defineTransform({
    name: 'grow',
    run: (ctx) => (runs.push('grow'), { program: Program.fromInsns([build.mov64Imm(1, 0), ...ctx.program.insns()]), preserved: [other] }),
  });
  const noop = defineTransform({ name: 'noop', run: (ctx) => (runs.push('noop'), { program: ctx.program, preserved: 'all' }) });
  const jit = defineCodegen({
    name: 'jit',
    run: (ctx): JitResult => {
      runs.push('jit');
      return { arch: 'toy', code: new Uint8Array(ctx.get(twice)), insnOffsets: new Int32Array(ctx.program.length + 1), funcs: [], relocations: [] };
    },
    print: (r) => `${r.arch}: ${r.code.length} bytes`,
  });
  const registry = new PassRegistry([length, twice, other, grow, noop, jit]);
  return { runs, registry, length, twice, other, grow, noop, jit };
}

describe('runPipeline', () => {
  test('text pipeline: outputs in order, results by pass, final program', () => {
    const { runs, registry, twice, jit, length } = setup();
    const r = runPipeline('print<twice>,grow,print<length>,print<jit>,print', prog(), { registry });
    expect(r.outputs).toEqual([
      { pass: 'twice', text: 'twice: 4 (of 2)\n' },
      { pass: 'length', text: 'length: 3\n' },
      { pass: 'jit', text: 'toy: 6 bytes\n' },
      { pass: 'print', text: '0: (b7) r1 = 0\n1: (b7) r0 = 1\n2: (95) exit\n' },
    ]);
    expect(r.program.length).toBe(3);
    // Results are those of the pipeline's own steps: print<twice> ran before grow.
    expect(r.results.get(twice)).toBe(4);
    expect(r.results.get(length)).toBe(3);
    expect(r.results.get(jit)?.code.length).toBe(6);
    expect(runs).toEqual(['twice', 'length', 'grow', 'length', 'jit', 'twice']);
  });

  test('a Pass[] pipeline runs the passes without output', () => {
    const { registry, grow, twice } = setup();
    const r = runPipeline([grow, grow, twice], prog(), { registry });
    expect(r.outputs).toEqual([]);
    expect(r.program.length).toBe(4);
    expect(r.results.get(twice)).toBe(8);
  });

  test('analyses survive a transform that preserves them and the cache is reachable afterwards', () => {
    const { runs, registry, other } = setup();
    const r = runPipeline('other,grow,other,noop,other', prog(), { registry });
    expect(runs).toEqual(['other', 'grow', 'noop']);
    expect(r.passManager.analyses.isCached(other, r.program)).toBe(true);
  });

  test('nothing runs when the pipeline text has an error', () => {
    const { runs, registry } = setup();
    expect(() => runPipeline('grow,grwo', prog(), { registry })).toThrow("unknown pass 'grwo'; did you mean 'grow'?");
    expect(() => runPipeline('grow,print<grow>', prog(), { registry })).toThrow(BpfError);
    expect(runs).toEqual([]);
  });

  test('without a registry, text resolves against defaultRegistry()', () => {
    expect(runPipeline('print', prog()).outputs).toEqual([{ pass: 'print', text: '0: (b7) r0 = 1\n1: (95) exit\n' }]);
    expect(runPipeline('print<liveness>', prog()).outputs[0]!.text).toContain('Live regs before insn:');
    expect(() => runPipeline('livenes', prog())).toThrow("unknown pass 'livenes'; did you mean 'liveness'?");
  });

  test('options and log reach the passes', () => {
    const lines: string[] = [];
    const opt = defineAnalysis({
      name: 'opt',
      run: (ctx) => (ctx.log('computing'), ctx.options['k']),
      print: (v) => `k=${String(v)}`,
    });
    const r = runPipeline('print<opt>', prog(), { registry: new PassRegistry([opt]), options: { k: 7 }, log: (l) => lines.push(l) });
    expect(r.outputs[0]!.text).toBe('k=7\n');
    expect(lines).toEqual(['computing']);
  });

  test('errors from passes propagate unchanged', () => {
    const boom = defineTransform({ name: 'boom', run: () => { throw new BpfError('REWRITE', 'no room', { insn: 1, pass: 'boom' }); } });
    expect(() => runPipeline('boom', prog(), { registry: new PassRegistry([boom]) })).toThrow(
      expect.objectContaining({ code: 'REWRITE', insn: 1, message: 'no room' }) as unknown as Error,
    );
  });
});

describe('instrumentation', () => {
  test('--debug-pass-manager lines', () => {
    const { registry } = setup();
    const lines: string[] = [];
    runPipeline('print<twice>,other,grow,print<twice>,other,noop,print<jit>', prog(), {
      registry,
      instrumentation: debugPassManager((l) => lines.push(l)),
    });
    expect(lines).toEqual([
      'Running analysis: twice',
      'Running analysis: length',
      'Running analysis: other',
      'Running pass: grow',
      'Invalidating analysis: length',
      'Invalidating analysis: twice',
      'Running analysis: twice',
      'Running analysis: length',
      'Skipping analysis: other (cached)',
      'Running pass: noop',
      'Running pass: jit',
      'Skipping analysis: twice (cached)',
    ]);
  });

  test('--print-after-all dumps the program after every transform (not after analyses or codegen)', () => {
    const { registry } = setup();
    const lines: string[] = [];
    runPipeline('grow,length,noop,jit', prog(), { registry, instrumentation: [printAfterAll((l) => lines.push(l))] });
    expect(lines).toEqual([
      '*** IR Dump After grow ***',
      '0: (b7) r1 = 0',
      '1: (b7) r0 = 1',
      '2: (95) exit',
      '*** IR Dump After noop ***',
      '0: (b7) r1 = 0',
      '1: (b7) r0 = 1',
      '2: (95) exit',
    ]);
  });

  test('standardInstrumentation combines both flags into one sink, in order', () => {
    const { registry } = setup();
    const lines: string[] = [];
    const instrumentation = standardInstrumentation({ debugPassManager: true, printAfterAll: true }, (l) => lines.push(l));
    runPipeline('grow', prog(), { registry, instrumentation });
    expect(lines).toEqual(['Running pass: grow', '*** IR Dump After grow ***', '0: (b7) r1 = 0', '1: (b7) r0 = 1', '2: (95) exit']);
    expect(standardInstrumentation({}, () => {})).toEqual([]);
  });

  test('every callback sees the pass, the program and the result', () => {
    const { registry } = setup();
    const events: string[] = [];
    runPipeline('length,grow', prog(), {
      registry,
      instrumentation: {
        beforeAnalysis: (a, p) => events.push(`before ${a.name} ${p.length}`),
        afterAnalysis: (a, p, r) => events.push(`after ${a.name} ${p.length} -> ${String(r)}`),
        beforePass: (x, p) => events.push(`before ${x.name} ${p.length}`),
        afterPass: (x, p, r) => events.push(`after ${x.name} ${p.length} ${(r as { preserved: unknown[] }).preserved.length}`),
        analysisInvalidated: (a, p) => events.push(`invalidated ${a.name} ${p.length}`),
      },
    });
    expect(events).toEqual(['before length 2', 'after length 2 -> 2', 'before grow 2', 'invalidated length 2', 'after grow 3 1']);
  });
});
