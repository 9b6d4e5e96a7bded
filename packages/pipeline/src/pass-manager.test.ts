import { describe, expect, test } from '@jest/globals';
import {
  BpfError, Program, build, defineAnalysis, defineCodegen, defineTransform, type AnalysisPass, type PreservedAnalyses,
} from '@bpfkit/ir';
import { AnalysisManager, PassManager, debugPassManager } from './index.js';

const prog = (): Program => Program.fromInsns([build.mov64Imm(0, 1), build.exit()]);

/** Small analyses that count how often they run. `deps` are fetched through ctx.get. */
function makeAnalyses() {
  const runs: string[] = [];
  const mk = (name: string, deps: () => AnalysisPass<number>[] = () => []): AnalysisPass<number> =>
    defineAnalysis({
      name,
      run: (ctx) => {
        runs.push(name);
        return deps().reduce((sum, d) => sum + ctx.get(d), ctx.program.length);
      },
    });
  const a = mk('a');
  const b = mk('b', () => [a]);
  const c = mk('c', () => [b]);
  const d = mk('d');
  return { runs, a, b, c, d };
}

const keepProgram = (name: string, preserved: PreservedAnalyses) =>
  defineTransform({ name, run: (ctx) => ({ program: ctx.program, preserved }) });
const newProgram = (name: string, preserved: PreservedAnalyses) =>
  defineTransform({ name, run: (ctx) => ({ program: Program.fromInsns([...ctx.program.insns()]), preserved }) });

describe('analysis caching', () => {
  test('a second get() does not rerun the analysis', () => {
    const { runs, a } = makeAnalyses();
    const am = new AnalysisManager();
    const p = prog();
    expect(am.getResult(a, p)).toBe(2);
    expect(am.getResult(a, p)).toBe(2);
    expect(runs).toEqual(['a']);
    expect(am.isCached(a, p)).toBe(true);
  });

  test('results are per program', () => {
    const { runs, a } = makeAnalyses();
    const am = new AnalysisManager();
    am.getResult(a, prog());
    am.getResult(a, prog());
    expect(runs).toEqual(['a', 'a']);
  });

  test('an analysis reached through ctx.get is cached too, and dependencies are recorded', () => {
    const { runs, a, b, c } = makeAnalyses();
    const am = new AnalysisManager();
    const p = prog();
    expect(am.getResult(c, p)).toBe(6);
    expect(runs).toEqual(['c', 'b', 'a']);
    expect(am.getResult(b, p)).toBe(4);
    expect(am.getResult(a, p)).toBe(2);
    expect(runs).toEqual(['c', 'b', 'a']);
    expect(am.dependencies(c, p)).toEqual([b]);
    expect(am.dependencies(b, p)).toEqual([a]);
    expect(am.dependencies(a, p)).toEqual([]);
    expect(am.cachedAnalyses(p)).toEqual([a, b, c]);
  });

  test('a dependency on an already cached analysis is still recorded', () => {
    const { a, b } = makeAnalyses();
    const am = new AnalysisManager();
    const p = prog();
    am.getResult(a, p);
    am.getResult(b, p);
    expect(am.dependencies(b, p)).toEqual([a]);
  });

  test('clear() forgets results', () => {
    const { runs, a } = makeAnalyses();
    const am = new AnalysisManager();
    const p = prog();
    am.getResult(a, p);
    am.clear(p);
    am.getResult(a, p);
    am.clear();
    am.getResult(a, p);
    expect(runs).toEqual(['a', 'a', 'a']);
  });
});

