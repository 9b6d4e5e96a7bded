// Test-only: disassemble with llvm-mc-14 (one process for many instruction groups, separated
// by ud2) and compare a compiled image's listing notes with it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AsmNotes } from '@bpfkit/jit-common';
import { hexS } from '../encode-core.js';

export const LLVM_MC = '/usr/bin/llvm-mc-14';

export function requireLlvmMc(): void {
  if (!existsSync(LLVM_MC)) throw new Error(`${LLVM_MC} is missing: install llvm-14 (apt-get install llvm-14) to run the x86-64 encoder tests`);
}

/** One space between mnemonic and operands, no comments, the lock prefix joined. */
export const norm = (s: string): string => s.replace(/#.*$/, '').replace(/\s+/g, ' ').trim();

const hex = (bytes: Uint8Array): string => Array.from(bytes, (x) => `0x${x.toString(16).padStart(2, '0')}`).join(' ');

/** Disassemble each group of bytes on its own; returns the normalised lines per group. */
export function disassembleGroups(groups: readonly Uint8Array[]): string[][] {
  requireLlvmMc();
  const input = groups.map((g) => `${hex(g)} 0x0f 0x0b`).join('\n') + '\n';
  const out = execFileSync(LLVM_MC, ['--disassemble', '-triple=x86_64', '-print-imm-hex'], { input, encoding: 'utf8', maxBuffer: 256 << 20 });
  const lines = out.split('\n').map((l) => l.trim()).filter((l) => l !== '' && l !== '.text');
  const res: string[][] = [[]];
  for (let k = 0; k < lines.length; k++) {
    const l = lines[k]!;
    if (l === 'ud2') {
      res.push([]);
      continue;
    }
    if (l === 'lock' && k + 1 < lines.length) {
      res[res.length - 1]!.push(norm(`lock ${lines[++k]}`));
      continue;
    }
    res[res.length - 1]!.push(norm(l));
  }
  return res.slice(0, groups.length);
}

/**
 * Every byte of `code` belongs to exactly one noted instruction, and llvm-mc decodes each
 * noted instruction's bytes as exactly that one instruction with that text (branch targets
 * compared as the displacement llvm prints). Returns the mismatches.
 */
export function checkNotesAgainstLlvm(code: Uint8Array, notes: AsmNotes): string[] {
  const n = notes.offsets.length;
  const groups: Uint8Array[] = [];
  const want: string[] = [];
  const problems: string[] = [];
  let expectAt = 0;
  for (let k = 0; k < n; k++) {
    const at = notes.offsets[k]!;
    const end = k + 1 < n ? notes.offsets[k + 1]! : code.length;
    if (at !== expectAt) problems.push(`bytes [${expectAt}, ${at}) belong to no instruction`);
    expectAt = end;
    groups.push(code.subarray(at, end));
    const t = notes.targets[k]!;
    want.push(norm(t >= 0 ? notes.texts[k]!.replace('{T}', hexS(t - end)) : notes.texts[k]!));
  }
  if (expectAt !== code.length) problems.push(`bytes [${expectAt}, ${code.length}) belong to no instruction`);
  const got = disassembleGroups(groups);
  for (let k = 0; k < n; k++) {
    const g = got[k] ?? [];
    if (g.length !== 1 || g[0] !== want[k]) problems.push(`@${notes.offsets[k]!.toString(16)}: llvm ${JSON.stringify(g)} vs ours ${JSON.stringify(want[k])}`);
  }
  return problems;
}
