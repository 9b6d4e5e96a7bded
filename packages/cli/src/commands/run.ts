// `bpfkit run PROG [--entry NAME] [--mem HEX | --mem-file F] [--trace] [--jit [--sandbox]]`:
// execute a program on the reference interpreter (@bpfkit/interp), natively through the
// x86-64 JIT (@bpfkit/runtime) with --jit, or through the arm64 JIT under qemu with --arch
// arm64, and print R0. An ELF object's program runs against @bpfkit/interp's ObjectHost (its
// maps as memory, the map helpers, bpf_loop, trace_printk …); `--maps` prints the maps after
// the run, `--json` everything as one document. --trace first prints the path taken, one
// executed instruction per line in kernel syntax with its call frame.
import { printKernelInsn, BpfError } from '@bpfkit/ir';
import { hexToBytes } from '@bpfkit/decoder';
import {
  BPF_MAP_TYPE_HASH, BPF_MAP_TYPE_LRU_HASH, BPF_MAP_TYPE_LRU_PERCPU_HASH, BPF_MAP_TYPE_PERCPU_HASH, CONFORMANCE_HELPERS, ObjectHost, expandPath, interpret,
} from '@bpfkit/interp';
import { runNative } from '@bpfkit/runtime';
import { jitArm64Compile } from '@bpfkit/jit-arm64';
import { runArm64 } from '@bpfkit/jit-arm64/qemu-runner';
import type { CliIo } from '../io.js';
import type { ProgramFormat } from '../read-program.js';
import { loadOneUnit } from '../program-units.js';

export interface RunArgs {
  input: string;
  format?: ProgramFormat;
  /** Program of an object, or function of a plain program, to run. */
  entry?: string;
  /** `--mem`: hex bytes, or — when it is not hex — the name of a file of raw bytes. */
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
  /** Print the object's maps after the run. */
  maps?: boolean;
  json?: boolean;
}

const hex = (b: Uint8Array): string => Buffer.from(b.buffer, b.byteOffset, b.length).toString('hex');
const r0Text = (r0: bigint): string => `0x${BigInt.asUintN(64, r0).toString(16)}`;

/** Map contents worth printing: every entry of a hash map, the non-zero values of an array map. */
function mapDump(host: ObjectHost, maps: readonly { name: string; type: number }[]): { name: string; entries: { key: string; value: string }[] }[] {
  return maps.map((m) => {
    const hash = m.type === BPF_MAP_TYPE_HASH || m.type === BPF_MAP_TYPE_PERCPU_HASH || m.type === BPF_MAP_TYPE_LRU_HASH || m.type === BPF_MAP_TYPE_LRU_PERCPU_HASH;
    const entries: { key: string; value: string }[] = [];
    for (const k of host.keys(m.name)) {
      const v = host.lookup(m.name, k);
      if (v !== undefined && (hash || v.some((b) => b !== 0))) entries.push({ key: hex(k), value: hex(v) });
    }
    return { name: m.name, entries };
  });
}

/** `--mem VALUE`: hex text (`0a0b0c`, `0a 0b 0c`) or, when VALUE is not hex, a file of raw bytes. */
function memArg(io: CliIo, value: string): Uint8Array {
  return /^[\s0-9a-fA-Fx,]*$/.test(value) ? hexToBytes(value) : io.readFile(value);
}

export function runCommand(io: CliIo, args: RunArgs): number {
  const unit = loadOneUnit(io, args.input, args.format, args.entry);
  const { program } = unit;
  const mem = args.memFile !== undefined ? io.readFile(args.memFile) : memArg(io, args.memHex ?? '');
  const isObject = unit.format === 'elf';
  const host = isObject ? new ObjectHost(unit.maps) : undefined;
  const externs = host ? { helpers: host.helpers, regions: host.regions, ldImm64: host.ldImm64 } : { helpers: CONFORMANCE_HELPERS };
  const budget = args.budget !== undefined ? { budget: args.budget } : {};
  const entry = unit.entryInsn !== 0 ? { entry: unit.entryInsn } : {};
  let r0: bigint;
  let traceText = '';
  let engine: string;
  if (args.arch === 'arm64') {
    if (args.trace) throw new BpfError('OPTION', '--trace needs the interpreter; drop --arch');
    if (isObject && (unit.maps.length > 0 || hasHelperCalls(program)))
      throw new BpfError('OPTION', 'the arm64 runner under qemu has no helpers or maps; run this object on the interpreter or with --jit');
    if (unit.entryInsn !== 0) throw new BpfError('OPTION', '--entry of a function is not supported with --arch arm64');
    const image = jitArm64Compile(program);
    const r = runArm64(image.code, mem, { entry: image.entry });
    if (!r.ok) throw new BpfError('RUNTIME', `arm64 run under qemu failed: ${r.fault}`, { pass: 'jit-arm64' });
    r0 = r.r0;
    engine = 'jit-arm64 (qemu)';
  } else if (args.jit || args.arch === 'x86-64') {
    if (args.trace) throw new BpfError('OPTION', '--trace needs the interpreter; drop --jit');
    if (process.arch !== 'x64') throw new BpfError('OPTION', `--jit runs x86-64 code natively; this host is ${process.arch}`);
    r0 = runNative(program, { mem, ...externs, sandbox: !!args.sandbox, ...budget, ...entry });
    engine = args.sandbox ? 'jit-x86-64 (native, sandbox)' : 'jit-x86-64 (native)';
  } else {
    const result = interpret(program, { mem, trace: args.trace, ...externs, ...budget, ...entry });
    if (args.trace && result.trace) {
      const path = expandPath(result.trace, program);
      for (let k = 0; k < path.idx.length; k++) traceText += `frame${path.frame[k]}: ${path.idx[k]}: ${printKernelInsn(program, path.idx[k]!)}\n`;
    }
    r0 = result.r0;
    engine = 'interp';
  }
  if (args.json) {
    io.stdout(JSON.stringify({
      file: unit.file, program: unit.name, ...(unit.section !== undefined ? { section: unit.section } : {}), engine, r0: r0Text(r0),
      ...(host ? { printk: host.printk, maps: mapDump(host, unit.maps) } : {}), ...(args.trace ? { trace: traceText.split('\n').filter(Boolean) } : {}),
    }, null, 2) + '\n');
    return 0;
  }
  io.stdout(traceText);
  if (host) for (const line of host.printk) io.stderr(`trace_printk: ${line}\n`);
  if (host && args.maps)
    for (const m of mapDump(host, unit.maps)) {
      io.stdout(`map ${m.name}:\n`);
      for (const e of m.entries) io.stdout(`  ${e.key}: ${e.value}\n`);
    }
  io.stdout(`${r0Text(r0)}\n`);
  return 0;
}

function hasHelperCalls(p: { length: number; code: Uint8Array; src: Uint8Array }): boolean {
  for (let i = 0; i < p.length; i++) if (p.code[i] === 0x85 && p.src[i] === 0) return true;
  return false;
}
