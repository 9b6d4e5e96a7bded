import { describe, expect, test } from '@jest/globals';
import { BpfError, defineAnalysis, defineCodegen, defineTransform, type Pass } from '@bpfkit/ir';
import { BUILTIN_PASSES, PassRegistry, closeNames, defaultRegistry, editDistance } from './index.js';

const liveness = defineAnalysis({ name: 'liveness', description: 'register liveness', run: () => 0 });
const constFold = defineTransform({ name: 'const-fold', description: 'fold constants', run: (ctx) => ({ program: ctx.program, preserved: 'all' }) });
const jitX86 = defineCodegen({ name: 'jit-x86-64', run: () => { throw new Error('unused'); } });
const jitArm = defineCodegen({ name: 'jit-arm64', description: 'arm64 JIT', run: () => { throw new Error('unused'); } });

const codeOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(BpfError);
    return (e as BpfError).code;
  }
  throw new Error('did not throw');
};

describe('PassRegistry', () => {
  test('register, lookup, has, list with descriptions sorted by name', () => {
    const r = new PassRegistry().register(liveness).register(constFold);
    r.registerAll([jitX86, jitArm]);
    expect(r.lookup('liveness')).toBe(liveness);
    expect(r.get('nope')).toBeUndefined();
    expect(r.has('const-fold')).toBe(true);
    expect(r.size).toBe(4);
    expect(r.names()).toEqual(['const-fold', 'jit-arm64', 'jit-x86-64', 'liveness']);
    expect(r.list()).toEqual([
      { name: 'const-fold', kind: 'transform', description: 'fold constants' },
      { name: 'jit-arm64', kind: 'codegen', description: 'arm64 JIT' },
      { name: 'jit-x86-64', kind: 'codegen', description: '' },
      { name: 'liveness', kind: 'analysis', description: 'register liveness' },
    ]);
  });

  test('duplicate registration is an error, for the same object and for another one', () => {
    const r = new PassRegistry([liveness]);
    expect(() => r.register(liveness)).toThrow("pass 'liveness' is already registered");
    const impostor = defineAnalysis({ name: 'liveness', run: () => 1 });
    expect(() => r.register(impostor)).toThrow("another pass is already registered as 'liveness'");
    expect(codeOf(() => r.register(impostor))).toBe('OPTION');
    expect(r.lookup('liveness')).toBe(liveness);
  });

  test('names must be pipeline tokens; print is reserved; non-passes are refused', () => {
    const r = new PassRegistry();
    for (const name of ['', 'a b', 'print<x>', '-lead', 'a,b'])
      expect(codeOf(() => r.register(defineAnalysis({ name, run: () => 0 })))).toBe('OPTION');
    expect(() => r.register(defineAnalysis({ name: 'print', run: () => 0 }))).toThrow('reserved');
    expect(() => r.register({ name: 'x', kind: 'magic', run: () => 0 } as unknown as Pass)).toThrow('not a pass');
    expect(() => r.register(undefined as unknown as Pass)).toThrow(BpfError);
    expect(r.size).toBe(0);
  });

  test('unknown names: PASS_UNKNOWN listing close names, or every name when nothing is close', () => {
    const r = new PassRegistry([liveness, constFold, jitX86, jitArm]);
    expect(() => r.lookup('livenes')).toThrow("unknown pass 'livenes'; did you mean 'liveness'?");
    expect(() => r.lookup('jit')).toThrow("unknown pass 'jit'; did you mean 'jit-arm64', 'jit-x86-64'?");
    expect(() => r.lookup('zzzzzzzz')).toThrow("unknown pass 'zzzzzzzz'; registered passes: const-fold, jit-arm64, jit-x86-64, liveness");
    expect(codeOf(() => r.lookup('x'))).toBe('PASS_UNKNOWN');
    expect(() => new PassRegistry().lookup('x')).toThrow('no passes are registered');
  });

  test('clone() is independent', () => {
    const r = new PassRegistry([liveness]);
    const c = r.clone().register(constFold);
    expect(r.has('const-fold')).toBe(false);
    expect(c.names()).toEqual(['const-fold', 'liveness']);
  });
});

describe('defaultRegistry', () => {
  test('holds exactly BUILTIN_PASSES and is fresh on every call', () => {
    expect(defaultRegistry().names()).toEqual(BUILTIN_PASSES.map((p) => p.name).sort());
    for (const name of ['const-fold', 'prune-dead-branches', 'liveness', 'verifier', 'precision'])
      expect(defaultRegistry().has(name)).toBe(true);
    const mine = defineAnalysis({ name: 'my-analysis', run: () => 0 });
    defaultRegistry().register(mine);
    expect(defaultRegistry().has('my-analysis')).toBe(false);
  });
});

describe('close names', () => {
  test('edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  test('closeNames ranks by distance and includes substring matches', () => {
    expect(closeNames('const-fld', ['const-fold', 'liveness', 'cfg'])).toEqual(['const-fold']);
    expect(closeNames('LIVENESS', ['liveness'])).toEqual(['liveness']);
    expect(closeNames('arm64', ['jit-arm64', 'jit-x86-64'])).toEqual(['jit-arm64']);
    expect(closeNames('q', ['liveness'])).toEqual([]);
  });
});
