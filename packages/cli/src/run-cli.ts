// The `bpfkit` command: argument parsing, dispatch to one module per command, help texts,
// and the error contract — bad input prints one line `bpfkit: <message>` on stderr and
// exits 1; bad usage exits 2. Never a stack trace for a BpfError.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { BpfError, type PassOptions, type PassOptionValue } from '@bpfkit/ir';
import type { PassRegistry } from '@bpfkit/pipeline';
import type { CliIo } from './io.js';
import { isProgramFormat, PROGRAM_FORMATS, type ProgramFormat } from './read-program.js';
import { asmCommand } from './commands/asm.js';
import { disasmCommand, SYNTAXES, type Syntax } from './commands/disasm.js';
import { analyzeCommand } from './commands/analyze.js';
import { runCommand } from './commands/run.js';
import { verifyCommand } from './commands/verify.js';
import { ARCHES, jitCommand, type Arch } from './commands/jit.js';
import { conformancePluginCommand } from './commands/conformance-plugin.js';

export const VERSION = '0.0.0';

const HELP = `bpfkit — BPF toolkit: assembler, disassembler and compiler passes

Usage: bpfkit <command> [options]

Commands:
  asm IN -o OUT        assemble kernel syntax (.s) or the conformance dialect (.data) to bytes
  disasm IN            print a program (raw bytes or an ELF object; --format to read others)
  analyze PROG...      run a pass pipeline (default: verifier, const-fold, liveness) and print its results
  verify PROG...       the verifier's structural and stack-argument checks (kernel messages)
  jit PROG... --arch A compile with the x86-64 or arm64 JIT (summary, --listing, --json)
  run PROG             execute on the reference interpreter and print r0 (--entry, --mem, --trace, --jit)
  conformance-plugin   the bpf_conformance runner's plugin contract (program hex on stdin)
  help [COMMAND]       show help for a command

Global option: --plugin FILE loads an ES module's exported passes and presets (for --passes).
Files may be '-' for stdin/stdout. Program formats: ${PROGRAM_FORMATS.join(', ')}
(ELF objects from clang -target bpf: every program they define; --entry NAME picks one).
Run 'bpfkit help <command>' for its options.
`;

const COMMAND_HELP: Record<string, string> = {
  asm: `Usage: bpfkit asm IN -o OUT [--format kernel|conformance] [--hex]

Assemble IN (kernel/verifier syntax with labels, or the bpf_conformance dialect) into raw
little-endian BPF instructions. The format is guessed from the name (.s, .data) and contents.
  -o, --output FILE   where to write the bytes ('-' for stdout)
  --format FMT        input format: ${PROGRAM_FORMATS.join(', ')}
  --hex               write hex text instead of raw bytes
`,
  disasm: `Usage: bpfkit disasm IN [--syntax kernel|bpftool|llvm|conformance] [--format bin|hex|…] [--entry NAME]

Print the program IN (raw bytes by default, ELF objects recognised) in the kernel's verifier
syntax (default), bpftool's xlated layout, llvm-objdump's, or the bpf_conformance dialect.
Objects print every program, with C source lines from their line info.
  --syntax S          ${SYNTAXES.join(', ')}
  --format FMT        input format: ${PROGRAM_FORMATS.join(', ')} (default bin, or elf)
  --entry NAME        only this program of an object
`,
  analyze: `Usage: bpfkit analyze PROG... [--passes PIPELINE] [options]

Run a textual pass pipeline over every program of every PROG and print the outputs.
  --passes P          the pipeline, comma-separated; print<name> prints an analysis; presets
                      (default: print<verifier>,print<const-fold>,print<liveness>; optimize)
                      stand for their pipelines. Default: default
  --entry NAME        only this program of an object
  --json              one JSON document (pipeline outputs per program) for tools
  --quiet             no progress lines on stderr for several files
  --plugin FILE       load an ES module's exported passes and presets (repeatable)
  --format FMT        input format: ${PROGRAM_FORMATS.join(', ')}
  --set k=v           pass option (repeatable)
  --debug-pass-manager  log 'Running pass: …' / 'Running analysis: …' / invalidations
  --print-after-all   print the program after every transform
  --print-program     print the final program
  --trace-from-run    precision: backtrack over the path the interpreter takes (trace=run)
`,
};

