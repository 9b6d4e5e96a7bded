// arg_track_xfer() of kernel/bpf/liveness.c, with its helpers fill_from_stack(),
// spill_to_stack(), clear_stack_for_all_offs() and clear_overlapping_stack_slots(): the
// forward transfer of the "which frame pointer is this" state over one instruction, for the
// registers and outgoing stack-argument slots (`out`, 18 ids) and the frame's 64 spill slots
// (`stackOut`). With stack-argument tracking (the 2026 series) an r11 store copies the
// source's track into its sa slot and an r11 load takes the caller-provided track; without it
// (pre-series) an r11 store changes nothing and an r11 load yields "not a pointer".
import {
  BPF_ADD, BPF_ALU, BPF_ALU64, BPF_ATOMIC, BPF_CALL, BPF_CMPXCHG, BPF_FETCH, BPF_IMM, BPF_JMP, BPF_K, BPF_LD,
  BPF_LDX, BPF_LOAD_ACQ, BPF_MEM, BPF_MOV, BPF_ST, BPF_STX, BPF_SUB, BPF_CLASS, BPF_MODE, BPF_OP, BPF_SIZE, BPF_SRC,
  BPF_REG_FP, bpfSizeBytes, isStackArgLdx, isStackArgSt, isStackArgStx, type Program,
} from '@bpfkit/ir';
import { ARG_IMPRECISE, AT_NONE, argAdd, type ArgTrackPool } from './arg-track.js';
import type { AnalysisState } from './analysis-state.js';
import { AT_SA0, MAX_ARG_SPILL_SLOTS, MAX_STACK_ARG_SLOTS } from './constants.js';

/** fp_off_to_slot(): 8-byte spill slot of an FP offset, or -1 (out of range / unaligned). */
export function fpOffToSlot(off: number): number {
  if (off >= 0 || off < -MAX_ARG_SPILL_SLOTS * 8) return -1;
  if (off % 8) return -1;
  return -off / 8 - 1;
}

/** stack_arg_off_to_slot(): |off|/8 - 1, or -1 beyond the 7 slots. */
export function stackArgOffToSlot(off: number): number {
  const a = off < 0 ? -off : off;
  if (Math.trunc(a / 8) > MAX_STACK_ARG_SLOTS) return -1;
  return Math.trunc(a / 8) - 1;
}

/** Does the instruction name r11 (or above) anywhere? */
export const namesR11 = (p: Program, i: number): boolean => p.dst[i]! > 10 || p.src[i]! > 10;

/** One of the three stack-argument shapes (is_stack_arg_st/stx/ldx)? */
export function isStackArgInsn(p: Program, i: number): boolean {
  const code = p.code[i]!, dst = p.dst[i]!, src = p.src[i]!, off = p.off[i]!;
  return isStackArgStx(code, dst, src, off) || isStackArgSt(code, dst, off) || isStackArgLdx(code, dst, src, off);
}

/** can_be_local_fp(): may register `reg` (track `id`) point into the current frame? */
function canBeLocalFp(at: ArgTrackPool, depth: number, reg: number, id: number): boolean {
  if (reg === BPF_REG_FP) return true;
  const f = at.frame[id]!;
  return f === depth || (f === ARG_IMPRECISE && (at.mask(id) & (1 << depth)) !== 0);
}

/** fill_from_stack(): the track loaded by an 8-byte fill through `reg` from `stack`. */
function fillFromStack(at: ArgTrackPool, off: number, reg: number, out: Uint32Array, stack: Uint32Array | null, depth: number): number {
  const imp = at.imprecise((1 << (depth + 1)) - 1);
  const slotVal = (slot: number): number => (stack ? stack[slot]! : AT_NONE);
  if (reg === BPF_REG_FP) {
    const slot = fpOffToSlot(off);
    return slot >= 0 ? slotVal(slot) : imp;
  }
  const id = out[reg]!;
  const cnt = at.cnt[id]!;
  if (cnt === 0) return imp;
  let result = AT_NONE;
  for (let i = 0; i < cnt; i++) {
    const fpOff = argAdd(at.off(id, i), off);
    if (fpOff === undefined) return imp;
    const slot = fpOffToSlot(fpOff);
    if (slot < 0) return imp;
    result = at.join(result, slotVal(slot));
  }
  return result;
}

