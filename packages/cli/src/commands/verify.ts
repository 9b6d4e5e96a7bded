// `bpfkit verify PROG... [--set k=v]`: run @bpfkit/verifier's checks (structure, call depth,
// stack size and every stack-argument rule) on every program of every input and print its log
// and verdict (or `--json`); exit 1 when any program is rejected, with the kernel's message.
import { verifierOptionsFrom, verify, formatVerdict } from '@bpfkit/verifier';
import type { PassOptions } from '@bpfkit/ir';
import type { CliIo } from '../io.js';
import type { ProgramFormat } from '../read-program.js';
import { unitHeader } from '../program-units.js';
import { printBatchJson, runUnitBatch } from '../batch.js';

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
  let rejected = false;
  const items = runUnitBatch(io, args, (u, titled) => {
    const result = verify(u.program, options);
    if (!result.ok) rejected = true;
    if (!json) {
      if (titled) io.stdout(`== ${unitHeader(u)} ==\n`);
      io.stdout(formatVerdict(result));
    }
    return {
      name: u.name, ...(u.section !== undefined ? { section: u.section } : {}), ok: result.ok, log: result.log,
      ...(result.error ? { error: { message: result.error.message, insn: result.error.insn, ...(result.error.errno ? { errno: result.error.errno } : {}) } } : {}),
    };
  });
  if (json) printBatchJson(io, {}, items);
  return rejected || items.some((i) => i.error) ? 1 : 0;
}
