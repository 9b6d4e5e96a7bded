import { describe, expect, test } from '@jest/globals';
import { Analyzer } from './analysis.js';
import { DEFAULT_OPTIONS, type AnalyzeRequest } from './protocol.js';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseKernel } from '@bpfkit/asm';
import { bytesToHexLines, isElf, readElf } from './elf.js';

// The repository's clang-built examples (examples/*.o, from examples/c/ by examples/build.sh).
const EXAMPLES = resolve(import.meta.dirname, '..', '..', '..', 'examples');
const OBJECTS = ['five-args.o', 'global-data.o', 'hash-map.o', 'loop-callback.o', 'packet-counter.o'];
const load = (f: string): Uint8Array => new Uint8Array(readFileSync(join(EXAMPLES, f)));

describe('readElf (decoder loadObject -> editable kernel syntax)', () => {
  test.each(OBJECTS)('examples/%s: every program parses back from its text', (f) => {
    const o = readElf(load(f), f);
    expect(o.programs.length).toBeGreaterThan(0);
    for (const p of o.programs) {
      const back = parseKernel(p.text);
      for (const field of ['code', 'dst', 'off', 'imm'] as const) expect([...back[field]]).toEqual([...p.program[field]]);
      // The loader's map-index forms (src 5, 6) print as bpftool's map[id:N] (src 1, 2), which
      // the analyses treat alike: the only difference the text cannot carry.
      expect([...back.src]).toEqual([...p.program.src].map((s, i) => (p.program.code[i] === 0x18 && s >= 5 && s <= 6 ? s - 4 : s)));
      expect(back.funcs.map((x) => [x.start, x.name, x.argCount])).toEqual(p.program.funcs.map((x) => [x.start, x.name, x.argCount]));
    }
  });

  test('names, argument counts from BTF, maps and C source lines', () => {
    const o = readElf(load('packet-counter.o'), 'packet-counter.o');
    expect(o.maps[0]).toMatch(/^pkt_buckets/);
    const t = o.programs[0]!.text;
    expect(t).toContain('.func count_packets, args=1');
    expect(t).toContain('r1 = map[id:0]');
    expect(t).toMatch(/; packet-counter\.c:\d+ {2}if \(len < 128\)/);
    const five = readElf(load('five-args.o'), 'five-args.o');
    expect(five.programs.map((p) => p.section)).toEqual(['xdp', 'tc']);
    expect(five.programs[0]!.text).toContain('call weighted5');
  });

  test('rejects what is not a BPF object', () => {
    expect(isElf(new Uint8Array([1, 2, 3, 4]))).toBe(false);
    const bad = load('five-args.o');
    bad[18] = 62; // EM_X86_64
    expect(() => readElf(bad, 'x.o')).toThrow(/x\.o/);
  });

  test('bytesToHexLines: one instruction per line', () => {
    expect(bytesToHexLines(Uint8Array.of(0xb7, 0, 0, 0, 1, 0, 0, 0, 0x95, 0, 0, 0, 0, 0, 0, 0))).toBe('b7 00 00 00 01 00 00 00\n95 00 00 00 00 00 00 00\n');
  });
});

describe('running a program loaded from an object', () => {
  const skb = (len: number, mark: number): string => {
    const b = Buffer.alloc(96);
    b.writeUInt32LE(len, 0);
    b.writeUInt32LE(mark, 8);
    return b.toString('hex');
  };
  const run = (file: string, mem: string, maps: boolean) => {
    const o = readElf(load(file), file);
    const req: AnalyzeRequest = {
      seq: 1, text: o.programs[0]!.text, format: 'kernel', mem, ...(maps ? { maps: o.mapSpecs } : {}), options: DEFAULT_OPTIONS,
      precision: { insn: null, reg: 0 }, showPrecision: false, tabs: { program: 'live', side: 'run' },
    };
    return new Analyzer().analyze(req).run!;
  };

  test('the run pane simulates the object\'s maps and bpf_loop (ObjectHost)', () => {
    const counter = run('packet-counter.o', skb(600, 4), true);
    expect(counter.ok && counter.value.r0).toBe(`0x${(2 + 40).toString(16)}`); // bucket of 600 + 10 * mark
    const loop = run('loop-callback.o', skb(64, 10), true);
    expect(loop.ok && loop.value.r0).toBe(`0x${(55).toString(16)}`);
    const globals = run('global-data.o', skb(64, 6), true);
    expect(globals.ok && globals.value.r0).toBe(`0x${(7 + 100).toString(16)}`); // .rodata table[2] + .data counter
  });

  test('without the maps the map reference cannot be resolved, and says so', () => {
    const r = run('packet-counter.o', skb(600, 4), false);
    expect(r.ok).toBe(false);
  });
});
