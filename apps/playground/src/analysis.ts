// Everything the panes show, computed from one request with the bpfkit packages exactly as
// the CLI wires them (packages/cli/src/run-cli.ts and commands/*): parse (kernel syntax, the
// bpf_conformance dialect or hex bytes), then the passes through a PassManager with the
// pipeline's caching (const-fold feeds liveness and prune-dead-branches), the verifier
// (`bpfkit verify`), both JITs with their listings (`bpfkit jit --arch …`), the reference
// interpreter with a trace (`bpfkit run --trace`) and precision backtracking over that trace
// (`print<precision>` with `trace=run`). DOM-free: it runs in the worker and under jest.
import { conformanceMemoryBytes, parseConformance, parseKernel, splitConformanceDataFile } from '@bpfkit/asm';
import { constFold, printConstFold, pruneDeadBranches } from '@bpfkit/const-fold';
import { decode, hexToBytes } from '@bpfkit/decoder';
import { CONFORMANCE_HELPERS, Interpreter, ObjectHost, expandPath, type HostMapSpec, type Trace } from '@bpfkit/interp';
import { isBpfError, printKernelInsn, type Program } from '@bpfkit/ir';
import { jitArm64Compile, printArm64Listing } from '@bpfkit/jit-arm64';
import { jitX8664Compile, printX8664Listing } from '@bpfkit/jit-x86-64';
import { fmtSpisMask, liveness, MAY_READ, MUST_WRITE, SPIS_ZERO, type LivenessResult } from '@bpfkit/liveness';
import { PassManager } from '@bpfkit/pipeline';
import { precisionFromTrace } from '@bpfkit/precision';
import { formatVerdict, verifierOptionsFrom, verify } from '@bpfkit/verifier';
import { layoutCfg } from './cfg-layout.js';
import { parseListing } from './jit-listing.js';
import type {
  AnalyzeRequest, AnalyzeResult, ConstFoldView, LivenessView, MapSpec, PrecisionView, ProgramView, ResolvedFormat, RunView, Stage,
  StackInstanceView, StageError, VerifierView,
} from './protocol.js';
import { guessFormat, mapLines } from './source-map.js';

/** Interpreter budget: enough for any hand-written program, small enough to stay interactive. */
export const RUN_BUDGET = 2_000_000;
/** Steps of the path sent to the page. */
export const TRACE_SHOWN = 2000;

export function stageError(stage: string, e: unknown): StageError {
  if (isBpfError(e)) return { stage, message: e.message, code: e.code, insn: e.insn, line: e.line, column: e.column, errno: e.errno };
  return { stage, message: e instanceof Error ? e.message : String(e), code: 'INTERNAL', insn: -1 };
}

function stage<T>(name: string, timings: Record<string, number>, f: () => T): Stage<T> {
  const t0 = performance.now();
  try {
    return { ok: true, value: f() };
  } catch (e) {
    return { ok: false, error: stageError(name, e) };
  } finally {
    timings[name] = performance.now() - t0;
  }
}

interface Parsed {
  readonly program: Program;
  readonly format: ResolvedFormat;
  /** Text the instructions came from and the line it starts at (a `.data` file's asm section). */
  readonly asmText: string;
  readonly firstLine: number;
  /** Memory from a `.data` file's `-- mem` section. */
  readonly dataMem: Uint8Array | undefined;
}

export function parseSource(text: string, requested: AnalyzeRequest['format']): Parsed {
  const format = guessFormat(text, requested);
  switch (format) {
    case 'hex':
      return { program: decode(hexToBytes(text)), format, asmText: text, firstLine: 1, dataMem: undefined };
    case 'conformance': {
      if (/^\s*--\s*asm/m.test(text)) {
        const file = splitConformanceDataFile(text);
        const asm = file.section('asm')!;
        const mem = file.section('mem');
        return {
          program: parseConformance(asm.text, { firstLine: asm.firstLine }), format, asmText: asm.text, firstLine: asm.firstLine,
          dataMem: mem ? conformanceMemoryBytes(mem) : undefined,
        };
      }
      return { program: parseConformance(text), format, asmText: text, firstLine: 1, dataMem: undefined };
    }
    case 'kernel':
      return { program: parseKernel(text), format, asmText: text, firstLine: 1, dataMem: undefined };
  }
}

/** Line of the `insn`-th 8-byte group of hex text (one instruction per line), for decode errors. */
function hexLine(text: string, insn: number): number | undefined {
  const lines = text.split('\n');
  let k = 0;
  for (let l = 0; l < lines.length; l++) {
    const d = lines[l]!.replace(/0x/gi, '').replace(/[\s,]+/g, '');
    if (d === '') continue;
    if (d.length !== 16) return undefined;
    if (k++ === insn) return l + 1;
  }
  return undefined;
}

