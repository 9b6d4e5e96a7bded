// printLlvm: a Program in llvm-objdump's BPF syntax (text-formats §2.2), as
// `llvm-objdump -d --mattr=+alu32` prints it: `%8d:\t<bytes>\t<text>` lines, hex immediates
// by default (`--print-imm-hex`, the modern default) or decimal, `(r10 - 0x8)` memory
// operands, `ll` on ld_imm64 (value printed signed 64-bit, as LLVM's formatImm does),
// LLVM's atomic spellings (`atomic_fetch_add`, `xchg_64`, `cmpxchg32_32`), and `w` registers
// for ALU32/JMP32 and for 8/16/32-bit loads, stores and atomics. Text follows LLVM 14 where
// it knows the instruction and newer LLVM (sdiv, movsx, MEMSX, bswap, gotol, may_goto,
// load-acquire, BPF_ST, callx with the register in dst) where it does not; encodings no LLVM
// decodes print `<unknown>`.
import type { Program } from '@bpfkit/ir';

export interface LlvmPrintOptions {
  /** `hex` (default; `--print-imm-hex`) or `decimal` (llvm-objdump-14's default, `--no-print-imm-hex`). */
  readonly immediates?: 'hex' | 'decimal';
  /** Show the raw instruction bytes column (default true; false = `--no-show-raw-insn`). */
  readonly rawBytes?: boolean;
}

const SIZE_NAME = ['u32', 'u16', 'u8', 'u64'] as const; // by BPF_SIZE >> 3
const SX_SIZE_NAME = ['s32', 's16', 's8'] as const;
const ALU_OPS: readonly (string | undefined)[] = [
  '+=', '-=', '*=', '/=', '|=', '&=', '<<=', '>>=', undefined, '%=', '^=', '=', 's>>=', undefined, undefined, undefined,
];
const JMP_OPS: readonly (string | undefined)[] = [
  undefined, '==', '>', '>=', '&', '!=', 's>', 's>=', undefined, undefined, '<', '<=', 's<', 's<=', undefined, undefined,
];
const ATOMIC_NAME: Readonly<Record<number, string>> = { 0x00: 'add', 0x40: 'or', 0x50: 'and', 0xa0: 'xor' };
const ATOMIC_OP: Readonly<Record<number, string>> = { 0x00: '+=', 0x40: '|=', 0x50: '&=', 0xa0: '^=' };

const UNKNOWN = '<unknown>';

/** LLVM's formatImm: signed, `-0x8` / `0x2a` in hex mode. */
function imm(v: number | bigint, hex: boolean): string {
  if (!hex) return String(v);
  if (typeof v === 'bigint') return v < 0n ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`;
  return v < 0 ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`;
}

/** Branch target: `+0x3`, `-0x5`. */
const branch = (v: number, hex: boolean): string => `${v >= 0 ? '+' : ''}${imm(v, hex)}`;

/** Memory operand without parentheses: `r10 - 0x8`, `r1 + 0x0`. */
const address = (reg: number, off: number, hex: boolean): string =>
  off >= 0 ? `r${reg} + ${imm(off, hex)}` : `r${reg} - ${imm(-off, hex)}`;

/**
 * One instruction in llvm-objdump syntax. `imm2` is the next slot's imm (ld_imm64).
 * Never throws; encodings LLVM cannot decode give `<unknown>`.
 */
