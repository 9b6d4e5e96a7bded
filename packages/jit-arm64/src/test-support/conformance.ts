// Test-only reader of ../shared/conformance/conformance-assembled.jsonl (313 programs).
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

export function loadConformance(from: string): ConformanceCase[] {
  const text = readFileSync(join(repoRoot(from), '..', 'shared', 'conformance', 'conformance-assembled.jsonl'), 'utf8');
  return text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as ConformanceCase);
}
