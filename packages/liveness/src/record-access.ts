// Recording stack accesses into a function instance once arg tracking has converged
// (kernel/bpf/liveness.c record_stack_access_off(), record_stack_access(), record_imprecise(),
// record_load_store_access(), record_arg_access(), record_call_access()): loads/stores through
// frame-pointer-derived registers and the stack memory helpers/kfuncs touch through
// frame-pointer arguments — R1..R(min(n,5)) and, with stack-argument tracking, the outgoing
// stack-argument slots sa0..sa(n-6) of a kfunc with more than five parameters.
import {
  BPF_ATOMIC, BPF_CALL, BPF_JMP, BPF_LDX, BPF_LOAD_ACQ, BPF_PSEUDO_CALL, BPF_PSEUDO_KFUNC_CALL, BPF_ST, BPF_STORE_REL,
  BPF_STX, BPF_CLASS, BPF_MODE, BPF_SIZE, bpfSizeBytes,
} from '@bpfkit/ir';
import { ARG_IMPRECISE, argAdd } from './arg-track.js';
import type { AnalysisState } from './analysis-state.js';
import { helperStackAccessBytes, kfuncStackAccessBytes } from './call-protos.js';
import { AT_SA0, MAX_STACK_ARG_SLOTS, S64_MIN, STACK_SLOT_SZ } from './constants.js';
import { markStackRead, markStackWrite, type FuncInstance } from './instance.js';
import { namesR11 } from './arg-track-xfer.js';
import { callNumParams } from './live-regs.js';

/**
 * record_stack_access_off(): `bytes` > 0 read (every touched half slot is used), < 0 write
 * (only fully covered half slots are defined), S64_MIN read from fp_off up to fp+0.
 */
export function recordStackAccessOff(st: AnalysisState, inst: FuncInstance, fpOff: number, bytes: number, frame: number, idx: number): void {
  if (fpOff >= 0) return; // out of bounds: the main verifier rejects it
  const pool = st.spis;
  if (bytes === S64_MIN) {
    const hi = Math.trunc((-fpOff - 1) / STACK_SLOT_SZ);
    markStackRead(pool, inst, frame, idx, pool.range(0, hi));
    return;
  }
  if (bytes > 0) {
    const hi = Math.trunc((-fpOff - 1) / STACK_SLOT_SZ);
    const lo = Math.max(Math.trunc((-fpOff - bytes) / STACK_SLOT_SZ), 0);
    markStackRead(pool, inst, frame, idx, pool.range(lo, hi));
  } else if (bytes < 0) {
    const b = -bytes;
    const hi = Math.trunc(-fpOff / STACK_SLOT_SZ) - 1;
    const lo = Math.max(Math.trunc((-fpOff - b + STACK_SLOT_SZ - 1) / STACK_SLOT_SZ), 0);
    if (lo <= hi) markStackWrite(pool, inst, frame, idx, pool.range(lo, hi));
  }
}

/**
 * record_stack_access(): access through a frame-derived pointer with `cnt` candidate offsets
 * (0 = unknown offset: reads mark the whole frame, writes nothing; several offsets: no def).
 */
export function recordStackAccess(st: AnalysisState, inst: FuncInstance, offs: ArrayLike<number>, cnt: number, bytes: number, frame: number, idx: number): void {
  if (bytes === 0) return;
  if (cnt === 0) {
    if (bytes > 0 || bytes === S64_MIN) markStackRead(st.spis, inst, frame, idx, st.spis.all);
    return;
  }
  if (bytes !== S64_MIN && bytes < 0 && cnt !== 1) return; // multi-offset write cannot set stack_def
  for (let i = 0; i < cnt; i++) recordStackAccessOff(st, inst, offs[i]!, bytes, frame, idx);
}

/** record_imprecise(): every frame in `mask` (up to the instance depth) fully read. */
export function recordImprecise(st: AnalysisState, inst: FuncInstance, mask: number, idx: number): void {
  for (let f = 0; mask; f++, mask >>>= 1) if (mask & 1 && f <= inst.depth) markStackRead(st.spis, inst, f, idx, st.spis.all);
}

const resolved = new Int16Array(4);

