// The per-instruction transfer function of const-fold: given the abstract values of R0..R10
// before instruction i, compute them after it, in place. Mirrors the transfer function of
// kernel/bpf/const_fold.c (kernel-semantics §2.2; the numbers in the comments are its steps):
// 1. r11 stack-argument forms (§1.2), 2. ALU/ALU64, 3. LD, 4. LDX, 5. JMP (calls), 6. STX
// atomics. The kernel tests the r11 forms before everything else; they are particular
// LDX/ST/STX opcodes, so testing them first within those classes is the same order.
// Registers above r10 are never written and read as UNKNOWN (only invalid programs name
// them outside the r11 forms).
import {
  BPF_ABS, BPF_ADD, BPF_ALU, BPF_AND, BPF_ATOMIC, BPF_B, BPF_CALL, BPF_CMPXCHG, BPF_DW, BPF_FETCH, BPF_H, BPF_IND,
  BPF_JMP, BPF_LD, BPF_LD_IMM64, BPF_LDX, BPF_LOAD_ACQ, BPF_MEM, BPF_MEMSX, BPF_MOV, BPF_PSEUDO_FUNC, BPF_PSEUDO_MAP_FD,
  BPF_PSEUDO_MAP_IDX, BPF_PSEUDO_MAP_IDX_VALUE, BPF_PSEUDO_MAP_VALUE, BPF_ST, BPF_STX, BPF_SUB, BPF_W,
  isStackArgLdx, isStackArgStx, type FuncInfo, type ProgramArrays,
} from '@bpfkit/ir';
import { CONST_ARG_CONST, CONST_ARG_MAP_PTR, CONST_ARG_MAP_VALUE, CONST_ARG_SUBPROG, TRACKED_REGS, clearRegs, setReg, updateConstMask, type RegFile } from './lattice.js';
import { mapDirectRead, type MapImages } from './map-images.js';

/** What the transfer function needs besides the instruction and the registers. */
export interface TransferEnv {
  readonly code: Uint8Array;
  readonly dst: Uint8Array;
  readonly src: Uint8Array;
  readonly off: Int16Array;
  readonly imm: Int32Array;
  /** Subprogram starts, ascending (Program.funcs). */
  readonly funcStarts: Int32Array;
  readonly mapImages: MapImages | undefined;
  /** Scratch for map reads (2 words), so the transfer function never allocates. */
  readonly scratch: Uint32Array;
}

export function makeTransferEnv(program: ProgramArrays, funcs: readonly FuncInfo[], mapImages: MapImages | undefined): TransferEnv {
  const { code, dst, src, off, imm } = program;
  return { code, dst, src, off, imm, funcStarts: Int32Array.from(funcs, (f) => f.start), mapImages, scratch: new Uint32Array(2) };
}

/** R0..R5 (a call, or a legacy LD_ABS/LD_IND packet load). */
const CALLER_SAVED = 0x3f;

const set = (rf: RegFile, r: number, state: number, lo: number, hi: number, aux: number): void => {
  if (r < TRACKED_REGS) setReg(rf, r, state, lo, hi, aux);
};

/** Subprogram whose first instruction is `start` (binary search), or -1. */
export function subprogStartingAt(starts: Int32Array, start: number): number {
  let a = 0;
  let b = starts.length - 1;
  while (a <= b) {
    const m = (a + b) >> 1;
    const s = starts[m]!;
    if (s === start) return m;
    if (s < start) a = m + 1;
    else b = m - 1;
  }
  return -1;
}

