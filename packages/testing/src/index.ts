// Public API of @bpfkit/testing (private): the filetest runner and the conformance loader
// bpfkit's own tests use.
export { findRepoRoot, type PathLike } from './repo-root.js';
export { parseConformanceData, type ConformanceData } from './conformance-data.js';
export { conformanceDir, loadConformance, type ConformanceTest } from './conformance.js';
export {
  parseFiletest, blessedText, outputLines, filetestError, FILETEST_TARGETS,
  type Filetest, type FiletestTarget,
} from './filetest-format.js';
export {
  runFiletest, produce, blessRequested, assertBlessAllowed, FiletestMismatch,
  type FiletestOptions, type FiletestResult, type ProgramParser, type Env,
} from './filetest-runner.js';
export { runFiletests, listFiletests, FILETEST_SUFFIX, type RunFiletestsOptions, type TestRegistrar } from './run-filetests.js';
export { unifiedDiff, type UnifiedDiffOptions } from './unified-diff.js';
