// `bpfkit verify PROG... [--set k=v]`: run @bpfkit/verifier's checks (structure, call depth,
// stack size and every stack-argument rule) on every program of every input and print its log
// and verdict (or `--json`); exit 1 when any program is rejected, with the kernel's message.
import { verifierOptionsFrom, verify, formatVerdict } from '@bpfkit/verifier';
import type { PassOptions } from '@bpfkit/ir';
import type { CliIo } from '../io.js';
import type { ProgramFormat } from '../read-program.js';
import { loadUnits, unitHeader } from '../program-units.js';
import { errorJson, runBatch } from '../batch.js';

export interface VerifyArgs {
  inputs: readonly string[];
  format?: ProgramFormat;
  entry?: string;
  options: PassOptions;
  json?: boolean;
  quiet?: boolean;
}

export function verifyCommand(io: CliIo, args: VerifyArgs): number {
  const json = !!args.json;
  const options = verifierOptionsFrom(args.options);
  const many = args.inputs.length > 1;
  let rejected = false;
  const items = runBatch(
    io,
    args.inputs,
    (file) => {
      const units = loadUnits(io, file, args.format, args.entry);
      return units.map((u) => {
        const result = verify(u.program, options);
        if (!result.ok) rejected = true;
        if (!json) {
          if (many || units.length > 1 || u.section !== undefined) io.stdout(`== ${unitHeader(u)} ==\n`);
          io.stdout(formatVerdict(result));
        }
        return {
          name: u.name, ...(u.section !== undefined ? { section: u.section } : {}), ok: result.ok, log: result.log,
          ...(result.error ? { error: { message: result.error.message, insn: result.error.insn, ...(result.error.errno ? { errno: result.error.errno } : {}) } } : {}),
        };
      });
    },
    { quiet: !!args.quiet, reportErrors: !json },
  );
  if (json) io.stdout(JSON.stringify({ files: items.map((i) => ({ file: i.file, ...(i.error ? { error: errorJson(i.error) } : { programs: i.value }) })) }, null, 2) + '\n');
  return rejected || items.some((i) => i.error) ? 1 : 0;
}