/** spill_to_stack(): store track `val` (8-byte store) or NONE (narrower) at every candidate slot. */
function spillToStack(at: ArgTrackPool, off: number, reg: number, out: Uint32Array, stack: Uint32Array, val: number, sz: number): void {
  const newVal = sz === 8 ? val : AT_NONE;
  if (reg === BPF_REG_FP) {
    const slot = fpOffToSlot(off);
    if (slot >= 0) stack[slot] = newVal;
    return;
  }
  const id = out[reg]!;
  const cnt = at.cnt[id]!;
  if (cnt === 0) {
    for (let s = 0; s < MAX_ARG_SPILL_SLOTS; s++) stack[s] = at.join(stack[s]!, newVal);
    return;
  }
  for (let i = 0; i < cnt; i++) {
    const fpOff = argAdd(at.off(id, i), off);
    if (fpOff === undefined) continue;
    const slot = fpOffToSlot(fpOff);
    if (slot < 0) continue;
    stack[slot] = cnt === 1 ? newVal : at.join(stack[slot]!, newVal);
  }
}

/** clear_overlapping_stack_slots(): slots overlapping [off, off+sz) become (or join with) NONE. */
function clearOverlapping(at: ArgTrackPool, stack: Uint32Array, off: number, sz: number, cnt: number): void {
  if (cnt === 0) {
    for (let i = 0; i < MAX_ARG_SPILL_SLOTS; i++) stack[i] = at.join(stack[i]!, AT_NONE);
    return;
  }
  for (let i = 0; i < MAX_ARG_SPILL_SLOTS; i++) {
    const slotStart = -((i + 1) * 8);
    const slotEnd = slotStart + 8;
    if (slotStart < off + sz && slotEnd > off) stack[i] = cnt === 1 ? AT_NONE : at.join(stack[i]!, AT_NONE);
  }
}

/** clear_stack_for_all_offs(). */
function clearStackForAllOffs(at: ArgTrackPool, off: number, reg: number, out: Uint32Array, stack: Uint32Array, sz: number): void {
  if (reg === BPF_REG_FP) {
    clearOverlapping(at, stack, off, sz, 1);
    return;
  }
  const id = out[reg]!;
  const cnt = at.cnt[id]!;
  if (cnt === 0) {
    clearOverlapping(at, stack, 0, sz, 0);
    return;
  }
  for (let i = 0; i < cnt; i++) {
    const fpOff = argAdd(at.off(id, i), off);
    if (fpOff === undefined) {
      clearOverlapping(at, stack, 0, sz, 0);
      break;
    }
    clearOverlapping(at, stack, fpOff, sz, cnt);
  }
}

/**
 * arg_track_xfer(): apply instruction `idx` to `out` (R0..R10, sa0..sa6) and `stackOut`.
 * `stackArgEntry` holds the incoming stack-argument tracks of this instance.
 */
