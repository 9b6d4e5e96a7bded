import { describe, expect, test } from '@jest/globals';
import { BpfError } from '@bpfkit/ir';
import { blessedText, outputLines, parseFiletest } from './index.js';

const file = [
  ';; constant folding keeps r0',
  'test  const-fold , print<liveness>',
  'set max=10 mode=fast flag=true neg=-3 hex=0x10',
  'target arm64',
  '',
  'entry:',
  '  r0 = 1   ; trailing comments belong to the parser',
  '  exit',
  '',
  ';; what liveness says',
  '; live: r0',
  ';',
  '; done   ',
  '',
].join('\n');

function parseError(text: string): BpfError {
  try {
    parseFiletest(text, 'f.bpf.s');
  } catch (e) {
    if (e instanceof BpfError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('parseFiletest', () => {
  test('directives, program with file line numbers, expectations', () => {
    const t = parseFiletest(file, 'f.bpf.s');
    expect(t.pipeline).toBe('const-fold , print<liveness>');
    expect([t.pipelineLine, t.pipelineColumn]).toEqual([2, 7]);
    expect(t.options).toEqual({ max: 10, mode: 'fast', flag: true, neg: -3, hex: 16, target: 'arm64' });
    expect(t.target).toBe('arm64');
    expect(t.programText.split('\n')).toEqual(['', '', '', '', '', 'entry:', '  r0 = 1   ; trailing comments belong to the parser', '  exit', '', '', '', '', '', '']);
    expect(t.expected).toEqual(['live: r0', '', 'done']);
    expect(t.regionStart).toBe(8);
  });

  test('a file with no expectations and no program', () => {
    const t = parseFiletest('test print\n');
    expect(t.expected).toEqual([]);
    expect(t.programText).toBe('\n');
    expect(t.regionStart).toBe(1);
  });

  test.each([
    ['r0 = 0\nexit\n', "f.bpf.s:1:1: no 'test' directive"],
    ['test\n', "f.bpf.s:1:1: 'test' needs a pipeline"],
    ['test a\ntest b\n', "f.bpf.s:2:1: a second 'test' directive (the first is on line 1)"],
    ['test a,,b\n', "f.bpf.s:1:8: in pipeline: expected a pass name after ',', found ','"],
    ['test   print<a\n', "f.bpf.s:1:15: in pipeline: expected '>' to close 'print<', found end of pipeline"],
    ['test a\nset\n', "f.bpf.s:2:1: 'set' needs k=v"],
    ['test a\nset a=1 b\n', "f.bpf.s:2:9: expected k=v after 'set', found 'b'"],
    ['test a\nset x=\n', "f.bpf.s:2:5: expected k=v after 'set', found 'x='"],
    ['test a\nset target=arm64\n', "f.bpf.s:2:5: use the 'target' directive instead of 'set target='"],
    ['test a\ntarget mips\n', "f.bpf.s:2:8: 'target' takes one of x86-64, arm64, not 'mips'"],
    ['test a\ntarget\n', "f.bpf.s:2:1: 'target' takes one of x86-64, arm64"],
    ['test a\ntarget arm64\ntarget arm64\n', "f.bpf.s:3:1: a second 'target' directive"],
    ['test a\nexit\nset a=1\n', "f.bpf.s:3:1: directive 'set' after the program started"],
    ['test a\n; 1\nexit\n', 'f.bpf.s:2:1: expected-output line before the end of the program'],
  ])('%j is a file error', (text, message) => {
    const e = parseError(text);
    expect(e.message.startsWith(message)).toBe(true);
    expect(e.pass).toBe('filetest');
    const [, line, column] = /^f\.bpf\.s:(\d+):(\d+)/.exec(message)!;
    expect([e.line, e.column]).toEqual([Number(line), Number(column)]);
  });

  test('pipeline syntax errors keep their code', () => {
    expect(parseError('test a b\n').code).toBe('PIPELINE_SYNTAX');
    expect(parseError('test a\nset b\n').code).toBe('PARSE');
  });
});

describe('outputLines', () => {
  test('trims trailing blanks per line and trailing empty lines', () => {
    expect(outputLines('a  \n\nb\t\n\n\n')).toEqual(['a', '', 'b']);
    expect(outputLines('')).toEqual([]);
  });
});

describe('blessedText', () => {
  test('replaces expectations, keeps ;; comments and everything above', () => {
    const t = parseFiletest(file, 'f.bpf.s');
    expect(blessedText(t, ['live: r1', '', 'x'])).toBe(
      [
        ';; constant folding keeps r0',
        'test  const-fold , print<liveness>',
        'set max=10 mode=fast flag=true neg=-3 hex=0x10',
        'target arm64',
        '',
        'entry:',
        '  r0 = 1   ; trailing comments belong to the parser',
        '  exit',
        '',
        ';; what liveness says',
        '; live: r1',
        ';',
        '; x',
        '',
      ].join('\n'),
    );
  });

  test('comments between expectations follow the new expectations; trailing lines stay', () => {
    const t = parseFiletest('test a\nexit\n; old 1\n;; between\n; old 2\n;; after\n');
    expect(blessedText(t, ['new'])).toBe('test a\nexit\n; new\n;; between\n;; after\n');
  });

  test('a file without expectations gets them after one blank line', () => {
    expect(blessedText(parseFiletest('test a\nexit'), ['r'])).toBe('test a\nexit\n\n; r\n');
    expect(blessedText(parseFiletest('test a\nexit\n\n\n;; note\n\n'), ['r'])).toBe('test a\nexit\n\n\n;; note\n\n; r\n');
    expect(blessedText(parseFiletest('test a\nexit\n; old\n'), [])).toBe('test a\nexit\n');
  });

  test('blessing is idempotent: the blessed file parses back to the same expectations', () => {
    const t = parseFiletest(file, 'f.bpf.s');
    const once = blessedText(t, ['a', '', 'b']);
    const t2 = parseFiletest(once, 'f.bpf.s');
    expect(t2.expected).toEqual(['a', '', 'b']);
    expect(blessedText(t2, ['a', '', 'b'])).toBe(once);
  });
});
