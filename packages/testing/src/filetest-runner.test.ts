import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BpfError, Program, build } from '@bpfkit/ir';
import { testRegistry } from './test-support/passes.js';
import {
  FiletestMismatch, assertBlessAllowed, blessRequested, listFiletests, runFiletest, runFiletests, type FiletestOptions,
  type TestRegistrar,
} from './index.js';

const registry = testRegistry();

const noEnv = {};
const base: FiletestOptions = { registry, env: noEnv };

function tempFile(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'bpfkit-ft-')), name);
  writeFileSync(path, text);
  return path;
}

function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('did not throw');
}

const passing = `;; two instructions, then the listing
test print<insns>,print<listing>

r0 = 7
exit

; insns: 2
; 0: (b7) r0 = 7
; 1: (95) exit
`;

describe('runFiletest', () => {
  test('a passing file', () => {
    const r = runFiletest(tempFile('ok.bpf.s', passing), base);
    expect(r.status).toBe('passed');
    expect(r.actual).toEqual(['insns: 2', '0: (b7) r0 = 7', '1: (95) exit']);
  });

  test('a mismatch fails with a unified diff', () => {
    const path = tempFile('bad.bpf.s', passing.replace('r0 = 7', 'r0 = 8'));
    const e = thrown(() => runFiletest(path, base));
    expect(e).toBeInstanceOf(FiletestMismatch);
    expect(e.message).toBe(
      [
        `${path}: output does not match the expectations (BPF_TEST_BLESS=1 rewrites them)`,
        `--- ${path} (expected)`,
        `+++ ${path} (actual)`,
        '@@ -1,3 +1,3 @@',
        ' insns: 2',
        '-0: (b7) r0 = 7',
        '+0: (b7) r0 = 8',
        ' 1: (95) exit',
        '',
      ].join('\n'),
    );
    expect(readFileSync(path, 'utf8')).toBe(passing.replace('r0 = 7', 'r0 = 8'));
  });

  test('a missing expectation line and an extra one are mismatches too', () => {
    expect(() => runFiletest(tempFile('a.bpf.s', passing.replace('; 1: (95) exit\n', '')), base)).toThrow('+1: (95) exit');
    expect(() => runFiletest(tempFile('b.bpf.s', passing + '; more\n'), base)).toThrow('-more');
    expect(() => runFiletest(tempFile('c.bpf.s', 'test print<insns>\nexit\n'), base)).toThrow('+insns: 1');
  });

  test('BPF_TEST_BLESS=1 rewrites the expectations of a temp copy, keeping ;; comments', () => {
    const original = `;; header comment
test drop-first,print<listing>
r1 = 1
;; a comment inside the program
r0 = 2
exit

;; expectations below are stale
; 0: (b7) r0 = 99
;; comment among expectations
; old line
`;
    const path = tempFile('bless.bpf.s', original);
    expect(() => runFiletest(path, base)).toThrow(FiletestMismatch);
    const r = runFiletest(path, { ...base, env: { BPF_TEST_BLESS: '1' } });
    expect(r.status).toBe('blessed');
    expect(readFileSync(path, 'utf8')).toBe(`;; header comment
test drop-first,print<listing>
r1 = 1
;; a comment inside the program
r0 = 2
exit

;; expectations below are stale
; 0: (b7) r0 = 2
; 1: (95) exit
;; comment among expectations
`);
    expect(runFiletest(path, base).status).toBe('passed');
    expect(runFiletest(path, { ...base, env: { BPF_TEST_BLESS: '1' } }).status).toBe('passed');
  });

  test('blessing is refused when CI is set, and nothing is written', () => {
    const stale = passing.replace('; insns: 2', '; insns: 3');
    const path = tempFile('ci.bpf.s', stale);
    for (const env of [{ BPF_TEST_BLESS: '1', CI: 'true' }, { BPF_TEST_BLESS: '1', CI: '1' }]) {
      const e = thrown(() => runFiletest(path, { ...base, env }));
      expect(e).toBeInstanceOf(BpfError);
      expect((e as BpfError).code).toBe('OPTION');
      expect(e.message).toBe(`BPF_TEST_BLESS=1 is refused because CI is set (CI=${env.CI}): expectations are blessed locally, reviewed and committed, never rewritten in CI`);
    }
    expect(readFileSync(path, 'utf8')).toBe(stale);
    // Even a passing file refuses: the run as a whole asked for something CI must not do.
    expect(() => runFiletest(tempFile('ok.bpf.s', passing), { ...base, env: { BPF_TEST_BLESS: '1', CI: 'true' } })).toThrow('refused');
    // CI alone, or an empty / 0 BPF_TEST_BLESS, is a normal run.
    expect(runFiletest(tempFile('ok.bpf.s', passing), { ...base, env: { CI: 'true', BPF_TEST_BLESS: '0' } }).status).toBe('passed');
    expect(() => runFiletest(path, { ...base, env: { CI: 'true', BPF_TEST_BLESS: '' } })).toThrow(FiletestMismatch);
  });

  test('bless switches', () => {
    expect(blessRequested({ BPF_TEST_BLESS: '1' })).toBe(true);
    expect(blessRequested({ BPF_TEST_BLESS: 'true' })).toBe(true);
    expect(blessRequested({ BPF_TEST_BLESS: '0' })).toBe(false);
    expect(blessRequested({ BPF_TEST_BLESS: 'false' })).toBe(false);
    expect(blessRequested({})).toBe(false);
    expect(() => assertBlessAllowed({ BPF_TEST_BLESS: '1', CI: 'false' })).toThrow('refused');
    expect(() => assertBlessAllowed({ BPF_TEST_BLESS: '1', CI: '' })).not.toThrow();
  });

  test('a syntax error in a directive fails with file:line:column and is never blessed', () => {
    const text = 'test print<insns>\nset limit\nexit\n; insns: 1\n';
    const path = tempFile('dir.bpf.s', text);
    for (const env of [noEnv, { BPF_TEST_BLESS: '1' }]) {
      const e = thrown(() => runFiletest(path, { ...base, env }));
      expect(e).toBeInstanceOf(BpfError);
      expect(e.message).toBe(`${path}:2:5: expected k=v after 'set', found 'limit'`);
      expect([(e as BpfError).line, (e as BpfError).column]).toEqual([2, 5]);
    }
    expect(readFileSync(path, 'utf8')).toBe(text);
  });

  test('an unknown pass in the test directive is a file error pointing at the name', () => {
    const path = tempFile('unk.bpf.s', ';; x\ntest  print<insns>, lsiting\nexit\n');
    const e = thrown(() => runFiletest(path, { ...base, env: { BPF_TEST_BLESS: '1' } })) as BpfError;
    expect(e.code).toBe('PASS_UNKNOWN');
    expect(e.message).toBe(`${path}:2:21: in pipeline: unknown pass 'lsiting'; did you mean 'listing'?`);
  });

  test('expected errors: `; error:` lines from a pass and from the parser', () => {
    expect(runFiletest(tempFile('e1.bpf.s', 'test drop-first,print<listing>\nexit\n; error: nothing to drop before exit\n'), base).status).toBe('passed');
    const parse = (): Program => {
      throw new BpfError('PARSE', 'bad line', { pass: 'asm', line: 2 });
    };
    expect(runFiletest(tempFile('e2.bpf.s', 'test print<insns>\nr0 = 1\n; error: bad line\n'), { ...base, parse }).status).toBe('passed');
    const path = tempFile('e3.bpf.s', 'test drop-first\nexit\n; insns: 1\n');
    expect(() => runFiletest(path, base)).toThrow('+error: nothing to drop before exit');
    runFiletest(path, { ...base, env: { BPF_TEST_BLESS: '1' } });
    expect(readFileSync(path, 'utf8')).toBe('test drop-first\nexit\n; error: nothing to drop before exit\n');
  });

  test('an exception that is not a BpfError is a bug: it propagates, even when blessing', () => {
    const path = tempFile('crash.bpf.s', 'test print<insns>,crash\nexit\n; error: whatever\n');
    for (const env of [noEnv, { BPF_TEST_BLESS: '1' }]) expect(() => runFiletest(path, { ...base, env })).toThrow(TypeError);
  });

  test('a pipeline that prints nothing shows the resulting program', () => {
    const path = tempFile('t.bpf.s', 'test drop-first\nr1 = 1\nr0 = 0\nexit\n; 0: (b7) r0 = 0\n; 1: (95) exit\n');
    expect(runFiletest(path, base).status).toBe('passed');
  });

  test('set and target reach ctx.options, over the caller options', () => {
    const path = tempFile('o.bpf.s', [
      'test print<opts>',
      'set n=3 name=x flag=false',
      'target x86-64',
      'exit',
      '; base=1 (number)',
      '; n=3 (number)',
      '; name=x (string)',
      '; flag=false (boolean)',
      '; target=x86-64 (string)',
      '',
    ].join('\n'));
    expect(runFiletest(path, { ...base, options: { base: 1, n: 99 } }).status).toBe('passed');
  });

  test('the program parser is @bpfkit/asm parseKernel unless one is given', () => {
    const path = tempFile('p.bpf.s', 'test print<insns>\nthree instructions please\n; insns: 3\n');
    expect(() => runFiletest(path, base)).toThrow(/\n\+error: .*'three'/); // asm's wording, whatever it is
    const seen: string[] = [];
    const parse = (text: string): Program => (seen.push(text), Program.fromInsns([build.mov64Imm(0, 0), build.mov64Imm(0, 0), build.exit()]));
    expect(runFiletest(path, { ...base, parse }).status).toBe('passed');
    expect(seen).toEqual(['\nthree instructions please\n\n']);
  });

  test('kernel syntax with labels, .func metadata and ld_imm64', () => {
    const path = tempFile('k.bpf.s', [
      'test print',
      '.func main, args=1',
      '  r0 = 0x100000000 ll',
      '  if r1 > 0x5 goto out',
      '  call sub',
      'out:',
      '  exit',
      '.func sub, args=0',
      '  r0 = 1',
      '  exit',
      '; 0: (18) r0 = 0x100000000',
      '; 2: (25) if r1 > 0x5 goto pc+1',
      '; 3: (85) call pc+1',
      '; 4: (95) exit',
      '; 5: (b7) r0 = 1',
      '; 6: (95) exit',
      '',
    ].join('\n'));
    expect(runFiletest(path, base).status).toBe('passed');
  });
});

