// The core of the bpf_conformance plugin contract (Alan-Jowett/bpf_conformance): the runner
// sends the program as hex text on stdin and the input memory as one hex argv element, and
// expects R0 in hex on stdout, or a non-zero exit with the message. This function is that
// contract minus the process plumbing (which the CLI owns): hex in, R0 out, BpfError on any
// failure. Helpers default to the runners' test_helpers.h set (conformance-helpers.ts).
import { decode, hexToBytes } from '@bpfkit/decoder';
import { CONFORMANCE_HELPERS } from './conformance-helpers.js';
import { Interpreter } from './interpreter.js';
import type { ExternTable } from './options.js';

export interface ConformancePluginOptions {
  /** Instruction budget. Default 10_000_000 (the suite's programs run a few hundred). */
  readonly budget?: number;
  /** Helper table. Default CONFORMANCE_HELPERS. */
  readonly helpers?: ExternTable;
}

/** Decode and run a conformance program: `programHex` as the runner sends it, `memHex` the memory argument. */
export function conformancePluginRun(programHex: string, memHex = '', options: ConformancePluginOptions = {}): { r0: bigint } {
  const program = decode(hexToBytes(programHex));
  const mem = hexToBytes(memHex);
  const interp = new Interpreter(program, { helpers: options.helpers ?? CONFORMANCE_HELPERS, budget: options.budget ?? 10_000_000 });
  return { r0: interp.run({ mem }).r0 };
}

/** R0 as the plugin prints it: lowercase hex without a prefix (uBPF's `std::hex << r0`). */
export const formatConformanceR0 = (r0: bigint): string => BigInt.asUintN(64, r0).toString(16);
