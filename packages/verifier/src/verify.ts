// bpf_check(): the verifier's phases in the kernel's order — check_subprogs(),
// bpf_check_attach_target() for freplace, check_and_resolve_insns(), check_cfg(), do_check()
// (main program, then global subprograms), check_max_stack_depth(), bpf_fixup_call_args() —
// stopping at the first error. Returns a verdict instead of throwing for verification
// failures; only bad options (BpfError 'OPTION') throw.
import { BpfError, type Program, inStackArgCount, isBpfError } from '@bpfkit/ir';
import { checkAttachTarget } from './attach-target.js';
import { checkCfg } from './check-cfg.js';
import { checkInsns } from './check-insns.js';
import { checkMaxStackDepth, type StackDepthFacts } from './check-max-stack-depth.js';
import { checkSubprogs } from './check-subprogs.js';
import { type CheckEnv, doCheck, newCheckEnv } from './do-check.js';
import { PASS } from './errors.js';
import { fixupCallArgs } from './fixup-call-args.js';
import { type VerifierOptions, resolveOptions } from './options.js';
import type { SubprogFacts, VerifierResult } from './verdict.js';

export function verify(program: Program, options: VerifierOptions = {}, sink?: (line: string) => void): VerifierResult {
  const opts = resolveOptions(program, options);
  const log: string[] = [];
  const emit = (line: string): void => {
    log.push(line);
    sink?.(line);
  };
  const env: CheckEnv = newCheckEnv(program, opts, emit);
  let backEdges: (readonly [number, number])[] = [];
  let depthFacts: StackDepthFacts | undefined;
  let error: BpfError | undefined;
  try {
    checkSubprogs(program, emit);
    checkAttachTarget(opts.freplaceArgs);
    checkInsns(program);
    backEdges = checkCfg(program, opts.allowLoops).backEdges;
    doCheck(env);
    depthFacts = checkMaxStackDepth(program, { ...env, jit: opts.jit });
    fixupCallArgs(program, { ...env, jit: opts.jit });
  } catch (e) {
    if (!isBpfError(e)) {
      error = new BpfError('INTERNAL', `verifier failure: ${e instanceof Error ? e.message : String(e)}`, { pass: PASS, cause: e });
    } else error = e;
    emit(error.message);
  }
  const subprogs: SubprogFacts[] = program.funcs.map((f) => ({
    index: f.index,
    start: f.start,
    end: f.end,
    name: f.name,
    argCount: f.argCount,
    inStackArgs: inStackArgCount(f.argCount ?? 0),
    maxOutStackArgs: env.maxOut[f.index]!,
    requiredOutStackArgs: env.reqOut[f.index]!,
    stackDepth: env.stackDepth[f.index]!,
    isGlobal: opts.isGlobal[f.index]!,
    isCallback: env.isCallback[f.index]!,
    isAsyncCallback: env.isAsync[f.index]!,
    hasTailCall: depthFacts?.hasTailCall[f.index] ?? false,
    tailCallReachable: depthFacts?.tailCallReachable[f.index] ?? false,
    verified: env.verified[f.index]!,
  }));
  const base = { log, subprogs, backEdges, processed: env.processed };
  return error === undefined ? { ok: true, ...base } : { ok: false, error, ...base };
}
