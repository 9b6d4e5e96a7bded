// `bpfkit jit PROG... --arch x86-64|arm64 [--listing] [--json]`: compile every program of every
// input with the JIT of that architecture. Default output: one summary line per program
// (instructions, bytes, bytes per instruction, functions); `--listing` prints each BPF
// instruction in kernel syntax followed by its machine code, with the C source lines of an
// object's line info interleaved; `--json` gives tools the code, the insn->offset map and the
// function table. Map references of objects resolve to the addresses @bpfkit/interp's
// ObjectHost gives them, so the listing shows what the program would run with.
import { BpfError, runStandalone, type PassOptions, type Program } from '@bpfkit/ir';
import { liveness } from '@bpfkit/liveness';
import { jitX8664Compile, printX8664Listing } from '@bpfkit/jit-x86-64';
import { jitArm64Compile, printArm64Listing } from '@bpfkit/jit-arm64';
import { ObjectHost } from '@bpfkit/interp';
import type { JitResult } from '@bpfkit/ir';
import type { CliIo } from '../io.js';
import type { ProgramFormat } from '../read-program.js';
import { annotateWithSource, unitHeader, type ProgramUnit } from '../program-units.js';
import { ended, printBatchJson, runUnitBatch } from '../batch.js';

export const ARCHES = ['x86-64', 'arm64'] as const;
export type Arch = (typeof ARCHES)[number];

export interface JitArgs {
  inputs: readonly string[];
  arch: Arch;
  format?: ProgramFormat;
  entry?: string;
  options: PassOptions;
  listing?: boolean;
  json?: boolean;
  quiet?: boolean;
}

const flag = (v: unknown): boolean => v === true || v === 'true' || v === 1;

function liveRegs(program: Program, options: PassOptions): Uint16Array | undefined {
  if (options['liveness'] === false || options['liveness'] === 'false') return undefined;
  try {
    return runStandalone(liveness, program, options).liveRegsBefore;
  } catch (e) {
    if (e instanceof BpfError) return undefined; // the JIT falls back to its static scan, as the pass does
    throw e;
  }
}

/** Compile one unit; returns the result and its listing printer. */
export function compileUnit(u: ProgramUnit, arch: Arch, options: PassOptions): { result: JitResult; listing: () => string } {
  const host = new ObjectHost(u.maps);
  const ldImm64 = (kind: number, imm: number, next: number, insn: number): bigint => host.ldImm64(kind, imm, next, insn);
  if (arch === 'x86-64') {
    const opts = { sandbox: flag(options['sandbox']), budget: flag(options['budget']), liveRegsBefore: liveRegs(u.program, options), ldImm64 };
    const result = jitX8664Compile(u.program, opts);
    return { result, listing: () => printX8664Listing(result, u.program) };
  }
  const opts = { ldImm64, ...(flag(options['long-branches']) ? { longBranches: true } : {}) };
  const result = jitArm64Compile(u.program, opts);
  return { result, listing: () => printArm64Listing(result, u.program, opts) };
}

const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.length).toString('hex');

export function jitCommand(io: CliIo, args: JitArgs): number {
  const json = !!args.json;
  const items = runUnitBatch(io, args, (u, titled) => {
    const { result, listing } = compileUnit(u, args.arch, args.options);
    const n = u.program.length;
    if (!json && args.listing) {
      if (titled) io.stdout(`== ${unitHeader(u)} ==\n`);
      io.stdout(ended(annotateWithSource(listing(), u.lineInfo, /^; (\d+): \(/)));
    } else if (!json) {
      const where = u.section !== undefined ? `${u.file}: ${u.name} (section ${u.section})` : u.file;
      const fns = result.funcs.length;
      io.stdout(`${where}: ${n} insns -> ${result.code.length} bytes ${args.arch} (${(result.code.length / n).toFixed(2)} B/insn), ${fns} function${fns === 1 ? '' : 's'}\n`);
      for (const f of result.funcs) {
        const fn = u.program.funcs[f.index]!;
        io.stdout(`  func#${f.index}${fn.name ? ` ${fn.name}` : ''}: insns ${fn.start}..${fn.end - 1} at 0x${f.offset.toString(16)}, ${f.size} bytes\n`);
      }
    }
    return {
      name: u.name, ...(u.section !== undefined ? { section: u.section } : {}), insns: n, bytes: result.code.length,
      code: hex(result.code), insnOffsets: [...result.insnOffsets],
      funcs: result.funcs.map((f) => ({ index: f.index, name: u.program.funcs[f.index]?.name ?? null, start: f.start, offset: f.offset, size: f.size })),
      ...(args.listing ? { listing: listing() } : {}),
    };
  });
  if (json) printBatchJson(io, { arch: args.arch }, items);
  return items.some((i) => i.error) ? 1 : 0;
}
