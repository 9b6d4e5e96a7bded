// One-shot entry points over Interpreter: runProgram() for "just give me R0" callers (the
// CLI's `bpfkit run`, JIT differential tests) and interpret() for the full result.
import type { Program } from '@bpfkit/ir';
import { Interpreter } from './interpreter.js';
import type { InterpreterOptions, RunOptions, RunResult } from './options.js';

export type RunProgramOptions = InterpreterOptions & RunOptions;

/** Run `program` once and return R0 (unsigned 64-bit). Throws BpfError. */
export function runProgram(program: Program, options: RunProgramOptions = {}): bigint {
  return new Interpreter(program, options).run(options).r0;
}

/** Run `program` once and return R0, the step count and, if requested, the trace. Throws BpfError. */
export function interpret(program: Program, options: RunProgramOptions = {}): RunResult {
  return new Interpreter(program, options).run(options);
}