/** Apply instruction `i` (an instruction head, not an ld_imm64 second half) to `rf`. */
export function transfer(env: TransferEnv, i: number, rf: RegFile): void {
  const code = env.code[i]!;
  const dst = env.dst[i]!;
  switch (code & 0x07) {
    case BPF_ALU:
    case 0x07 /* BPF_ALU64 */:
      alu(env, i, code, dst, rf);
      return;
    case BPF_LDX: {
      const src = env.src[i]!;
      const off = env.off[i]!;
      // 1. r11 load: the caller's value, which this intra-procedural analysis does not know.
      if (isStackArgLdx(code, dst, src, off)) clearRegs(rf, 1 << dst);
      else ldx(env, code, dst, src, off, rf);
      return;
    }
    case BPF_ST:
      // 1. r11 store of an immediate (is_stack_arg_st) and ordinary stores alike change no
      //    tracked register.
      return;
    case BPF_STX: {
      const src = env.src[i]!;
      // 1. r11 store: no effect on tracked registers.
      if (isStackArgStx(code, dst, src, env.off[i]!)) return;
      // 6. Atomics that load into a register (bpf_atomic_load_reg) make it UNKNOWN.
      if ((code & 0xe0) === BPF_ATOMIC) {
        const imm = env.imm[i]!;
        if (imm === BPF_CMPXCHG) clearRegs(rf, 1);
        else if (imm === BPF_LOAD_ACQ) clearRegs(rf, 1 << dst);
        else if (imm & BPF_FETCH) clearRegs(rf, 1 << src);
      }
      return;
    }
    case BPF_LD:
      ld(env, i, code, dst, rf);
      return;
    case BPF_JMP:
      // 5. Any call (helper, kfunc, bpf-to-bpf, callx) clobbers R0..R5; other jumps nothing.
      if ((code & 0xf0) === BPF_CALL) clearRegs(rf, CALLER_SAVED);
      return;
    default:
      // BPF_JMP32: conditional jumps and gotol change no register.
      return;
  }
}

function alu(env: TransferEnv, i: number, code: number, dst: number, rf: RegFile): void {
  if (dst >= TRACKED_REGS) return;
  const bit = 1 << dst;
  const imm = env.imm[i]!;
  const isX = (code & 0x08) !== 0;
  const known = rf.known;
  const dstState = known & bit ? rf.st[dst]! : 0;
  switch (code & 0xf0) {
    case BPF_MOV:
      if (!isX) set(rf, dst, CONST_ARG_CONST, imm >>> 0, imm < 0 ? 0xffffffff : 0, 0);
      else {
        const src = env.src[i]!;
        const off = env.off[i]!;
        if (!((known >>> src) & 1)) clearRegs(rf, bit); // UNKNOWN (and r11+ are never known)
        else if (off === 0) set(rf, dst, rf.st[src]!, rf.lo[src]!, rf.hi[src]!, rf.aux[src]!);
        else if (rf.st[src] === CONST_ARG_CONST && (off === 8 || off === 16 || off === 32)) {
          // movsx: sign-extend the low `off` bits to 64.
          const shift = 32 - off;
          const v = (rf.lo[src]! << shift) >> shift;
          set(rf, dst, CONST_ARG_CONST, v >>> 0, v < 0 ? 0xffffffff : 0, 0);
        } else clearRegs(rf, bit); // addr_space_cast (off 1), percpu (off -1), or not a constant
      }
      break;
    case BPF_ADD:
    case BPF_SUB: {
      if (isX || (dstState !== CONST_ARG_CONST && dstState !== CONST_ARG_MAP_VALUE)) {
        clearRegs(rf, bit);
        break;
      }
      // 64-bit add/sub of the sign-extended immediate, on split halves.
      const lo = rf.lo[dst]!;
      const hi = rf.hi[dst]!;
      const bLo = imm >>> 0;
      const bHi = imm < 0 ? 0xffffffff : 0;
      if ((code & 0xf0) === BPF_ADD) {
        const sum = lo + bLo;
        rf.lo[dst] = sum >>> 0;
        rf.hi[dst] = (hi + bHi + (sum > 0xffffffff ? 1 : 0)) >>> 0;
      } else {
        const diff = lo - bLo;
        rf.lo[dst] = diff >>> 0;
        rf.hi[dst] = (hi - bHi - (diff < 0 ? 1 : 0)) >>> 0;
      }
      if (dstState === CONST_ARG_CONST) updateConstMask(rf, dst);
      break;
    }
    case BPF_AND:
      if (!isX) {
        if (dstState === CONST_ARG_CONST) {
          rf.lo[dst] = (rf.lo[dst]! & imm) >>> 0;
          if (imm >= 0) {
            rf.hi[dst] = 0;
            updateConstMask(rf, dst);
          }
        } else if (imm === 0) set(rf, dst, CONST_ARG_CONST, 0, 0, 0);
        else clearRegs(rf, bit);
      } else {
        const src = env.src[i]!;
        const dstConst = dstState === CONST_ARG_CONST;
        if (dstConst && rf.lo[dst] === 0 && rf.hi[dst] === 0) break; // 0 & x = 0
        const srcConst = (known >>> src) & 1 && rf.st[src] === CONST_ARG_CONST;
        if (srcConst && rf.lo[src] === 0 && rf.hi[src] === 0) set(rf, dst, CONST_ARG_CONST, 0, 0, 0);
        else if (srcConst && dstConst) {
          rf.lo[dst] = (rf.lo[dst]! & rf.lo[src]!) >>> 0;
          rf.hi[dst] = (rf.hi[dst]! & rf.hi[src]!) >>> 0;
          updateConstMask(rf, dst);
        } else clearRegs(rf, bit);
      }
      break;
    default:
      // add/sub X, mul, div, or, xor, shifts, neg, end, mod, arsh …
      clearRegs(rf, bit);
  }
  // 32-bit class: constants are truncated (zero-extended), pointers become UNKNOWN.
  if ((code & 0x07) === BPF_ALU && rf.known & bit) {
    if (rf.st[dst] === CONST_ARG_CONST) {
      rf.hi[dst] = 0;
      rf.cmask |= bit;
    } else clearRegs(rf, bit);
  }
}

