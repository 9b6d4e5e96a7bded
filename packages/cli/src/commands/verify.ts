// `bpfkit verify PROG [--set k=v]`: run @bpfkit/verifier's checks (structure, call depth,
// stack size and every stack-argument rule) and print its log and verdict; exit 1 when the
// program is rejected, with the kernel's message.
import { verifierOptionsFrom, verify, formatVerdict } from '@bpfkit/verifier';
import type { PassOptions } from '@bpfkit/ir';
import type { CliIo } from '../io.js';
import { loadProgram, type ProgramFormat } from '../read-program.js';

export interface VerifyArgs {
  input: string;
  format?: ProgramFormat;
  options: PassOptions;
}

export function verifyCommand(io: CliIo, args: VerifyArgs): number {
  const { program } = loadProgram(io, args.input, args.format);
  const result = verify(program, verifierOptionsFrom(args.options));
  io.stdout(formatVerdict(result));
  return result.ok ? 0 : 1;
}
