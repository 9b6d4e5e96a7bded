// defaultRegistry(): a fresh registry holding every built-in pass (see builtin-passes.ts)
// and the built-in presets (see presets.ts).
// Fresh on every call, so a caller that registers its own passes never changes what another
// caller sees.
import { BUILTIN_PASSES } from './builtin-passes.js';
import { BUILTIN_PRESETS } from './presets.js';
import { PassRegistry } from './registry.js';

export function defaultRegistry(): PassRegistry {
  const registry = new PassRegistry(BUILTIN_PASSES);
  for (const p of BUILTIN_PRESETS) registry.registerPreset(p.name, p.pipeline, p.description);
  return registry;
}
