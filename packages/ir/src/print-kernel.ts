// Kernel-syntax printer: one instruction as print_bpf_insn() in kernel/bpf/disasm.c renders
// it in the verifier log and `bpftool prog dump xlated` (text-formats §2.1): `(%02x) ` opcode
// prefix, r/w register names by class, signed decimal ALU immediates, u32-hex compare
// immediates, `(r10 -8)` memory operands, `pc+N` jump targets, and the r11 stack-argument
// forms (`*(u64 *)(r11 -8) = r1`, `r1 = *(u64 *)(r11 +8)`).
import {
  BPF_ADD, BPF_ALU, BPF_ALU64, BPF_AND, BPF_ARSH, BPF_ATOMIC, BPF_ABS, BPF_B, BPF_CALL, BPF_CLASS, BPF_CMPXCHG,
  BPF_DIV, BPF_DW, BPF_END, BPF_EXIT, BPF_FETCH, BPF_H, BPF_IMM, BPF_IND, BPF_JA, BPF_JCOND, BPF_JMP, BPF_JMP32,
  BPF_LD, BPF_LDX, BPF_LOAD_ACQ, BPF_LSH, BPF_MEM, BPF_MEMSX, BPF_MOD, BPF_MODE, BPF_MOV, BPF_MUL, BPF_NEG, BPF_OP,
  BPF_OR, BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC, BPF_PSEUDO_KFUNC_CALL, BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_IDX,
  BPF_PSEUDO_MAP_IDX_VALUE, BPF_PSEUDO_MAP_VALUE, BPF_RSH, BPF_SIZE, BPF_SRC, BPF_ST, BPF_STORE_REL, BPF_STX,
  BPF_SUB, BPF_TO_BE, BPF_W, BPF_X, BPF_XCHG, BPF_XOR,
} from './opcodes.js';
import { helperName } from './helper-names.js';
import type { Program } from './program.js';

/** Options mirroring disasm.c's `struct bpf_insn_cbs` callbacks. */
export interface KernelPrintOptions {
  /** Name for `call <name>#<imm>` of a helper (src_reg 0). Default: the uapi helper table, else `unknown`. */
  helperName?: (id: number) => string | undefined;
  /** Name for a kfunc call (src_reg 2). Default: `kernel-function`. */
  kfuncName?: (btfId: number, off: number) => string | undefined;
  /** Text for an ld_imm64 value. Default: `0x%llx` (verifier style). `bpftool` renders
   * pseudo map/func values as `map[id:N]`, `map[id:N][0]+off`, `subprog[+N]`. */
  imm64Style?: 'verifier' | 'bpftool';
}

export const ALU_OP_STRINGS: Readonly<Record<number, string>> = {
  [BPF_ADD]: '+=', [BPF_SUB]: '-=', [BPF_MUL]: '*=', [BPF_DIV]: '/=', [BPF_OR]: '|=', [BPF_AND]: '&=',
  [BPF_LSH]: '<<=', [BPF_RSH]: '>>=', [BPF_NEG]: 'neg', [BPF_MOD]: '%=', [BPF_XOR]: '^=', [BPF_MOV]: '=',
  [BPF_ARSH]: 's>>=', [BPF_END]: 'endian',
};

export const JMP_OP_STRINGS: Readonly<Record<number, string>> = {
  0x00: 'jmp', 0x10: '==', 0x20: '>', 0x30: '>=', 0x40: '&', 0x50: '!=', 0x60: 's>', 0x70: 's>=', 0x80: 'call',
  0x90: 'exit', 0xa0: '<', 0xb0: '<=', 0xc0: 's<', 0xd0: 's<=',
};

const SIZE_NAMES: Readonly<Record<number, string>> = { [BPF_W]: 'u32', [BPF_H]: 'u16', [BPF_B]: 'u8', [BPF_DW]: 'u64' };
const SX_SIZE_NAMES: Readonly<Record<number, string>> = { [BPF_W]: 's32', [BPF_H]: 's16', [BPF_B]: 's8', [BPF_DW]: 's64' };
const ATOMIC_OP_NAMES: Readonly<Record<number, string>> = { [BPF_ADD]: 'add', [BPF_AND]: 'and', [BPF_OR]: 'or', [BPF_XOR]: 'xor' };

const hex2 = (v: number): string => v.toString(16).padStart(2, '0');
const signedOff = (off: number): string => (off < 0 ? `${off}` : `+${off}`);
const u32hex = (v: number): string => `0x${(v >>> 0).toString(16)}`;

