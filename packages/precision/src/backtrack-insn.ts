// backtrack_insn() (kernel/bpf/backtrack.c, kernel-semantics §4.4 and §4.5): given the
// registers and slots that must be precise *after* instruction idx, compute what must be
// precise *before* it, per instruction class. The history entry of the visit tells which
// spill slot a load/store touched (INSN_F_STACK_ACCESS), which stack-argument slot an r11
// access touched (INSN_F_STACK_ARG_ACCESS, patch 02), and which operands of a conditional
// jump were stack pointers. Returns 'notsupp' where the kernel returns -ENOTSUPP (the caller
// then falls back to "all scalars precise"); invariant violations throw BpfError
// BACKTRACK_BUG with the verifier_bug() text.
import {
  INSN_F_DST_REG_STACK, INSN_F_SRC_REG_STACK, INSN_F_STACK_ACCESS, INSN_F_STACK_ARG_ACCESS,
} from '@bpfkit/interp';
import {
  BPF_ABS, BPF_ALU, BPF_ALU64, BPF_ATOMIC, BPF_CALL, BPF_CLASS, BPF_CMPXCHG, BPF_END, BPF_EXIT, BPF_FETCH, BPF_IND,
  BPF_JMP, BPF_JMP32, BPF_K, BPF_LD, BPF_LDX, BPF_LOAD_ACQ, BPF_MODE, BPF_MOV, BPF_NEG, BPF_OP, BPF_PSEUDO_CALL,
  BPF_PSEUDO_KFUNC_CALL, BPF_REG_FP, BPF_SRC, BPF_ST, BPF_STX, BPF_X, type Program, helperId, printKernelInsn,
} from '@bpfkit/ir';
import { type BacktrackState, backtrackBug } from './backtrack-state.js';
import { fmtRegMask, fmtStackMask } from './format-masks.js';

/** R1..R5 (BPF_REGMASK_ARGS). */
export const REGMASK_ARGS = 0x3e;

/** Helpers that call a callback synchronously (is_sync_callback_calling_insn()). */
export const SYNC_CALLBACK_HELPERS: ReadonlySet<number> = new Set(
  ['loop', 'for_each_map_elem', 'find_vma', 'user_ringbuf_drain'].map((n) => helperId(n)),
);

const BPF_FUNC_TAIL_CALL = helperId('tail_call');

export interface HistFacts {
  readonly flags: number;
  readonly spi: number;
  readonly frame: number;
}

export interface BacktrackEnv {
  readonly program: Program;
  /** Is subprogram `index` global (not simulated inline)? */
  readonly isGlobal: (index: number) => boolean;
  /** Helper/kfunc calls that call back into the program (calls_callback()). */
  readonly callbackSites: ReadonlySet<number>;
  readonly log: (line: string) => void;
}

const isAtomicFetch = (code: number, imm: number): boolean =>
  BPF_CLASS(code) === BPF_STX && BPF_MODE(code) === BPF_ATOMIC && imm !== BPF_LOAD_ACQ && imm < 0x100 && (imm & BPF_FETCH) !== 0;
const isAtomicLoad = (code: number, imm: number): boolean =>
  BPF_CLASS(code) === BPF_STX && BPF_MODE(code) === BPF_ATOMIC && imm === BPF_LOAD_ACQ;

function callsCallback(env: BacktrackEnv, i: number): boolean {
  const p = env.program;
  if (i < 0 || i >= p.length || p.code[i] !== (BPF_JMP | BPF_CALL)) return false;
  if (env.callbackSites.has(i)) return true;
  return p.src[i] === 0 && SYNC_CALLBACK_HELPERS.has(p.imm[i]!);
}

