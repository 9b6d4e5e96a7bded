// defaultRegistry(): a fresh registry holding every built-in pass (see builtin-passes.ts).
// Fresh on every call, so a caller that registers its own passes never changes what another
// caller sees.
import { BUILTIN_PASSES } from './builtin-passes.js';
import { PassRegistry } from './registry.js';

export function defaultRegistry(): PassRegistry {
  return new PassRegistry(BUILTIN_PASSES);
}
