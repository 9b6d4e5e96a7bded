// Loader for the external conformance suite in `../shared/conformance` (beside the repository
// root): the records of conformance-assembled.jsonl (program bytes as the upstream runner
// assembles them, input memory, expected r0, cpu version, skip groups) joined with each
// `tests/<name>` .data file. It fails loudly (BpfError 'IO') when the directory is missing,
// a file's sha256 differs from its record, a record and its file disagree, or a file has no
// record — a silently shrinking suite would hide regressions.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BpfError } from '@bpfkit/ir';
import { bytesToHex, hexToBytes } from '@bpfkit/decoder';
import { parseConformanceData, type ConformanceData } from './conformance-data.js';
import { findRepoRoot, toPath, type PathLike } from './repo-root.js';

export interface ConformanceTest extends ConformanceData {
  /** File name, e.g. `add.data`. */
  readonly name: string;
  /** Absolute path of the .data file. */
  readonly file: string;
  /** Program bytes (8 per instruction slot, little-endian). */
  readonly program: Uint8Array;
  /** Input memory (empty when the test has none). */
  readonly mem: Uint8Array;
  /** Expected r0 as an unsigned 64-bit value. */
  readonly expected: bigint;
  /** Lowest `--cpu_version` (1–4) at which the upstream runner runs the test. */
  readonly minCpuVersion: number;
  /** Runner groups whose exclusion skips the test (cumulative: `base64` ⊃ `base32`). */
  readonly skipIfExcluded: readonly string[];
  /** sha256 of the .data file (verified). */
  readonly sha256: string;
}

interface JsonRecord {
  name: string;
  sha256: string;
  program: string;
  mem: string;
  expected: string;
  min_cpu_version: string;
  skip_if_excluded: string[];
}

const JSONL = 'conformance-assembled.jsonl';

/**
 * `../shared/conformance` relative to the repository root found from `from` (default: this
 * module's location, which is inside the repository). BpfError 'IO' if it does not exist.
 */
export function conformanceDir(from: PathLike = new URL('.', import.meta.url)): string {
  const root = findRepoRoot(from);
  const dir = resolve(root, '..', 'shared', 'conformance');
  if (!existsSync(join(dir, JSONL)))
    throw new BpfError('IO', `conformance data not found: ${join(dir, JSONL)} does not exist (expected ../shared/conformance beside the repository root ${root})`);
  return dir;
}

const cache = new Map<string, readonly ConformanceTest[]>();

/** Every conformance test, in jsonl order. Cached per directory. */
export function loadConformance(dir: PathLike = conformanceDir()): readonly ConformanceTest[] {
  const base = toPath(dir);
  const hit = cache.get(base);
  if (hit) return hit;
  const io = (msg: string): never => {
    throw new BpfError('IO', msg, { pass: 'conformance' });
  };
  const jsonl = join(base, JSONL);
  if (!existsSync(jsonl)) io(`conformance data not found: ${jsonl} does not exist`);
  const testsDir = join(base, 'tests');
  if (!existsSync(testsDir)) io(`conformance data not found: ${testsDir} does not exist`);

  const out: ConformanceTest[] = [];
  readFileSync(jsonl, 'utf8').split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let r: JsonRecord;
    try {
      r = JSON.parse(line) as JsonRecord;
    } catch (e) {
      return io(`${jsonl}:${i + 1}: not JSON: ${(e as Error).message}`);
    }
    const file = join(testsDir, r.name);
    if (!existsSync(file)) io(`${jsonl}:${i + 1}: ${r.name} has a record but no file ${file}`);
    const bytes = readFileSync(file);
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (sha !== r.sha256) io(`${r.name}: sha256 ${sha} does not match the record's ${r.sha256}; the .data file changed`);
    const data = parseConformanceData(bytes.toString('utf8'), r.name);
    const cpu = /^v([1-4])$/.exec(r.min_cpu_version);
    if (!cpu) io(`${r.name}: bad min_cpu_version ${JSON.stringify(r.min_cpu_version)}`);
    const test: ConformanceTest = {
      ...data,
      name: r.name,
      file,
      program: hexToBytes(r.program),
      mem: hexToBytes(r.mem),
      expected: BigInt.asUintN(64, BigInt(r.expected)),
      minCpuVersion: Number(cpu![1]),
      skipIfExcluded: [...r.skip_if_excluded],
      sha256: r.sha256,
    };
    checkAgreement(test, io);
    out.push(test);
  });
  const known = new Set(out.map((t) => t.name));
  const orphans = readdirSync(testsDir).filter((f) => f.endsWith('.data') && !known.has(f));
  if (orphans.length) io(`${testsDir}: ${orphans.length} .data file(s) without a record in ${JSONL}: ${orphans.join(', ')}`);
  if (out.length === 0) io(`${jsonl} holds no records`);
  cache.set(base, out);
  return out;
}

/** The .data file and its record must say the same thing. */
function checkAgreement(t: ConformanceTest, io: (msg: string) => never): void {
  if (t.result !== undefined && t.result !== t.expected)
    io(`${t.name}: '-- result' is 0x${t.result.toString(16)} but the record expects 0x${t.expected.toString(16)}`);
  const mem = t.dataMem ?? new Uint8Array(0);
  if (bytesToHex(mem) !== bytesToHex(t.mem)) io(`${t.name}: '-- mem' differs from the record's mem`);
  if (t.raw !== undefined) {
    const raw = new Uint8Array(t.raw.length * 8);
    const view = new DataView(raw.buffer);
    t.raw.forEach((w, i) => view.setBigUint64(8 * i, w, true));
    if (bytesToHex(raw) !== bytesToHex(t.program)) io(`${t.name}: '-- raw' differs from the record's program bytes`);
  }
}