COMMAND_HELP.run = `Usage: bpfkit run PROG [--entry NAME] [--mem HEX|FILE | --mem-file FILE] [--trace] [--budget N] [--format FMT]

Execute PROG on the reference interpreter and print r0 in hex. The memory (hex text, or a
file of raw bytes: --mem takes a file name when its value is not hex) is passed as
r1 = its address, r2 = its length. A program of an ELF
object runs with its maps simulated (array/hash maps, global data, the map helpers,
bpf_loop, trace_printk — printed on stderr).
  --entry NAME        the program of an object (needed when it has several), or the
                      function of a plain program to start at
  --maps              print the object's maps after the run (non-zero array values, hash entries)
  --json              r0, engine, trace_printk output and maps as JSON
  --trace             print the path taken: one executed instruction per line with its frame
  --jit               run natively through the x86-64 JIT (x86-64 hosts)
  --sandbox           with --jit: bounds-check every memory access
  --arch arm64        compile with the arm64 JIT and run under qemu-aarch64 (--arch x86-64 = --jit)
  --budget N          instruction budget (default: the interpreter's)
`;
COMMAND_HELP.verify = `Usage: bpfkit verify PROG... [--set k=v]... [--format FMT] [--entry NAME] [--json] [--quiet]

Run the verifier's checks that need no value tracking (jump/call ranges, reachability,
back-edges, call depth, stack size) and every stack-argument rule, printing the log and a
verdict; exits 1 when rejected. Options (--set): jit=false, allow-loops=true,
kfunc-args=ID:N,..., global=..., freplace=N (see docs/verifier.md).
`;
COMMAND_HELP.jit = `Usage: bpfkit jit PROG... --arch x86-64|arm64 [--listing] [--json] [--set k=v]... [--format FMT] [--entry NAME]

Compile every program of every PROG with the JIT of that architecture and print a summary
(instructions, bytes, bytes per instruction, functions).
  --listing           each BPF instruction in kernel syntax, then its machine code (offset,
                      bytes, assembly), with C source lines of an object's line info
  --json              code, insn->offset map and functions as JSON
  --set k=v           sandbox=true, budget=true, liveness=false (x86-64); long-branches=true (arm64)
`;
COMMAND_HELP['conformance-plugin'] = `Usage: bpfkit conformance-plugin [MEMHEX] [--interpret | --jit]

The bpf_conformance plugin contract: the program as hex text on stdin, the memory as one
hex argument; prints r0 in hex, or exits non-zero with the message on stdout. Also installed
as the standalone executable bpfkit-conformance-plugin (for --plugin_path).
`;

class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig['options']>;

