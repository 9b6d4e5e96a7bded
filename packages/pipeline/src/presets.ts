// The pipeline presets bpfkit ships: named pipeline texts for what users ask for most, so
// `bpfkit analyze prog.o` needs no --passes and a custom pipeline can say `default,my-pass`.
// Like LLVM's `default<O2>`, a preset is only text; it is expanded when a pipeline is parsed.
import type { PresetInfo } from './registry.js';

export const BUILTIN_PRESETS: readonly PresetInfo[] = [
  {
    name: 'default',
    pipeline: 'print<verifier>,print<const-fold>,print<liveness>',
    description: 'what `bpfkit analyze` prints: the verifier log and verdict, const-fold and liveness in the kernel log format',
  },
  {
    name: 'optimize',
    pipeline: 'const-fold,prune-dead-branches',
    description: 'the kernel\'s pre-verification clean-up: constant propagation, then dead conditional branches removed',
  },
];
