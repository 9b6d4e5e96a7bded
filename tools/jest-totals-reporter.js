// Jest reporter: when BPF_TEST_TOTALS names a file, append this jest run's totals to it as
// one JSON line, so .ci/run can print a single `N passed, N failed` line for all packages.
import { appendFileSync } from 'node:fs';

export default class TotalsReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.BPF_TEST_TOTALS;
    if (!file) return;
    const line = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    appendFileSync(file, JSON.stringify(line) + '\n');
  }
}
