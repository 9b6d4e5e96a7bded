// The example objects (examples/*.o, built by examples/build.sh from examples/c/*.c) for
// tests: the repository root is the nearest directory above this file holding nx.json, so
// the tests do not depend on the working directory.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 64; i++) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error(`no nx.json above ${fileURLToPath(import.meta.url)}`);
}

export const examplesDir = (): string => join(repoRoot(), 'examples');

/** examples/<name>.o as bytes. */
export const exampleObject = (name: string): Uint8Array => new Uint8Array(readFileSync(join(examplesDir(), `${name}.o`)));

/** The names (without .o) of every example object. */
export const exampleNames = (): string[] =>
  readdirSync(examplesDir()).filter((f) => f.endsWith('.o')).map((f) => f.slice(0, -2)).sort();

/** Line `n` (1-based) of examples/c/<file>. */
export function sourceLine(file: string, n: number): string {
  return readFileSync(join(examplesDir(), 'c', file), 'utf8').split('\n')[n - 1]!;
}