describe('runFiletests', () => {
  test('registers one test per *.bpf.s file, sorted, under one describe', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bpfkit-ftdir-'));
    writeFileSync(join(dir, 'b.bpf.s'), passing);
    writeFileSync(join(dir, 'a.bpf.s'), passing.replace('r0 = 7', 'r0 = 8'));
    writeFileSync(join(dir, 'notes.txt'), 'not a test');
    const names: string[] = [];
    const bodies: (() => void)[] = [];
    const jest: TestRegistrar = {
      describe: (name, body) => {
        names.push(`describe ${name}`);
        body();
      },
      test: (name, body) => {
        names.push(name);
        bodies.push(body);
      },
    };
    runFiletests(dir, { ...base, jest });
    expect(names).toEqual([`describe filetests in ${dir}`, 'a.bpf.s', 'b.bpf.s']);
    expect(() => bodies[0]!()).toThrow(FiletestMismatch);
    expect(() => bodies[1]!()).not.toThrow();
  });

  test('a missing or empty directory fails loudly', () => {
    const empty = mkdtempSync(join(tmpdir(), 'bpfkit-ftempty-'));
    expect(() => listFiletests(empty)).toThrow(`no *.bpf.s files in ${empty}`);
    expect(() => listFiletests(join(empty, 'nope'))).toThrow('does not exist');
    expect(() => runFiletests(empty, { ...base, jest: { describe: () => {}, test: () => {} } })).toThrow(BpfError);
  });
});
