// Public API of the custom-pass example: the pass and a registry holding it beside every
// built-in pass, plus an `audit` preset that uses it.
import { defaultRegistry, type PassRegistry } from '@bpfkit/pipeline';
import { helperCalls } from './helper-calls.js';

export { helperCalls, type HelperCalls } from './helper-calls.js';

/** The default registry plus `helper-calls` and the preset `audit` = verifier log + helper calls. */
export function exampleRegistry(): PassRegistry {
  return defaultRegistry().register(helperCalls).registerPreset('audit', 'print<verifier>,print<helper-calls>', 'verdict and helper calls');
}
