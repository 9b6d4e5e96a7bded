// `bpfkit asm IN -o OUT`: assemble kernel syntax or the conformance dialect into raw
// instruction bytes (validated exactly as the decoder validates loaded bytes).
import { encode, validate, bytesToHex } from '@bpfkit/decoder';
import type { CliIo } from '../io.js';
import { loadProgram, type ProgramFormat } from '../read-program.js';

export interface AsmArgs {
  input: string;
  output: string;
  format?: ProgramFormat;
  hex: boolean;
}

export function asmCommand(io: CliIo, args: AsmArgs): number {
  const { program } = loadProgram(io, args.input, args.format);
  validate(program);
  const bytes = encode(program);
  io.writeFile(args.output, args.hex ? new TextEncoder().encode(bytesToHex(bytes) + '\n') : bytes);
  return 0;
}
