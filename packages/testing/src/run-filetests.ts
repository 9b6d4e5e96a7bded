// runFiletests(): one jest test per `*.bpf.s` file in a directory, so a package's filetest
// suite is a single line in a test file:
//   runFiletests(new URL('../filetests', import.meta.url), { registry });
// An empty or missing directory fails loudly rather than passing with nothing checked.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { BpfError } from '@bpfkit/ir';
import { runFiletest, type FiletestOptions } from './filetest-runner.js';
import { displayPath, toPath, type PathLike } from './repo-root.js';

/** The jest functions used (injected in tests; the jest globals otherwise). */
export interface TestRegistrar {
  describe(name: string, body: () => void): void;
  test(name: string, body: () => void): void;
}

export interface RunFiletestsOptions extends FiletestOptions {
  readonly jest?: TestRegistrar;
}

export const FILETEST_SUFFIX = '.bpf.s';

/** The `*.bpf.s` files of `dir`, sorted; BpfError 'IO' when there are none. */
export function listFiletests(dir: PathLike): string[] {
  const path = toPath(dir);
  if (!existsSync(path) || !statSync(path).isDirectory()) throw new BpfError('IO', `filetest directory ${path} does not exist`);
  const files = readdirSync(path).filter((f) => f.endsWith(FILETEST_SUFFIX)).sort().map((f) => join(path, f));
  if (files.length === 0) throw new BpfError('IO', `no *${FILETEST_SUFFIX} files in ${path}`);
  return files;
}

export function runFiletests(dir: PathLike, opts: RunFiletestsOptions): void {
  const jest = opts.jest ?? (globalThis as unknown as Partial<TestRegistrar>);
  if (typeof jest.describe !== 'function' || typeof jest.test !== 'function')
    throw new Error('runFiletests() registers jest tests: call it from a jest test file');
  const files = listFiletests(dir);
  const { describe, test } = jest as TestRegistrar;
  describe(`filetests in ${displayPath(toPath(dir))}`, () => {
    for (const f of files) test(basename(f), () => void runFiletest(f, opts));
  });
}
