// Finding the repository root from anywhere inside it: the nearest ancestor directory that
// holds nx.json. Tests use it to reach data that lives beside the checkout
// (`../shared/conformance`) without depending on the process's working directory.
import { existsSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BpfError } from '@bpfkit/ir';

/** A path or file: URL, of a file or a directory. */
export type PathLike = string | URL;

export const toPath = (p: PathLike): string => (p instanceof URL || p.startsWith('file:') ? fileURLToPath(p) : resolve(p));

/** The nearest directory at or above `from` that contains nx.json; BpfError 'IO' if there is none. */
export function findRepoRoot(from: PathLike): string {
  let dir = toPath(from);
  if (existsSync(dir) && !statSync(dir).isDirectory()) dir = dirname(dir);
  for (;;) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new BpfError('IO', `no nx.json in ${toPath(from)} or any directory above it: not inside the bpfkit repository`);
    dir = up;
  }
}

/** `path` relative to the repository root when it is inside the repository, else unchanged. */
export function displayPath(path: string): string {
  try {
    return relative(findRepoRoot(path), path) || '.';
  } catch {
    return path;
  }
}
