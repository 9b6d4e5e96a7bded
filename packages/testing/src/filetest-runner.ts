// Runs one filetest: parse the file, assemble its program, run its pipeline through
// @bpfkit/pipeline, compare the printed output with the `; ` expectation lines, and on a
// mismatch fail with a unified diff. With BPF_TEST_BLESS=1 the expectations are rewritten in
// place instead — refused whenever CI is set, so CI can never make a wrong answer the golden
// one. A BpfError from the parser or a pass is output (`error: <message>`), so expected
// failures are tested the same way; any other exception is a bug and propagates.
import { readFileSync, writeFileSync } from 'node:fs';
import { BpfError, printKernelProgram, type PassOptions, type Program } from '@bpfkit/ir';
import { parsePipeline, runPipeline, type PassRegistry } from '@bpfkit/pipeline';
import { parseKernel } from '@bpfkit/asm';
import { blessedText, filetestError, outputLines, parseFiletest, type Filetest } from './filetest-format.js';
import { displayPath, toPath, type PathLike } from './repo-root.js';
import { unifiedDiff } from './unified-diff.js';

/** Kernel-syntax text → program (the default is @bpfkit/asm's parseKernel). */
export type ProgramParser = (text: string) => Program;

const defaultParse: ProgramParser = (text) => parseKernel(text);

export type Env = Readonly<Record<string, string | undefined>>;

export interface FiletestOptions {
  /** Resolves the names in `test` directives. */
  readonly registry: PassRegistry;
  readonly parse?: ProgramParser;
  /** Options under the file's own `set` directives. */
  readonly options?: PassOptions;
  /** Environment for BPF_TEST_BLESS and CI (default process.env). */
  readonly env?: Env;
}

export interface FiletestResult {
  readonly file: string;
  readonly status: 'passed' | 'blessed';
  readonly expected: readonly string[];
  readonly actual: readonly string[];
}

/** A filetest whose output differs from its expectations; `diff` is unified, expected → actual. */
export class FiletestMismatch extends Error {
  override readonly name = 'FiletestMismatch';
  constructor(readonly file: string, readonly diff: string) {
    super(`${file}: output does not match the expectations (BPF_TEST_BLESS=1 rewrites them)\n${diff}`);
  }
}

const isSet = (v: string | undefined): boolean => v !== undefined && v !== '';

/** BPF_TEST_BLESS set to anything but '', '0' or 'false'. */
export const blessRequested = (env: Env = process.env): boolean => {
  const v = env['BPF_TEST_BLESS'];
  return isSet(v) && v !== '0' && v!.toLowerCase() !== 'false';
};

/** Throws when blessing is requested while CI is set (to any non-empty value). */
export function assertBlessAllowed(env: Env = process.env): void {
  if (blessRequested(env) && isSet(env['CI']))
    throw new BpfError(
      'OPTION',
      `BPF_TEST_BLESS=${env['BPF_TEST_BLESS']} is refused because CI is set (CI=${env['CI']}): expectations are blessed locally, reviewed and committed, never rewritten in CI`,
      { pass: 'filetest' },
    );
}

export function runFiletest(file: PathLike, opts: FiletestOptions): FiletestResult {
  const env = opts.env ?? process.env;
  assertBlessAllowed(env);
  const path = toPath(file);
  const shown = displayPath(path);
  const t = parseFiletest(readFileSync(path, 'utf8'), shown);
  const expected = t.expected;
  const actual = produce(t, opts);
  if (expected.length === actual.length && expected.every((l, i) => l === actual[i])) return { file: path, status: 'passed', expected, actual };
  if (blessRequested(env)) {
    writeFileSync(path, blessedText(t, actual));
    return { file: path, status: 'blessed', expected, actual };
  }
  throw new FiletestMismatch(shown, unifiedDiff(expected, actual, { fromLabel: `${shown} (expected)`, toLabel: `${shown} (actual)` }));
}

/** The output lines the file's pipeline produces (or `error: …` lines). */
export function produce(t: Filetest, opts: FiletestOptions): string[] {
  // The pipeline is part of the file: an unknown name is a broken test, not an expected error.
  try {
    parsePipeline(t.pipeline, opts.registry);
  } catch (e) {
    if (e instanceof BpfError && e.column !== undefined)
      throw filetestError(e.code, t.file, t.pipelineLine, t.pipelineColumn + e.column - 1, `in pipeline: ${e.message.replace(/ \(column \d+\)$| at column \d+$/, '')}`);
    throw e;
  }
  const parse = opts.parse ?? defaultParse;
  let program: Program;
  try {
    program = parse(t.programText);
  } catch (e) {
    return errorLines(e);
  }
  try {
    const run = runPipeline(t.pipeline, program, { registry: opts.registry, options: { ...opts.options, ...t.options } });
    const text = run.outputs.length > 0 ? run.outputs.map((o) => o.text).join('') : printKernelProgram(run.program);
    return outputLines(text);
  } catch (e) {
    return errorLines(e);
  }
}

function errorLines(e: unknown): string[] {
  if (!(e instanceof BpfError)) throw e;
  return e.message.split('\n').map((l) => `error: ${l}`.trimEnd());
}