export function argTrackXfer(st: AnalysisState, idx: number, out: Uint32Array, stackOut: Uint32Array, stackArgEntry: Uint32Array, depth: number): void {
  const p = st.cfg.program;
  const at = st.at;
  const code = p.code[idx]!;
  const cls = BPF_CLASS(code);
  const op = BPF_OP(code);
  const dr = p.dst[idx]!;
  const sr = p.src[idx]!;
  const off = p.off[idx]!;
  if (dr > 10 || sr > 10) {
    if (isStackArgSt(code, dr, off) || isStackArgStx(code, dr, sr, off)) {
      if (!st.cfg.stackArgTracking) return;
      const slot = stackArgOffToSlot(off);
      if (slot >= 0) out[AT_SA0 + slot] = isStackArgStx(code, dr, sr, off) ? out[sr]! : AT_NONE;
    } else if (isStackArgLdx(code, dr, sr, off)) {
      const slot = stackArgOffToSlot(off);
      out[dr] = st.cfg.stackArgTracking && slot >= 0 ? stackArgEntry[slot]! : AT_NONE;
    } else if (cls === BPF_LDX && dr <= 10) {
      out[dr] = AT_NONE; // not a valid r11 form (the verifier rejects it): nothing is tracked
    }
    return;
  }
  const imm = p.imm[idx]!;
  if (cls === BPF_ALU64 && BPF_SRC(code) === BPF_K) {
    if (op === BPF_MOV) {
      out[dr] = AT_NONE;
    } else if (at.frame[out[dr]!]! >= 0) {
      if (op === BPF_ADD) out[dr] = at.padd(out[dr]!, imm);
      else if (op === BPF_SUB) out[dr] = at.padd(out[dr]!, -imm);
      else out[dr] = at.offsetImprecise(at.frame[out[dr]!]!);
    }
  } else if (cls === BPF_ALU64) {
    if (op === BPF_MOV) out[dr] = off === 0 ? out[sr]! : AT_NONE;
    else out[dr] = at.alu64(out[dr]!, out[sr]!);
  } else if (cls === BPF_ALU) {
    out[dr] = AT_NONE;
  } else if (cls === BPF_JMP && op === BPF_CALL) {
    // Spill slots are deliberately kept: a callee cannot manufacture a frame pointer in them,
    // so a stale track only over-approximates liveness.
    for (let r = 0; r <= 5; r++) out[r] = AT_NONE;
  } else if (cls === BPF_LDX) {
    const sz = bpfSizeBytes(BPF_SIZE(code));
    const src = out[sr]!;
    const sf = at.frame[src]!;
    const mem8 = BPF_MODE(code) === BPF_MEM && sz === 8;
    if (mem8 && canBeLocalFp(at, depth, sr, src)) {
      out[dr] = fillFromStack(at, off, sr, out, stackOut, depth);
    } else if (mem8 && sf >= 0 && sf < depth) {
      const parent = st.callsiteAtStack.get(st.callsites[sf]!) ?? null;
      out[dr] = fillFromStack(at, off, sr, out, parent, sf);
    } else if (mem8 && sf === ARG_IMPRECISE && !(at.mask(src) & (1 << depth)) && at.mask(src)) {
      out[dr] = src;
    } else {
      out[dr] = AT_NONE;
    }
  } else if (cls === BPF_LD && BPF_MODE(code) === BPF_IMM) {
    out[dr] = AT_NONE;
  } else if (cls === BPF_STX) {
    const sz = bpfSizeBytes(BPF_SIZE(code));
    const local = canBeLocalFp(at, depth, dr, out[dr]!);
    const mode = BPF_MODE(code);
    if (local && mode === BPF_MEM) spillToStack(at, off, dr, out, stackOut, out[sr]!, sz);
    if (mode === BPF_ATOMIC) {
      if (local && imm !== BPF_LOAD_ACQ) clearStackForAllOffs(at, off, dr, out, stackOut, sz);
      if (imm === BPF_CMPXCHG) out[0] = AT_NONE;
      else if (imm === BPF_LOAD_ACQ) out[dr] = AT_NONE;
      else if (imm & BPF_FETCH) out[sr] = AT_NONE;
    }
  } else if (cls === BPF_ST && BPF_MODE(code) === BPF_MEM) {
    const sz = bpfSizeBytes(BPF_SIZE(code));
    if (canBeLocalFp(at, depth, dr, out[dr]!)) clearStackForAllOffs(at, off, dr, out, stackOut, sz);
  }
}

