// The data the analysis worker and the page exchange: one request per edit (source text,
// format, run memory, options, the precision question) and one result with everything the
// panes show. Plain data (strings, numbers, typed arrays) so postMessage clones it cheaply.

export type SourceFormat = 'auto' | 'kernel' | 'conformance' | 'hex';
export type ResolvedFormat = Exclude<SourceFormat, 'auto'>;

export interface AnalyzeOptions {
  /** verifier `allow-loops=true` (a bpf_capable loader). */
  readonly allowLoops: boolean;
  /** liveness `stack-arg-tracking` (false = before the stack-argument series). */
  readonly stackArgTracking: boolean;
  /** verifier `jit` (false = the interpreter-only kernel: stack arguments rejected). */
  readonly jit: boolean;
}

export const DEFAULT_OPTIONS: AnalyzeOptions = { allowLoops: false, stackArgTracking: true, jit: true };

export interface PrecisionQuestion {
  /** The instruction asking for precision; null = the last instruction the run executed. */
  readonly insn: number | null;
  /** Register r0..r9. */
  readonly reg: number;
}

/** A map of the object a program came from (@bpfkit/decoder's MapDef, initial contents as hex). */
export interface MapSpec {
  readonly name: string;
  readonly type: number;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags: number;
  readonly section: string;
  readonly initial?: string;
}

export interface AnalyzeRequest {
  readonly seq: number;
  readonly text: string;
  readonly format: SourceFormat;
  /** Input memory for the interpreter, hex text. */
  readonly mem: string;
  /**
   * Set for a program from an object: the run simulates its maps, the map helpers, bpf_loop …
   * (ObjectHost) instead of offering the bpf_conformance helpers.
   */
  readonly maps?: readonly MapSpec[] | null;
  readonly options: AnalyzeOptions;
  readonly precision: PrecisionQuestion;
  /** Is the precision pane open? Backtracking is computed (and drawn on the program) only then. */
  readonly showPrecision: boolean;
  /** The open tabs: hidden tabs are rendered when they are opened. */
  readonly tabs: VisibleTabs;
  /**
   * Which panes this worker computes: the page runs two workers in parallel, one for the
   * analyses, verifier, run and precision ('analysis'), one for the two JITs ('jit'). Default 'all'.
   */
  readonly part?: 'all' | 'analysis' | 'jit';
}

export interface VisibleTabs {
  readonly program: 'live' | 'stack' | 'const';
  readonly side: 'verifier' | 'run' | 'precision';
}

/** A BpfError (or any failure) of one stage, for display. */
export interface StageError {
  readonly stage: string;
  readonly message: string;
  readonly code: string;
  readonly insn: number;
  readonly line?: number | undefined;
  readonly column?: number | undefined;
  readonly errno?: string | undefined;
}

export interface FuncView {
  readonly index: number;
  readonly start: number;
  readonly end: number;
  readonly name: string | undefined;
  readonly argCount: number | undefined;
}

export interface ProgramView {
  /** Instruction slots (ld_imm64 = two). */
  readonly length: number;
  /** Kernel syntax per slot without index; '' for an ld_imm64 second half. */
  readonly text: readonly string[];
  /** 1 for ld_imm64 second halves. */
  readonly secondHalf: Uint8Array;
  readonly funcOf: Uint32Array;
  readonly funcs: readonly FuncView[];
  /** Source line (1-based) of each slot, or null when lines cannot be matched to slots. */
  readonly lineOf: Int32Array | null;
}

export interface CfgBlockView {
  readonly id: number;
  readonly func: number;
  readonly start: number;
  readonly end: number;
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
}

export interface CfgEdgeView {
  readonly from: number;
  readonly to: number;
  /** 'taken' (jump target), 'fall' (conditional fall-through), 'uncond' (goto / straight line), 'back'. */
  readonly kind: 'taken' | 'fall' | 'uncond' | 'back';
  /** SVG path data. */
  readonly d: string;
}

export interface CfgView {
  readonly width: number;
  readonly height: number;
  readonly blocks: readonly CfgBlockView[];
  readonly edges: readonly CfgEdgeView[];
  /** Function title boxes. */
  readonly titles: readonly { readonly func: number; readonly x: number; readonly y: number; readonly text: string }[];
  /** Layout constants the renderer needs. */
  readonly lineHeight: number;
  readonly padX: number;
  readonly padY: number;
}

export interface StackInstanceView {
  readonly title: string;
  readonly subprog: number;
  readonly depth: number;
  readonly callsite: number;
  /** One row per instruction (second halves skipped): [insn, use, def]. */
  readonly rows: readonly (readonly [number, string, string])[];
}

export interface LivenessView {
  /** Bit r: Rr may be read before being written (per slot). */
  readonly liveRegsBefore: Uint16Array;
  /** Argument tracking at each instruction (state before it): `r6=fp0-8 sa0=fp0-8`, '' when none. */
  readonly argTrack: readonly string[];
  readonly instances: readonly StackInstanceView[];
  /** print<liveness> text (the kernel's BPF_LOG_LEVEL2 output). */
  readonly text: string;
}