function parse<T extends Options>(args: string[], options: T) {
  try {
    return parseArgs<{ args: string[]; options: T; allowPositionals: true; strict: true }>({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function formatOption(v: unknown): ProgramFormat | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !isProgramFormat(v)) throw new UsageError(`--format must be one of ${PROGRAM_FORMATS.join(', ')}`);
  return v;
}

function archOption(v: string): Arch {
  if (!(ARCHES as readonly string[]).includes(v)) throw new UsageError(`--arch must be one of ${ARCHES.join(', ')}`);
  return v as Arch;
}

function one(positionals: string[], what: string): string {
  if (positionals.length !== 1) throw new UsageError(`expected exactly one ${what}, got ${positionals.length}`);
  return positionals[0]!;
}

function some(positionals: string[], what: string): string[] {
  if (positionals.length === 0) throw new UsageError(`expected at least one ${what}`);
  return positionals;
}

function passOptions(sets: unknown): PassOptions {
  const out: Record<string, PassOptionValue> = {};
  for (const kv of (sets as string[] | undefined) ?? []) {
    const eq = kv.indexOf('=');
    if (eq <= 0) throw new UsageError(`--set expects key=value, got '${kv}'`);
    const v = kv.slice(eq + 1);
    out[kv.slice(0, eq)] = v === 'true' ? true : v === 'false' ? false : /^-?\d+$/.test(v) ? Number(v) : v;
  }
  return out;
}

export interface CliContext {
  /** Passes and presets for --passes (default: defaultRegistry(); main() adds --plugin modules). */
  readonly registry?: PassRegistry;
}

/** Run the CLI with `argv` (without node and script); returns the exit code. */
export function runCli(argv: readonly string[], io: CliIo, context: CliContext = {}): number {
  const [cmd, ...rest] = argv;
  try {
    switch (cmd) {
      case undefined:
      case '-h':
      case '--help':
        io.stdout(HELP);
        return cmd === undefined ? 2 : 0;
      case '--version':
      case '-V':
        io.stdout(`bpfkit ${VERSION}\n`);
        return 0;
      case 'help': {
        const topic = rest[0];
        io.stdout(topic && COMMAND_HELP[topic] ? COMMAND_HELP[topic] : HELP);
        return topic && !COMMAND_HELP[topic] ? 2 : 0;
      }
      case 'asm': {
        const { values, positionals } = parse(rest, {
          output: { type: 'string', short: 'o' }, format: { type: 'string' }, hex: { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
        });
        if (values.help) return io.stdout(COMMAND_HELP.asm!), 0;
        if (typeof values.output !== 'string') throw new UsageError('asm needs -o OUT');
        return asmCommand(io, { input: one(positionals, 'input file'), output: values.output, format: formatOption(values.format), hex: !!values.hex });
      }
      case 'disasm': {
        const { values, positionals } = parse(rest, {
          syntax: { type: 'string' }, format: { type: 'string' }, entry: { type: 'string' }, help: { type: 'boolean', short: 'h' },
        });
        if (values.help) return io.stdout(COMMAND_HELP.disasm!), 0;
        const syntax = (values.syntax ?? 'kernel') as string;
        if (!(SYNTAXES as readonly string[]).includes(syntax)) throw new UsageError(`--syntax must be one of ${SYNTAXES.join(', ')}`);
        return disasmCommand(io, {
          input: one(positionals, 'input file'), syntax: syntax as Syntax, format: formatOption(values.format),
          ...(values.entry !== undefined ? { entry: values.entry } : {}),
        });
      }
      case 'analyze': {
        const { values, positionals } = parse(rest, {
          passes: { type: 'string' }, format: { type: 'string' }, set: { type: 'string', multiple: true },
          'debug-pass-manager': { type: 'boolean' }, 'print-after-all': { type: 'boolean' }, 'print-program': { type: 'boolean' },
          'trace-from-run': { type: 'boolean' }, entry: { type: 'string' }, json: { type: 'boolean' }, quiet: { type: 'boolean', short: 'q' },
          help: { type: 'boolean', short: 'h' },
        });
        if (values.help) return io.stdout(COMMAND_HELP.analyze!), 0;
        return analyzeCommand(io, {
          inputs: some(positionals, 'program'), format: formatOption(values.format),
          ...(values.passes !== undefined ? { passes: values.passes } : {}), ...(values.entry !== undefined ? { entry: values.entry } : {}),
          json: !!values.json, quiet: !!values.quiet, ...(context.registry ? { registry: context.registry } : {}),
          options: { ...passOptions(values.set), ...(values['trace-from-run'] ? { trace: 'run' } : {}) },
          debugPassManager: !!values['debug-pass-manager'], printAfterAll: !!values['print-after-all'], printProgram: !!values['print-program'],
        });
      }
      case 'run': {
        const { values, positionals } = parse(rest, {
          mem: { type: 'string' }, 'mem-file': { type: 'string' }, trace: { type: 'boolean' }, budget: { type: 'string' },
          jit: { type: 'boolean' }, sandbox: { type: 'boolean' }, arch: { type: 'string' }, entry: { type: 'string' },
          maps: { type: 'boolean' }, json: { type: 'boolean' }, format: { type: 'string' }, help: { type: 'boolean', short: 'h' },
        });
        if (values.help) return io.stdout(COMMAND_HELP.run!), 0;
        if (values.mem !== undefined && values['mem-file'] !== undefined) throw new UsageError('give --mem or --mem-file, not both');
        let budget: number | undefined;
        if (values.budget !== undefined) {
          budget = Number(values.budget);
          if (!Number.isSafeInteger(budget) || budget <= 0) throw new UsageError('--budget must be a positive integer');
        }
        return runCommand(io, {
          input: one(positionals, 'program'), format: formatOption(values.format), trace: !!values.trace,
          jit: !!values.jit, sandbox: !!values.sandbox, maps: !!values.maps, json: !!values.json,
          ...(values.entry !== undefined ? { entry: values.entry } : {}),
          ...(values.arch !== undefined ? { arch: archOption(values.arch) } : {}),
          ...(values.mem !== undefined ? { memHex: values.mem } : {}),
          ...(values['mem-file'] !== undefined ? { memFile: values['mem-file'] } : {}),
          ...(budget !== undefined ? { budget } : {}),
        });
      }
      case 'verify': {
        const { values, positionals } = parse(rest, {
          set: { type: 'string', multiple: true }, format: { type: 'string' }, entry: { type: 'string' }, json: { type: 'boolean' },
          quiet: { type: 'boolean', short: 'q' }, help: { type: 'boolean', short: 'h' },
        });
        if (values.help) return io.stdout(COMMAND_HELP.verify!), 0;
        return verifyCommand(io, {
          inputs: some(positionals, 'program'), format: formatOption(values.format), options: passOptions(values.set),
          ...(values.entry !== undefined ? { entry: values.entry } : {}), json: !!values.json, quiet: !!values.quiet,
        });
      }
      case 'jit': {
        const { values, positionals } = parse(rest, {
          arch: { type: 'string' }, set: { type: 'string', multiple: true }, format: { type: 'string' }, entry: { type: 'string' },
          listing: { type: 'boolean' }, json: { type: 'boolean' }, quiet: { type: 'boolean', short: 'q' }, help: { type: 'boolean', short: 'h' },
        });
        if (values.help) return io.stdout(COMMAND_HELP.jit!), 0;
        if (!(ARCHES as readonly string[]).includes(values.arch ?? '')) throw new UsageError(`jit needs --arch ${ARCHES.join('|')}`);
        return jitCommand(io, {
          inputs: some(positionals, 'program'), arch: values.arch as Arch, format: formatOption(values.format), options: passOptions(values.set),
          ...(values.entry !== undefined ? { entry: values.entry } : {}), listing: !!values.listing, json: !!values.json, quiet: !!values.quiet,
        });
      }
      case 'conformance-plugin':
        if (rest.includes('--help') || rest.includes('-h')) return io.stdout(COMMAND_HELP['conformance-plugin']!), 0;
        return conformancePluginCommand(io, rest);
      default:
        throw new UsageError(`unknown command '${cmd}'`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`bpfkit: ${e.message}\nRun 'bpfkit --help' for usage.\n`);
      return 2;
    }
    if (e instanceof BpfError) {
      io.stderr(`bpfkit: ${e.format()}\n`);
      return 1;
    }
    io.stderr(`bpfkit: internal error: ${(e as Error).stack ?? String(e)}\n`);
    return 70;
  }
}
