// Per-function facts the arm64 JIT needs before emitting a frame, from one static scan (the
// kernel reads them from the verifier: callee-saved use as in build_prologue()'s
// find_used_callee_regs(), stack_depth, the outgoing stack-argument count, may_goto): which of
// R6..R9 and R10 the function names, how deep its BPF stack goes (all 512 bytes when R10
// escapes into a register or value), the highest outgoing stack-argument slot it writes.
import {
  BPF_ATOMIC, BPF_CLASS, BPF_LD, BPF_LD_IMM64, BPF_LDX, BPF_MEM, BPF_MEMSX, BPF_MODE, BPF_REG_PARAMS, BPF_ST, BPF_STX, BpfError,
  MAX_BPF_STACK, MAX_STACK_ARG_SLOTS, isCall, isCallx, isExit, isGoto, isGotol, isMayGoto, type FuncInfo, type Program,
} from '@bpfkit/ir';

export interface FuncScan {
  /** Bit k set when BPF R(6+k) appears in the function. */
  readonly calleeSavedMask: number;
  /** Does the function name R10 at all (then x25 is saved and set)? */
  readonly usesFp: boolean;
  /** Bytes of BPF stack below R10 (multiple of 8, at most 512). */
  readonly stackDepth: number;
  /** Highest outgoing stack-argument slot written + 1 (0 = none). */
  readonly outSlots: number;
  readonly hasMayGoto: boolean;
  readonly hasLdAbs: boolean;
  /** May control run past the last instruction? */
  readonly fallsOff: boolean;
}

const PASS = 'jit-arm64';

function r10Escapes(p: Program, i: number): boolean {
  const code = p.code[i]!;
  const cls = BPF_CLASS(code);
  const dst = p.dst[i]!;
  const src = p.src[i]!;
  switch (cls) {
    case BPF_LDX: return false;
    case BPF_ST: return false;
    case BPF_STX: return src === 10 || (BPF_MODE(code) === BPF_ATOMIC && p.imm[i] === 0x100);
    case BPF_LD: return code !== BPF_LD_IMM64 && src === 10;
    default: return dst === 10 || ((code & 0x08) !== 0 && src === 10) || (isCallx(code) && dst === 10);
  }
}

export function scanFunction(p: Program, f: FuncInfo): FuncScan {
  let mask = 0;
  let depth = 0;
  let escapes = false;
  let usesFp = false;
  let outSlots = 0;
  let hasMayGoto = false;
  let hasLdAbs = false;
  for (let i = f.start; i < f.end; i++) {
    if (p.isSecondHalf(i)) continue;
    const code = p.code[i]!;
    const dst = p.dst[i]!;
    const src = p.src[i]!;
    const cls = BPF_CLASS(code);
    const mode = BPF_MODE(code);
    const srcIsReg = code !== BPF_LD_IMM64 && !isCall(code) && !(cls === BPF_LD && mode !== 0x40);
    if (dst >= 6 && dst <= 9) mask |= 1 << (dst - 6);
    if (srcIsReg && src >= 6 && src <= 9) mask |= 1 << (src - 6);
    if (dst === 10 || (srcIsReg && src === 10)) usesFp = true;
    if (isMayGoto(code)) hasMayGoto = true;
    if (cls === BPF_LD && (mode === 0x20 || mode === 0x40)) hasLdAbs = true;
    if ((cls === BPF_ST || cls === BPF_STX) && dst === BPF_REG_PARAMS) {
      const slot = -p.off[i]! / 8;
      if (slot >= 1 && slot <= MAX_STACK_ARG_SLOTS) outSlots = Math.max(outSlots, slot);
      else throw new BpfError('STACK_ARG_OFFSET', `stack arg write offset ${p.off[i]} exceeds max ${MAX_STACK_ARG_SLOTS} stack args`, { insn: i, pass: PASS, errno: 'EINVAL' });
      continue;
    }
    if (!escapes && r10Escapes(p, i)) escapes = true;
    const base = cls === BPF_LDX ? src : cls === BPF_ST || cls === BPF_STX ? dst : -1;
    if (base === 10 && (mode === BPF_MEM || mode === BPF_MEMSX || mode === BPF_ATOMIC)) {
      const off = p.off[i]!;
      if (off < 0) depth = Math.max(depth, -off);
      else escapes = true;
    }
  }
  const stackDepth = !usesFp ? 0 : escapes ? MAX_BPF_STACK : Math.min(MAX_BPF_STACK, (depth + 7) & ~7);
  return { calleeSavedMask: mask, usesFp, stackDepth, outSlots, hasMayGoto, hasLdAbs, fallsOff: canFallOff(p, f) };
}

function canFallOff(p: Program, f: FuncInfo): boolean {
  const last = f.end - 1;
  if (last > f.start && p.isSecondHalf(last)) return true;
  const code = p.code[last]!;
  return !(isExit(code) || isGoto(code) || isGotol(code));
}

/** Reject writes to the frame pointer (the verifier's "frame pointer is read only"). */
export function checkNoR10Write(p: Program, i: number): void {
  const code = p.code[i]!;
  const cls = BPF_CLASS(code);
  let writes = -1;
  if (cls === 0x04 || cls === 0x07 || cls === BPF_LDX || code === BPF_LD_IMM64) writes = p.dst[i]!;
  else if (cls === BPF_STX && BPF_MODE(code) === BPF_ATOMIC) {
    const imm = p.imm[i]!;
    if (imm === 0x100) writes = p.dst[i]!;
    else if ((imm & 1) !== 0 && imm !== 0xf1) writes = p.src[i]!;
  }
  if (writes === 10) throw new BpfError('R10_WRITE', 'frame pointer is read only', { insn: i, pass: PASS, errno: 'EACCES' });
}
