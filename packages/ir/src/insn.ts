// Insn: the convenience view of one 8-byte instruction slot, plus predicates that classify
// raw fields (code/src/…) without allocating — analyses call the predicates on typed-array
// elements; Insn objects are made only on demand (printing, building, tests).
import {
  BPF_CALL,
  BPF_CLASS,
  BPF_EXIT,
  BPF_JA,
  BPF_JCOND,
  BPF_JMP,
  BPF_JMP32,
  BPF_LD_IMM64,
  BPF_OP,
  BPF_PSEUDO_CALL,
  BPF_PSEUDO_FUNC,
  BPF_PSEUDO_KFUNC_CALL,
  BPF_SRC,
  BPF_X,
} from './opcodes.js';

/** One instruction slot. For ld_imm64 the second slot is its own Insn with code 0 and the
 * upper 32 bits in `imm`, exactly as in the kernel's `struct bpf_insn` array. */
export interface Insn {
  readonly code: number;
  readonly dst: number;
  readonly src: number;
  readonly off: number;
  readonly imm: number;
}

export const insn = (code: number, dst = 0, src = 0, off = 0, imm = 0): Insn => ({ code, dst, src, off, imm });

/** Jump class (JMP or JMP32)? */
export const isJmpClass = (code: number): boolean => {
  const c = BPF_CLASS(code);
  return c === BPF_JMP || c === BPF_JMP32;
};

export const isExit = (code: number): boolean => code === (BPF_JMP | BPF_EXIT);
export const isCall = (code: number): boolean => code === (BPF_JMP | BPF_CALL);
/** `callx rN` (JMP|CALL|X): indirect call, target register in dst. */
export const isCallx = (code: number): boolean => code === (BPF_JMP | BPF_CALL | BPF_X);
export const isHelperCall = (code: number, src: number): boolean => isCall(code) && src === 0;
export const isPseudoCall = (code: number, src: number): boolean => isCall(code) && src === BPF_PSEUDO_CALL;
export const isKfuncCall = (code: number, src: number): boolean => isCall(code) && src === BPF_PSEUDO_KFUNC_CALL;
export const isLdImm64 = (code: number): boolean => code === BPF_LD_IMM64;
/** `rD = subprog[+imm]`: ld_imm64 with BPF_PSEUDO_FUNC — a code pointer to a subprogram. */
export const isPseudoFunc = (code: number, src: number): boolean => code === BPF_LD_IMM64 && src === BPF_PSEUDO_FUNC;
/** `goto` (JMP|JA, offset in off). */
export const isGoto = (code: number): boolean => code === (BPF_JMP | BPF_JA);
/** `gotol` (JMP32|JA, offset in imm). */
export const isGotol = (code: number): boolean => code === (BPF_JMP32 | BPF_JA);
/** `gotox rN` (JMP|JA|X): indirect jump through a jump table. */
export const isGotox = (code: number): boolean => code === (BPF_JMP | BPF_JA | BPF_X);
export const isMayGoto = (code: number): boolean => code === (BPF_JMP | BPF_JCOND);

/** Conditional jump with a static target: JEQ…JSLE in JMP/JMP32, plus may_goto. */
export const isCondJump = (code: number): boolean => {
  if (!isJmpClass(code)) return false;
  const op = BPF_OP(code);
  if (op === BPF_JA || op === BPF_CALL || op === BPF_EXIT) return false;
  if (op === BPF_JCOND) return BPF_CLASS(code) === BPF_JMP && BPF_SRC(code) === 0;
  return op <= 0xd0;
};

/** Any instruction whose target is `pc + 1 + offset`: goto, gotol, conditional jumps, may_goto. */
export const isDirectJump = (code: number): boolean => isGoto(code) || isGotol(code) || isCondJump(code);

/** Relative displacement of a direct jump (gotol keeps it in imm), else 0. */
export const jumpDisplacement = (code: number, off: number, imm: number): number => (isGotol(code) ? imm : off);
