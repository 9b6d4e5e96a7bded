// Loads the PROG argument of any command: raw instruction bytes (.bin), hex text (.hex),
// kernel/LLVM syntax (.s, .bpf.s, .asm), a bpf_conformance test file (.data) or an ELF object
// (.o, see program-units.ts for objects with several programs), chosen by --format or guessed
// from the name and contents. Every failure is a BpfError.
import { BpfError, type FuncMeta, type Program } from '@bpfkit/ir';
import { decode, hexToBytes, loadObject } from '@bpfkit/decoder';
import { parseConformance, parseKernel, splitConformanceDataFile } from '@bpfkit/asm';
import type { CliIo } from './io.js';

export const PROGRAM_FORMATS = ['bin', 'hex', 'kernel', 'conformance', 'elf'] as const;
export type ProgramFormat = (typeof PROGRAM_FORMATS)[number];

export function isProgramFormat(s: string): s is ProgramFormat {
  return (PROGRAM_FORMATS as readonly string[]).includes(s);
}

/** Guess the format of `path` whose contents are `bytes`. */
export function guessFormat(path: string, bytes: Uint8Array): ProgramFormat {
  const lower = path.toLowerCase();
  if (bytes[0] === 0x7f && bytes[1] === 0x45 && bytes[2] === 0x4c && bytes[3] === 0x46) return 'elf';
  if (lower.endsWith('.o')) return 'elf';
  if (lower.endsWith('.bin')) return 'bin';
  if (lower.endsWith('.hex')) return 'hex';
  if (lower.endsWith('.data')) return 'conformance';
  if (lower.endsWith('.s') || lower.endsWith('.asm')) return 'kernel';
  // stdin or an unknown name: text if it is printable, then conformance if it uses %rN.
  const head = new TextDecoder().decode(bytes.subarray(0, 4096));
  if (!/^[\x09\x0a\x0d\x20-\x7e]*$/.test(head)) return 'bin';
  if (/^[\s0-9a-fA-Fx,]*$/.test(head)) return 'hex';
  if (/%r\d/.test(head) || /^\s*--\s*asm/m.test(head)) return 'conformance';
  return 'kernel';
}

export interface LoadedProgram {
  readonly program: Program;
  readonly format: ProgramFormat;
}

/** Loads one program; `bytes` when the caller has read the file already (stdin reads once). */
export function loadProgram(io: CliIo, path: string, format?: ProgramFormat, funcs?: readonly FuncMeta[], preread?: Uint8Array): LoadedProgram {
  const bytes = preread ?? io.readFile(path);
  const fmt = format ?? guessFormat(path, bytes);
  const text = (): string => {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new BpfError('IO', `${path} is not UTF-8 text; use --format bin for raw bytes`);
    }
  };
  let program: Program;
  switch (fmt) {
    case 'elf': {
      const programs = loadObject(bytes, { file: path }).programs;
      if (programs.length !== 1)
        throw new BpfError('OPTION', `${path} has ${programs.length} programs${programs.length ? ` (${programs.map((p) => `'${p.name}'`).join(', ')})` : ''}; this command takes one`);
      program = programs[0]!.program;
      break;
    }
    case 'bin':
      program = decode(bytes, funcs ? { funcs } : {});
      break;
    case 'hex':
      program = decode(hexToBytes(text()), funcs ? { funcs } : {});
      break;
    case 'kernel':
      program = parseKernel(text());
      break;
    case 'conformance': {
      const t = text();
      if (/^\s*--\s*asm/m.test(t)) {
        const section = splitConformanceDataFile(t).section('asm');
        if (!section) throw new BpfError('PARSE', `${path} has no -- asm section`);
        program = parseConformance(section.text, { firstLine: section.firstLine });
      } else program = parseConformance(t);
      break;
    }
  }
  if (funcs && fmt !== 'bin' && fmt !== 'hex' && fmt !== 'elf') program = program.withFuncs([...program.meta, ...funcs]);
  return { program, format: fmt };
}
