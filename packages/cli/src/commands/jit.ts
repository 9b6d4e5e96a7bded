// `bpfkit jit PROG --arch x86-64|arm64`: compile with the JIT pass of that architecture
// (looked up by name in the default registry: `jit-x86-64`, `jit-arm64`) and print its
// listing — each BPF instruction in kernel syntax followed by its machine code.
import { BpfError, runStandalone, type PassOptions } from '@bpfkit/ir';
import { defaultRegistry } from '@bpfkit/pipeline';
import type { CliIo } from '../io.js';
import { loadProgram, type ProgramFormat } from '../read-program.js';

export const ARCHES = ['x86-64', 'arm64'] as const;
export type Arch = (typeof ARCHES)[number];

export interface JitArgs {
  input: string;
  arch: Arch;
  format?: ProgramFormat;
  options: PassOptions;
}

export function jitCommand(io: CliIo, args: JitArgs): number {
  const { program } = loadProgram(io, args.input, args.format);
  const pass = defaultRegistry().lookup(`jit-${args.arch}`);
  if (pass.kind !== 'codegen' || !pass.print) throw new BpfError('INTERNAL', `jit-${args.arch} is not a codegen pass with a listing`);
  const result = runStandalone(pass, program, args.options);
  const text = pass.print(result, program);
  io.stdout(text.endsWith('\n') ? text : text + '\n');
  return 0;
}