export interface ConstFoldView {
  /** Per slot: the registers known after the instruction (`R1=8 R2=subprog#1`), '' when none. */
  readonly after: readonly string[];
  readonly text: string;
  /** Slots prune-dead-branches rewrote, with the new text. */
  readonly pruned: readonly { readonly insn: number; readonly before: string; readonly after: string }[];
  /** The pruned program in kernel syntax. */
  readonly prunedText: readonly string[];
}

export interface VerifierView {
  readonly ok: boolean;
  readonly log: readonly string[];
  readonly verdict: string;
  readonly error?: StageError | undefined;
  readonly processed: number;
  readonly subprogs: readonly { readonly index: number; readonly name: string; readonly stackDepth: number; readonly inStackArgs: number; readonly maxOutStackArgs: number }[];
}

export type ListingRow =
  | { readonly k: 'func' | 'note' | 'stub'; readonly text: string }
  | { readonly k: 'insn'; readonly insn: number; readonly text: string; readonly bytes: number }
  | { readonly k: 'mc'; readonly insn: number; readonly off: string; readonly hex: string; readonly label: string; readonly asm: string; readonly n: number };

export interface ListingView {
  readonly arch: string;
  readonly totalBytes: number;
  readonly rows: readonly ListingRow[];
  /** Machine-code bytes of each BPF slot (0 for second halves). */
  readonly bytesPerInsn: Int32Array;
  /** Bytes outside BPF instructions: prologues, epilogues, stubs. */
  readonly overheadBytes: number;
}

export interface RunView {
  readonly r0: string;
  readonly r0Dec: string;
  readonly steps: number;
  /** First steps of the path: insn and frame. */
  readonly traceIdx: Int32Array;
  readonly traceFrame: Uint8Array;
  readonly traceTotal: number;
  readonly memOut: string;
}

export interface PrecisionView {
  readonly insn: number;
  readonly reg: number;
  readonly log: readonly string[];
  /** Backtracked steps, newest first: insn, frame, registers and stack slots (`fp-8`) / outgoing stack-argument slots (`arg6`) precise before it. */
  readonly steps: readonly { readonly insn: number; readonly frame: number; readonly regs: string; readonly stack: string }[];
  readonly fallback: boolean;
}

export type Stage<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: StageError };

export interface AnalyzeResult {
  readonly seq: number;
  readonly format: ResolvedFormat;
  /** Parse/decode failure: nothing else is present. */
  readonly sourceError?: StageError | undefined;
  readonly program?: ProgramView;
  readonly cfg?: Stage<CfgView>;
  readonly liveness?: Stage<LivenessView>;
  readonly constFold?: Stage<ConstFoldView>;
  readonly verifier?: Stage<VerifierView>;
  readonly x86?: Stage<ListingView>;
  readonly arm64?: Stage<ListingView>;
  readonly run?: Stage<RunView>;
  readonly precision?: Stage<PrecisionView>;
  /** Milliseconds per stage, measured in the worker. */
  readonly timings: Readonly<Record<string, number>>;
}

// ---------------------------------------------------------------------------------------
// Worker -> page: the panes are rendered to HTML in the worker and only the blocks that
// changed since the last message travel (the page keeps the same blocks in the DOM).

/** A list pane's new length and its changed blocks (index, HTML of one element). */
export interface BlockPatch {
  readonly n: number;
  readonly changes: readonly (readonly [number, string])[];
}

export type BlockPaneId = 'prog' | 'stack' | 'const' | 'x86' | 'arm64' | 'trace' | 'precSteps' | 'cfgBlocks' | 'cfgEdges';
export type HtmlPaneId = 'x86Sum' | 'armSum' | 'verifier' | 'vbadge' | 'runHead' | 'precHead' | 'precLog' | 'cfgTitles' | 'cfgErr';

export interface ViewMeta {
  readonly slots: number;
  readonly insns: number;
  readonly funcs: number;
  readonly lineOf: Int32Array | null;
  readonly verifierError: StageError | undefined;
  /** CFG drawing size (width, height). */
  readonly cfgSize: readonly [number, number];
}

export interface ViewMessage {
  readonly seq: number;
  readonly part: 'all' | 'analysis' | 'jit';
  readonly format: ResolvedFormat;
  readonly sourceError?: StageError | undefined;
  readonly meta?: ViewMeta;
  readonly blocks: Partial<Record<BlockPaneId, BlockPatch>>;
  readonly html: Partial<Record<HtmlPaneId, string>>;
  /** Worker milliseconds per stage (analysis stages, then `html` for rendering and diffing). */
  readonly timings: Readonly<Record<string, number>>;
  /** Epoch milliseconds (timeOrigin + now) when the worker received the request and posted this. */
  readonly receivedAt: number;
  readonly postedAt: number;
}
