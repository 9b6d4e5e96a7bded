// Test-only reader for the shared bpf_conformance fixtures (../shared/conformance next to the
// workspace root): the 313 `.data` files and the upstream runner's assembled bytes in
// conformance-assembled.jsonl. Deliberately tiny and local (asm cannot depend on
// @bpfkit/testing, which depends on asm). Not part of the published package.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The workspace root: the nearest ancestor of `from` that contains nx.json. */
export function workspaceRoot(from: string): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no nx.json above ${from}`);
    dir = up;
  }
}

export interface ConformanceCase {
  /** File name, e.g. `add.data`. */
  readonly name: string;
  /** The whole .data file. */
  readonly source: string;
  /** Program bytes as the upstream runner assembled them (lowercase hex). */
  readonly programHex: string;
}

/** All conformance cases, in file-name order; fails loudly when the fixtures are missing. */
export function loadConformanceCases(fromDir: string): ConformanceCase[] {
  const dir = join(workspaceRoot(fromDir), '..', 'shared', 'conformance');
  const records = new Map<string, string>();
  for (const line of readFileSync(join(dir, 'conformance-assembled.jsonl'), 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const r = JSON.parse(line) as { name: string; program: string };
    records.set(r.name, r.program);
  }
  const files = readdirSync(join(dir, 'tests')).filter((f) => f.endsWith('.data')).sort();
  return files.map((name) => {
    const programHex = records.get(name);
    if (programHex === undefined) throw new Error(`${name} has no record in conformance-assembled.jsonl`);
    return { name, source: readFileSync(join(dir, 'tests', name), 'utf8'), programHex };
  });
}
