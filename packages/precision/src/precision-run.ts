// The plain-function API: precision for a traced interpreter run (the path the reference
// interpreter took stands in for the verifier state's history) or for a user-supplied jump
// history. Which visit of which instruction asks for precision, and for what, is the request.
import { Interpreter, type RunProgramOptions, type Trace } from '@bpfkit/interp';
import { BpfError, type Program, isBpfError } from '@bpfkit/ir';
import { type BacktrackPath, type JumpHistory, pathFromHistory, truncatePath } from './history.js';
import { type BacktrackOptions, type PrecisionRequest, type PrecisionResult, markChainPrecision } from './mark-chain-precision.js';
import { pathFromTrace } from './trace-path.js';

export interface PrecisionAt extends PrecisionRequest, BacktrackOptions {
  /** The instruction asking for precision. Default: the last instruction of the path. */
  readonly insn?: number;
  /** Which visit of `insn` (0-based; negative counts from the end). Default -1, the last. */
  readonly visit?: number;
}

function select(path: BacktrackPath, at: PrecisionAt): BacktrackPath {
  return at.insn === undefined ? path : truncatePath(path, at.insn, at.visit ?? -1);
}

/** Precision over an interpreter trace (Interpreter.run({ trace: true }).trace). */
export function precisionFromTrace(program: Program, trace: Trace, at: PrecisionAt): PrecisionResult {
  return markChainPrecision(program, select(pathFromTrace(trace, program), at), at, at);
}

/** Run `program` on @bpfkit/interp with tracing (a run ending in a BpfError keeps its trace) and backtrack over its path. */
export function precisionFromRun(program: Program, at: PrecisionAt, run: RunProgramOptions = {}): PrecisionResult {
  const it = new Interpreter(program, run);
  let trace: Trace | undefined;
  try {
    trace = it.run({ ...run, trace: true }).trace;
  } catch (e) {
    if (!isBpfError(e)) throw e;
    trace = it.lastTrace;
    if (trace === undefined) throw e;
  }
  if (trace === undefined || trace.steps === 0) throw new BpfError('OPTION', 'the run executed no instruction', { pass: 'precision' });
  return precisionFromTrace(program, trace, at);
}

/** Precision over a user-supplied jump history (one verifier state). */
export function precisionFromHistory(program: Program, history: JumpHistory, at: PrecisionAt): PrecisionResult {
  return markChainPrecision(program, select(pathFromHistory(program, history), at), at, { ...at, frame: at.frame ?? history.frame });
}
