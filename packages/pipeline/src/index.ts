// Public API of @bpfkit/pipeline: pass registry, pass manager (analysis caching, dependency
// tracking, invalidation), textual pipelines and pass instrumentation.
export { PassRegistry, PASS_NAME_PATTERN, RESERVED_PASS_NAMES, type PassInfo, type PresetInfo } from './registry.js';
export { BUILTIN_PRESETS } from './presets.js';
export { defaultRegistry } from './default-registry.js';
export { BUILTIN_PASSES } from './builtin-passes.js';
export { AnalysisManager, type AnalysisManagerInit } from './analysis-manager.js';
export { PassManager, type PassManagerInit, type PassManagerRun, type PassRun } from './pass-manager.js';
export { PassResults } from './pass-results.js';
export {
  parsePipeline, parsePipelineElements, formatPipeline, type PipelineStep, type PipelineElement,
} from './pipeline-parser.js';
export { runPipeline, type RunPipelineOptions, type PipelineOutput, type PipelineRun } from './run-pipeline.js';
export {
  debugPassManager, printAfterAll, standardInstrumentation, combineInstrumentation,
  type PassInstrumentation, type LineSink, type StandardInstrumentationFlags,
} from './instrumentation.js';
export { closeNames, editDistance } from './suggest.js';
