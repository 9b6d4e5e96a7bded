// The `liveness` analysis pass: bpf_compute_live_registers() as the kernel runs it — stack
// liveness with argument tracking (bpf_compute_subprog_arg_access()) first, then register
// liveness — over a Program and const-fold's results. print<liveness> renders what the kernel
// logs at BPF_LOG_LEVEL2: (with log-level=2, the arg-tracking trace,) the "stack use/def"
// instances, then the "Live regs before insn:" table.
//
// Options (ctx.options, `set k=v` in filetests):
//   stack-arg-tracking=false   analyse as before the stack-argument series (r11 slots untracked)
//   log-level=2                also produce/log the BPF_LOG_LEVEL2 trace
//   arg-track-state=true       keep the arg-tracking states for LivenessResult.fpArgsAt() (implied by log-level=2)
//   kfunc.<id>=name(args)      kfunc prototypes;  helper.<id>=…  helper prototypes
//   map.<index>=K:V            map key/value sizes (see call-protos.ts)
import { defineAnalysis, type AnalysisPass, type KernelPrintOptions, type PassContext, type Program } from '@bpfkit/ir';
import { constFold } from '@bpfkit/const-fold';
import { computeSubprogArgAccess } from './analyze.js';
import { callTablesFrom, type CallProto, type CallTables, type MapShape } from './call-protos.js';
import { computePostorder } from './cfg-order.js';
import type { ConstFacts } from './const-facts.js';
import { computeLiveRegs, formatLiveRegs } from './live-regs.js';
import { formatInstances } from './print-instances.js';
import { makeResult, type LivenessResult } from './result.js';

export interface LivenessConfig {
  /** kfunc prototypes by BTF id (merged under `kfunc.<id>` options). */
  readonly kfuncs?: ReadonlyMap<number, CallProto> | Readonly<Record<number, CallProto>>;
  /** Helper prototypes by id; default: the built-in table (BUILTIN_HELPER_PROTOS). */
  readonly helpers?: ReadonlyMap<number, CallProto> | Readonly<Record<number, CallProto>>;
  /** Map shapes by the map index const-fold reports. */
  readonly maps?: ReadonlyMap<number, MapShape> | Readonly<Record<number, MapShape>>;
  /** Where constant facts come from (default: ctx.get(constFold)). */
  readonly constFacts?: (ctx: PassContext) => ConstFacts;
}

const toMap = <V>(m: ReadonlyMap<number, V> | Readonly<Record<number, V>> | undefined): Map<number, V> | undefined =>
  m === undefined ? undefined : m instanceof Map ? new Map(m) : new Map(Object.entries(m).map(([k, v]) => [Number(k), v as V]));

export const printOptionsFor = (tables: CallTables): KernelPrintOptions => ({
  kfuncName: (id) => tables.kfuncs.get(id)?.name,
});

/** Run both analyses on `program` (the pass body, usable without a pass manager). */
export function analyzeLiveness(program: Program, facts: ConstFacts, opts: {
  tables: CallTables; stackArgTracking?: boolean; logLevel?: number; log?: (line: string) => void; keepArgTrackIn?: boolean;
}): LivenessResult {
  const tables = opts.tables;
  const stackArgTracking = opts.stackArgTracking ?? true;
  const printOptions = printOptionsFor(tables);
  const postorder = computePostorder(program);
  let trace: string[] | undefined;
  let log: ((line: string) => void) | undefined;
  if ((opts.logLevel ?? 0) >= 2) {
    trace = [];
    const sink = opts.log;
    log = (line) => {
      trace!.push(line);
      sink?.(line);
    };
  }
  const keepArgTrackIn = opts.keepArgTrackIn === true || (opts.logLevel ?? 0) >= 2;
  const st = computeSubprogArgAccess({ program, postorder, tables, facts, stackArgTracking, log, printOptions, keepArgTrackIn });
  const liveRegsBefore = computeLiveRegs(program, postorder, tables);
  return makeResult({
    program, liveRegsBefore, instances: st.instances, masks: st.spis, argTracks: st.at, tables, stackArgTracking, trace, argTrackIn: st.finalAtIn,
  });
}

/** The liveness pass with extra prototype tables (kfuncs, helpers, maps). */
export function createLiveness(config: LivenessConfig = {}): AnalysisPass<LivenessResult> {
  const base: Partial<CallTables> = {};
  const kf = toMap(config.kfuncs), hp = toMap(config.helpers), mp = toMap(config.maps);
  if (kf) (base as { kfuncs?: Map<number, CallProto> }).kfuncs = kf;
  if (hp) (base as { helpers?: Map<number, CallProto> }).helpers = hp;
  if (mp) (base as { maps?: Map<number, MapShape> }).maps = mp;
  return defineAnalysis<LivenessResult>({
    name: 'liveness',
    description: 'register liveness and stack liveness with argument tracking (kernel/bpf/liveness.c)',
    run(ctx) {
      const tables = callTablesFrom(ctx.options, base);
      const facts = config.constFacts ? config.constFacts(ctx) : (ctx.get(constFold) as ConstFacts);
      const logLevel = Number(ctx.options['log-level'] ?? 0);
      const stackArgTracking = ctx.options['stack-arg-tracking'] !== false && ctx.options['stack-arg-tracking'] !== 'false';
      const keepArgTrackIn = ctx.options['arg-track-state'] === true || ctx.options['arg-track-state'] === 'true';
      const result = analyzeLiveness(ctx.program, facts, { tables, stackArgTracking, logLevel, log: (l) => ctx.log(l), keepArgTrackIn });
      if (logLevel >= 2) {
        // The rest of what the kernel logs at BPF_LOG_LEVEL2: the instances, then the table.
        const opts = printOptionsFor(tables);
        for (const l of formatInstances(ctx.program, result.masks, result.instances, opts)) ctx.log(l);
        for (const l of formatLiveRegs(ctx.program, result.liveRegsBefore, opts)) ctx.log(l);
      }
      return result;
    },
    print(result, program) {
      const opts = printOptionsFor(result.tables);
      const lines = [...(result.trace ?? [])];
      lines.push(...formatInstances(program, result.masks, result.instances, opts));
      lines.push(...formatLiveRegs(program, result.liveRegsBefore, opts));
      return lines.join('\n') + '\n';
    },
  });
}

/** `import { liveness } from '@bpfkit/liveness'`: the pass with the built-in tables. */
export const liveness: AnalysisPass<LivenessResult> = createLiveness();
