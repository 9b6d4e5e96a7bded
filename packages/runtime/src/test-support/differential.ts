// Test-only: the differential fuzzing loop shared by fuzz.test.ts and fuzz-2.test.ts (two
// files so jest runs the halves on two workers). Random valid, terminating programs
// (test-support/gen.ts) must give the same R0 and the same input memory on the interpreter and
// natively — a quarter of the batches sandboxed, an eighth compiled with liveness results.
// BPF_FUZZ_RUNS sets the total number of programs (default 20 000, split between the files);
// BPF_FUZZ_SEED fixes the fast-check seed; a failure names the program seed, and
// `BPF_FUZZ_PROGRAM=<seed>` replays exactly that program.
import { expect } from '@jest/globals';
import fc from 'fast-check';
import { BpfError, runStandalone, type Program } from '@bpfkit/ir';
import { Interpreter } from '@bpfkit/interp';
import { liveness } from '@bpfkit/liveness';
import { NativeProgram } from '../native-program.js';
import { FUZZ_MAY_GOTO, fuzzHelpers, fuzzKfuncs, genProgram } from './gen.js';

export const FUZZ_RUNS = Number(process.env['BPF_FUZZ_RUNS'] ?? 20_000);
const SEED = process.env['BPF_FUZZ_SEED'] === undefined ? undefined : Number(process.env['BPF_FUZZ_SEED']);
/** Compile an eighth of the batches with @bpfkit/liveness results (BPF_FUZZ_LIVENESS=0 to skip). */
const WITH_LIVENESS = process.env['BPF_FUZZ_LIVENESS'] !== '0';
const ONLY = process.env['BPF_FUZZ_PROGRAM'] === undefined ? undefined : Number(process.env['BPF_FUZZ_PROGRAM']);
const helpers = fuzzHelpers();
const kfuncs = fuzzKfuncs();

const stats = { programs: 0, insns: 0 };
/** Programs per NativeProgram.loadBatch (one mmap/mprotect/munmap per batch). */
const BATCH = 100;

function mismatch(seed: number, mode: number, want: bigint, got: bigint, memOk: boolean, listing: string): Error {
  return new Error(
    `program seed ${seed}${mode === 0 ? ' (sandbox)' : mode === 1 ? ' (with liveness)' : ''} (rerun: BPF_FUZZ_PROGRAM=${seed}): interp r0 0x${want.toString(16)}, native 0x${got.toString(16)}; memory ${memOk ? 'equal' : 'differs'}\n${listing.slice(0, 6000)}`,
  );
}

/** @bpfkit/liveness's register liveness for the JIT, or undefined when the analysis declines the program. */
function liveRegs(p: Program): Uint16Array | undefined {
  try {
    return runStandalone(liveness, p).liveRegsBefore;
  } catch (e) {
    if (e instanceof BpfError) return undefined;
    throw e;
  }
}

function checkBatch(seeds: readonly number[], mode: number): void {
  const sandbox = mode === 0;
  const cases = seeds.map((s) => genProgram(s));
  // Mode 1: the JIT uses liveness results (dead callee-saved writes dropped) — one program per batch
  // object, since each has its own liveness.
  const nps =
    mode === 1
      ? cases.map((c) => new NativeProgram(c.program, { helpers, kfuncs, mayGotoBudget: FUZZ_MAY_GOTO, liveRegsBefore: liveRegs(c.program) }))
      : NativeProgram.loadBatch(cases.map((c) => c.program), { helpers, kfuncs, mayGotoBudget: FUZZ_MAY_GOTO, sandbox });
  try {
    cases.forEach((c, k) => {
      stats.programs++;
      stats.insns += c.program.length;
      const memI = c.mem.slice();
      const memN = c.mem.slice();
      const want = new Interpreter(c.program, { helpers, kfuncs, mayGotoBudget: FUZZ_MAY_GOTO }).run({ mem: memI }).r0;
      const got = nps[k]!.run({ mem: memN }).r0;
      const memOk = memN.every((v, i) => v === memI[i]);
      if (got !== want || !memOk) throw mismatch(seeds[k]!, mode, want, got, memOk, nps[k]!.listing());
    });
  } finally {
    for (const np of nps) np.dispose();
  }
}

/** Run part `part` (0 or 1) of the differential fuzzing: half of FUZZ_RUNS programs. */
export function runDifferentialFuzz(part: number): void {
  const runs = Math.ceil(FUZZ_RUNS / 2);
  if (ONLY !== undefined) {
    for (const mode of [0, 1, 2]) checkBatch([ONLY], mode);
    return;
  }
  const t0 = Date.now();
  fc.assert(
    fc.property(fc.array(fc.integer({ min: 0, max: 0x7fffffff }), { minLength: BATCH, maxLength: BATCH }), fc.integer({ min: 0, max: 7 }), (seeds, k) =>
      checkBatch(seeds, k < 2 ? 0 : k === 2 && WITH_LIVENESS ? 1 : 2),
    ),
    { numRuns: Math.ceil(runs / BATCH), seed: SEED === undefined ? undefined : SEED + part, endOnFailure: true },
  );
  const ms = Date.now() - t0;
  // The totals reporter shows console output; keep one line for the report.
  console.log(`fuzz part ${part + 1}: ${stats.programs} programs, ${stats.insns} instructions, ${ms} ms`);
  expect(stats.programs).toBeGreaterThanOrEqual(runs);
}
