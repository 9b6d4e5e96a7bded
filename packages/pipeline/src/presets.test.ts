import { describe, expect, test } from '@jest/globals';
import { BpfError, Program, build, defineAnalysis } from '@bpfkit/ir';
import { BUILTIN_PRESETS, PassRegistry, defaultRegistry, formatPipeline, parsePipeline, runPipeline } from './index.js';

const prog = Program.fromInsns([build.mov64Imm(0, 7), build.exit()]);

const err = (f: () => unknown): BpfError => {
  try {
    f();
  } catch (e) {
    if (e instanceof BpfError) return e;
    throw e;
  }
  throw new Error('expected a BpfError');
};

describe('presets', () => {
  test('default expands to the verifier, const-fold and liveness printers', () => {
    const steps = parsePipeline('default', defaultRegistry());
    expect(formatPipeline(steps)).toBe('print<verifier>,print<const-fold>,print<liveness>');
    const run = runPipeline('default', prog);
    expect(run.outputs.map((o) => o.pass)).toEqual(['verifier', 'const-fold', 'liveness']);
    expect(run.outputs[0]!.text).toContain('verdict: accepted');
  });

  test('a preset is one token among others, with the column of the token', () => {
    const steps = parsePipeline('optimize, print<liveness>', defaultRegistry());
    expect(formatPipeline(steps)).toBe('const-fold,prune-dead-branches,print<liveness>');
    expect(steps.slice(0, 2).map((s) => s.column)).toEqual([1, 1]);
  });

  test('every built-in preset parses against the default registry', () => {
    const r = defaultRegistry();
    for (const p of BUILTIN_PRESETS) expect(parsePipeline(p.name, r).length).toBeGreaterThan(0);
    expect(r.presets().map((p) => p.name)).toEqual(BUILTIN_PRESETS.map((p) => p.name).sort());
  });

  test('user presets may use user passes and other presets', () => {
    let runs = 0;
    const count = defineAnalysis({ name: 'count', run: () => ++runs, print: (n) => `count ${n}` });
    const r = defaultRegistry().register(count).registerPreset('mine', 'optimize,print<count>');
    const run = runPipeline('mine', prog, { registry: r });
    expect(run.outputs.map((o) => o.text)).toEqual(['count 1\n']);
    expect(r.clone().preset('mine')?.pipeline).toBe('optimize,print<count>');
  });

  test('names are shared between passes and presets', () => {
    const r = defaultRegistry();
    expect(err(() => r.registerPreset('liveness', 'const-fold')).message).toBe("cannot register preset 'liveness': a pass has that name");
    expect(err(() => r.registerPreset('default', 'const-fold')).message).toBe("cannot register preset 'default': a preset has that name");
    const a = defineAnalysis({ name: 'optimize', run: () => 0 });
    expect(err(() => r.register(a)).message).toBe("cannot register pass 'optimize': a preset has that name");
    expect(err(() => r.registerPreset('bad name', 'x')).code).toBe('OPTION');
    expect(err(() => r.registerPreset('empty', '  ')).code).toBe('OPTION');
  });

  test('a preset that uses itself is a cycle; a broken preset names itself', () => {
    const r = new PassRegistry().registerPreset('a', 'b').registerPreset('b', 'a');
    const e = err(() => parsePipeline('a', r));
    expect(e.code).toBe('PASS_CYCLE');
    expect(e.message).toBe("preset 'a' uses itself: a -> b -> a");
    const r2 = defaultRegistry().registerPreset('typo', 'const-fold,livenes');
    const e2 = err(() => parsePipeline('print,typo', r2));
    expect(e2.code).toBe('PASS_UNKNOWN');
    expect(e2.message).toBe("in preset 'typo' (column 7): unknown pass 'livenes'; did you mean 'liveness'? (column 12)");
    expect(e2.column).toBe(7);
  });

  test('print<preset> is not a preset use', () => {
    expect(err(() => parsePipeline('print<default>', defaultRegistry())).code).toBe('PASS_UNKNOWN');
  });
});
