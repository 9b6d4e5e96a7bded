// `--plugin FILE`: user passes for the command line. A plugin is an ES module; every export
// that is a pass (an object with a pipeline-token `name`, a `kind` and `run`) is registered
// beside the built-in passes, an exported `presets` array ({ name, pipeline, description? })
// adds presets, and an exported `register(registry)` function may do anything else. Loading
// is asynchronous (dynamic import), so main() does it before runCli(); failures are BpfErrors.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BpfError, type Pass } from '@bpfkit/ir';
import { defaultRegistry, type PassRegistry } from '@bpfkit/pipeline';

const isPass = (v: unknown): v is Pass =>
  typeof v === 'object' && v !== null && typeof (v as Pass).name === 'string' && typeof (v as Pass).run === 'function' &&
  ['analysis', 'transform', 'codegen'].includes((v as Pass).kind);

/** Splits `--plugin FILE` / `--plugin=FILE` out of argv. */
export function extractPlugins(argv: readonly string[]): { rest: string[]; plugins: string[] } {
  const rest: string[] = [];
  const plugins: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      rest.push(...argv.slice(i));
      break;
    }
    if (a === '--plugin') {
      const file = argv[++i];
      if (file === undefined) throw new BpfError('OPTION', '--plugin needs a file');
      plugins.push(file);
    } else if (a.startsWith('--plugin=')) plugins.push(a.slice('--plugin='.length));
    else rest.push(a);
  }
  return { rest, plugins };
}

/** The default registry plus every pass and preset the plugin modules export. */
export async function loadPlugins(files: readonly string[], cwd = process.cwd()): Promise<PassRegistry> {
  const registry = defaultRegistry();
  for (const file of files) {
    let mod: Record<string, unknown>;
    try {
      mod = (await import(pathToFileURL(resolve(cwd, file)).href)) as Record<string, unknown>;
    } catch (e) {
      throw new BpfError('IO', `cannot load plugin ${file}: ${(e as Error).message.split('\n')[0]}`, { cause: e });
    }
    let found = 0;
    for (const [key, value] of Object.entries(mod)) {
      if (key === 'default') continue; // passes are named exports, as everywhere in bpfkit
      if (isPass(value)) {
        registry.register(value);
        found++;
      }
    }
    if (Array.isArray(mod['presets']))
      for (const p of mod['presets'] as { name: string; pipeline: string; description?: string }[]) {
        registry.registerPreset(p?.name, p?.pipeline, p?.description ?? '');
        found++;
      }
    if (typeof mod['register'] === 'function') {
      (mod['register'] as (r: PassRegistry) => void)(registry);
      found++;
    }
    if (found === 0) throw new BpfError('OPTION', `plugin ${file} exports no passes, presets or register()`);
  }
  return registry;
}