function ld(env: TransferEnv, i: number, code: number, dst: number, rf: RegFile): void {
  const mode = code & 0xe0;
  if (mode === BPF_ABS || mode === BPF_IND) {
    clearRegs(rf, CALLER_SAVED);
    return;
  }
  if (code !== BPF_LD_IMM64 || dst >= TRACKED_REGS) return;
  const imm = env.imm[i]!;
  const imm2 = i + 1 < env.code.length ? env.imm[i + 1]! : 0;
  switch (env.src[i]) {
    case 0:
      set(rf, dst, CONST_ARG_CONST, imm >>> 0, imm2 >>> 0, 0);
      return;
    case BPF_PSEUDO_FUNC: {
      const sub = subprogStartingAt(env.funcStarts, i + 1 + imm);
      if (sub >= 0) set(rf, dst, CONST_ARG_SUBPROG, sub, 0, 0);
      else clearRegs(rf, 1 << dst);
      return;
    }
    case BPF_PSEUDO_MAP_VALUE:
    case BPF_PSEUDO_MAP_IDX_VALUE:
      set(rf, dst, CONST_ARG_MAP_VALUE, imm2 >>> 0, 0, imm >>> 0);
      return;
    case BPF_PSEUDO_MAP_FD:
    case BPF_PSEUDO_MAP_IDX:
      set(rf, dst, CONST_ARG_MAP_PTR, 0, 0, imm >>> 0);
      return;
    default:
      clearRegs(rf, 1 << dst); // BTF_ID ksym and anything else
  }
}

function ldx(env: TransferEnv, code: number, dst: number, src: number, off: number, rf: RegFile): void {
  const images = env.mapImages;
  if (images !== undefined && (rf.known >>> src) & 1 && rf.st[src] === CONST_ARG_MAP_VALUE) {
    const mode = code & 0xe0;
    const image = images.get(rf.aux[src]!);
    const sz = code & 0x18;
    const size = sz === BPF_DW ? 8 : sz === BPF_W ? 4 : sz === BPF_H ? 2 : sz === BPF_B ? 1 : 0;
    if (image !== undefined && (mode === BPF_MEM || (mode === BPF_MEMSX && size !== 8))) {
      // Byte offset = value offset + insn off (64-bit).
      const sum = rf.lo[src]! + (off >>> 0);
      const offHi = (rf.hi[src]! + (off < 0 ? 0xffffffff : 0) + (sum > 0xffffffff ? 1 : 0)) >>> 0;
      const out = env.scratch;
      if (mapDirectRead(image, sum >>> 0, offHi, size, mode === BPF_MEMSX, out)) {
        set(rf, dst, CONST_ARG_CONST, out[0]!, out[1]!, 0);
        return;
      }
    }
  }
  if (dst < TRACKED_REGS) clearRegs(rf, 1 << dst);
}