export function programView(p: Program, lineOf: Int32Array | null): ProgramView {
  const text: string[] = new Array(p.length);
  const secondHalf = new Uint8Array(p.length);
  for (let i = 0; i < p.length; i++) {
    if (p.isSecondHalf(i)) {
      secondHalf[i] = 1;
      text[i] = '';
    } else text[i] = printKernelInsn(p, i);
  }
  return {
    length: p.length, text, secondHalf, funcOf: p.funcOf.slice(),
    funcs: p.funcs.map((f) => ({ index: f.index, start: f.start, end: f.end, name: f.name, argCount: f.argCount })),
    lineOf,
  };
}

/**
 * The arg-tracking state shown on each instruction: the registers and stack-argument slots
 * holding a frame pointer on entry, on loads, stores and calls — what the kernel's
 * BPF_LOG_LEVEL2 listing annotates — from liveness's fpArgsAt() (option arg-track-state).
 */
export function argTrackOf(p: Program, lv: LivenessResult): string[] {
  const out: string[] = new Array(p.length);
  for (let i = 0; i < p.length; i++) {
    const c = p.code[i]!;
    const cls = c & 0x07;
    out[i] = cls === 0x01 /* LDX */ || cls === 0x03 /* STX */ || c === 0x85 /* call */ ? lv.fpArgsAt(i) : '';
  }
  return out;
}

export function livenessView(p: Program, lv: LivenessResult): LivenessView {
  const instances: StackInstanceView[] = [];
  const sorted = [...lv.instances].sort((a, b) => a.callsite - b.callsite || a.depth - b.depth);
  for (const inst of sorted) {
    const f = p.funcs[inst.subprog]!;
    const rows: [number, string, string][] = [];
    for (let j = 0; j < inst.len; j++) {
      const idx = inst.start + j;
      if (p.isSecondHalf(idx)) continue;
      let use = '';
      let def = '';
      for (let fr = inst.depth; fr >= 0; fr--) {
        const a = inst.frames[fr];
        if (!a) continue;
        const mr = a[3 * j + MAY_READ]!;
        if (mr !== SPIS_ZERO) use += fmtSpisMask(lv.masks, fr, use === '', mr);
        const mw = a[3 * j + MUST_WRITE]!;
        if (mw !== SPIS_ZERO) def += fmtSpisMask(lv.masks, fr, def === '', mw);
      }
      rows.push([idx, use, def]);
    }
    instances.push({
      title: `stack use/def subprog#${inst.subprog}${f.name ? ` ${f.name}` : ''} (d${inst.depth},cs${inst.callsite})`,
      subprog: inst.subprog, depth: inst.depth, callsite: inst.callsite, rows,
    });
  }
  return { liveRegsBefore: lv.liveRegsBefore.slice(), argTrack: argTrackOf(p, lv), instances, text: '' };
}

const CONST_LINE = /^(\d+): .*?\s+; (.*)$/;

export function constFoldView(p: Program, text: string, pruned: Program): ConstFoldView {
  const after: string[] = new Array(p.length).fill('');
  for (const line of text.split('\n')) {
    const m = CONST_LINE.exec(line);
    if (m && Number(m[1]) < p.length) after[Number(m[1])] = m[2]!;
  }
  const changes: { insn: number; before: string; after: string }[] = [];
  const prunedText: string[] = new Array(p.length);
  for (let i = 0; i < p.length; i++) {
    prunedText[i] = pruned.isSecondHalf(i) ? '' : printKernelInsn(pruned, i);
    if (pruned !== p && (pruned.code[i] !== p.code[i] || pruned.off[i] !== p.off[i] || pruned.imm[i] !== p.imm[i]))
      changes.push({ insn: i, before: printKernelInsn(p, i), after: prunedText[i]! });
  }
  return { after, text, pruned: changes, prunedText };
}

function regList(mask: number): string {
  const r: string[] = [];
  for (let k = 0; k < 10; k++) if (mask & (1 << k)) r.push(`r${k}`);
  return r.join(',');
}

function stackList(mask: bigint): string {
  const r: string[] = [];
  for (let spi = 0; spi < 64; spi++) if ((mask >> BigInt(spi)) & 1n) r.push(`fp-${8 * (spi + 1)}`);
  return r.join(',');
}

/** Stack-argument slot bits (bit 0 = argument 6) as `6..8,11`. */
export function argRanges(bits: number): string {
  const out: string[] = [];
  for (let b = 0; b < 8; b++) {
    if (!(bits & (1 << b))) continue;
    let e = b;
    while (e + 1 < 8 && bits & (1 << (e + 1))) e++;
    out.push(e > b ? `${b + 6}..${e + 6}` : `${b + 6}`);
    b = e;
  }
  return out.join(',');
}

