// The filetest format (Cranelift-style golden tests), parsed and re-rendered:
//
//   ;; comment lines anywhere (kept verbatim, also by blessing)
//   test const-fold,print<liveness>     the pipeline (exactly one `test` line)
//   set k=v [k2=v2 …]                   pass options (true/false, integers, else strings)
//   target x86-64 | arm64               sets the `target` option (at most one)
//   <program in kernel syntax: labels, `.func name, args=N` (see @bpfkit/asm parseKernel)>
//   ; expected output, one line each (`;` alone = an empty line)
//   ; error: <message>                  when the program is expected to fail
//
// Directives come before the program. Expected-output lines are the `; ` lines after the last
// program line; one anywhere earlier is an error (comments use `;;`). The program text handed
// to the parser keeps the file's line numbers (every other line is blanked), so parse errors
// point into the file.
import { BpfError, type BpfErrorCode, type PassOptionValue } from '@bpfkit/ir';
import { parsePipelineElements } from '@bpfkit/pipeline';

export type FiletestTarget = 'x86-64' | 'arm64';
export const FILETEST_TARGETS: readonly FiletestTarget[] = ['x86-64', 'arm64'];

export interface Filetest {
  readonly file: string;
  /** The file's lines, without newlines. */
  readonly lines: readonly string[];
  /** Text of the `test` directive. */
  readonly pipeline: string;
  /** 1-based line and column where the pipeline text starts. */
  readonly pipelineLine: number;
  readonly pipelineColumn: number;
  /** From `set` (and `target`, as option `target`). */
  readonly options: Readonly<Record<string, PassOptionValue>>;
  readonly target: FiletestTarget | undefined;
  /** The program: same line count as the file, non-program lines blank. */
  readonly programText: string;
  /** Expected output lines (prefix removed, trailing blanks trimmed). */
  readonly expected: readonly string[];
  /** Index of the first line after the last directive/program line (the expectation region). */
  readonly regionStart: number;
}

type Kind = 'blank' | 'comment' | 'expect' | 'directive' | 'program';
const DIRECTIVE = /^\s*(test|set|target)(?=\s|$)/;

function classify(line: string): Kind {
  const t = line.trimStart();
  if (t === '') return 'blank';
  if (t.startsWith(';;')) return 'comment';
  if (t.startsWith(';')) return 'expect';
  if (DIRECTIVE.test(line)) return 'directive';
  return 'program';
}

/** `; text` → `text`; `;` → ``. */
const expectationText = (line: string): string => line.trimStart().slice(1).replace(/^ /, '').trimEnd();

/** A problem in the test file itself (not an expected error): BpfError with file:line:column. */
export function filetestError(code: BpfErrorCode, file: string, line: number, column: number, message: string): BpfError {
  return new BpfError(code, `${file}:${line}:${column}: ${message}`, { pass: 'filetest', line, column });
}

const splitLines = (text: string): string[] => {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
};

function parseValue(v: string): PassOptionValue {
  if (v === 'true') return true;
  if (v === 'false') return false;
  if (/^-?(0x[0-9a-f]+|\d+)$/i.test(v)) {
    const n = v.startsWith('-') ? -Number(v.slice(1)) : Number(v);
    if (Number.isSafeInteger(n)) return n;
  }
  return v;
}

/** Words of `line` after the keyword, with 1-based columns. */
function words(line: string, from: number): { text: string; column: number }[] {
  const out: { text: string; column: number }[] = [];
  const re = /\S+/g;
  re.lastIndex = from;
  for (let m; (m = re.exec(line)); ) out.push({ text: m[0], column: m.index + 1 });
  return out;
}

