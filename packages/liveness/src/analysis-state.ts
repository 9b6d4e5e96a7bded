// The shared state of one stack-liveness run — what the kernel keeps in env->liveness,
// env->callsite_at_stack and the per-subprog struct subprog_at_info: the interned value pools,
// the function instances keyed by (callsite, depth), the callers' spill-slot snapshots at call
// sites, the arg-tracking entry states kept for subprograms whose analysis is still active,
// the callchain being analysed and the complexity counter.
import type { KernelPrintOptions, Program } from '@bpfkit/ir';
import { ArgTrackPool } from './arg-track.js';
import type { CallTables } from './call-protos.js';
import type { Postorder } from './cfg-order.js';
import type { ConstFacts } from './const-facts.js';
import { MAX_CALL_FRAMES } from './constants.js';
import { FuncInstance } from './instance.js';
import { SpisPool } from './spis.js';

export interface StackLivenessConfig {
  readonly program: Program;
  readonly postorder: Postorder;
  readonly tables: CallTables;
  readonly facts: ConstFacts;
  /** Track stack-argument slots (r11) — false analyses as the kernel did before the series. */
  readonly stackArgTracking: boolean;
  /** BPF_LOG_LEVEL2 sink: arg-tracking trace lines. Undefined = no trace (and no cost). */
  readonly log?: (line: string) => void;
  /** Keep each function's converged arg_track entry states (LivenessResult.fpArgsAt). */
  readonly keepArgTrackIn?: boolean;
  readonly printOptions: KernelPrintOptions;
}

/** Instances map key: depth 0 uses the subprogram start, deeper ones the call instruction. */
export const instanceKey = (callsite: number, depth: number): number => callsite * MAX_CALL_FRAMES + depth;

export class AnalysisState {
  readonly at = new ArgTrackPool();
  readonly spis = new SpisPool();
  readonly instances = new Map<number, FuncInstance>();
  /** env->callsite_at_stack: caller spill tracks (64 ids) at pseudo calls and callback calls. */
  readonly callsiteAtStack = new Map<number, Uint32Array>();
  /** info[subprog].at_in (18 ids per insn) while an analysis of that subprog is active. */
  readonly atIn: (Uint32Array | null)[];
  /** With cfg.keepArgTrackIn: the last analysed instance's atIn per function, kept for the result. */
  readonly finalAtIn: (Uint32Array | null)[];
  /** info[subprog].at_in != NULL: the subprogram has been analysed at least once. */
  readonly analysed: Uint8Array;
  /** How many analyze_subprog() activations of each subprogram are on the stack. */
  readonly active: Int32Array;
  /** callsites[f] = call insn in frame f that entered frame f+1 (the chain being analysed). */
  readonly callsites = new Int32Array(MAX_CALL_FRAMES);
  subprogCalls = 0;
  /** Free zeroable buffers by power-of-two capacity (per-subprogram state is short-lived). */
  readonly #free = new Map<number, Uint32Array[]>();

  /** A zero-filled Uint32Array view of `n` elements from the buffer pool. */
  takeBuffer(n: number): Uint32Array {
    let cap = 64;
    while (cap < n) cap *= 2;
    const list = this.#free.get(cap);
    const buf = list?.pop() ?? new Uint32Array(cap);
    buf.fill(0, 0, n);
    return buf.subarray(0, n);
  }

  /** Return a buffer obtained from takeBuffer(). */
  giveBuffer(view: Uint32Array): void {
    const buf = new Uint32Array(view.buffer);
    const cap = buf.length;
    let list = this.#free.get(cap);
    if (!list) this.#free.set(cap, (list = []));
    if (list.length < 16) list.push(buf);
  }

  constructor(readonly cfg: StackLivenessConfig) {
    const nf = cfg.program.funcs.length;
    this.atIn = new Array<Uint32Array | null>(nf).fill(null);
    this.finalAtIn = new Array<Uint32Array | null>(nf).fill(null);
    this.analysed = new Uint8Array(nf);
    this.active = new Int32Array(nf);
  }

  /** call_instance(): the instance for `subprog` called at `callsite` from depth `depth - 1`. */
  callInstance(depth: number, callsite: number, subprog: number): FuncInstance {
    const f = this.cfg.program.funcs[subprog]!;
    const key = depth > 0 ? callsite : f.start;
    const k = instanceKey(key, depth);
    let inst = this.instances.get(k);
    if (!inst) {
      inst = new FuncInstance(key, depth, subprog, f.start, f.end - f.start);
      this.instances.set(k, inst);
    }
    return inst;
  }
}
