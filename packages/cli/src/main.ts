// Process entry of the `bpfkit` command (bin/bpfkit.js calls main()).
import { nodeIo } from './io.js';
import { runCli } from './run-cli.js';
import { conformancePluginCommand } from './commands/conformance-plugin.js';

export async function main(argv: readonly string[]): Promise<number> {
  return runCli(argv, nodeIo());
}

/** Entry of the standalone bpfkit-conformance-plugin executable. */
export async function pluginMain(argv: readonly string[]): Promise<number> {
  return conformancePluginCommand(nodeIo(), argv);
}
