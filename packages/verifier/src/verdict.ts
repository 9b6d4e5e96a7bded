// The verifier's answer (what bpf_check() returns plus what it leaves in env->subprog_info):
// accepted or the first error with the kernel's message, the log lines, and per-subprogram
// facts the JITs and the stack-argument rules use (incoming/outgoing slot counts, stack depth).
import type { BpfError } from '@bpfkit/ir';

/** struct bpf_subprog_info, the parts this package computes. */
export interface SubprogFacts {
  readonly index: number;
  readonly start: number;
  readonly end: number;
  readonly name: string | undefined;
  /** C argument count (BTF), undefined when unknown (then no incoming stack arguments). */
  readonly argCount: number | undefined;
  /** bpf_in_stack_arg_cnt(): incoming stack-argument slots. */
  readonly inStackArgs: number;
  /** max_out_stack_arg_cnt: highest outgoing slot written + 1. */
  readonly maxOutStackArgs: number;
  /** stack_arg_cnt - in: outgoing slots the callees require. */
  readonly requiredOutStackArgs: number;
  /** stack_depth (bytes below R10 this subprog touches, from constant frame offsets). */
  readonly stackDepth: number;
  readonly isGlobal: boolean;
  /** Passed as a callback to a helper/kfunc (is_cb); async when given to bpf_timer_set_callback. */
  readonly isCallback: boolean;
  readonly isAsyncCallback: boolean;
  readonly hasTailCall: boolean;
  readonly tailCallReachable: boolean;
  /** Verified (reached by the emulation of do_check). */
  readonly verified: boolean;
}

export interface VerifierResult {
  readonly ok: boolean;
  /** The first error, with the kernel's message, its instruction and errno. */
  readonly error?: BpfError;
  /** Verifier log: `func#N @start` lines, then the error message when rejected. */
  readonly log: readonly string[];
  readonly subprogs: readonly SubprogFacts[];
  /** Back-edges found by check_cfg (accepted only with allowLoops). */
  readonly backEdges: readonly (readonly [from: number, to: number])[];
  /** Instructions processed by the do_check emulation (the kernel's insn_processed analogue). */
  readonly processed: number;
}
