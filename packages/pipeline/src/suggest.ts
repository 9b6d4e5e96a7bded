// Close-name suggestions for "unknown pass" errors: a typo in a pipeline (`livenes`) should
// answer with the names the user probably meant, not a bare failure. Pure functions over
// strings; Damerau-free Levenshtein distance is enough for short pass names.

/** Edit distance (insert / delete / substitute, each cost 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Candidates close to `name`, best first: within edit distance max(2, ⌊len/3⌋), or sharing a
 * prefix/substring of at least three characters (`jit` → `jit-x86-64`, `jit-arm64`).
 */
export function closeNames(name: string, candidates: Iterable<string>): string[] {
  const lower = name.toLowerCase();
  const limit = Math.max(2, Math.floor(name.length / 3));
  const scored: { c: string; d: number }[] = [];
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    const related = lower.length >= 3 && (c.toLowerCase().includes(lower) || lower.includes(c.toLowerCase()));
    if (d <= limit || related) scored.push({ c, d });
  }
  return scored.sort((x, y) => x.d - y.d || (x.c < y.c ? -1 : 1)).map((x) => x.c);
}