/**
 * One instruction in kernel syntax, e.g. `(07) r1 += -8`. `imm2` is the next slot's imm for
 * ld_imm64. Unknown encodings print disasm.c's `BUG_…` forms; printing never throws.
 */
export function formatKernelInsn(
  code: number, dst: number, src: number, off: number, imm: number, imm2 = 0, opts: KernelPrintOptions = {},
): string {
  return `(${hex2(code)}) ${kernelInsnBody(code, dst, src, off, imm, imm2, opts)}`;
}

function kernelInsnBody(code: number, dst: number, src: number, off: number, imm: number, imm2: number, opts: KernelPrintOptions): string {
  const cls = BPF_CLASS(code);
  switch (cls) {
    case BPF_ALU:
    case BPF_ALU64:
      return aluBody(code, dst, src, off, imm);
    case BPF_STX:
      return stxBody(code, dst, src, off, imm);
    case BPF_ST: {
      if (BPF_MODE(code) === BPF_MEM) return `*(${SIZE_NAMES[BPF_SIZE(code)]} *)(r${dst} ${signedOff(off)}) = ${imm}`;
      if (BPF_MODE(code) === 0xc0) return 'nospec';
      return `BUG_st_${hex2(code)}`;
    }
    case BPF_LDX: {
      const mode = BPF_MODE(code);
      if (mode === BPF_MEM || mode === BPF_MEMSX) {
        const sz = mode === BPF_MEM ? SIZE_NAMES[BPF_SIZE(code)] : SX_SIZE_NAMES[BPF_SIZE(code)];
        return `r${dst} = *(${sz} *)(r${src} ${signedOff(off)})`;
      }
      return `BUG_ldx_${hex2(code)}`;
    }
    case BPF_LD: {
      const mode = BPF_MODE(code);
      const sz = SIZE_NAMES[BPF_SIZE(code)];
      if (mode === BPF_ABS) return `r0 = *(${sz} *)skb[${imm}]`;
      if (mode === BPF_IND) return `r0 = *(${sz} *)skb[r${src} + ${imm}]`;
      if (mode === BPF_IMM && BPF_SIZE(code) === BPF_DW) return `r${dst} = ${imm64Text(src, imm, imm2, opts)}`;
      return `BUG_ld_${hex2(code)}`;
    }
    default:
      return jmpBody(code, dst, src, off, imm, opts);
  }
}

function aluBody(code: number, dst: number, src: number, off: number, imm: number): string {
  const cls = BPF_CLASS(code);
  const op = BPF_OP(code);
  const r = cls === BPF_ALU ? 'w' : 'r';
  if (op === BPF_END) {
    if (cls === BPF_ALU64) return BPF_SRC(code) === 0 ? `r${dst} = bswap${imm} r${dst}` : `BUG_alu64_${hex2(code)}`;
    return `r${dst} = ${BPF_SRC(code) === BPF_TO_BE ? 'be' : 'le'}${imm} r${dst}`;
  }
  if (op === BPF_NEG) return `${r}${dst} = -${r}${dst}`;
  if (cls === BPF_ALU64 && op === BPF_MOV && BPF_SRC(code) === BPF_X) {
    if (off === 1) return `r${dst} = addr_space_cast(r${src}, ${imm >>> 16}, ${imm & 0xffff})`;
    if (off === -1) return `r${dst} = &(void __percpu *)(r${src})`;
  }
  let opStr = ALU_OP_STRINGS[op] ?? `BUG_${hex2(code)}`;
  if ((op === BPF_DIV || op === BPF_MOD) && off === 1) opStr = op === BPF_DIV ? 's/=' : 's%=';
  if (BPF_SRC(code) === BPF_X) {
    const sx = op === BPF_MOV && off !== 0 ? `(s${off})` : '';
    return `${r}${dst} ${opStr} ${sx}${r}${src}`;
  }
  return `${r}${dst} ${opStr} ${imm}`;
}