/** A map from the request as ObjectHost takes it (initial contents from hex). */
export function hostMapSpec(m: MapSpec): HostMapSpec {
  const initial = m.initial ? Uint8Array.from(m.initial.match(/../g) ?? [], (h) => parseInt(h, 16)) : undefined;
  return { name: m.name, type: m.type, keySize: m.keySize, valueSize: m.valueSize, maxEntries: m.maxEntries, flags: m.flags, section: m.section, ...(initial ? { initial } : {}) };
}

export function memoryBytes(mem: string, dataMem: Uint8Array | undefined): Uint8Array {
  if (mem.trim() === '' && dataMem) return dataMem;
  return hexToBytes(mem);
}

/** Analysis state kept between requests: a request that changes only the precision question reuses the rest. */
export class Analyzer {
  #key = '';
  #last: { result: AnalyzeResult; program: Program; trace: Trace | undefined } | undefined;

  analyze(req: AnalyzeRequest): AnalyzeResult {
    const key = JSON.stringify([req.text, req.format, req.mem, req.options]);
    if (this.#last && key === this.#key) {
      const timings: Record<string, number> = {};
      const precision = req.part === 'jit' ? undefined : this.#precision(req, this.#last.program, this.#last.trace, timings);
      const result = { ...this.#last.result, seq: req.seq, precision, timings };
      this.#last = { ...this.#last, result };
      return result;
    }
    this.#key = key;
    this.#last = undefined;
    const out = this.#full(req);
    if (out.program) this.#last = out as { result: AnalyzeResult; program: Program; trace: Trace | undefined };
    return out.result;
  }

  #precision(req: AnalyzeRequest, p: Program, trace: Trace | undefined, timings: Record<string, number>): Stage<PrecisionView> | undefined {
    if (!req.showPrecision) return undefined;
    return stage('precision', timings, () => {
      if (!trace || trace.steps === 0) throw new Error('the run executed no instruction (precision backtracks over the run’s path)');
      const reg = req.precision.reg;
      const r = precisionFromTrace(p, trace, { ...(req.precision.insn !== null ? { insn: req.precision.insn } : {}), regs: [reg] });
      const steps: PrecisionView['steps'][number][] = [];
      for (let k = 0; k < r.count; k++) {
        const fr = r.frame[k]!;
        // Outgoing stack-argument slots of any frame (a callee's r11 load hands the requirement
        // to its caller's slot): `arg6..8`, `f0:arg11` for a frame other than the step's.
        const args: string[] = [];
        for (let f = 0; f < 8; f++) {
          const sa = r.stackArgs[k * 8 + f]!;
          if (sa) args.push(`${f === fr ? '' : `f${f}:`}arg${argRanges(sa)}`);
        }
        steps.push({ insn: r.idx[k]!, frame: fr, regs: regList(r.regs[k * 8 + fr]!), stack: [stackList(r.stack[k * 8 + fr]!), args.join(',')].filter(Boolean).join(' ') });
      }
      return { insn: r.lastIdx, reg, log: r.log, steps, fallback: r.fallback };
    });
  }

  #full(req: AnalyzeRequest): { result: AnalyzeResult; program?: Program; trace?: Trace | undefined } {
    const timings: Record<string, number> = {};
    let parsed: Parsed;
    const t0 = performance.now();
    try {
      parsed = parseSource(req.text, req.format);
    } catch (e) {
      timings.parse = performance.now() - t0;
      const format = guessFormat(req.text, req.format);
      const err = stageError(format === 'hex' ? 'decoder' : 'asm', e);
      const line = err.line ?? (format === 'hex' && err.insn >= 0 ? hexLine(req.text, err.insn) : undefined);
      return { result: { seq: req.seq, format, sourceError: { ...err, line }, timings } };
    }
    const p = parsed.program;
    timings.parse = performance.now() - t0;
    const t1 = performance.now();
    const secondHalf = new Uint8Array(p.length);
    for (let i = 0; i < p.length; i++) if (p.isSecondHalf(i)) secondHalf[i] = 1;
    const lineOf = mapLines(parsed.asmText, parsed.format, { length: p.length, secondHalf }, parsed.firstLine);
    const program = programView(p, lineOf);
    timings.print = performance.now() - t1;
    if (p.length === 0)
      return {
        result: {
          seq: req.seq, format: parsed.format, timings,
          sourceError: { stage: 'asm', message: 'the program is empty', code: 'EMPTY', insn: -1 },
        },
      };

