// What every command works on: a list of program units. A plain program file (bytes, hex,
// kernel syntax, conformance) is one unit; an ELF object from `clang -target bpf` is one unit
// per program it defines (each with the .text subprograms it calls, BTF names and argument
// counts, line info and the object's maps). `--entry NAME` picks one program of an object,
// or, in a plain file, the function to start at. Every failure is a BpfError.
import { BpfError, type Program } from '@bpfkit/ir';
import { loadObject, type LineInfo, type MapDef } from '@bpfkit/decoder';
import type { CliIo } from './io.js';
import { loadProgram, type ProgramFormat } from './read-program.js';

export interface ProgramUnit {
  /** The input file as given. */
  readonly file: string;
  /** Program name: the ELF function symbol, else the file name. */
  readonly name: string;
  /** ELF section (`tc`, `xdp`, …), undefined for plain programs. */
  readonly section: string | undefined;
  readonly program: Program;
  /** Source line per instruction slot (from .BTF.ext), when the object has line info. */
  readonly lineInfo: readonly (LineInfo | undefined)[];
  /** The object's maps (in the order `ld_imm64 map[id:N]` numbers them); empty for plain programs. */
  readonly maps: readonly MapDef[];
  /** Instruction to start running at (a function start). */
  readonly entryInsn: number;
  readonly format: ProgramFormat;
}

const ELF_MAGIC = [0x7f, 0x45, 0x4c, 0x46];

export const isElf = (bytes: Uint8Array): boolean => ELF_MAGIC.every((b, i) => bytes[i] === b);

/** Loads `path` as units; `entry` selects a program of an object or a function of a plain program. */
export function loadUnits(io: CliIo, path: string, format?: ProgramFormat, entry?: string): ProgramUnit[] {
  const bytes = io.readFile(path);
  const fmt = format ?? (isElf(bytes) || path.toLowerCase().endsWith('.o') ? 'elf' : undefined);
  if (fmt === 'elf') {
    const object = loadObject(bytes, { file: path });
    let programs = object.programs;
    if (programs.length === 0) throw new BpfError('ELF', `${path}: the object defines no BPF programs`, { pass: 'decoder' });
    if (entry !== undefined) {
      programs = programs.filter((p) => p.name === entry);
      if (programs.length === 0)
        throw new BpfError('OPTION', `${path} has no program '${entry}'; it has ${object.programs.map((p) => `'${p.name}'`).join(', ')}`);
    }
    return programs.map((p) => ({
      file: path, name: p.name, section: p.section, program: p.program, lineInfo: p.lineInfo, maps: object.maps, entryInsn: 0, format: 'elf',
    }));
  }
  const { program, format: used } = loadProgram(io, path, fmt, undefined, bytes);
  let entryInsn = 0;
  if (entry !== undefined) {
    const f = program.funcs.find((fn) => fn.name === entry);
    if (f === undefined) {
      const names = program.funcs.map((fn) => fn.name).filter((n) => n !== undefined);
      throw new BpfError('OPTION', `${path} has no function '${entry}'${names.length ? `; it has ${names.map((n) => `'${n}'`).join(', ')}` : ' (its functions have no names)'}`);
    }
    entryInsn = f.start;
  }
  const base = path === '-' ? 'stdin' : (path.split('/').pop() ?? path);
  return [{ file: path, name: entry ?? base, section: undefined, program, lineInfo: [], maps: [], entryInsn, format: used }];
}

/** Exactly one unit (run): an object with several programs needs --entry. */
export function loadOneUnit(io: CliIo, path: string, format?: ProgramFormat, entry?: string): ProgramUnit {
  const units = loadUnits(io, path, format, entry);
  if (units.length > 1)
    throw new BpfError('OPTION', `${path} has ${units.length} programs (${units.map((u) => `'${u.name}'`).join(', ')}); choose one with --entry NAME`);
  return units[0]!;
}

/** `; <source> @ file:line` before the first instruction of each new source line (bpftool's linum style). */
export function sourceLine(info: LineInfo): string {
  const src = info.source.trim();
  return `; ${src}${src ? ' ' : ''}@ ${info.file.split('/').pop()}:${info.line}`;
}

/**
 * Interleaves source lines into text whose instruction lines carry the instruction index in
 * the form `match` captures (kernel syntax `N: (op)`, listings `; N: (op)`).
 */
export function annotateWithSource(text: string, lineInfo: readonly (LineInfo | undefined)[], match: RegExp): string {
  if (lineInfo.length === 0) return text;
  let last: LineInfo | undefined;
  const out: string[] = [];
  for (const line of text.split('\n')) {
    const m = match.exec(line);
    if (m) {
      const info = lineInfo[Number(m[1])];
      if (info !== undefined && (last === undefined || info.line !== last.line || info.file !== last.file)) out.push(sourceLine(info));
      if (info !== undefined) last = info;
    }
    out.push(line);
  }
  return out.join('\n');
}

/** Header naming a unit in multi-program output. */
export function unitHeader(u: ProgramUnit): string {
  return u.section === undefined ? `${u.file}:` : `${u.file}: ${u.name} (section ${u.section})`;
}
