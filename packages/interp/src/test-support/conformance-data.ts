// Test-only reader of ../shared/conformance: the assembled programs (conformance-assembled.jsonl)
// and, to cross-check them, the `-- result` / `-- mem` sections of the .data sources.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface ConformanceCase {
  readonly name: string;
  readonly program: string;
  readonly mem: string;
  readonly expected: string;
}

export function repoRoot(from: string): string {
  let dir = from;
  for (;;) {
    if (existsSync(join(dir, 'nx.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) throw new Error(`no nx.json above ${from}`);
    dir = up;
  }
}

export const conformanceDir = (from: string): string => join(repoRoot(from), '..', 'shared', 'conformance');

export function loadConformance(from: string): ConformanceCase[] {
  const text = readFileSync(join(conformanceDir(from), 'conformance-assembled.jsonl'), 'utf8');
  return text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as ConformanceCase);
}

/** The `-- result` and `-- mem` sections of a .data file (mem as hex without spaces). */
export function dataFileSections(from: string, name: string): { result: string | undefined; mem: string } {
  const text = readFileSync(join(conformanceDir(from), 'tests', name), 'utf8');
  let section = '';
  let result: string | undefined;
  let mem = '';
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (line.startsWith('--')) {
      section = line.slice(2).trim();
      continue;
    }
    if (line === '') continue;
    if (section === 'result') result ??= line;
    if (section === 'mem') mem += line.replace(/\s+/g, '');
  }
  return { result, mem: mem.toLowerCase() };
}