function stxBody(code: number, dst: number, src: number, off: number, imm: number): string {
  const mode = BPF_MODE(code);
  const sz = SIZE_NAMES[BPF_SIZE(code)]!;
  const mem = `(${sz} *)(r${dst} ${signedOff(off)})`;
  if (mode === BPF_MEM) return `*${mem} = r${src}`;
  if (mode !== BPF_ATOMIC) return `BUG_${hex2(code)}`;
  const w64 = BPF_SIZE(code) === BPF_DW ? '64' : '';
  const aop = imm & ~BPF_FETCH;
  if (imm === BPF_LOAD_ACQ) return `r${dst} = load_acquire((${sz} *)(r${src} ${signedOff(off)}))`;
  if (imm === BPF_STORE_REL) return `store_release(${mem}, r${src})`;
  if (imm === BPF_CMPXCHG) return `r0 = atomic${w64}_cmpxchg(${mem}, r0, r${src})`;
  if (imm === BPF_XCHG) return `r${src} = atomic${w64}_xchg(${mem}, r${src})`;
  const name = ATOMIC_OP_NAMES[aop];
  if (name !== undefined && (imm & 0xffffff00) === 0) {
    if (imm & BPF_FETCH) return `r${src} = atomic${w64}_fetch_${name}(${mem}, r${src})`;
    return `lock *${mem} ${ALU_OP_STRINGS[aop]} r${src}`;
  }
  return `BUG_${hex2(code)}`;
}

function jmpBody(code: number, dst: number, src: number, off: number, imm: number, opts: KernelPrintOptions): string {
  const cls = BPF_CLASS(code);
  const op = BPF_OP(code);
  if (cls === BPF_JMP && op === BPF_CALL) {
    if (BPF_SRC(code) === BPF_X) return `callx r${dst}`;
    if (src === BPF_PSEUDO_CALL) return `call pc${signedOff(imm)}`;
    if (src === BPF_PSEUDO_KFUNC_CALL) return `call ${opts.kfuncName?.(imm, off) ?? 'kernel-function'}#${imm}`;
    const name = opts.helperName ? opts.helperName(imm) : helperName(imm);
    return `call ${name ?? 'unknown'}#${imm}`;
  }
  if (cls === BPF_JMP && op === BPF_EXIT) return 'exit';
  if (op === BPF_JA) {
    if (cls === BPF_JMP && BPF_SRC(code) === BPF_X) return `gotox r${dst}`;
    return cls === BPF_JMP ? `goto pc${signedOff(off)}` : `gotol pc${signedOff(imm)}`;
  }
  if (cls === BPF_JMP && op === BPF_JCOND) return src === 0 ? `may_goto pc${signedOff(off)}` : `BUG_${hex2(code)}`;
  const opStr = JMP_OP_STRINGS[op];
  if (opStr === undefined || op === BPF_CALL || op === BPF_EXIT) return `BUG_${hex2(code)}`;
  const r = cls === BPF_JMP32 ? 'w' : 'r';
  const rhs = BPF_SRC(code) === BPF_X ? `${r}${src}` : u32hex(imm);
  return `if ${r}${dst} ${opStr} ${rhs} goto pc${signedOff(off)}`;
}

function imm64Text(src: number, imm: number, imm2: number, opts: KernelPrintOptions): string {
  if (opts.imm64Style === 'bpftool') {
    if (src === BPF_PSEUDO_MAP_FD || src === BPF_PSEUDO_MAP_IDX) return `map[id:${imm >>> 0}]`;
    if (src === BPF_PSEUDO_MAP_VALUE || src === BPF_PSEUDO_MAP_IDX_VALUE) return `map[id:${imm >>> 0}][0]+${imm2 >>> 0}`;
    if (src === BPF_PSEUDO_FUNC) return `subprog[${signedOff(imm)}]`;
  }
  const v = (BigInt(imm2 >>> 0) << 32n) | BigInt(imm >>> 0);
  return `0x${v.toString(16)}`;
}

/** Slot `i` of a program in kernel syntax (no index prefix). */
export function printKernelInsn(p: Program, i: number, opts: KernelPrintOptions = {}): string {
  const imm2 = i + 1 < p.length ? p.imm[i + 1]! : 0;
  return formatKernelInsn(p.code[i]!, p.dst[i]!, p.src[i]!, p.off[i]!, p.imm[i]!, imm2, opts);
}

export interface KernelListingOptions extends KernelPrintOptions {
  /** `verifier`: `%d: (..) …`; `bpftool`: `% 4d: (..) …`. Default verifier. */
  style?: 'verifier' | 'bpftool';
}

/** Whole program, one line per instruction (ld_imm64 second halves skipped), newline-terminated. */
export function printKernelProgram(p: Program, opts: KernelListingOptions = {}): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    if (p.isSecondHalf(i)) continue;
    const idx = opts.style === 'bpftool' ? String(i).padStart(4, ' ') : String(i);
    out += `${idx}: ${printKernelInsn(p, i, opts)}\n`;
  }
  return out;
}
