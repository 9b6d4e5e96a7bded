// Runs the golden filetests of every package (packages/<pkg>/filetests/*.bpf.s) with the
// standard pass set, defaultRegistry() — pass packages cannot run them themselves because
// @bpfkit/pipeline depends on them. (This package's own filetests use test-only passes and
// run from filetests.test.ts.)
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { defaultRegistry } from '@bpfkit/pipeline';
import { findRepoRoot } from './repo-root.js';
import { runFiletests } from './run-filetests.js';

const packagesDir = join(findRepoRoot(import.meta.dirname), 'packages');
const dirs = readdirSync(packagesDir)
  .filter((p) => p !== 'testing' && existsSync(join(packagesDir, p, 'filetests')))
  .sort();

if (dirs.length === 0) test('package filetests', () => expect('no packages/*/filetests directories').toBe('at least one'));
for (const p of dirs) runFiletests(join(packagesDir, p, 'filetests'), { registry: defaultRegistry() });
