// `bpfkit conformance-plugin [MEMHEX] [options]` and the standalone
// `bpfkit-conformance-plugin`: the bpf_conformance runner's plugin contract — program as hex
// text on stdin, memory as one hex argv element (the runner puts it first, its
// --plugin_options after it), R0 printed in hex on stdout; any failure exits non-zero with
// the message on stdout. `--interpret` (default) uses the interpreter, `--jit` the x86-64 JIT.
import { BpfError } from '@bpfkit/ir';
import { CONFORMANCE_HELPERS, conformancePluginRun, formatConformanceR0 } from '@bpfkit/interp';
import { decode, hexToBytes } from '@bpfkit/decoder';
import { runNative } from '@bpfkit/runtime';
import type { CliIo } from '../io.js';

/** Plugin options understood after the memory argument. */
export const PLUGIN_OPTIONS = ['--interpret', '--jit'] as const;

export function conformancePluginCommand(io: CliIo, argv: readonly string[]): number {
  let memHex = '';
  let sawMem = false;
  let jit = false;
  for (const a of argv) {
    if (a.startsWith('--')) {
      if (!(PLUGIN_OPTIONS as readonly string[]).includes(a)) {
        io.stdout(`unknown plugin option ${a} (known: ${PLUGIN_OPTIONS.join(', ')})\n`);
        return 2;
      }
      jit = a === '--jit' ? true : a === '--interpret' ? false : jit;
    } else if (!sawMem) {
      memHex = a;
      sawMem = true;
    } else {
      io.stdout(`unexpected argument '${a}': the memory is one hex argument\n`);
      return 2;
    }
  }
  try {
    const programHex = new TextDecoder().decode(io.readFile('-'));
    // --jit: native x86-64 through the JIT, in sandbox mode so a bad program cannot take the
    // runner's plugin process down with it.
    const r0 = jit
      ? runNative(decode(hexToBytes(programHex)), { mem: hexToBytes(memHex), helpers: CONFORMANCE_HELPERS, sandbox: true })
      : conformancePluginRun(programHex, memHex).r0;
    io.stdout(`${formatConformanceR0(r0)}\n`);
    return 0;
  } catch (e) {
    if (e instanceof BpfError) {
      io.stdout(`${e.format()}\n`);
      return 1;
    }
    throw e;
  }
}
