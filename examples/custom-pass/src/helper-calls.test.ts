// The example pass on real input: a clang-built object (every program of it) and a kernel-
// syntax program, each checked against an independent count taken from the printed program
// (`call bpf_name#id` lines); then used inside a textual pipeline, as a preset, and from the
// pass manager's cache.
import { describe, expect, test } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { printKernelProgram, runStandalone, type Program } from '@bpfkit/ir';
import { loadObject } from '@bpfkit/decoder';
import { parseKernel } from '@bpfkit/asm';
import { runPipeline } from '@bpfkit/pipeline';
import { exampleRegistry, helperCalls } from './index.js';

const examples = new URL('../../', import.meta.url);

/** Independent count: the kernel printer names every helper call `call bpf_x#id`. */
function countFromText(p: Program): Map<number, number> {
  const m = new Map<number, number>();
  for (const [, id] of printKernelProgram(p).matchAll(/\) call [a-z_0-9]+#(\d+)$/gm)) m.set(Number(id), (m.get(Number(id)) ?? 0) + 1);
  return m;
}

const asMap = (counts: Uint32Array): Map<number, number> => new Map([...counts.entries()].filter(([, n]) => n > 0));

const objects = readdirSync(examples).filter((f) => f.endsWith('.o'));

describe('helper-calls, a user-written pass', () => {
  test('the examples directory ships objects to count', () => {
    expect(objects).toContain('packet-counter.o');
  });

  test.each(objects)('%s: counts agree with the printed program', (file) => {
    const object = loadObject(new Uint8Array(readFileSync(new URL(file, examples))));
    for (const { program } of object.programs) {
      const r = runStandalone(helperCalls, program);
      expect(asMap(r.counts)).toEqual(countFromText(program));
      expect(r.sites.length).toBe([...countFromText(program).values()].reduce((a, b) => a + b, 0));
    }
  });

  test('packet-counter calls bpf_map_lookup_elem once', () => {
    const object = loadObject(new Uint8Array(readFileSync(new URL('packet-counter.o', examples))));
    const out = runPipeline('print<helper-calls>', object.programs[0]!.program, { registry: exampleRegistry() }).outputs[0]!.text;
    expect(out).toBe('helper calls: 1\n  bpf_map_lookup_elem#1: 1\n');
  });

  test('in a pipeline and a preset, next to built-in passes', () => {
    const p = parseKernel(`
      call bpf_ktime_get_ns#5
      r6 = r0
      call bpf_ktime_get_ns#5
      r0 -= r6
      call bpf_get_prandom_u32#7
      exit
    `);
    const registry = exampleRegistry();
    const run = runPipeline('optimize,print<helper-calls>', p, { registry });
    expect(run.outputs[0]!.text).toBe('helper calls: 3\n  bpf_ktime_get_ns#5: 2\n  bpf_get_prandom_u32#7: 1\n');
    const audit = runPipeline('audit', p, { registry });
    expect(audit.outputs.map((o) => o.pass)).toEqual(['verifier', 'helper-calls']);
    expect(audit.outputs[0]!.text).toContain('verdict: accepted');
    // The pass manager cached the result: asking again returns the same object.
    const first = run.passManager.getResult(helperCalls, run.program);
    expect(run.passManager.getResult(helperCalls, run.program)).toBe(first);
    expect(first.sites).toEqual(Int32Array.of(0, 2, 4));
  });
});

describe('as a CLI plugin', () => {
  test('bpfkit analyze --plugin dist/index.js --passes audit', async () => {
    const { spawnSync } = await import('node:child_process');
    const { fileURLToPath } = await import('node:url');
    const repo = fileURLToPath(new URL('../../../', import.meta.url));
    const r = spawnSync(
      process.execPath,
      ['packages/cli/bin/bpfkit.js', 'analyze', 'examples/packet-counter.o', '--plugin', 'examples/custom-pass/dist/index.js', '--passes', 'audit'],
      { cwd: repo, encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('verdict: accepted\n');
    expect(r.stdout).toContain('helper calls: 1\n  bpf_map_lookup_elem#1: 1\n');
  });
});
