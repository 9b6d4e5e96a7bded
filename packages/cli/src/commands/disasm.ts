// `bpfkit disasm IN [--syntax kernel|llvm|conformance]`: print a program in the syntax a BPF
// engineer reads — the verifier/bpftool form (default), llvm-objdump's, or bpf_conformance's.
import { printKernelProgram } from '@bpfkit/ir';
import { printConformance, printLlvm } from '@bpfkit/asm';
import type { CliIo } from '../io.js';
import { loadProgram, type ProgramFormat } from '../read-program.js';

export const SYNTAXES = ['kernel', 'bpftool', 'llvm', 'conformance'] as const;
export type Syntax = (typeof SYNTAXES)[number];

export interface DisasmArgs {
  input: string;
  syntax: Syntax;
  format?: ProgramFormat;
}

export function disasmCommand(io: CliIo, args: DisasmArgs): number {
  const { program } = loadProgram(io, args.input, args.format ?? 'bin');
  let text: string;
  switch (args.syntax) {
    case 'kernel':
      text = printKernelProgram(program);
      break;
    case 'bpftool':
      text = printKernelProgram(program, { style: 'bpftool' });
      break;
    case 'llvm':
      text = printLlvm(program);
      break;
    case 'conformance':
      text = printConformance(program);
      break;
  }
  io.stdout(text.endsWith('\n') ? text : text + '\n');
  return 0;
}
