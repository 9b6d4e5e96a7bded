// Running arm64 JIT output on any host: runner/runner.c, built once per source version with
// `aarch64-linux-gnu-gcc -static -O2` into a cache directory, executed under
// `qemu-aarch64 -cpu max` (LSE atomics need ARMv8.1). Many programs go through one qemu
// process: runArm64Batch() frames them on stdin (see runner.c) and reads one line per program.
// Debian packages: qemu-user (qemu-aarch64) and gcc-aarch64-linux-gnu; when either is missing,
// every entry point throws a BpfError (code ARM64_TOOLS_MISSING) that names them.
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BpfError, MAX_BPF_STACK } from '@bpfkit/ir';

export const QEMU_AARCH64 = process.env.QEMU_AARCH64 ?? 'qemu-aarch64';
export const AARCH64_CC = process.env.AARCH64_CC ?? 'aarch64-linux-gnu-gcc';
/** may_goto budget per function activation (the interpreter's BPF_MAX_LOOPS default). */
export const DEFAULT_MAY_GOTO_BUDGET = 8 * 1024 * 1024;

export interface Arm64RunRequest {
  readonly code: Uint8Array;
  /** Input memory: R1 = its address, R2 = its length. */
  readonly mem?: Uint8Array;
  /** Byte offset of the entry trampoline (Arm64JitResult.entry). Default 0. */
  readonly entry?: number;
  readonly mayGotoBudget?: number;
}

export type Arm64RunResult =
  | { readonly ok: true; readonly r0: bigint; readonly mem: Uint8Array }
  | { readonly ok: false; readonly fault: string };

const MISSING_HINT = 'install the Debian packages qemu-user and gcc-aarch64-linux-gnu (apt-get install -y qemu-user gcc-aarch64-linux-gnu)';

/** Source of the runner (shipped in the package's runner/ folder). */
export const runnerSourcePath = (): string => fileURLToPath(new URL('../runner/runner.c', import.meta.url));

function have(cmd: string, arg: string): boolean {
  const r = spawnSync(cmd, [arg], { encoding: 'utf8' });
  return r.error === undefined && r.status === 0;
}

/** Are qemu-aarch64 and the cross compiler installed? */
export function arm64ToolsAvailable(): boolean {
  return have(QEMU_AARCH64, '--version') && have(AARCH64_CC, '--version');
}

let builtRunner: string | undefined;

/** Build (or find in the cache) the static runner; returns its path. */
export function ensureArm64Runner(): string {
  if (builtRunner !== undefined) return builtRunner;
  if (!have(QEMU_AARCH64, '--version'))
    throw new BpfError('ARM64_TOOLS_MISSING', `${QEMU_AARCH64} not found: running arm64 JIT output needs qemu user-mode emulation; ${MISSING_HINT}`);
  if (!have(AARCH64_CC, '--version'))
    throw new BpfError('ARM64_TOOLS_MISSING', `${AARCH64_CC} not found: the arm64 runner is built at test time; ${MISSING_HINT}`);
  const src = readFileSync(runnerSourcePath());
  const hash = createHash('sha256').update(src).digest('hex').slice(0, 16);
  const dir = process.env.BPFKIT_ARM64_CACHE ?? join(tmpdir(), 'bpfkit-jit-arm64');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `runner-${hash}`);
  if (!existsSync(out)) {
    const tmp = `${out}.${process.pid}.tmp`;
    const r = spawnSync(AARCH64_CC, ['-static', '-O2', '-Wall', '-o', tmp, runnerSourcePath(), '-lm'], { encoding: 'utf8' });
    if (r.status !== 0) throw new BpfError('ARM64_RUNNER_BUILD', `building the arm64 runner failed:\n${r.stderr}`);
    renameSync(tmp, out);
  }
  builtRunner = out;
  return out;
}

/** Run many programs in one qemu process (one frame each); results in order. */
export function runArm64Batch(reqs: readonly Arm64RunRequest[], timeoutMs = 300_000): Arm64RunResult[] {
  if (reqs.length === 0) return [];
  const runner = ensureArm64Runner();
  let total = 0;
  for (const q of reqs) total += 24 + q.code.length + (q.mem?.length ?? 0);
  const buf = Buffer.alloc(total);
  let p = 0;
  for (const q of reqs) {
    const mem = q.mem ?? new Uint8Array(0);
    buf.writeUInt32LE(0x41465042, p);
    buf.writeUInt32LE(q.code.length, p + 4);
    buf.writeUInt32LE(mem.length, p + 8);
    buf.writeUInt32LE(q.entry ?? 0, p + 12);
    buf.writeBigUInt64LE(BigInt(q.mayGotoBudget ?? DEFAULT_MAY_GOTO_BUDGET), p + 16);
    p += 24;
    buf.set(q.code, p);
    p += q.code.length;
    buf.set(mem, p);
    p += mem.length;
  }
  const r = spawnSync(QEMU_AARCH64, ['-cpu', 'max', runner], { input: buf, encoding: 'utf8', maxBuffer: 1 << 30, timeout: timeoutMs });
  if (r.error !== undefined) throw new BpfError('ARM64_RUN', `qemu-aarch64 failed: ${r.error.message}`);
  const lines = r.stdout.split('\n').filter((l) => l !== '');
  if (lines.length !== reqs.length)
    throw new BpfError('ARM64_RUN', `arm64 runner printed ${lines.length} results for ${reqs.length} programs (status ${r.status}, signal ${r.signal}): ${r.stderr}`);
  return lines.map((l, k): Arm64RunResult => {
    const parts = l.split(' ');
    if (parts[0] !== 'ok') return { ok: false, fault: parts.slice(1).join(' ') };
    const hex = parts[2] ?? '';
    const mem = new Uint8Array(reqs[k]!.mem?.length ?? 0);
    for (let i = 0; i < mem.length; i++) mem[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    return { ok: true, r0: BigInt('0x' + parts[1]!), mem };
  });
}

/** Run one program: R0 and the final memory, or the fault. */
export function runArm64(code: Uint8Array, mem: Uint8Array = new Uint8Array(0), options: Omit<Arm64RunRequest, 'code' | 'mem'> = {}): Arm64RunResult {
  return runArm64Batch([{ ...options, code, mem }])[0]!;
}

/** Stack the runner's native stack must offer per BPF frame (documentation aid). */
export const ARM64_FRAME_BYTES_MAX = MAX_BPF_STACK + 16 * 4 + 32 + 16;
