// Public API of @bpfkit/verifier: the kernel verifier's checks that need no value tracking
// plus every stack-argument (r11) rule of the 2026 series, with the kernel's messages.
export { verify } from './verify.js';
export { verifier, formatVerdict } from './verifier-pass.js';
export { type VerifierOptions, verifierOptionsFrom } from './options.js';
export type { VerifierResult, SubprogFacts } from './verdict.js';
export { roundUpStackDepth } from './check-max-stack-depth.js';
