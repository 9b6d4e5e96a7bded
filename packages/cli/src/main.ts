// Process entry of the `bpfkit` command (bin/bpfkit.js calls main()).
import { BpfError } from '@bpfkit/ir';
import { nodeIo } from './io.js';
import { runCli } from './run-cli.js';
import { extractPlugins, loadPlugins } from './plugins.js';
import { conformancePluginCommand } from './commands/conformance-plugin.js';

export async function main(argv: readonly string[]): Promise<number> {
  const io = nodeIo();
  try {
    const { rest, plugins } = extractPlugins(argv);
    return runCli(rest, io, plugins.length > 0 ? { registry: await loadPlugins(plugins) } : {});
  } catch (e) {
    if (!(e instanceof BpfError)) throw e;
    io.stderr(`bpfkit: ${e.format()}\n`);
    return 1;
  }
}

/** Entry of the standalone bpfkit-conformance-plugin executable. */
export async function pluginMain(argv: readonly string[]): Promise<number> {
  return conformancePluginCommand(nodeIo(), argv);
}
