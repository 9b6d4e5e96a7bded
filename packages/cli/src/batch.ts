// Batch jobs (`bpfkit analyze dir/*.o`): run a command's per-file work over many inputs,
// report progress on stderr (`[3/40] path`) when there is more than one, and keep going past
// a bad file — its BpfError is reported and the exit code becomes 1 at the end. Anything that
// is not a BpfError is a bug and propagates.
import { BpfError } from '@bpfkit/ir';
import type { CliIo } from './io.js';
import type { ProgramFormat } from './read-program.js';
import { loadUnits, type ProgramUnit } from './program-units.js';

export interface BatchItem<T> {
  readonly file: string;
  readonly value?: T;
  readonly error?: BpfError;
}

export interface BatchOptions {
  /** No progress lines. */
  readonly quiet?: boolean;
  /** Print errors as they happen (text mode); JSON mode collects them instead. */
  readonly reportErrors?: boolean;
}

export function runBatch<T>(io: CliIo, files: readonly string[], work: (file: string) => T, options: BatchOptions = {}): BatchItem<T>[] {
  const out: BatchItem<T>[] = [];
  const many = files.length > 1;
  const width = String(files.length).length;
  files.forEach((file, k) => {
    if (many && !options.quiet) io.stderr(`[${String(k + 1).padStart(width)}/${files.length}] ${file}\n`);
    try {
      out.push({ file, value: work(file) });
    } catch (e) {
      if (!(e instanceof BpfError) || !many) throw e;
      if (options.reportErrors !== false) io.stderr(`bpfkit: ${file}: ${e.format()}\n`);
      out.push({ file, error: e });
    }
  });
  if (many && !options.quiet) {
    const failed = out.filter((i) => i.error).length;
    io.stderr(`${files.length} files, ${files.length - failed} ok, ${failed} failed\n`);
  }
  return out;
}

/** A BpfError as JSON for `--json` output. */
export function errorJson(e: BpfError): Record<string, unknown> {
  return {
    code: e.code, message: e.message, insn: e.insn, ...(e.pass ? { pass: e.pass } : {}),
    ...(e.line !== undefined ? { line: e.line, column: e.column } : {}), ...(e.errno ? { errno: e.errno } : {}),
  };
}

export const ended = (s: string): string => (s === '' || s.endsWith('\n') ? s : s + '\n');

/** What every multi-input command takes. */
export interface UnitBatchArgs {
  readonly inputs: readonly string[];
  readonly format?: ProgramFormat;
  readonly entry?: string;
  readonly json?: boolean;
  readonly quiet?: boolean;
}

/**
 * Runs `each` on every program unit of every input, as a batch. `titled` tells `each`
 * whether text output should name the unit (several files, several programs, or an object).
 */
export function runUnitBatch<T>(io: CliIo, args: UnitBatchArgs, each: (u: ProgramUnit, titled: boolean) => T): BatchItem<T[]>[] {
  const many = args.inputs.length > 1;
  return runBatch(
    io,
    args.inputs,
    (file) => {
      const units = loadUnits(io, file, args.format, args.entry);
      return units.map((u) => each(u, many || units.length > 1 || u.section !== undefined));
    },
    { quiet: !!args.quiet, reportErrors: !args.json },
  );
}

/** The `--json` document: `head` fields, then one entry per file with its programs or its error. */
export function printBatchJson<T>(io: CliIo, head: Record<string, unknown>, items: readonly BatchItem<T>[]): void {
  const files = items.map((i) => ({ file: i.file, ...(i.error ? { error: errorJson(i.error) } : { programs: i.value }) }));
  io.stdout(JSON.stringify({ ...head, files }, null, 2) + '\n');
}
