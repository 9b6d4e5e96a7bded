// Public API of the custom-pass example: the pass, an `audit` preset that uses it, and a
// registry holding both beside every built-in pass. The module is also a CLI plugin:
// `bpfkit analyze prog.o --plugin examples/custom-pass/dist/index.js --passes audit`
// registers every exported pass and the exported `presets`.
import { defaultRegistry, type PassRegistry, type PresetInfo } from '@bpfkit/pipeline';
import { helperCalls } from './helper-calls.js';

export { helperCalls, type HelperCalls } from './helper-calls.js';

export const presets: readonly PresetInfo[] = [
  { name: 'audit', pipeline: 'print<verifier>,print<helper-calls>', description: 'verdict and helper calls' },
];

/** The default registry plus `helper-calls` and the preset `audit` = verifier log + helper calls. */
export function exampleRegistry(): PassRegistry {
  const registry = defaultRegistry().register(helperCalls);
  for (const p of presets) registry.registerPreset(p.name, p.pipeline, p.description);
  return registry;
}