export function formatLlvmInsn(
  code: number, dst: number, src: number, off: number, immv: number, imm2 = 0, options: LlvmPrintOptions = {},
): string {
  const hex = options.immediates !== 'decimal';
  const cls = code & 7;
  const op = code & 0xf0;
  const x = (code & 8) !== 0;
  const size = (code >> 3) & 3;
  const mode = code & 0xe0;
  switch (cls) {
    case 4: // ALU
    case 7: { // ALU64
      const r = cls === 4 ? 'w' : 'r';
      if (op === 0xd0) {
        if (immv !== 16 && immv !== 32 && immv !== 64) return UNKNOWN;
        if (cls === 4) return `r${dst} = ${x ? 'be' : 'le'}${immv} r${dst}`;
        return x ? UNKNOWN : `r${dst} = bswap${immv} r${dst}`;
      }
      if (op === 0x80) return x ? UNKNOWN : `${r}${dst} = -${r}${dst}`;
      if (op === 0xb0 && x && off !== 0) {
        if (off === 8 || off === 16 || (off === 32 && cls === 7)) return `${r}${dst} = (s${off})${r}${src}`;
        if (off === 1 && cls === 7) return `r${dst} = addr_space_cast(r${src}, ${imm(immv >>> 16, hex)}, ${imm(immv & 0xffff, hex)})`;
        return UNKNOWN;
      }
      let opText = ALU_OPS[op >> 4];
      if (opText === undefined) return UNKNOWN;
      if (op === 0x30 || op === 0x90) {
        if (off === 1) opText = op === 0x30 ? 's/=' : 's%=';
        else if (off !== 0) return UNKNOWN;
      }
      return `${r}${dst} ${opText} ${x ? `${r}${src}` : imm(immv, hex)}`;
    }
    case 1: { // LDX
      if (mode === 0x60) return `${size === 3 ? 'r' : 'w'}${dst} = *(${SIZE_NAME[size]} *)(${address(src, off, hex)})`;
      if (mode === 0x80 && size !== 3) return `r${dst} = *(${SX_SIZE_NAME[size]} *)(${address(src, off, hex)})`;
      return UNKNOWN;
    }
    case 2: // ST
      return mode === 0x60 ? `*(${SIZE_NAME[size]} *)(${address(dst, off, hex)}) = ${imm(immv, hex)}` : UNKNOWN;
    case 3: { // STX
      const v = `${size === 3 ? 'r' : 'w'}`;
      if (mode === 0x60) return `*(${SIZE_NAME[size]} *)(${address(dst, off, hex)}) = ${v}${src}`;
      if (mode !== 0xc0) return UNKNOWN;
      const sz = SIZE_NAME[size];
      if (immv === 0x100) return `${v}${dst} = load_acquire((${sz} *)(${address(src, off, hex)}))`;
      if (immv === 0x110) return `store_release((${sz} *)(${address(dst, off, hex)}), ${v}${src})`;
      if (size !== 0 && size !== 3) return UNKNOWN;
      const a = address(dst, off, hex);
      if (immv === 0xe1) return size === 3 ? `r${src} = xchg_64(${a}, r${src})` : `w${src} = xchg32_32(${a}, w${src})`;
      if (immv === 0xf1) return size === 3 ? `r0 = cmpxchg_64(${a}, r0, r${src})` : `w0 = cmpxchg32_32(${a}, w0, w${src})`;
      const base = immv & ~1;
      const name = ATOMIC_NAME[base];
      if (name === undefined || (immv & ~0xf1) !== 0) return UNKNOWN;
      if (immv & 1) return `${v}${src} = atomic_fetch_${name}((${sz} *)(${a}), ${v}${src})`;
      return `lock *(${sz} *)(${a}) ${ATOMIC_OP[base]} ${v}${src}`;
    }
    case 0: { // LD
      if (code === 0x18) {
        if (src !== 0) return `ld_pseudo\tr${dst}, ${imm(src, hex)}, ${imm(immv >>> 0, hex)}`;
        const value = BigInt.asIntN(64, (BigInt(imm2 >>> 0) << 32n) | BigInt(immv >>> 0));
        return `r${dst} = ${imm(value, hex)} ll`;
      }
      if (size === 3) return UNKNOWN;
      if (mode === 0x20) return `r0 = *(${SIZE_NAME[size]} *)skb[${imm(immv, hex)}]`;
      if (mode === 0x40) return `r0 = *(${SIZE_NAME[size]} *)skb[r${src}]`;
      return UNKNOWN;
    }
    default: { // JMP (5), JMP32 (6)
      const r = cls === 6 ? 'w' : 'r';
      switch (op) {
        case 0x00:
          if (cls === 5) return x ? `gotox r${dst}` : `goto ${branch(off, hex)}`;
          return x ? UNKNOWN : `gotol ${branch(immv, hex)}`;
        case 0x80:
          if (cls !== 5) return UNKNOWN;
          return x ? `callx r${dst}` : `call ${imm(immv, hex)}`;
        case 0x90:
          return cls === 5 && !x ? 'exit' : UNKNOWN;
        case 0xe0:
          return cls === 5 && !x && src === 0 ? `may_goto ${branch(off, hex)}` : UNKNOWN;
      }
      const opText = JMP_OPS[op >> 4];
      if (opText === undefined) return UNKNOWN;
      return `if ${r}${dst} ${opText} ${x ? `${r}${src}` : imm(immv, hex)} goto ${branch(off, hex)}`;
    }
  }
}

const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function slotBytes(p: Program, i: number): string {
  const off = p.off[i]! & 0xffff;
  const k = p.imm[i]! >>> 0;
  return [
    p.code[i]!, (p.src[i]! << 4) | p.dst[i]!, off & 0xff, off >>> 8, k & 0xff, (k >>> 8) & 0xff, (k >>> 16) & 0xff, k >>> 24,
  ].map((b) => HEX2[b & 0xff]).join(' ');
}

/**
 * The whole program as `llvm-objdump -d` prints a `.text` section (without the file and
 * section headers): one line per instruction, ld_imm64 taking two indices, newline-terminated.
 */
export function printLlvm(p: Program, options: LlvmPrintOptions = {}): string {
  const raw = options.rawBytes !== false;
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const wide = p.code[i] === 0x18 && i + 1 < p.length;
    const text = p.code[i] === 0x18 && !wide
      ? UNKNOWN
      : formatLlvmInsn(p.code[i]!, p.dst[i]!, p.src[i]!, p.off[i]!, p.imm[i]!, wide ? p.imm[i + 1]! : 0, options);
    const bytes = raw ? `${slotBytes(p, i)}${wide ? ` ${slotBytes(p, i + 1)}` : ''}\t` : '';
    out += `${String(i).padStart(8, ' ')}:\t${bytes}${text}\n`;
    if (wide) i++;
  }
  return out;
}
