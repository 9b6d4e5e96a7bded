// A unified diff of two line lists (`diff -u` layout: `---`/`+++` labels, `@@ -a,b +c,d @@`
// hunks with three lines of context), so a failing filetest shows exactly which output lines
// changed. Longest-common-subsequence over lines; inputs are expected to be test-sized.
export interface UnifiedDiffOptions {
  readonly fromLabel?: string;
  readonly toLabel?: string;
  readonly context?: number;
}

type Op = { kind: ' ' | '-' | '+'; line: string; a: number; b: number };

function diffOps(a: readonly string[], b: readonly string[]): Op[] {
  // Trim the common prefix and suffix first; the table then covers only the changed middle.
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const n = a.length - pre - suf;
  const m = b.length - pre - suf;
  const ops: Op[] = [];
  for (let i = 0; i < pre; i++) ops.push({ kind: ' ', line: a[i]!, a: i, b: i });
  // lcs[i][j] = LCS length of a[pre+i..] and b[pre+j..] (middle only).
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      lcs[i]![j] = a[pre + i] === b[pre + j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[pre + i] === b[pre + j]) {
      ops.push({ kind: ' ', line: a[pre + i]!, a: pre + i, b: pre + j });
      i++;
      j++;
    } else if (j < m && (i === n || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) {
      ops.push({ kind: '+', line: b[pre + j]!, a: pre + i, b: pre + j });
      j++;
    } else {
      ops.push({ kind: '-', line: a[pre + i]!, a: pre + i, b: pre + j });
      i++;
    }
  }
  // Within a change, print removals before additions (as diff -u does).
  for (let k = 0; k < ops.length; ) {
    if (ops[k]!.kind === ' ') {
      k++;
      continue;
    }
    let e = k;
    while (e < ops.length && ops[e]!.kind !== ' ') e++;
    const run = ops.slice(k, e);
    ops.splice(k, e - k, ...run.filter((o) => o.kind === '-'), ...run.filter((o) => o.kind === '+'));
    k = e;
  }
  for (let k = 0; k < suf; k++) ops.push({ kind: ' ', line: a[a.length - suf + k]!, a: a.length - suf + k, b: b.length - suf + k });
  return ops;
}

/** `''` when the lists are equal. */
export function unifiedDiff(expected: readonly string[], actual: readonly string[], opts: UnifiedDiffOptions = {}): string {
  const ctx = opts.context ?? 3;
  const ops = diffOps(expected, actual);
  const changed = ops.map((o, k) => (o.kind !== ' ' ? k : -1)).filter((k) => k >= 0);
  if (changed.length === 0) return '';
  const out = [`--- ${opts.fromLabel ?? 'expected'}`, `+++ ${opts.toLabel ?? 'actual'}`];
  let h = 0;
  while (h < changed.length) {
    const start = Math.max(0, changed[h]! - ctx);
    let end = Math.min(ops.length, changed[h]! + ctx + 1);
    while (h + 1 < changed.length && changed[h + 1]! - ctx <= end) {
      h++;
      end = Math.min(ops.length, changed[h]! + ctx + 1);
    }
    h++;
    const hunk = ops.slice(start, end);
    const aLen = hunk.filter((o) => o.kind !== '+').length;
    const bLen = hunk.filter((o) => o.kind !== '-').length;
    const aStart = aLen === 0 ? hunk[0]!.a : hunk.find((o) => o.kind !== '+')!.a + 1;
    const bStart = bLen === 0 ? hunk[0]!.b : hunk.find((o) => o.kind !== '-')!.b + 1;
    out.push(`@@ -${aStart},${aLen} +${bStart},${bLen} @@`);
    for (const o of hunk) out.push(`${o.kind}${o.line}`);
  }
  return out.join('\n') + '\n';
}
