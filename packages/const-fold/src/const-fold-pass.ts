// The `const-fold` analysis pass: static constant propagation over every subprogram, as the
// kernel runs it before path-sensitive verification (kernel/bpf/const_fold.c). Options:
// `map-image.<index>=hex:<bytes>` supplies read-only map contents for the LDX fold.
import { defineAnalysis, type AnalysisPass, type Program } from '@bpfkit/ir';
import { computeConstFold } from './compute.js';
import type { ConstFoldResult } from './const-fold-result.js';
import { mapImagesFromOptions } from './map-images.js';
import { printConstFold } from './print.js';

export const constFold: AnalysisPass<ConstFoldResult> = defineAnalysis<ConstFoldResult>({
  name: 'const-fold',
  description: 'static constant propagation (kernel/bpf/const_fold.c): constants, map pointers, map values and subprogram pointers per register per instruction',
  run(ctx) {
    return computeConstFold(ctx.program, { mapImages: mapImagesFromOptions(ctx.options) });
  },
  print(result: ConstFoldResult, program: Program): string {
    return printConstFold(result, program);
  },
});
