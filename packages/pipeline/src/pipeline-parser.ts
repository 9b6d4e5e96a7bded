// Textual pipelines: `const-fold, print<liveness>, jit-x86-64`. Grammar (whitespace allowed
// around every token):
//   pipeline := element (',' element)*
//   element  := name | 'print' '<' name '>' | 'print'
//   name     := [A-Za-z0-9][A-Za-z0-9._-]*
// `print<x>` runs analysis x (or codegen pass x) and prints its result with x.print();
// bare `print` prints the current program in kernel syntax. Every name is resolved against a
// registry before anything runs; a name that is a registered preset expands to the preset's
// pipeline (presets may use presets; a preset that reaches itself is 'PASS_CYCLE'). Errors carry a 1-based column: bad syntax is
// 'PIPELINE_SYNTAX', an unknown name is 'PASS_UNKNOWN' with the close names.
import { BpfError, type AnalysisPass, type CodegenPass, type Pass } from '@bpfkit/ir';
import type { PassRegistry } from './registry.js';

export type PipelineStep =
  /** Run a pass (an analysis is computed and cached). */
  | { readonly kind: 'run'; readonly pass: Pass; readonly column: number }
  /** `print<x>`: run x and print its result. */
  | { readonly kind: 'print'; readonly pass: AnalysisPass<any> | CodegenPass<any>; readonly column: number }
  /** `print`: print the program in kernel syntax. */
  | { readonly kind: 'print-program'; readonly column: number };

/** A syntactic element before name resolution. */
export interface PipelineElement {
  readonly name: string;
  /** Inside `print<…>`. */
  readonly print: boolean;
  /** 1-based column of the element's first character. */
  readonly column: number;
  /** 1-based column of the pass name. */
  readonly nameColumn: number;
}

const NAME_START = /[A-Za-z0-9]/;
const NAME_CHAR = /[A-Za-z0-9._-]/;

/** Splits pipeline text into elements; throws 'PIPELINE_SYNTAX' with the column of the problem. */
export function parsePipelineElements(text: string): PipelineElement[] {
  let i = 0;
  const n = text.length;
  const fail = (msg: string, at = i): never => {
    throw new BpfError('PIPELINE_SYNTAX', `${msg} at column ${at + 1}`, { line: 1, column: at + 1 });
  };
  const found = (): string => (i >= n ? 'end of pipeline' : `'${text[i]}'`);
  const ws = (): void => {
    while (i < n && /\s/.test(text[i]!)) i++;
  };
  const name = (what: string): { name: string; at: number } => {
    if (i >= n || !NAME_START.test(text[i]!)) fail(`expected ${what}, found ${found()}`);
    const at = i;
    while (i < n && NAME_CHAR.test(text[i]!)) i++;
    return { name: text.slice(at, i), at };
  };

  ws();
  if (i >= n) fail('empty pipeline');
  const out: PipelineElement[] = [];
  for (;;) {
    ws();
    const first = name(out.length === 0 ? 'a pass name' : "a pass name after ','");
    ws();
    if (text[i] === '<') {
      if (first.name !== 'print') fail(`only 'print' takes a pass in angle brackets ('${first.name}<…>')`);
      i++;
      ws();
      const inner = name("a pass name inside 'print<…>'");
      ws();
      if (text[i] !== '>') fail(`expected '>' to close 'print<', found ${found()}`);
      i++;
      ws();
      out.push({ name: inner.name, print: true, column: first.at + 1, nameColumn: inner.at + 1 });
    } else {
      out.push({ name: first.name, print: false, column: first.at + 1, nameColumn: first.at + 1 });
    }
    if (i >= n) return out;
    if (text[i] !== ',') fail(`expected ',' between passes, found ${found()}`);
    i++;
  }
}

/** Parses and resolves a pipeline against `registry` (expanding presets). Nothing runs. */
export function parsePipeline(text: string, registry: PassRegistry): PipelineStep[] {
  return resolve(text, registry, []);
}

function resolve(text: string, registry: PassRegistry, expanding: readonly string[]): PipelineStep[] {
  const inPreset = expanding.length > 0;
  return parsePipelineElements(text).flatMap((el): PipelineStep | PipelineStep[] => {
    if (!el.print && el.name === 'print') return { kind: 'print-program', column: el.column };
    const preset = el.print ? undefined : registry.preset(el.name);
    if (preset !== undefined) {
      if (expanding.includes(preset.name))
        throw new BpfError('PASS_CYCLE', `preset '${preset.name}' uses itself: ${[...expanding, preset.name].join(' -> ')}`, { pass: preset.name });
      try {
        return resolve(preset.pipeline, registry, [...expanding, preset.name]).map((s) => ({ ...s, column: el.column }));
      } catch (e) {
        if (e instanceof BpfError && e.code !== 'PASS_CYCLE' && !inPreset)
          throw new BpfError(e.code, `in preset '${preset.name}' (column ${el.nameColumn}): ${e.message}`, { pass: preset.name, line: 1, column: el.nameColumn, cause: e });
        throw e;
      }
    }
    const pass = registry.get(el.name);
    if (pass === undefined)
      throw new BpfError('PASS_UNKNOWN', `${registry.unknownMessage(el.name)} (column ${el.nameColumn})`, {
        pass: el.name, line: 1, column: el.nameColumn,
      });
    if (!el.print) return { kind: 'run', pass, column: el.column };
    if (pass.kind === 'transform')
      throw new BpfError('PIPELINE_SYNTAX', `print<${el.name}>: '${el.name}' is a transform; print<…> takes an analysis or codegen pass (use 'print' after it to see the program) at column ${el.nameColumn}`, {
        pass: el.name, line: 1, column: el.nameColumn,
      });
    if (typeof pass.print !== 'function')
      throw new BpfError('PIPELINE_SYNTAX', `print<${el.name}>: '${el.name}' has no printer at column ${el.nameColumn}`, {
        pass: el.name, line: 1, column: el.nameColumn,
      });
    return { kind: 'print', pass, column: el.column };
  });
}

/** Canonical text of a pipeline (`a,print<b>,print`); parsePipeline(formatPipeline(s)) gives s back. */
export function formatPipeline(steps: readonly (PipelineStep | Pass)[]): string {
  const one = (s: PipelineStep | Pass): string => {
    if ('pass' in s) return s.kind === 'print' ? `print<${s.pass.name}>` : s.pass.name;
    if (s.kind === 'print-program') return 'print';
    return s.name;
  };
  return steps.map(one).join(',');
}
