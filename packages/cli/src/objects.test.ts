// The CLI on clang-built ELF objects (examples/*.o): disasm with source lines, analyze with
// the default preset, batches with progress and per-file errors, --json for tools, jit
// summaries and listings, and run with maps, bpf_loop and --entry, on the interpreter and
// natively — the results checked against what the C sources compute.
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { BpfError } from '@bpfkit/ir';
import type { CliIo } from './io.js';
import { runCli } from './run-cli.js';

const repo = new URL('../../../', import.meta.url);
const file = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`examples/${name}`, repo)));

function memIo(files: Record<string, Uint8Array | string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readFile(path) {
      const v = files[path];
      if (v === undefined) throw new BpfError('IO', `cannot read ${path}: ENOENT`);
      return typeof v === 'string' ? new TextEncoder().encode(v) : v;
    },
    writeFile() {},
  };
  return { io, out: () => out.join(''), err: () => err.join('') };
}

/** A __sk_buff-shaped context: len at offset 0, mark at offset 8 (as the examples read them). */
function skb(len: number, mark: number): string {
  const b = Buffer.alloc(192);
  b.writeUInt32LE(len, 0);
  b.writeUInt32LE(mark, 8);
  return b.toString('hex');
}

const objects = { 'packet-counter.o': file('packet-counter.o'), 'loop-callback.o': file('loop-callback.o'), 'five-args.o': file('five-args.o') };

