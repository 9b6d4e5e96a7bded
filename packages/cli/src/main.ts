// Process entry of the `bpfkit` command (bin/bpfkit.js calls main()).
import { nodeIo } from './io.js';
import { runCli } from './run-cli.js';

export async function main(argv: readonly string[]): Promise<number> {
  return runCli(argv, nodeIo());
}
