// Test-only: batch disassembly of A64 words with llvm-mc-14 (one process for many words).
import { spawnSync } from 'node:child_process';

export const LLVM_MC = process.env.LLVM_MC ?? 'llvm-mc-14';

/** Fails loudly (with an install hint) when llvm-mc is missing. */
export function requireLlvmMc(): void {
  const r = spawnSync(LLVM_MC, ['--version'], { encoding: 'utf8' });
  if (r.error !== undefined || r.status !== 0)
    throw new Error(`${LLVM_MC} not found: the A64 encoder tables are checked against LLVM's disassembler. Install it with \`apt-get install llvm-14\` (Debian), or set LLVM_MC.`);
}

/** Disassemble words; returns one normalized line (`mnemonic operands`, comments dropped) per word. */
export function disassemble(words: readonly number[]): string[] {
  const input = words
    .map((w) => [w & 0xff, (w >>> 8) & 0xff, (w >>> 16) & 0xff, w >>> 24].map((b) => '0x' + b.toString(16).padStart(2, '0')).join(' '))
    .join('\n');
  const r = spawnSync(LLVM_MC, ['--disassemble', '-triple=aarch64', '-mattr=+lse'], { input, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`llvm-mc failed: ${r.stderr}`);
  const lines = r.stdout.split('\n').map((l) => normalizeAsm(l)).filter((l) => l !== '' && !l.startsWith('.text'));
  if (lines.length !== words.length) throw new Error(`llvm-mc gave ${lines.length} lines for ${words.length} words:\n${r.stderr}`);
  return lines;
}

export const normalizeAsm = (l: string): string => l.replace(/\/\/.*$/, '').replace(/\s+/g, ' ').trim();