/** record_load_store_access(): the stack access of a load/store at `idx` given its entry state. */
export function recordLoadStoreAccess(st: AnalysisState, inst: FuncInstance, at: Uint32Array, row: number, idx: number): void {
  const p = st.cfg.program;
  // r11 forms address the stack-argument area, and at[11] is sa0, not a base pointer.
  if (namesR11(p, idx)) return;
  const code = p.code[idx]!;
  let sz = bpfSizeBytes(BPF_SIZE(code));
  let reg: number;
  switch (BPF_CLASS(code)) {
    case BPF_LDX:
      reg = p.src[idx]!;
      break;
    case BPF_STX:
      if (BPF_MODE(code) === BPF_ATOMIC) {
        const imm = p.imm[idx]!;
        if (imm === BPF_STORE_REL) sz = -sz;
        reg = imm === BPF_LOAD_ACQ ? p.src[idx]! : p.dst[idx]!;
      } else {
        reg = p.dst[idx]!;
        sz = -sz;
      }
      break;
    case BPF_ST:
      reg = p.dst[idx]!;
      sz = -sz;
      break;
    default:
      return;
  }
  const pool = st.at;
  const id = at[row + reg]!;
  const frame = pool.frame[id]!;
  let cnt = pool.cnt[id]!;
  const off = p.off[idx]!;
  for (let i = 0; i < cnt; i++) {
    const v = argAdd(pool.off(id, i), off);
    if (v === undefined) {
      cnt = 0;
      break;
    }
    resolved[i] = v;
  }
  if (frame >= 0 && frame <= inst.depth) recordStackAccess(st, inst, resolved, cnt, sz, frame, idx);
  else if (frame === ARG_IMPRECISE) recordImprecise(st, inst, pool.mask(id), idx);
}

/** record_arg_access(): one FP-derived call argument (track `id`, 0-based argument `arg`). */
function recordArgAccess(st: AnalysisState, inst: FuncInstance, idx: number, id: number, arg: number): void {
  const pool = st.at;
  if (!pool.isFp(id)) return;
  const p = st.cfg.program;
  const src = p.src[idx]!;
  const isCall = p.code[idx] === (BPF_JMP | BPF_CALL);
  let bytes: number;
  if (isCall && src === 0) {
    bytes = helperStackAccessBytes(st.cfg.tables.helpers.get(p.imm[idx]!), arg, idx, st.cfg.facts, st.cfg.tables.maps);
  } else if (isCall && src === BPF_PSEUDO_KFUNC_CALL) {
    bytes = kfuncStackAccessBytes(st.cfg.tables.kfuncs.get(p.imm[idx]!), arg, idx, st.cfg.facts);
  } else {
    for (let f = 0; f <= inst.depth; f++) markStackRead(st.spis, inst, f, idx, st.spis.all);
    return;
  }
  if (bytes === 0) return;
  const frame = pool.frame[id]!;
  if (frame >= 0 && frame <= inst.depth) {
    const c = pool.cnt[id]!;
    for (let i = 0; i < c; i++) resolved[i] = pool.off(id, i);
    recordStackAccess(st, inst, resolved, c, bytes, frame, idx);
  } else if (frame === ARG_IMPRECISE) {
    recordImprecise(st, inst, pool.mask(id), idx);
  }
}

/** record_call_access(): helper/kfunc arguments R1..R(min(n,5)), then stack arguments sa0... */
export function recordCallAccess(st: AnalysisState, inst: FuncInstance, at: Uint32Array, row: number, idx: number): void {
  const p = st.cfg.program;
  if (p.src[idx] === BPF_PSEUDO_CALL) return; // bpf-to-bpf calls are analysed recursively
  let n = callNumParams(p, idx, st.cfg.tables);
  if (n < 0) n = 5;
  const regArgs = Math.min(n, 5);
  for (let r = 1; r <= regArgs; r++) recordArgAccess(st, inst, idx, at[row + r]!, r - 1);
  if (!st.cfg.stackArgTracking) return;
  for (let s = 0; s < MAX_STACK_ARG_SLOTS && s < n - 5; s++) recordArgAccess(st, inst, idx, at[row + AT_SA0 + s]!, s + 5);
}
