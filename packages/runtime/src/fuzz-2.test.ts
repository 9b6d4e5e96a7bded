// Differential fuzzing, part 2 of 2 (see test-support/differential.ts): random valid
// programs must give identical R0 and memory on the interpreter and the native x86-64 JIT.
// Together the two parts run BPF_FUZZ_RUNS (default 20 000) programs per run.
import { describe, test } from '@jest/globals';
import { FUZZ_RUNS, runDifferentialFuzz } from './test-support/differential.js';

describe('differential fuzzing: interpreter vs native x86-64 JIT', () => {
  test(`part 2: ${Math.ceil(FUZZ_RUNS / 2)} random valid programs give identical r0 and memory`, () => {
    runDifferentialFuzz(1);
  }, 120_000);
});
