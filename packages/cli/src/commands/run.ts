// `bpfkit run PROG [--mem HEX | --mem-file F] [--trace]`: execute a program on the reference
// interpreter (@bpfkit/interp) and print R0; --trace first prints the path taken, one
// executed instruction per line in kernel syntax with its call frame.
import { printKernelInsn } from '@bpfkit/ir';
import { hexToBytes } from '@bpfkit/decoder';
import { expandPath, interpret } from '@bpfkit/interp';
import type { CliIo } from '../io.js';
import { loadProgram, type ProgramFormat } from '../read-program.js';

export interface RunArgs {
  input: string;
  format?: ProgramFormat;
  memHex?: string;
  memFile?: string;
  trace: boolean;
  budget?: number;
}

export function runCommand(io: CliIo, args: RunArgs): number {
  const { program } = loadProgram(io, args.input, args.format);
  const mem = args.memFile !== undefined ? io.readFile(args.memFile) : hexToBytes(args.memHex ?? '');
  const result = interpret(program, { mem, trace: args.trace, ...(args.budget !== undefined ? { budget: args.budget } : {}) });
  if (args.trace && result.trace) {
    const path = expandPath(result.trace, program);
    let out = '';
    for (let k = 0; k < path.idx.length; k++) out += `frame${path.frame[k]}: ${path.idx[k]}: ${printKernelInsn(program, path.idx[k]!)}\n`;
    io.stdout(out);
  }
  io.stdout(`0x${BigInt.asUintN(64, result.r0).toString(16)}\n`);
  return 0;
}
