// `bpfkit run PROG [--mem HEX | --mem-file F] [--trace] [--jit [--sandbox]]`: execute a
// program on the reference interpreter (@bpfkit/interp), natively through the x86-64 JIT
// (@bpfkit/runtime) with --jit, or through the arm64 JIT under qemu with --arch arm64, and
// print R0; --trace first prints the path taken, one
// executed instruction per line in kernel syntax with its call frame.
import { printKernelInsn } from '@bpfkit/ir';
import { hexToBytes } from '@bpfkit/decoder';
import { BpfError } from '@bpfkit/ir';
import { CONFORMANCE_HELPERS, expandPath, interpret } from '@bpfkit/interp';
import { runNative } from '@bpfkit/runtime';
import { jitArm64Compile, runArm64 } from '@bpfkit/jit-arm64';
import type { CliIo } from '../io.js';
import { loadProgram, type ProgramFormat } from '../read-program.js';

export interface RunArgs {
  input: string;
  format?: ProgramFormat;
  memHex?: string;
  memFile?: string;
  trace: boolean;
  budget?: number;
  /** Run natively through the x86-64 JIT (@bpfkit/runtime) instead of the interpreter. */
  jit?: boolean;
  /** With jit: bounds-check every memory access (wild pointers become BpfErrors). */
  sandbox?: boolean;
  /** `arm64`: compile with the arm64 JIT and run under qemu-aarch64. */
  arch?: 'x86-64' | 'arm64';
}

export function runCommand(io: CliIo, args: RunArgs): number {
  const { program } = loadProgram(io, args.input, args.format);
  const mem = args.memFile !== undefined ? io.readFile(args.memFile) : hexToBytes(args.memHex ?? '');
  if (args.arch === 'arm64') {
    if (args.trace) throw new BpfError('OPTION', '--trace needs the interpreter; drop --arch');
    const image = jitArm64Compile(program);
    const r = runArm64(image.code, mem, { entry: image.entry });
    if (!r.ok) throw new BpfError('RUNTIME', `arm64 run under qemu failed: ${r.fault}`, { pass: 'jit-arm64' });
    io.stdout(`0x${BigInt.asUintN(64, r.r0).toString(16)}\n`);
    return 0;
  }
  if (args.jit || args.arch === 'x86-64') {
    if (args.trace) throw new BpfError('OPTION', '--trace needs the interpreter; drop --jit');
    if (process.arch !== 'x64') throw new BpfError('OPTION', `--jit runs x86-64 code natively; this host is ${process.arch}`);
    const r0 = runNative(program, { mem, helpers: CONFORMANCE_HELPERS, sandbox: !!args.sandbox, ...(args.budget !== undefined ? { budget: args.budget } : {}) });
    io.stdout(`0x${BigInt.asUintN(64, r0).toString(16)}\n`);
    return 0;
  }
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