describe('invalidation after a transform', () => {
  const setup = () => {
    const x = makeAnalyses();
    const pm = new PassManager();
    const p = prog();
    for (const an of [x.a, x.b, x.c, x.d]) pm.getResult(an, p);
    x.runs.length = 0;
    return { ...x, pm, p };
  };

  test("preserved 'none' drops every analysis", () => {
    const { pm, p, c, d, runs } = setup();
    const { program } = pm.runPass(keepProgram('t', 'none'), p);
    expect(program).toBe(p);
    expect(pm.analyses.cachedAnalyses(p)).toEqual([]);
    pm.getResult(c, p);
    pm.getResult(d, p);
    expect(runs).toEqual(['c', 'b', 'a', 'd']);
  });

  test('preserved some: the listed analyses survive, the rest rerun', () => {
    const { pm, p, a, c, d, runs } = setup();
    pm.runPass(keepProgram('t', [a, d]), p);
    expect(pm.analyses.cachedAnalyses(p)).toEqual([a, d]);
    pm.getResult(c, p);
    pm.getResult(d, p);
    expect(runs).toEqual(['c', 'b']);
  });

  test("same program object with preserved 'all' keeps everything", () => {
    const { pm, p, a, b, c, d, runs } = setup();
    const { program } = pm.runPass(keepProgram('t', 'all'), p);
    expect(program).toBe(p);
    for (const an of [a, b, c, d]) pm.getResult(an, p);
    expect(runs).toEqual([]);
  });

  test("a new program with preserved 'all' carries every result over; the old program's cache is dropped", () => {
    const { pm, p, a, b, c, d, runs } = setup();
    const { program } = pm.runPass(newProgram('t', 'all'), p);
    expect(program).not.toBe(p);
    expect(pm.analyses.cachedAnalyses(program)).toEqual([a, b, c, d]);
    expect(pm.analyses.cachedAnalyses(p)).toEqual([]);
    for (const an of [a, b, c, d]) pm.getResult(an, program);
    expect(runs).toEqual([]);
    expect(pm.analyses.dependencies(c, program)).toEqual([b]);
  });

  test('a new program with preserved some: only those move', () => {
    const { pm, p, a, d, runs } = setup();
    const { program } = pm.runPass(newProgram('t', [d]), p);
    expect(pm.analyses.cachedAnalyses(program)).toEqual([d]);
    pm.getResult(a, program);
    pm.getResult(d, program);
    expect(runs).toEqual(['a']);
  });

  test('transitive: preserving c and b but not a drops b and c too (they used a)', () => {
    const { p, a, b, c, d, runs } = setup();
    const log: string[] = [];
    const pm2 = new PassManager({ instrumentation: debugPassManager((l) => log.push(l)) });
    for (const an of [a, b, c, d]) pm2.getResult(an, p);
    runs.length = 0;
    log.length = 0;
    const dropped = pm2.analyses.invalidate(p, [b, c, d]);
    expect(dropped).toEqual([a, b, c]);
    expect(log).toEqual(['Invalidating analysis: a', 'Invalidating analysis: b', 'Invalidating analysis: c']);
    expect(pm2.analyses.cachedAnalyses(p)).toEqual([d]);
    pm2.getResult(c, p);
    expect(runs).toEqual(['c', 'b', 'a']);
  });

  test('transitive through a middle link: dropping b drops c but keeps a', () => {
    const { pm, p, a, c, d } = setup();
    pm.runPass(keepProgram('t', [a, c, d]), p);
    expect(pm.analyses.cachedAnalyses(p)).toEqual([a, d]);
  });

  test('a dependency that failed (never cached) invalidates its user at the next transform', () => {
    const am = new AnalysisManager();
    const bad = defineAnalysis({ name: 'bad', run: () => { throw new BpfError('INTERNAL', 'nope'); } });
    const tolerant = defineAnalysis({
      name: 'tolerant',
      run: (ctx) => { try { return ctx.get(bad); } catch { return 0; } },
    });
    const p = prog();
    expect(am.getResult(tolerant, p)).toBe(0);
    expect(am.isCached(bad, p)).toBe(false);
    expect(am.invalidate(p, [tolerant])).toEqual([tolerant]);
  });

  test('codegen passes and analyses run as passes invalidate nothing', () => {
    const { pm, p, a, b, c, d, runs } = setup();
    const jit = defineCodegen({
      name: 'jit',
      run: (ctx) => ({ arch: 'test', code: new Uint8Array([ctx.get(c)]), insnOffsets: new Int32Array(3), funcs: [], relocations: [] }),
    });
    const r = pm.runPass(jit, p);
    expect(r.program).toBe(p);
    expect((r.result as { code: Uint8Array }).code).toEqual(new Uint8Array([6]));
    pm.runPass(a, p);
    expect(pm.analyses.cachedAnalyses(p)).toEqual([a, b, c, d]);
    expect(runs).toEqual([]);
  });
});

