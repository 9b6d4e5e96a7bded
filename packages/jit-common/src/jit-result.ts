// Building and querying a JitResult (the @bpfkit/ir codegen contract): the machine code, the
// BPF-instruction -> byte-offset map (the kernel's `addrs[]`, as start offsets), the function
// table (prologue / body / epilogue of each subprogram, like bpf_prog_aux->func[]), the
// relocations a loader must patch (helper and kfunc call targets), and the non-BPF stubs
// (entry trampoline, error exits). buildJitResult() checks the invariants once so loaders and
// printers can trust them: offsets are non-decreasing and inside the code, there is one
// offset per instruction slot plus one for the end, functions are in order and disjoint,
// relocations lie inside the code. (Object spread into a result literal is avoided on purpose:
// V8 makes such objects slowly; results are built as plain literals.)
import { BpfError, type JitFunction, type JitRelocation, type JitResult } from '@bpfkit/ir';

/** A function of the image with its prologue/body/epilogue boundaries. */
export interface JitFunctionLayout extends JitFunction {
  /** One past the function's last BPF instruction. */
  readonly end: number;
  /** Byte offset of the code of the function's first instruction (after the prologue). */
  readonly bodyOffset: number;
  /** Byte offset of the epilogue. */
  readonly epilogueOffset: number;
}

/** Code that belongs to no BPF instruction: entry trampoline, shared error exits, checkers. */
export interface JitStub {
  readonly name: string;
  readonly offset: number;
  readonly size: number;
}

/** A JitResult with function layouts and stubs (what jit-common's printers and loaders use). */
export interface JitImage extends JitResult {
  readonly funcs: readonly JitFunctionLayout[];
  readonly stubs: readonly JitStub[];
}

export interface JitImageInput {
  readonly arch: string;
  readonly code: Uint8Array;
  readonly insnOffsets: Int32Array;
  readonly funcs: readonly JitFunctionLayout[];
  readonly relocations: readonly JitRelocation[];
  readonly stubs: readonly JitStub[];
}

function bad(msg: string): never {
  throw new BpfError('INTERNAL', `invalid JIT result: ${msg}`);
}

/**
 * Index of the first offset that is smaller than its predecessor or larger than `limit`, or -1.
 * (Function boundaries may step over an epilogue/prologue, never backwards.) A small
 * monomorphic function so the loop is optimized early.
 */
function firstUnordered(a: Int32Array, limit: number): number {
  let last = 0;
  for (let i = 0; i < a.length; i++) {
    const o = a[i]!;
    if (o < last || o > limit) return i;
    last = o;
  }
  return -1;
}

/** Check the invariants of a JIT image (BpfError INTERNAL naming the first violation). */
export function checkJitImage(input: JitImageInput, programLength: number): void {
  const { code, insnOffsets, funcs, relocations, stubs } = input;
  if (insnOffsets.length !== programLength + 1) bad(`insnOffsets has ${insnOffsets.length} entries for ${programLength} instructions`);
  const badAt = firstUnordered(insnOffsets, code.length);
  if (badAt >= 0) bad(`insnOffsets[${badAt}] = ${insnOffsets[badAt]} goes backwards or past the code (${code.length} bytes)`);
  let prevEnd = 0;
  for (let k = 0; k < funcs.length; k++) {
    const f = funcs[k]!;
    if (f.index !== k) bad(`function ${k} has index ${f.index}`);
    if (f.offset < prevEnd) bad(`function ${k} overlaps the previous one`);
    if (!(f.offset <= f.bodyOffset && f.bodyOffset <= f.epilogueOffset && f.epilogueOffset <= f.offset + f.size)) bad(`function ${k} boundaries out of order`);
    if (f.offset + f.size > code.length) bad(`function ${k} ends past the code`);
    prevEnd = f.offset + f.size;
  }
  for (const r of relocations) if (r.offset < 0 || r.offset >= code.length) bad(`relocation at ${r.offset} outside the code`);
  for (const s of stubs) if (s.offset < 0 || s.offset + s.size > code.length) bad(`stub ${s.name} outside the code`);
}

/** Validate a JIT image and return it as a JitImage (architectures add their own fields to a copy). */
export function buildJitResult(input: JitImageInput, programLength: number): JitImage {
  checkJitImage(input, programLength);
  return {
    arch: input.arch,
    code: input.code,
    insnOffsets: input.insnOffsets,
    funcs: input.funcs,
    relocations: input.relocations,
    stubs: input.stubs,
  };
}

/**
 * The BPF instruction whose code contains byte `offset`: the last instruction that starts at
 * or before it (zero-length instructions before it are skipped by construction), or -1 when
 * the byte lies before the first instruction. Prologue bytes of a function map to the
 * previous function's last instruction; callers that care use JitFunctionLayout.bodyOffset.
 */
export function insnAtOffset(insnOffsets: Int32Array, offset: number): number {
  let lo = 0;
  let hi = insnOffsets.length - 2;
  let ans = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (insnOffsets[mid]! <= offset) {
      ans = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return ans;
}