export function parseFiletest(text: string, file = '<filetest>'): Filetest {
  const lines = splitLines(text);
  const kinds = lines.map(classify);
  const err = (line: number, column: number, msg: string, code: BpfErrorCode = 'PARSE'): never => {
    throw filetestError(code, file, line, column, msg);
  };

  let pipeline: { text: string; line: number; column: number } | undefined;
  let target: FiletestTarget | undefined;
  const options: Record<string, PassOptionValue> = {};
  let programStarted = false;
  let lastContent = -1;

  lines.forEach((line, i) => {
    const n = i + 1;
    const kind = kinds[i]!;
    if (kind === 'program') {
      programStarted = true;
      lastContent = i;
      return;
    }
    if (kind !== 'directive') return;
    lastContent = i;
    const m = DIRECTIVE.exec(line)!;
    const keyword = m[1]!;
    const keyCol = m[0].length - keyword.length + 1;
    if (programStarted) err(n, keyCol, `directive '${keyword}' after the program started; directives go first`);
    const args = words(line, m[0].length);
    switch (keyword) {
      case 'test': {
        if (pipeline) err(n, keyCol, `a second 'test' directive (the first is on line ${pipeline.line}); one pipeline per file`);
        if (args.length === 0) err(n, keyCol, "'test' needs a pipeline, e.g. 'test print<liveness>'");
        const column = args[0]!.column;
        const ptext = line.slice(column - 1).trimEnd();
        try {
          parsePipelineElements(ptext);
        } catch (e) {
          if (e instanceof BpfError && e.column !== undefined) {
            const msg = e.message.replace(/ at column \d+$/, '');
            err(n, column + e.column - 1, `in pipeline: ${msg}`, e.code);
          }
          throw e;
        }
        pipeline = { text: ptext, line: n, column };
        break;
      }
      case 'set': {
        if (args.length === 0) err(n, keyCol, "'set' needs k=v");
        for (const a of args) {
          const kv = /^([A-Za-z0-9_.-]+)=(.+)$/.exec(a.text);
          if (!kv) err(n, a.column, `expected k=v after 'set', found '${a.text}'`);
          if (kv![1] === 'target') err(n, a.column, "use the 'target' directive instead of 'set target='");
          options[kv![1]!] = parseValue(kv![2]!);
        }
        break;
      }
      case 'target': {
        if (target) err(n, keyCol, `a second 'target' directive; one target per file`);
        if (args.length !== 1 || !(FILETEST_TARGETS as readonly string[]).includes(args[0]!.text))
          err(n, args[0]?.column ?? keyCol, `'target' takes one of ${FILETEST_TARGETS.join(', ')}${args[0] ? `, not '${args.map((a) => a.text).join(' ')}'` : ''}`);
        target = args[0]!.text as FiletestTarget;
        break;
      }
    }
  });

  if (!pipeline) err(1, 1, "no 'test' directive: the file must say which pipeline to run, e.g. 'test print<liveness>'");
  const regionStart = lastContent + 1;
  kinds.forEach((k, i) => {
    if (k === 'expect' && i < regionStart)
      err(i + 1, lines[i]!.indexOf(';') + 1, "expected-output line before the end of the program; expectations follow the program, comments use ';;'");
  });
  if (target) options['target'] = target;
  return {
    file,
    lines,
    pipeline: pipeline!.text,
    pipelineLine: pipeline!.line,
    pipelineColumn: pipeline!.column,
    options,
    target,
    programText: lines.map((l, i) => (kinds[i] === 'program' ? l : '')).join('\n') + '\n',
    expected: lines.slice(regionStart).filter((_, i) => kinds[regionStart + i] === 'expect').map(expectationText),
    regionStart,
  };
}

/** Output text → comparable lines: trailing blanks trimmed per line, trailing empty lines dropped. */
export function outputLines(text: string): string[] {
  const lines = text.split('\n').map((l) => l.trimEnd());
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * The file with its expectations replaced by `actual`. `;;` comments and blank lines before
 * the first expectation stay in place; comments between or after expectations follow the
 * new expectations; everything above the expectation region is untouched.
 */
export function blessedText(t: Filetest, actual: readonly string[]): string {
  const head = t.lines.slice(0, t.regionStart);
  const region = t.lines.slice(t.regionStart);
  const kinds = region.map(classify);
  const fresh = actual.map((l) => (l === '' ? ';' : `; ${l}`));
  const first = kinds.indexOf('expect');
  let body: string[];
  if (first < 0) {
    body = [...region];
    while (body.length > 0 && body[body.length - 1]!.trim() === '') body.pop();
    const before = body.length > 0 ? body[body.length - 1]! : head[head.length - 1];
    if (fresh.length > 0 && before !== undefined && before.trim() !== '') body.push('');
    body.push(...fresh);
  } else {
    const last = kinds.lastIndexOf('expect');
    const between = region.slice(first, last + 1).filter((_, i) => kinds[first + i] === 'comment');
    body = [...region.slice(0, first), ...fresh, ...between, ...region.slice(last + 1)];
  }
  return [...head, ...body].join('\n') + '\n';
}
