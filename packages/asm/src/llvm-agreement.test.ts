// printLlvm must agree with LLVM itself: every instruction of the 313 conformance programs is
// disassembled by `llvm-mc-14 --disassemble -triple=bpfel -mattr=+alu32` (two process
// spawns in all: hex and decimal immediates) and compared with formatLlvmInsn, normalising
// only whitespace. Instructions LLVM 14 does not know are listed below, explicitly, and are
// the only ones skipped; the test also checks that LLVM 14 really gets each of them wrong,
// so the list cannot silently grow stale. Without llvm-mc-14 the test fails (CI installs llvm-14).
import { describe, test, expect } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { decode, hexToBytes, randomInsn } from '@bpfkit/decoder';
import { formatLlvmInsn } from './print-llvm.js';
import { loadConformanceCases } from './test-support/conformance-fixtures.js';

interface Slot {
  readonly where: string;
  readonly code: number;
  readonly dst: number;
  readonly src: number;
  readonly off: number;
  readonly imm: number;
  readonly imm2: number;
  /** `0xb7 0x01 …` (16 bytes for ld_imm64), llvm-mc's input format. */
  readonly bytes: string;
}

/** What LLVM 14's BPF backend lacks (or decodes with an older meaning), by instruction. */
const LLVM14_LACKS: readonly { readonly what: string; readonly matches: (s: Slot) => boolean }[] = [
  { what: 'BPF_MOD (`%=`): no modulo instruction before LLVM 18', matches: (s) => isAlu(s.code) && (s.code & 0xf0) === 0x90 },
  { what: 'BPF_JSET (`if r1 & …`): no jset instruction before LLVM 18', matches: (s) => isJmp(s.code) && (s.code & 0xf0) === 0x40 },
  { what: 'sdiv/sdiv32 (cpu v4, off=1): printed as unsigned /=', matches: (s) => isAlu(s.code) && (s.code & 0xf0) === 0x30 && s.off === 1 },
  { what: 'movsx (cpu v4, MOV|X off=8/16/32): printed as a plain move', matches: (s) => isAlu(s.code) && (s.code & 0xf8) === 0xb8 && s.off !== 0 },
  { what: 'MEMSX sign-extending loads (cpu v4)', matches: (s) => (s.code & 0xe7) === 0x81 },
  { what: 'bswap (cpu v4, ALU64|END)', matches: (s) => s.code === 0xd7 },
  { what: 'gotol (cpu v4, JMP32|JA)', matches: (s) => s.code === 0x06 },
  { what: 'may_goto (JMP|JCOND)', matches: (s) => s.code === 0xe5 },
  { what: 'load-acquire / store-release (atomic imm 0x100/0x110)', matches: (s) => (s.code & 0xe7) === 0xc3 && (s.imm === 0x100 || s.imm === 0x110) },
  { what: 'BPF_ST store-immediate (`*(u32 *)(r10 - 4) = 1`)', matches: (s) => (s.code & 0xe7) === 0x62 },
  {
    what: 'callx: LLVM 14 takes the register from imm, the ISA (and LLVM 19+) from dst',
    matches: (s) => s.code === 0x8d && s.dst !== s.imm,
  },
];

function isAlu(code: number): boolean {
  return (code & 7) === 4 || (code & 7) === 7;
}
function isJmp(code: number): boolean {
  return (code & 7) === 5 || (code & 7) === 6;
}

function findLlvmMc(): string | undefined {
  for (const dir of (process.env['PATH'] ?? '').split(delimiter)) {
    const p = join(dir, 'llvm-mc-14');
    if (dir && existsSync(p)) return p;
  }
  return existsSync('/usr/bin/llvm-mc-14') ? '/usr/bin/llvm-mc-14' : undefined;
}