export function backtrackInsn(env: BacktrackEnv, idx: number, subseqIdx: number, hist: HistFacts | undefined, bt: BacktrackState): 'ok' | 'notsupp' {
  const p = env.program;
  const code = p.code[idx]!;
  if (code === 0) return 'ok'; // second half of ld_imm64
  env.log(`mark_precise: frame${bt.frame}: regs=${fmtRegMask(bt.regMask())} stack=${fmtStackMask(bt.stackMask())} before ${idx}: ${printKernelInsn(p, idx)}`);
  const cls = BPF_CLASS(code);
  const op = BPF_OP(code);
  const mode = BPF_MODE(code);
  const dreg = p.dst[idx]!;
  const sreg = p.src[idx]!;
  const imm = p.imm[idx]!;
  const flags = hist?.flags ?? 0;

  if (cls === BPF_ALU || cls === BPF_ALU64) {
    if (!bt.isRegSet(dreg)) return 'ok';
    if (op === BPF_END || op === BPF_NEG) return 'ok';
    if (op === BPF_MOV) {
      bt.clearReg(dreg);
      if (BPF_SRC(code) === BPF_X && sreg !== BPF_REG_FP) bt.setReg(sreg);
    } else if (BPF_SRC(code) === BPF_X && sreg !== BPF_REG_FP) bt.setReg(sreg);
    return 'ok';
  }

  if (cls === BPF_LDX || isAtomicLoad(code, imm) || isAtomicFetch(code, imm)) {
    const loadReg = isAtomicFetch(code, imm) ? (imm === BPF_CMPXCHG ? 0 : sreg) : dreg;
    if (!bt.isRegSet(loadReg)) return 'ok';
    bt.clearReg(loadReg);
    if (flags & INSN_F_STACK_ARG_ACCESS) {
      // A callee's r11 load: the value is the caller's outgoing slot.
      if (bt.frame === 0) throw backtrackBug(`stack arg load in frame 0`, idx);
      bt.setStackArg(bt.frame - 1, hist!.spi);
      return 'ok';
    }
    if (!(flags & INSN_F_STACK_ACCESS)) return 'ok';
    bt.setSlot(hist!.frame, hist!.spi);
    return 'ok';
  }

  if (cls === BPF_STX || cls === BPF_ST) {
    if (bt.isRegSet(dreg)) return 'notsupp'; // a scalar used as a pointer base (pointer subtraction)
    if (flags & INSN_F_STACK_ARG_ACCESS) {
      if (!bt.isStackArgSet(bt.frame, hist!.spi)) return 'ok';
      bt.clearStackArg(bt.frame, hist!.spi);
      if (cls === BPF_STX) bt.setReg(sreg);
      return 'ok';
    }
    if (!(flags & INSN_F_STACK_ACCESS)) return 'ok';
    const spi = hist!.spi;
    const fr = hist!.frame;
    if (!bt.isSlotSet(fr, spi)) return 'ok';
    bt.clearSlot(fr, spi);
    if (cls === BPF_STX) bt.setReg(sreg);
    return 'ok';
  }

  if (cls === BPF_JMP || cls === BPF_JMP32) {
    if (code === (BPF_JMP | BPF_CALL) && sreg === BPF_PSEUDO_CALL) {
      const callee = p.funcAt(idx + imm + 1);
      if (callee !== undefined && env.isGlobal(callee.index)) {
        // Global subprogram: verified separately, never entered by the walk.
        if (subseqIdx !== idx + 1) throw backtrackBug(`extra insn from subprog`, idx);
        if (bt.regMask() & REGMASK_ARGS) throw backtrackBug(`global subprog unexpected regs ${hex(bt.regMask())}`, idx);
        bt.clearReg(0);
        return 'ok';
      }
      // Static subprogram call, reached walking back out of the callee's first instruction.
      if (bt.regMask() & ~REGMASK_ARGS) throw backtrackBug(`static subprog unexpected regs ${hex(bt.regMask())}`, idx);
      if (bt.stackMask() !== 0n) throw backtrackBug(`static subprog leftover stack slots ${bt.stackMask().toString(16)}`, idx);
      if (bt.stackArgMask() !== 0) throw backtrackBug(`static subprog leftover stack arg slots ${hex(bt.stackArgMask())}`, idx);
      for (let r = 1; r <= 5; r++)
        if (bt.isRegSet(r)) {
          bt.clearReg(r);
          bt.setReg(r, bt.frame - 1);
        }
      bt.subprogExit(idx);
      return 'ok';
    }
    if (code === (BPF_JMP | BPF_CALL) && callsCallback(env, idx) && idx !== subseqIdx - 1) {
      // Walking back out of a callback into the helper/kfunc that called it.
      if (bt.regMask() & ~REGMASK_ARGS) throw backtrackBug(`callback unexpected regs ${hex(bt.regMask())}`, idx);
      if (bt.stackMask() !== 0n) throw backtrackBug(`callback leftover stack slots ${bt.stackMask().toString(16)}`, idx);
      for (let r = 1; r <= 5; r++) bt.clearReg(r);
      bt.subprogExit(idx);
      return 'ok';
    }
    if (op === BPF_CALL && cls === BPF_JMP) {
      if (sreg === BPF_PSEUDO_KFUNC_CALL && imm === 0) return 'notsupp';
      bt.clearReg(0);
      if (bt.regMask() & REGMASK_ARGS) throw backtrackBug(`backtracking call unexpected regs ${hex(bt.regMask())}`, idx);
      if (sreg === 0 && imm === BPF_FUNC_TAIL_CALL && subseqIdx - 1 !== idx) bt.subprogEnter(idx);
      return 'ok';
    }
    if (op === BPF_EXIT && cls === BPF_JMP) {
      if (subseqIdx >= 0 && callsCallback(env, subseqIdx)) for (let r = 1; r <= 5; r++) bt.clearReg(r);
      if (bt.regMask() & REGMASK_ARGS) throw backtrackBug(`backtracking exit unexpected regs ${hex(bt.regMask())}`, idx);
      const prev = subseqIdx - 1;
      const r0Precise = prev >= 0 && p.code[prev] === (BPF_JMP | BPF_CALL) && p.src[prev] === BPF_PSEUDO_CALL && bt.isRegSet(0);
      bt.clearReg(0);
      bt.subprogEnter(idx);
      if (r0Precise) bt.setReg(0);
      return 'ok';
    }
    if (BPF_SRC(code) === BPF_X) {
      if (!bt.isRegSet(dreg) && !bt.isRegSet(sreg)) return 'ok';
      if (!(flags & INSN_F_SRC_REG_STACK)) bt.setReg(sreg);
      if (!(flags & INSN_F_DST_REG_STACK)) bt.setReg(dreg);
      return 'ok';
    }
    void BPF_K; // conditional jump against an immediate, ja, gotol, may_goto: nothing new
    return 'ok';
  }

  if (cls === BPF_LD) {
    if (!bt.isRegSet(dreg)) return 'ok';
    bt.clearReg(dreg);
    if (mode === BPF_IND || mode === BPF_ABS) return 'notsupp';
    return 'ok';
  }
  return 'ok';
}

const hex = (v: number): string => (v >>> 0).toString(16);
