import { BpfError } from '@bpfkit/ir';
import { callTablesFrom, helperStackAccessBytes, kfuncStackAccessBytes, parseProto, BUILTIN_HELPER_PROTOS } from './call-protos.js';
import { constFactsFrom, emptyConstFacts } from './const-facts.js';
import { S64_MIN } from './constants.js';

describe('prototype specs', () => {
  test('parse names and argument kinds', () => {
    const p = parseProto('bpf_kf(s,r16,w8,m,s,mw,s,d,dw,?)', false, 't');
    expect(p.name).toBe('bpf_kf');
    expect(p.args.map((a) => `${a.kind}${a.write ? '!' : ''}${a.size || ''}`)).toEqual(
      ['scalar', 'fixed16', 'fixed!8', 'mem', 'scalar', 'mem!', 'scalar', 'dynptr16', 'dynptr!16', 'unknown'],
    );
    expect(parseProto('(s,s)', false, 't').args).toHaveLength(2);
    expect(parseProto('noargs()', true, 't').args).toHaveLength(0);
  });
  test('bad specs are BpfError OPTION', () => {
    expect(() => parseProto('f(x)', false, 'kfunc.1')).toThrow(BpfError);
    expect(() => parseProto('f(M)', false, 'kfunc.1')).toThrow(/unknown argument kind 'M'/);
    expect(() => parseProto('f(s,s,s,s,s,s)', true, 'helper.1')).toThrow(/at most 5/);
    expect(() => callTablesFrom({ 'map.1': 'four' })).toThrow(/key size/);
  });
  test('options add kfuncs, helpers and maps over the built-in tables', () => {
    const t = callTablesFrom({ 'kfunc.7': 'k(s)', 'helper.1': 'mine(s,s)', 'map.3': '4:16', unrelated: 1 });
    expect(t.kfuncs.get(7)!.name).toBe('k');
    expect(t.helpers.get(1)!.name).toBe('mine');
    expect(t.helpers.get(181)!.name).toBe('bpf_loop');
    expect(t.maps.get(3)).toEqual({ keySize: 4, valueSize: 16 });
  });
});

describe('bpf_helper_stack_access_bytes', () => {
  const none = emptyConstFacts(8);
  const maps = new Map([[1, { keySize: 4, valueSize: 8 }], [2, { keySize: 12, valueSize: 40 }]]);
  const lookup = BUILTIN_HELPER_PROTOS.get(1);
  test('map key size from the map in R1 (const-fold map index), else the largest of all maps', () => {
    const facts = constFactsFrom(8, [{ insn: 5, reg: 1, kind: 'map', value: 1 }]);
    expect(helperStackAccessBytes(lookup, 1, 5, facts, maps)).toBe(4);
    expect(helperStackAccessBytes(lookup, 1, 5, none, maps)).toBe(12);
    expect(helperStackAccessBytes(lookup, 1, 5, none, new Map())).toBe(S64_MIN);
  });
  test('memory + size pairs: constant size, else 512 (read) or 0 (uninit)', () => {
    const probe = BUILTIN_HELPER_PROTOS.get(4);
    const facts = constFactsFrom(8, [{ insn: 3, reg: 2, kind: 'const', value: 16 }]);
    expect(helperStackAccessBytes(probe, 0, 3, facts, maps)).toBe(-16);
    expect(helperStackAccessBytes(probe, 0, 3, none, maps)).toBe(0);
    expect(helperStackAccessBytes(BUILTIN_HELPER_PROTOS.get(6), 0, 3, none, maps)).toBe(512);
  });
  test('callback ctx is 0, other argument types and unknown helpers are unknown', () => {
    expect(helperStackAccessBytes(BUILTIN_HELPER_PROTOS.get(181), 2, 0, none, maps)).toBe(0);
    expect(helperStackAccessBytes(BUILTIN_HELPER_PROTOS.get(181), 0, 0, none, maps)).toBe(S64_MIN);
    expect(helperStackAccessBytes(undefined, 0, 0, none, maps)).toBe(S64_MIN);
  });
});

describe('bpf_kfunc_stack_access_bytes', () => {
  const kf = parseProto('k(s,r8,w16,m,s,d,dw,?,m,s)', false, 't');
  const none = emptyConstFacts(4);
  test.each([
    [0, 0], [1, 8], [2, -16], [3, 512], [5, 16], [6, -16], [7, S64_MIN], [8, 512], [10, 0],
  ])('argument %i -> %s', (arg, bytes) => expect(kfuncStackAccessBytes(kf, arg, 0, none)).toBe(bytes));
  test('a constant __sz in a register sizes the access; unknown kfuncs are unknown', () => {
    expect(kfuncStackAccessBytes(kf, 3, 1, constFactsFrom(4, [{ insn: 1, reg: 5, kind: 'const', value: 24 }]))).toBe(24);
    expect(kfuncStackAccessBytes(undefined, 0, 0, none)).toBe(S64_MIN);
  });
});