/** Disassemble one instruction per input line; result per line (undefined = LLVM rejected it). */
function llvmDisassemble(llvmMc: string, lines: readonly string[], hex: boolean): (string | undefined)[] {
  const args = ['--disassemble', '-triple=bpfel', '-mattr=+alu32', ...(hex ? ['--print-imm-hex'] : [])];
  const r = spawnSync(llvmMc, args, { input: lines.join('\n') + '\n', encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`llvm-mc-14 exited with ${r.status}: ${r.stderr}`);
  const rejected = new Set<number>();
  for (const m of r.stderr.matchAll(/<stdin>:(\d+):\d+: warning: invalid instruction encoding/g)) rejected.add(Number(m[1]) - 1);
  const out = r.stdout.split('\n').map(normalise).filter((l) => l !== '' && l !== '.text');
  const result: (string | undefined)[] = [];
  let k = 0;
  for (let i = 0; i < lines.length; i++) result.push(rejected.has(i) ? undefined : out[k++]);
  if (k !== out.length) throw new Error(`llvm-mc-14 printed ${out.length} instructions for ${lines.length - rejected.size} accepted lines`);
  return result;
}

const normalise = (s: string): string => s.trim().replace(/\s+/g, ' ');

const hexByte = (b: number): string => `0x${b.toString(16).padStart(2, '0')}`;

function conformanceSlots(): Slot[] {
  const slots: Slot[] = [];
  for (const c of loadConformanceCases(import.meta.dirname)) {
    const bytes = hexToBytes(c.programHex);
    const p = decode(bytes);
    for (let i = 0; i < p.length; i++) {
      const wide = p.code[i] === 0x18;
      const raw = Array.from(bytes.subarray(8 * i, 8 * (i + (wide ? 2 : 1))), hexByte).join(' ');
      slots.push({
        where: `${c.name}:${i}`, code: p.code[i]!, dst: p.dst[i]!, src: p.src[i]!, off: p.off[i]!, imm: p.imm[i]!,
        imm2: wide ? p.imm[i + 1]! : 0, bytes: raw,
      });
      if (wide) i++;
    }
  }
  return slots;
}

/** Random valid instructions (decoder's generator, seeded) to cover what the suite lacks. */
function randomSlots(count: number, seed: number): Slot[] {
  let x = seed >>> 0;
  const rnd = (n: number): number => {
    x = (x + 0x6d2b79f5) >>> 0;
    let t = x;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (((t ^ (t >>> 14)) >>> 0) % n);
  };
  const slots: Slot[] = [];
  for (let k = 0; k < count; k++) {
    const insns = randomInsn(rnd);
    const x0 = insns[0]!;
    const f = (v: { code: number; dst: number; src: number; off: number; imm: number }): number[] => [
      v.code, v.dst | (v.src << 4), v.off & 0xff, (v.off >> 8) & 0xff, v.imm & 0xff, (v.imm >>> 8) & 0xff, (v.imm >>> 16) & 0xff, v.imm >>> 24,
    ];
    slots.push({
      where: `random #${k}`, code: x0.code, dst: x0.dst, src: x0.src, off: x0.off, imm: x0.imm, imm2: insns[1]?.imm ?? 0,
      bytes: insns.flatMap(f).map(hexByte).join(' '),
    });
  }
  return slots;
}

const llvmMc = findLlvmMc();
const lacking = (s: Slot) => LLVM14_LACKS.find((l) => l.matches(s));
const NOT_INSTALLED = 'llvm-mc-14 not found on PATH: install llvm-14 (e.g. `apt-get install llvm-14`); CI installs it';

/** Compare printLlvm with llvm-mc-14 on `slots`; returns the skipped slots. */
function agreement(slots: readonly Slot[], immediates: 'hex' | 'decimal'): Slot[] {
  if (llvmMc === undefined) throw new Error(NOT_INSTALLED);
  const compared = slots.filter((s) => lacking(s) === undefined);
  const skipped = slots.filter((s) => lacking(s) !== undefined);
  const all = [...compared, ...skipped];
  const llvm = llvmDisassemble(llvmMc, all.map((s) => s.bytes), immediates === 'hex');
  const mismatches: string[] = [];
  all.forEach((s, i) => {
    const ours = normalise(formatLlvmInsn(s.code, s.dst, s.src, s.off, s.imm, s.imm2, { immediates }));
    const theirs = llvm[i];
    if (i < compared.length) {
      if (theirs !== ours) mismatches.push(`${s.where} [${s.bytes}]: llvm-mc-14 '${theirs ?? '<invalid encoding>'}', printLlvm '${ours}'`);
    } else if (theirs === ours) {
      mismatches.push(`${s.where} [${s.bytes}] '${ours}': LLVM 14 handles it; remove '${lacking(s)!.what}' from LLVM14_LACKS`);
    }
  });
  expect(mismatches).toEqual([]);
  return skipped;
}

describe('printLlvm agrees with llvm-mc-14', () => {
  const suite = conformanceSlots();
  const random = randomSlots(3000, 0x5eed);
  const skipped: Slot[] = [];

  test('llvm-mc-14 is installed', () => {
    if (llvmMc === undefined) throw new Error(NOT_INSTALLED);
    expect(existsSync(llvmMc)).toBe(true);
  });

  for (const immediates of ['hex', 'decimal'] as const) {
    test(`every conformance-suite instruction (${immediates} immediates)`, () => {
      skipped.push(...agreement(suite, immediates));
      // The suite exercises most of the ISA: the comparison is not vacuous.
      expect(suite.filter((s) => lacking(s) === undefined).length).toBeGreaterThan(2000);
    });
    test(`3000 random valid instructions (${immediates} immediates)`, () => {
      skipped.push(...agreement(random, immediates));
    });
  }

  test('every LLVM14_LACKS entry is needed', () => {
    const unused = LLVM14_LACKS.filter((l) => !skipped.some((s) => l.matches(s))).map((l) => l.what);
    expect(unused).toEqual([]);
  });
});
