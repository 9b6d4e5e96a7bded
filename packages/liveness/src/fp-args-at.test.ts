// fpArgsAt(): the argument-tracking state as data, without log-level=2. It must say exactly
// what the BPF_LOG_LEVEL2 listing annotates (registers and stack-argument slots) on every
// load, store and call — the last listing of each function, i.e. its last analysed instance —
// on every liveness filetest program and both stack-argument examples.
import { describe, expect, test } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { BPF_CALL, BPF_CLASS, BPF_JMP, BPF_LDX, BPF_STX, runStandalone } from '@bpfkit/ir';
import { parseKernel } from '@bpfkit/asm';
import { liveness } from './index.js';

const filetests = new URL('../filetests/', import.meta.url);
const examples = new URL('../../../examples/', import.meta.url);
const sources: [string, string][] = [
  ...readdirSync(filetests).filter((f) => f.endsWith('.bpf.s')).map((f): [string, string] => [f, readFileSync(new URL(f, filetests), 'utf8')]),
  ...['twelve-args.s', 'fp-stack-arg.s'].map((f): [string, string] => [f, readFileSync(new URL(f, examples), 'utf8')]),
];
const programText = (src: string): string =>
  src.split('\n').filter((l) => !/^(test|set|target)\s/.test(l) && !l.startsWith(';')).join('\n');

const LISTING_LINE = /^\s*(\d+): .*? \/\/ (.*)$/;

describe('fpArgsAt agrees with the log-level=2 listing', () => {
  test.each(sources)('%s', (_name, src) => {
    let p;
    try {
      p = parseKernel(programText(src));
    } catch {
      return; // a filetest about a parse or decode error has no program to analyse
    }
    for (const tracking of [true, false]) {
      let lv;
      try {
        lv = runStandalone(liveness, p, { 'log-level': 2, 'stack-arg-tracking': tracking });
      } catch {
        return; // filetests of rejected programs
      }
      // The last listing of each function wins.
      const expected = new Map<number, string>();
      let inListing = false;
      for (const line of lv.trace ?? []) {
        if (/^subprog#\d+/.test(line) || line.startsWith('stack use/def') || line.startsWith('Live regs')) {
          inListing = /^subprog#\d+.*:$/.test(line) && !line.includes('analyzing');
          if (inListing) for (let i = 0; i < p.length; i++) if (line.startsWith(`subprog#${p.func(i).index} `) || line === `subprog#${p.func(i).index}:`) expected.delete(i);
          continue;
        }
        if (!inListing) continue;
        const m = LISTING_LINE.exec(line);
        // Tokens are `name=value`, and a value may hold a space (`fp1 ?`, an imprecise offset).
        if (m) expected.set(Number(m[1]), m[2]!.trim().split(/ (?=[\w-]+=)/).filter((t) => /^(r\d|sa\d)=/.test(t)).join(' '));
      }
      for (let i = 0; i < p.length; i++) {
        const cls = BPF_CLASS(p.code[i]!);
        if (cls !== BPF_LDX && cls !== BPF_STX && p.code[i] !== (BPF_JMP | BPF_CALL)) continue;
        expect([i, lv.fpArgsAt(i)]).toEqual([i, expected.get(i) ?? '']);
      }
    }
  });

  test('fp-stack-arg: the pointer travels in r6, then sa1, then r7 in the callee', () => {
    const p = parseKernel(readFileSync(new URL('fp-stack-arg.s', examples), 'utf8'));
    expect(runStandalone(liveness, p).fpArgsAt(10)).toBe(''); // not kept without the option
    const lv = runStandalone(liveness, p, { 'arg-track-state': true });
    expect(lv.fpArgsAt(9)).toBe('r6=fp0-8');
    expect(lv.fpArgsAt(10)).toBe('r6=fp0-8 sa1=fp0-8');
    expect(lv.fpArgsAt(17)).toBe('r7=fp0-8');
    expect(lv.fpArgsAt(-1)).toBe('');
  });
});
