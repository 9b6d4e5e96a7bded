// Per-function facts the x86-64 JIT needs before emitting a frame, found by one static scan
// of the function's instructions (the kernel reads the same facts from the verifier:
// callee-saved register use as in detect_reg_usage(), stack_depth, the outgoing stack-argument
// count bpf_out_stack_arg_cnt(), whether may_goto needs a counter slot): which of R6..R9 it
// touches, how deep its BPF stack goes (all 512 bytes whenever R10 escapes into another
// register or a value), how many outgoing stack-argument slots it writes, and, per kfunc call,
// how many outgoing slots may have been written since the previous call (a forward may-written
// dataflow over the function's CFG) — the argument count of a kfunc declared nowhere else.
import {
  BPF_CLASS, BPF_JMP, BPF_JMP32, BPF_LD_IMM64, BPF_MEM, BPF_MODE, BPF_OP, BPF_REG_PARAMS, BPF_SIZE, BPF_ST, BPF_STX, BpfError,
  MAX_BPF_STACK, MAX_STACK_ARG_SLOTS, bpfSizeBytes, isCall, isCallx, isCondJump, isExit, isGoto, isGotol, jumpDisplacement,
  type FuncInfo, type Program,
} from '@bpfkit/ir';

export interface FuncScan {
  /** Bit k set when the function writes BPF R(6+k) (so the prologue must save it). */
  readonly calleeSavedMask: number;
  /** Bytes of BPF stack the function needs below R10 (multiple of 8, at most 512). */
  readonly stackDepth: number;
  /** Highest outgoing stack-argument slot written + 1 (0 = none; slot 0 is arg6 in r9). */
  readonly outSlots: number;
  readonly hasMayGoto: boolean;
  /** Does it call helpers, kfuncs or callx (whose argument counts need the slot dataflow)? */
  readonly hasExternCalls: boolean;
  /** May control run past the last instruction? */
  readonly fallsOff: boolean;
}

const PASS = 'jit-x86-64';

// Opcode fields as module-local consts (fast in hot loops; see lower.ts).
const CLS_LD = 0x00, CLS_LDX = 0x01, CLS_ST = 0x02, CLS_STX = 0x03, CLS_ALU = 0x04, CLS_ALU64 = 0x07;
const MODE_MEM = 0x60, MODE_MEMSX = 0x80, MODE_ATOMIC = 0xc0;
const LD_IMM64 = 0x18, CALL = 0x85, CALLX = 0x8d, MAY_GOTO = 0xe5;
const R_PARAMS = 11;

/**
 * One pass over the function: callee-saved registers written, R10 escapes (any use of R10 other
 * than as the base of a load/store/atomic), the deepest R10-relative access, outgoing
 * stack-argument slots, may_goto, extern calls. Also rejects writes to R10.
 */
export function scanFunction(p: Program, f: FuncInfo, sandbox: boolean): FuncScan {
  const codes = p.code;
  const dsts = p.dst;
  const srcs = p.src;
  const offs = p.off;
  const imms = p.imm;
  let mask = 0;
  let depth = 0;
  let escapes = sandbox;
  let outSlots = 0;
  let hasMayGoto = false;
  let hasExternCalls = false;
  for (let i = f.start; i < f.end; i++) {
    const code = codes[i]!;
    const dst = dsts[i]!;
    const src = srcs[i]!;
    const cls = code & 7;
    if (code === LD_IMM64) {
      if (dst === 10) r10Write(i);
      if (dst - 6 >>> 0 <= 3) mask |= 1 << (dst - 6);
      i++; // the second half carries no registers
      continue;
    }
    const mode = code & 0xe0;
    switch (cls) {
      case CLS_ALU:
      case CLS_ALU64:
        if (dst - 6 >>> 0 <= 3) mask |= 1 << (dst - 6);
        if (dst === 10) r10Write(i);
        if ((code & 0x08) !== 0 && src === 10) escapes = true;
        break;
      case CLS_LDX:
        if (dst - 6 >>> 0 <= 3) mask |= 1 << (dst - 6);
        if (dst === 10) r10Write(i);
        if (src === 10) {
          const off = offs[i]!;
          if (off < 0) depth = Math.max(depth, -off);
          else escapes = true;
        }
        break;
      case CLS_ST:
      case CLS_STX: {
        if (dst === R_PARAMS) {
          const slot = -offs[i]! / 8;
          if (slot >= 1 && slot <= MAX_STACK_ARG_SLOTS) outSlots = Math.max(outSlots, slot);
          break;
        }
        if (cls === CLS_STX && src === 10) escapes = true;
        if (cls === CLS_STX && mode === MODE_ATOMIC) {
          const imm = imms[i]!;
          const written = imm === 0x100 ? dst : (imm & 1) !== 0 && imm !== 0xf1 ? src : -1; // load-acquire: dst; fetch: src
          if (written === 10) r10Write(i);
          if (written - 6 >>> 0 <= 3) mask |= 1 << (written - 6);
        }
        if (dst === 10 && (mode === MODE_MEM || mode === MODE_MEMSX || mode === MODE_ATOMIC)) {
          const off = offs[i]!;
          if (off < 0) depth = Math.max(depth, -off);
          else escapes = true;
        }
        break;
      }
      case CLS_LD:
        if (src === 10) escapes = true; // ld_ind base
        break;
      default: {
        // JMP, JMP32
        if (dst === 10 || ((code & 0x08) !== 0 && src === 10)) escapes = true;
        if (code === MAY_GOTO) hasMayGoto = true;
        else if ((code === CALL && src !== 1) || code === CALLX) hasExternCalls = true;
        const op = code & 0xf0;
        if (op !== 0x80 && op !== 0x90 && code !== 0x0d) {
          // A direct jump must stay inside the function and not land in an ld_imm64's second half.
          const t = i + 1 + (code === 0x06 ? imms[i]! : offs[i]!);
          if (t < f.start || t >= f.end || (t > f.start && codes[t - 1] === LD_IMM64 && codes[t] === 0))
            throw new BpfError('JUMP_OUT_OF_RANGE', `jump out of range from insn ${i} to ${t}`, { insn: i, pass: PASS, errno: 'EINVAL' });
        }
      }
    }
  }
  const stackDepth = escapes ? MAX_BPF_STACK : Math.min(MAX_BPF_STACK, (depth + 7) & ~7);
  return { calleeSavedMask: mask, stackDepth, outSlots, hasMayGoto, hasExternCalls, fallsOff: canFallOff(p, f) };
}