    const part = req.part ?? 'all';
    const wantAnalysis = part !== 'jit';
    const wantJit = part !== 'analysis';
    // The jit part needs liveness only for the x86-64 JIT's dead-write elimination (as the
    // jit-x86-64 pass asks for it): no arg-tracking states kept there.
    const pm = new PassManager({ options: { ...(wantAnalysis ? { 'arg-track-state': true } : {}), 'stack-arg-tracking': req.options.stackArgTracking } });
    const cfg = !wantAnalysis ? undefined : stage('cfg', timings, () => {
      const g = p.cfg;
      return layoutCfg({
        length: p.length, funcs: p.funcs, blockStart: g.blockStart, blockEnd: g.blockEnd, blockSuccStart: g.blockSuccStart,
        blockSuccs: g.blockSuccs, blockOf: g.blockOf, text: program.text, isCond: (i) => g.succ[2 * i + 1]! >= 0,
      });
    });
    const cf = !wantAnalysis ? undefined : stage('const-fold', timings, () => {
      const r = pm.getResult(constFold, p);
      const pruned = pm.runPass(pruneDeadBranches, p).program;
      return constFoldView(p, printConstFold(r, p), pruned);
    });
    let lv: LivenessResult | undefined;
    const livenessStage = stage('liveness', timings, () => {
      lv = pm.getResult(liveness, p);
      return wantAnalysis ? livenessView(p, lv) : undefined;
    });
    const verifierStage = !wantAnalysis ? undefined : stage('verifier', timings, (): VerifierView => {
      const r = verify(p, verifierOptionsFrom({ 'allow-loops': req.options.allowLoops, jit: req.options.jit }));
      return {
        ok: r.ok, log: r.log, verdict: formatVerdict(r).trimEnd().split('\n').pop()!,
        error: r.error ? stageError('verifier', r.error) : undefined, processed: r.processed,
        subprogs: r.subprogs.map((s) => ({
          index: s.index, name: s.name ?? `func#${s.index}`, stackDepth: s.stackDepth, inStackArgs: s.inStackArgs, maxOutStackArgs: s.maxOutStackArgs,
        })),
      };
    });
    const x86 = !wantJit ? undefined : stage('jit-x86-64', timings, () => {
      const r = jitX8664Compile(p, { listing: true, ...(lv ? { liveRegsBefore: lv.liveRegsBefore } : {}) });
      return parseListing('x86-64', printX8664Listing(r, p), p.length, r.code.length);
    });
    const arm64 = !wantJit ? undefined : stage('jit-arm64', timings, () => {
      const r = jitArm64Compile(p, { listing: true });
      return parseListing('arm64', printArm64Listing(r, p), p.length, r.code.length);
    });
    let trace: Trace | undefined;
    const run = !wantAnalysis ? undefined : stage('run', timings, (): RunView => {
      const mem = memoryBytes(req.mem, parsed.dataMem);
      // A program from an object runs against its maps (ObjectHost: map helpers, bpf_loop, …);
      // anything else with the bpf_conformance helpers.
      const host = req.maps ? new ObjectHost(req.maps.map(hostMapSpec)) : undefined;
      const it = new Interpreter(p, host ? { helpers: host.helpers, regions: host.regions, ldImm64: host.ldImm64, budget: RUN_BUDGET } : { helpers: CONFORMANCE_HELPERS, budget: RUN_BUDGET });
      try {
        const r = it.run({ mem, trace: true });
        trace = r.trace;
        const path = expandPath(r.trace!, p);
        const shown = Math.min(TRACE_SHOWN, path.idx.length);
        let memOut = '';
        for (let k = 0; k < Math.min(mem.length, 64); k++) memOut += mem[k]!.toString(16).padStart(2, '0') + (k % 8 === 7 ? '  ' : ' ');
        return {
          r0: `0x${r.r0.toString(16)}`, r0Dec: BigInt.asIntN(64, r.r0).toString(), steps: r.steps,
          traceIdx: path.idx.slice(0, shown), traceFrame: path.frame.slice(0, shown), traceTotal: path.idx.length, memOut: memOut.trim(),
        };
      } catch (e) {
        trace = it.lastTrace;
        throw e;
      }
    });
    const precision = wantAnalysis ? this.#precision(req, p, trace, timings) : undefined;
    const livenessOut = livenessStage.ok && livenessStage.value === undefined ? undefined : (livenessStage as Stage<LivenessView>);
    return {
      program: p, trace,
      result: {
        seq: req.seq, format: parsed.format, program, cfg, liveness: livenessOut, constFold: cf, verifier: verifierStage,
        x86, arm64, run, precision, timings,
      },
    };
  }
}