describe('dependency cycles', () => {
  test('A gets B gets A is a PASS_CYCLE BpfError naming the cycle', () => {
    const A: AnalysisPass<number> = defineAnalysis({ name: 'cyc-a', run: (ctx) => ctx.get(B) + 1 });
    const B: AnalysisPass<number> = defineAnalysis({ name: 'cyc-b', run: (ctx) => ctx.get(A) + 1 });
    const am = new AnalysisManager();
    let err: unknown;
    try {
      am.getResult(A, prog());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BpfError);
    expect((err as BpfError).code).toBe('PASS_CYCLE');
    expect((err as BpfError).message).toBe('analysis dependency cycle: cyc-a -> cyc-b -> cyc-a');
  });

  test('a self-cycle and a cycle entered in the middle', () => {
    const self: AnalysisPass<number> = defineAnalysis({ name: 'self', run: (ctx) => ctx.get(self) });
    expect(() => new AnalysisManager().getResult(self, prog())).toThrow('analysis dependency cycle: self -> self');
    const top: AnalysisPass<number> = defineAnalysis({ name: 'top', run: (ctx) => ctx.get(x) });
    const x: AnalysisPass<number> = defineAnalysis({ name: 'x', run: (ctx) => ctx.get(y) });
    const y: AnalysisPass<number> = defineAnalysis({ name: 'y', run: (ctx) => ctx.get(z) });
    const z: AnalysisPass<number> = defineAnalysis({ name: 'z', run: (ctx) => ctx.get(x) });
    expect(() => new AnalysisManager().getResult(top, prog())).toThrow('analysis dependency cycle: x -> y -> z -> x');
  });

  test('the manager stays usable after a cycle error and caches nothing from it', () => {
    let cyclic = true;
    const A: AnalysisPass<number> = defineAnalysis({ name: 'a', run: (ctx) => (cyclic ? ctx.get(B) : 1) });
    const B: AnalysisPass<number> = defineAnalysis({ name: 'b', run: (ctx) => ctx.get(A) + 1 });
    const am = new AnalysisManager();
    const p = prog();
    expect(() => am.getResult(B, p)).toThrow(BpfError);
    expect(am.cachedAnalyses(p)).toEqual([]);
    cyclic = false;
    expect(am.getResult(B, p)).toBe(2);
  });

  test('the same analysis on two different programs is not a cycle', () => {
    const other = prog();
    const inner = defineAnalysis({ name: 'inner', run: (ctx) => ctx.program.length });
    const outer = defineAnalysis({
      name: 'outer',
      run: (ctx) => ctx.get(inner) + new AnalysisManager().getResult(inner, other),
    });
    expect(new AnalysisManager().getResult(outer, prog())).toBe(4);
  });
});

describe('PassManager', () => {
  test('runs a sequence, threading the program and collecting results', () => {
    const { a } = makeAnalyses();
    const grow = defineTransform({
      name: 'grow',
      run: (ctx) => ({ program: Program.fromInsns([build.mov64Imm(1, 1), ...ctx.program.insns()]), preserved: 'none' }),
    });
    const pm = new PassManager().addPass(a).addPass(grow).addPass(a);
    const { program, results } = pm.run(prog());
    expect(program.length).toBe(3);
    expect(results.get(a)).toBe(3);
    expect(results.get(grow)?.preserved).toBe('none');
    expect(results.byName('a')).toBe(3);
    expect(results.has('grow')).toBe(true);
    expect(pm.passes).toEqual([a, grow, a]);
  });

  test('options reach ctx.options and ctx.log reaches the sink', () => {
    const lines: string[] = [];
    const seen = defineAnalysis({
      name: 'seen',
      run: (ctx) => {
        ctx.log(`opt=${String(ctx.options['mode'])}`);
        return ctx.options;
      },
    });
    const pm = new PassManager({ options: { mode: 'fast', n: 3 }, log: (l) => lines.push(l) });
    expect(pm.getResult(seen, prog())).toEqual({ mode: 'fast', n: 3 });
    expect(lines).toEqual(['opt=fast']);
    expect(Object.isFrozen(pm.options)).toBe(true);
  });

  test('malformed pass results fail with a BpfError naming the pass', () => {
    const pm = new PassManager();
    const noProgram = defineTransform({ name: 'bad-t', run: () => ({ program: null as unknown as Program, preserved: 'all' }) });
    const badPreserved = defineTransform({ name: 'bad-p', run: (ctx) => ({ program: ctx.program, preserved: 'some' as 'all' }) });
    const badJit = defineCodegen({ name: 'bad-j', run: () => ({}) as never });
    expect(() => pm.runPass(noProgram, prog())).toThrow("transform 'bad-t' did not return { program, preserved }");
    expect(() => pm.runPass(badPreserved, prog())).toThrow("transform 'bad-p' returned preserved=\"some\"");
    expect(() => pm.runPass(badJit, prog())).toThrow("codegen pass 'bad-j' did not return a JitResult");
    expect(() => pm.runPass({ name: 'x' } as never, prog())).toThrow("not a pass: 'x'");
  });

  test('ctx.get with something that is not an analysis is a BpfError', () => {
    const t = defineTransform({ name: 't', run: (ctx) => ({ program: ctx.program, preserved: 'all' }) });
    const asks = defineAnalysis({ name: 'asks', run: (ctx) => ctx.get(t as never) });
    expect(() => new PassManager().getResult(asks, prog())).toThrow("ctx.get() takes an analysis pass, not 't' (a transform pass)");
  });
});
