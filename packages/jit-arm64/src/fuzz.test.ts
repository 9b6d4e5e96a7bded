// Differential fuzzing: random valid programs (test-support/safe-programs.ts: every ALU/JMP/
// load/store/atomic form, may_goto loops, bpf-to-bpf calls with 0–7 stack arguments) must
// give the same R0 and final memory in the interpreter and in the arm64 JIT under qemu. The
// seeds come from fast-check (seeded by BPF_FUZZ_SEED for a reproducible run); each chunk of
// 2,500 programs goes through one qemu process. Chunks run until BPF_FUZZ_SECONDS (default 25)
// have passed, with at least 5,000 programs; BPF_FUZZ_RUNS instead fixes the count exactly.
import { describeUnderQemu } from './test-support/qemu-describe.js';
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { printKernelProgram } from '@bpfkit/ir';
import { Interpreter } from '@bpfkit/interp';
import { jitArm64Compile } from './jit.js';
import { ensureArm64Runner, runArm64Batch } from './qemu-runner.js';
import { MEM_LEN, lcg, safeProgram } from './test-support/safe-programs.js';

const FIXED_RUNS = process.env.BPF_FUZZ_RUNS !== undefined ? Number(process.env.BPF_FUZZ_RUNS) : undefined;
const SECONDS = Number(process.env.BPF_FUZZ_SECONDS ?? 25);
const MIN_RUNS = 5000;
const CHUNK = 2500;
const SEED = process.env.BPF_FUZZ_SEED !== undefined ? Number(process.env.BPF_FUZZ_SEED) : Date.now() % 0x7fffffff;
const MAY_GOTO = 5;

/** Run one chunk; returns a failure description or null. */
function chunk(seed: number, runs: number): { insns: number; failure: string | null } {
  const seeds = fc.sample(fc.integer({ min: 1, max: 0x7fffffff }), { numRuns: runs, seed });
  const progs = seeds.map((s) => safeProgram(lcg(s)));
  const mems = seeds.map((s) => {
    const r = lcg(s ^ 0x5a5a5a5a);
    return Uint8Array.from({ length: MEM_LEN }, () => r(256));
  });
  const want = progs.map((p, k) => {
    const mem = mems[k]!.slice();
    const r0 = new Interpreter(p, { budget: 1_000_000, mayGotoBudget: MAY_GOTO }).run({ mem }).r0;
    return `0x${r0.toString(16)} ${Buffer.from(mem).toString('hex')}`;
  });
  const got = runArm64Batch(progs.map((p, k) => {
    const r = jitArm64Compile(p);
    return { code: r.code, entry: r.entry, mem: mems[k], mayGotoBudget: MAY_GOTO };
  })).map((r) => (r.ok ? `0x${r.r0.toString(16)} ${Buffer.from(r.mem).toString('hex')}` : `fault ${r.fault}`));
  const insns = progs.reduce((a, p) => a + p.length, 0);
  const k = got.findIndex((g, j) => g !== want[j]);
  if (k < 0) return { insns, failure: null };
  return { insns, failure: `program seed ${seeds[k]} disagrees: interp ${want[k]} vs arm64 ${got[k]}\n${printKernelProgram(progs[k]!)}` };
}

describeUnderQemu('differential fuzzing: interpreter vs arm64 JIT under qemu', () => {
  test(`random programs agree (BPF_FUZZ_SEED=${SEED})`, () => {
    ensureArm64Runner();
    const started = Date.now();
    let runs = 0;
    let insns = 0;
    for (let c = 0; ; c++) {
      const n = FIXED_RUNS === undefined ? CHUNK : Math.min(CHUNK, FIXED_RUNS - runs);
      if (n <= 0) break;
      const r = chunk((SEED + c) | 0, n);
      runs += n;
      insns += r.insns;
      if (r.failure !== null) throw new Error(`BPF_FUZZ_SEED=${SEED}, chunk ${c}: ${r.failure}`);
      if (FIXED_RUNS === undefined && runs >= MIN_RUNS && (Date.now() - started) / 1000 >= SECONDS) break;
    }
    console.log(`arm64 fuzz: ${runs} programs (${insns} insns) agree, ${((Date.now() - started) / 1000).toFixed(1)} s, BPF_FUZZ_SEED=${SEED}`);
    expect(runs).toBeGreaterThanOrEqual(Math.min(MIN_RUNS, FIXED_RUNS ?? MIN_RUNS));
  }, 120_000);
});