describe('objects', () => {
  test('disasm prints each program with its C source lines', () => {
    const m = memIo(objects);
    expect(runCli(['disasm', 'packet-counter.o'], m.io)).toBe(0);
    const out = m.out();
    expect(out.split('\n')[0]).toBe('; count_packets (section tc)');
    expect(out).toMatch(/; __u64 \*count = bpf_map_lookup_elem\(&pkt_buckets, &key\); @ packet-counter\.c:\d+\n\d+: \(18\) r1 = map\[id:0\]\n/);
    expect(out).toMatch(/: \(85\) call bpf_map_lookup_elem#1\n/);
  });

  test('analyze without --passes runs the default preset (verifier, const-fold, liveness)', () => {
    const m = memIo(objects);
    expect(runCli(['analyze', 'five-args.o'], m.io)).toBe(0);
    const out = m.out();
    expect(out).toContain('verdict: accepted');
    expect(out).toMatch(/stack use\/def subprog#1 weighted5/);
  });

  test('a batch reports progress on stderr, keeps going past a bad file and exits 1', () => {
    const m = memIo({ ...objects, 'bad.o': new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]) });
    expect(runCli(['analyze', 'packet-counter.o', 'bad.o', 'five-args.o', '--passes', 'print<verifier>'], m.io)).toBe(1);
    const err = m.err();
    expect(err).toContain('[1/3] packet-counter.o\n');
    expect(err).toContain('[3/3] five-args.o\n');
    expect(err).toMatch(/bpfkit: bad\.o: decoder: .*\[ELF\]\n/);
    expect(err).toContain('3 files, 2 ok, 1 failed\n');
    expect(m.out().match(/verdict: accepted/g)?.length).toBe(3); // packet-counter has one program, five-args two
  });

  test('analyze --json gives tools one document', () => {
    const m = memIo(objects);
    expect(runCli(['analyze', 'five-args.o', 'packet-counter.o', '--json', '--quiet', '--passes', 'print<verifier>'], m.io)).toBe(0);
    expect(m.err()).toBe('');
    const doc = JSON.parse(m.out());
    expect(doc.pipeline).toBe('print<verifier>');
    expect(doc.files.map((f: { file: string }) => f.file)).toEqual(['five-args.o', 'packet-counter.o']);
    const five = doc.files[0].programs[0];
    expect(five.name).toBe('five_args');
    expect(five.functions.find((f: { name: string }) => f.name === 'weighted5').args).toBe(5);
    expect(five.outputs[0].text).toContain('verdict: accepted');
  });

  test('verify --json on an object', () => {
    const m = memIo(objects);
    expect(runCli(['verify', 'loop-callback.o', '--json'], m.io)).toBe(0);
    const doc = JSON.parse(m.out());
    expect(doc.files[0].programs[0]).toMatchObject({ name: 'sum_loop', section: 'tc', ok: true });
  });

  test('jit prints a summary per program; --listing interleaves C source lines', () => {
    const m = memIo(objects);
    expect(runCli(['jit', 'five-args.o', '--arch', 'x86-64'], m.io)).toBe(0);
    expect(m.out()).toMatch(/^five-args\.o: five_args \(section xdp\): \d+ insns -> \d+ bytes x86-64 \(\d+\.\d\d B\/insn\), 3 functions\n/);
    expect(m.out()).toMatch(/\n  func#1 weighted5: insns \d+\.\.\d+ at 0x[0-9a-f]+, \d+ bytes\n/);
    const l = memIo(objects);
    expect(runCli(['jit', 'packet-counter.o', '--arch', 'arm64', '--listing'], l.io)).toBe(0);
    expect(l.out()).toMatch(/; __sync_fetch_and_add\(count, 1\); @ packet-counter\.c:\d+\n; \d+: \(db\) lock \*\(u64 \*\)\(r0 \+0\) \+= r1\n[0-9a-f]+:\t/);
    const j = memIo(objects);
    expect(runCli(['jit', 'packet-counter.o', '--arch', 'x86-64', '--json'], j.io)).toBe(0);
    const doc = JSON.parse(j.out());
    const p = doc.files[0].programs[0];
    expect(p.code.length).toBe(2 * p.bytes);
    expect(p.insnOffsets.length).toBe(p.insns + 1);
  });

  test('run: the packet counter updates its map and returns bucket + 10 * mark', () => {
    for (const engine of [[], ['--jit']]) {
      const m = memIo({ ...objects, 'skb.bin': Buffer.from(skb(600, 4), 'hex') });
      expect(runCli(['run', 'packet-counter.o', '--mem', 'skb.bin', '--maps', ...engine], m.io)).toBe(0);
      // len 600 -> bucket 2; the map shows one packet in bucket 2.
      expect(m.out()).toBe('map pkt_buckets:\n  02000000: 0100000000000000\n0x2a\n');
    }
  });

  test('run: bpf_loop calls back into the program (interpreter and native)', () => {
    for (const engine of [[], ['--jit']]) {
      const m = memIo({ ...objects });
      expect(runCli(['run', 'loop-callback.o', '--mem', skb(64, 10), '--json', ...engine], m.io)).toBe(0);
      const doc = JSON.parse(m.out());
      expect(doc.r0).toBe(`0x${(55).toString(16)}`);
      expect(doc.program).toBe('sum_loop');
    }
  });

  test('run --entry picks a program; an unknown one lists what there is', () => {
    const m = memIo(objects);
    expect(runCli(['run', 'five-args.o', '--entry', 'five_args'], m.io)).toBe(0);
    expect(m.out()).toBe('0x50\n'); // 1*1 + 2*2 + 3*3 + 4*4 + 5*5 + 5*5 = 80
    const tc = memIo(objects);
    expect(runCli(['run', 'five-args.o', '--entry', 'five_args_tc', '--mem', skb(0, 2)], tc.io)).toBe(0);
    expect(tc.out()).toBe('0x22\n'); // 2 * (1+2+3+4+5) + 2*2 = 34
    const two = memIo(objects);
    expect(runCli(['run', 'five-args.o'], two.io)).toBe(1);
    expect(two.err()).toBe("bpfkit: five-args.o has 2 programs ('five_args', 'five_args_tc'); choose one with --entry NAME [OPTION]\n");
    const bad = memIo(objects);
    expect(runCli(['run', 'five-args.o', '--entry', 'nope'], bad.io)).toBe(1);
    expect(bad.err()).toBe("bpfkit: five-args.o has no program 'nope'; it has 'five_args', 'five_args_tc' [OPTION]\n");
  });
});

describe('every example object end to end', () => {
  const all = ['packet-counter.o', 'loop-callback.o', 'five-args.o', 'global-data.o', 'hash-map.o'];
  const files = Object.fromEntries(all.map((f) => [f, file(f)]));
  const ctx = skb(700, 6);

  test.each(all)('%s: verifies, analyzes, compiles for both JITs, and runs the same on the interpreter and natively', (name) => {
    const v = memIo(files);
    expect(runCli(['verify', name, '--json'], v.io)).toBe(0);
    const programs: { name: string; ok: boolean }[] = JSON.parse(v.out()).files[0].programs;
    expect(programs.length).toBeGreaterThan(0);
    expect(programs.every((p) => p.ok)).toBe(true);
    const a = memIo(files);
    expect(runCli(['analyze', name], a.io)).toBe(0);
    expect(a.out().match(/verdict: accepted/g)?.length).toBe(programs.length);
    for (const arch of ['x86-64', 'arm64']) {
      const j = memIo(files);
      expect(runCli(['jit', name, '--arch', arch, '--json'], j.io)).toBe(0);
      for (const p of JSON.parse(j.out()).files[0].programs) expect(p.bytes).toBeGreaterThan(0);
    }
    for (const p of programs) {
      const results = [[], ['--jit'], ['--jit', '--sandbox']].map((engine) => {
        const r = memIo(files);
        expect(runCli(['run', name, '--entry', p.name, '--mem', ctx, '--json', ...engine], r.io)).toBe(0);
        const doc = JSON.parse(r.out());
        return { r0: doc.r0, maps: doc.maps };
      });
      expect(results[1]).toEqual(results[0]);
      expect(results[2]).toEqual(results[0]);
    }
  });

  test('the C results: global data and the hash map', () => {
    const g = memIo(files);
    // scale_table[6 & 3] + packets_seen before = 7 + 100
    expect(runCli(['run', 'global-data.o', '--mem', ctx], g.io)).toBe(0);
    expect(g.out()).toBe(`0x${(107).toString(16)}\n`);
    const h = memIo(files);
    expect(runCli(['run', 'hash-map.o', '--mem', ctx, '--maps'], h.io)).toBe(0);
    expect(h.out()).toMatch(/^map \w+:\n  06000000[0-9a-f]*: [0-9a-f]+\n0x0\n$/);
  });
});

describe('examples/fp-stack-arg.s: a frame pointer passed as argument 7', () => {
  const src = readFileSync(new URL('examples/fp-stack-arg.s', repo), 'utf8');

  test('verifies, and the callee writes the caller\'s counter through the pointer on every engine', () => {
    const v = memIo({ 'p.s': src });
    expect(runCli(['verify', 'p.s'], v.io)).toBe(0);
    for (const engine of [[], ['--jit'], ['--jit', '--sandbox']]) {
      const m = memIo({ 'p.s': src });
      expect(runCli(['run', 'p.s', ...engine], m.io)).toBe(0);
      expect(m.out()).toBe('0x2a\n');
    }
  });

  test('liveness tracks the pointer through slot sa1: the callee\'s accesses are fp0-8 of main', () => {
    const m = memIo({ 'p.s': src });
    expect(runCli(['analyze', 'p.s', '--passes', 'print<liveness>'], m.io)).toBe(0);
    expect(m.out()).toMatch(/ 10: \(85\) call pc\+2 +; use: fp0-8\n/);
    expect(m.out()).toMatch(/ 17: \(7b\) \*\(u64 \*\)\(r7 \+0\) = r0 +; def: fp0-8\n/);
  });
});