function r10Write(i: number): never {
  throw new BpfError('R10_WRITE', 'frame pointer is read only', { insn: i, pass: PASS, errno: 'EACCES' });
}

/** Can execution continue past the function's last instruction? */
function canFallOff(p: Program, f: FuncInfo): boolean {
  let last = f.end - 1;
  if (last > f.start && p.isSecondHalf(last)) return true; // ld_imm64 is last
  const code = p.code[last]!;
  return !(isExit(code) || isGoto(code) || isGotol(code));
}

/**
 * For every kfunc/helper call in `f`, the number of outgoing stack-argument slots that may
 * have been written since the previous call on some path (highest written slot + 1).
 * Result indexed by instruction (only call sites are meaningful).
 */
export function outgoingSlotsAtCalls(p: Program, f: FuncInfo): Map<number, number> {
  const n = f.end - f.start;
  const inMask = new Int32Array(n).fill(-1); // -1 = not reached yet
  const work: number[] = [f.start];
  inMask[0] = 0;
  const result = new Map<number, number>();
  const push = (t: number, m: number): void => {
    if (t < f.start || t >= f.end) return;
    const k = t - f.start;
    const old = inMask[k]!;
    const nm = old === -1 ? m : old | m;
    if (nm !== old) {
      inMask[k] = nm;
      work.push(t);
    }
  };
  while (work.length > 0) {
    const i = work.pop()!;
    let m = inMask[i - f.start]!;
    const code = p.code[i]!;
    const cls = BPF_CLASS(code);
    if ((cls === BPF_ST || cls === BPF_STX) && p.dst[i] === BPF_REG_PARAMS && BPF_MODE(code) === BPF_MEM && BPF_SIZE(code) === 0x18) {
      const slot = -p.off[i]! / 8 - 1;
      if (slot >= 0 && slot < MAX_STACK_ARG_SLOTS) m |= 1 << slot;
    }
    if (isCall(code) || isCallx(code)) {
      result.set(i, 32 - Math.clz32(m));
      m = 0;
    }
    if (isExit(code)) continue;
    const next = code === BPF_LD_IMM64 ? i + 2 : i + 1;
    if (isGoto(code) || isGotol(code)) {
      push(i + 1 + jumpDisplacement(code, p.off[i]!, p.imm[i]!), m);
      continue;
    }
    if (isCondJump(code) && (cls === BPF_JMP || cls === BPF_JMP32)) push(i + 1 + p.off[i]!, m);
    push(next, m);
  }
  return result;
}

/** Access size in bytes of a load/store opcode. */
export const accessSize = (code: number): 1 | 2 | 4 | 8 => bpfSizeBytes(BPF_SIZE(code)) as 1 | 2 | 4 | 8;

/** Operation nibble (re-exported for the lowering). */
export const opOf = (code: number): number => BPF_OP(code);
