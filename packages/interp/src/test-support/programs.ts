// Test-only helpers: build a Program from kernel-style instruction builders, run it, and
// capture the BpfError a run must raise.
import { BpfError, Program, type FuncMeta, type Insn } from '@bpfkit/ir';
import { Interpreter } from '../interpreter.js';
import type { InterpreterOptions, RunOptions } from '../options.js';

export type InsnLike = Insn | readonly Insn[];

export const prog = (insns: readonly InsnLike[], funcs?: readonly FuncMeta[]): Program =>
  Program.fromInsns(insns.flat() as Insn[], funcs ? { funcs } : {});

export const run = (insns: readonly InsnLike[], opts: InterpreterOptions & RunOptions = {}, funcs?: readonly FuncMeta[]): bigint =>
  new Interpreter(prog(insns, funcs), opts).run(opts).r0;

export function errorOf(f: () => unknown): BpfError {
  try {
    f();
  } catch (e) {
    if (e instanceof BpfError) return e;
    throw e;
  }
  throw new Error('expected a BpfError, but the run succeeded');
}

export const runError = (insns: readonly InsnLike[], opts: InterpreterOptions & RunOptions = {}, funcs?: readonly FuncMeta[]): BpfError =>
  errorOf(() => run(insns, opts, funcs));

export const U64 = (x: bigint): bigint => BigInt.asUintN(64, x);
export const S64 = (x: bigint): bigint => BigInt.asIntN(64, x);
export const U32 = (x: bigint): bigint => BigInt.asUintN(32, x);
export const S32 = (x: bigint): bigint => BigInt.asIntN(32, x);
