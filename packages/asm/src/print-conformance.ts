// printConformance: a Program in the bpf_conformance disassembler's syntax (text-formats
// §2.3, src/bpf_disassembler.cc): `%4d: <text>` lines, `%rN` registers, `[%r10-8]` memory,
// immediates decimal when negative or in −10…10 and `0x…` (u32) otherwise, signed jump
// offsets, `lddw` with the full 64-bit value, `call helper|local|runtime`, `swapN`.
// Every line is checked by assembling it again: an instruction the dialect cannot express
// (may_goto, ld_abs, load-acquire, pseudo ld_imm64, kfunc `off`, nonzero reserved fields …)
// is printed as `.raw 0x<u64>` (a bpfkit extension parseConformance accepts) with the kernel
// text as a comment, so the output always parses back to identical bytes.
import { formatKernelInsn, type Program } from '@bpfkit/ir';
import { assembleConformanceLines } from './parse-conformance.js';
import { ProgramBuilder } from './program-builder.js';

export interface ConformancePrintOptions {
  /** Prefix each line with the `%4d: ` slot index like the upstream disassembler (default true). */
  readonly index?: boolean;
  /** Append ` ; <8 raw bytes>` like the disassembler's raw mode (default false). */
  readonly rawBytes?: boolean;
}

const ALU_NAMES: readonly (string | undefined)[] = [
  'add', 'sub', 'mul', 'div', 'or', 'and', 'lsh', 'rsh', 'neg', 'mod', 'xor', 'mov', 'arsh', undefined, undefined, undefined,
];
const JMP_NAMES: readonly (string | undefined)[] = [
  undefined, 'jeq', 'jgt', 'jge', 'jset', 'jne', 'jsgt', 'jsge', undefined, undefined, 'jlt', 'jle', 'jslt', 'jsle', undefined, undefined,
];
const SIZE_SUFFIX = ['w', 'h', 'b', 'dw'] as const; // by BPF_SIZE >> 3
const ATOMIC_NAMES: Readonly<Record<number, string>> = { 0x00: 'add', 0x40: 'or', 0x50: 'and', 0xa0: 'xor' };

/** The disassembler's `_format_imm`: decimal if negative (not INT32_MIN) or in −10…10, else u32 hex. */
const fmtImm = (v: number): string =>
  (v < 0 && v !== -0x80000000) || (v >= -10 && v <= 10) ? String(v) : `0x${(v >>> 0).toString(16)}`;
const fmtJump = (v: number): string => (v >= 0 ? `+${v}` : String(v));
const fmtMem = (reg: number, off: number): string => (off === 0 ? `[%r${reg}]` : `[%r${reg}${off > 0 ? '+' : ''}${off}]`);

/**
 * One instruction as the bpf_conformance disassembler prints it (`imm2`: next slot's imm for
 * lddw). Returns undefined for opcodes it has no mnemonic for.
 */
