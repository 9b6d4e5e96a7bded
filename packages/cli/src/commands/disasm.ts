// `bpfkit disasm IN [--syntax kernel|llvm|conformance] [--entry NAME]`: print a program in the
// syntax a BPF engineer reads — the verifier/bpftool form (default), llvm-objdump's, or
// bpf_conformance's. An ELF object prints every program it defines (or the one --entry
// names), with the C source lines of its line info interleaved (bpftool's `linum` style),
// and map references as `map[id:N]` (N = the object's map index).
import { printKernelProgram, type Program } from '@bpfkit/ir';
import { printConformance, printLlvm } from '@bpfkit/asm';
import type { CliIo } from '../io.js';
import type { ProgramFormat } from '../read-program.js';
import { annotateWithSource, isElf, loadUnits } from '../program-units.js';
import { ended } from '../batch.js';

export const SYNTAXES = ['kernel', 'bpftool', 'llvm', 'conformance'] as const;
export type Syntax = (typeof SYNTAXES)[number];

export interface DisasmArgs {
  input: string;
  syntax: Syntax;
  format?: ProgramFormat;
  entry?: string;
}

/** Objects name maps and callbacks by index: print `map[id:N]` / `subprog[+N]` (bpftool's form) for them. */
function print(program: Program, syntax: Syntax, object: boolean): { text: string; insnLine: RegExp | undefined } {
  const imm64Style = object ? 'bpftool' : 'verifier';
  switch (syntax) {
    case 'kernel':
      return { text: printKernelProgram(program, { imm64Style }), insnLine: /^(\d+): \(/ };
    case 'bpftool':
      return { text: printKernelProgram(program, { style: 'bpftool', imm64Style }), insnLine: /^\s*(\d+): \(/ };
    case 'llvm':
      return { text: printLlvm(program), insnLine: /^\s*(\d+):\t/ };
    case 'conformance':
      return { text: printConformance(program), insnLine: undefined };
  }
}

export function disasmCommand(io: CliIo, args: DisasmArgs): number {
  // Raw bytes unless told otherwise — but an ELF object is recognised by its magic.
  const bytes = io.readFile(args.input);
  const format = args.format ?? (isElf(bytes) ? 'elf' : 'bin');
  const preread = { ...io, readFile: (p: string) => (p === args.input ? bytes : io.readFile(p)) };
  const units = loadUnits(preread, args.input, format, args.entry);
  for (const u of units) {
    if (u.section !== undefined) io.stdout(`${args.syntax === 'conformance' ? '#' : ';'} ${u.name} (section ${u.section})\n`);
    const { text, insnLine } = print(u.program, args.syntax, u.format === 'elf');
    io.stdout(ended(insnLine ? annotateWithSource(text, u.lineInfo, insnLine) : text));
  }
  return 0;
}