export function formatConformanceInsn(code: number, dst: number, src: number, off: number, imm: number, imm2 = 0): string | undefined {
  const cls = code & 7;
  const op = code & 0xf0;
  const x = (code & 8) !== 0;
  const size = (code >> 3) & 3;
  const mode = code & 0xe0;
  const d = `%r${dst}`;
  switch (cls) {
    case 4:
    case 7: {
      const sfx = cls === 4 ? '32' : '';
      if (op === 0xd0) return `${x ? 'be' : cls === 7 ? 'swap' : 'le'}${imm} ${d}`;
      if (op === 0x80) return `neg${sfx} ${d}`;
      if (op === 0xb0 && off !== 0) return `movsx${off}${cls === 7 ? '64' : '32'} ${d}, %r${src}`;
      let name = ALU_NAMES[op >> 4];
      if (name === undefined) return undefined;
      if (off === 1 && (op === 0x30 || op === 0x90)) name = op === 0x30 ? 'sdiv' : 'smod';
      return `${name}${sfx} ${d}, ${x ? `%r${src}` : fmtImm(imm)}`;
    }
    case 0:
      if (code !== 0x18) return undefined;
      return `lddw ${d}, 0x${((BigInt(imm2 >>> 0) << 32n) | BigInt(imm >>> 0)).toString(16)}`;
    case 1:
      if (mode !== 0x60 && mode !== 0x80) return undefined;
      return `ldx${mode === 0x80 ? 's' : ''}${SIZE_SUFFIX[size]} ${d}, ${fmtMem(src, off)}`;
    case 2:
      return mode === 0x60 ? `st${SIZE_SUFFIX[size]} ${fmtMem(dst, off)}, ${fmtImm(imm)}` : undefined;
    case 3: {
      if (mode === 0x60) return `stx${SIZE_SUFFIX[size]} ${fmtMem(dst, off)}, %r${src}`;
      if (mode !== 0xc0) return undefined;
      const width = size === 0 ? '32' : '';
      let what: string | undefined;
      if (imm === 0xe1) what = `xchg${width}`;
      else if (imm === 0xf1) what = `cmpxchg${width}`;
      else {
        const name = ATOMIC_NAMES[imm & ~1];
        if (name === undefined) return undefined;
        what = `${imm & 1 ? 'fetch ' : ''}${name}${width}`;
      }
      return `lock ${what} ${fmtMem(dst, off)}, %r${src}`;
    }
    default: {
      const sfx = cls === 6 ? '32' : '';
      if (code === 0x95) return 'exit';
      if (code === 0x85 || code === 0x8d) {
        if (x) return `call helper %r${dst}`;
        if (src === 0) return `call helper ${fmtImm(imm)}`;
        if (src === 1) return `call local ${fmtJump(imm)}`;
        if (src === 2) return `call runtime ${fmtImm(imm)}`;
        return undefined;
      }
      if (code === 0x05) return `ja ${fmtJump(off)}`;
      if (code === 0x06) return `ja32 ${fmtJump(imm)}`;
      const name = JMP_NAMES[op >> 4];
      if (name === undefined) return undefined;
      return `${name}${sfx} ${d}, ${x ? `%r${src}` : fmtImm(imm)}, ${fmtJump(off)}`;
    }
  }
}

const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function slotWord(p: Program, i: number): bigint {
  const lo = (p.code[i]! | (p.dst[i]! << 8) | (p.src[i]! << 12) | ((p.off[i]! & 0xffff) << 16)) >>> 0;
  return (BigInt(p.imm[i]! >>> 0) << 32n) | BigInt(lo);
}

function slotBytes(p: Program, i: number): string {
  const w = slotWord(p, i);
  const out: string[] = [];
  for (let k = 0n; k < 64n; k += 8n) out.push(HEX2[Number((w >> k) & 0xffn)]!);
  return out.join(' ');
}

const scratch = new ProgramBuilder();

/** Does `text` assemble to exactly slots `i…i+count-1` of `p`? */
function reassembles(text: string, p: Program, i: number, count: number): boolean {
  const b = scratch;
  b.reset();
  try {
    assembleConformanceLines(text, 1, b);
  } catch {
    return false;
  }
  if (b.length !== count || b.hasFixups) return false;
  for (let k = 0; k < count; k++) {
    const s = b.slot(k);
    const j = i + k;
    if (s.code !== p.code[j] || s.dst !== p.dst[j] || s.src !== p.src[j] || s.off !== p.off[j] || s.imm !== p.imm[j]) return false;
  }
  return true;
}

/**
 * The program in bpf_conformance disassembler syntax, one line per instruction (lddw takes
 * two indices), newline-terminated. Parses back with parseConformance to identical slots.
 */
export function printConformance(p: Program, options: ConformancePrintOptions = {}): string {
  const index = options.index !== false;
  let out = '';
  const line = (i: number, text: string, slots: number): void => {
    let raw = '';
    if (options.rawBytes) raw = ` ; ${slotBytes(p, i)}${slots === 2 ? ` ${slotBytes(p, i + 1)}` : ''}`;
    out += `${index ? `${String(i).padStart(4, ' ')}: ` : ''}${text}${raw}\n`;
  };
  for (let i = 0; i < p.length; i++) {
    const slots = p.code[i] === 0x18 && i + 1 < p.length ? 2 : 1;
    const text = formatConformanceInsn(p.code[i]!, p.dst[i]!, p.src[i]!, p.off[i]!, p.imm[i]!, slots === 2 ? p.imm[i + 1]! : 0);
    if (text !== undefined && reassembles(text, p, i, slots)) {
      line(i, text, slots);
      i += slots - 1;
      continue;
    }
    const kernel = formatKernelInsn(p.code[i]!, p.dst[i]!, p.src[i]!, p.off[i]!, p.imm[i]!, i + 1 < p.length ? p.imm[i + 1]! : 0);
    line(i, `.raw 0x${slotWord(p, i).toString(16).padStart(16, '0')} # ${kernel}`, 1);
  }
  return out;
}
