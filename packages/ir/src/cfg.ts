// Control-flow graph over instruction slots, mirroring the successor rules of the kernel's
// check_cfg()/bpf_insn_successors(): exit has none; goto/gotol one (the target);
// conditional jumps and may_goto two (fall-through first, then target); calls fall through
// (bpf-to-bpf calls are intra-procedural edges to pc+1); ld_imm64 continues at pc+2.
// Results are typed arrays; basic blocks are split at jump targets and after jumps/exits.
import { isCondJump, isExit, isGoto, isGotol, isGotox, isLdImm64, isPseudoCall, isPseudoFunc } from './insn.js';
import { BPF_LD_IMM64 } from './opcodes.js';
import type { ProgramArrays } from './program.js';

export interface Cfg {
  /** Instruction count. */
  readonly length: number;
  /** succ[2*i], succ[2*i+1]: successor slots of insn i, -1 when absent. A successor may equal
   * `length` (fall-off past the end) or lie outside the function; the verifier reports those. */
  readonly succ: Int32Array;
  /** 1 where a basic block starts. */
  readonly isLeader: Uint8Array;
  /** Block number of every slot (ld_imm64 second halves share their first half's block). */
  readonly blockOf: Int32Array;
  /** First slot of each block. */
  readonly blockStart: Int32Array;
  /** One past the last slot of each block. */
  readonly blockEnd: Int32Array;
  /** Successor blocks (CSR form: blockSuccs[blockSuccStart[b] .. blockSuccStart[b+1]]). */
  readonly blockSuccStart: Int32Array;
  readonly blockSuccs: Int32Array;
  /** Predecessor counts per instruction (how many edges arrive). */
  readonly predCount: Uint16Array;
}

/** Successors of one instruction written into `out[0..1]`; returns how many. */
export function insnSuccessors(p: ProgramArrays, i: number, out: Int32Array): number {
  const code = p.code[i]!;
  if (isExit(code) || isGotox(code)) return 0;
  if (isGoto(code)) {
    out[0] = i + 1 + p.off[i]!;
    return 1;
  }
  if (isGotol(code)) {
    out[0] = i + 1 + p.imm[i]!;
    return 1;
  }
  if (isCondJump(code)) {
    out[0] = i + 1;
    out[1] = i + 1 + p.off[i]!;
    return out[1] === out[0] ? 1 : 2;
  }
  out[0] = isLdImm64(code) ? i + 2 : i + 1;
  return 1;
}

export function buildCfg(p: ProgramArrays): Cfg {
  const n = p.code.length;
  const succ = new Int32Array(2 * n).fill(-1);
  const isLeader = new Uint8Array(n + 1);
  const predCount = new Uint16Array(n + 1);
  const tmp = new Int32Array(2);
  if (n > 0) isLeader[0] = 1;
  for (let i = 0; i < n; i++) {
    const code = p.code[i]!;
    const k = insnSuccessors(p, i, tmp);
    for (let j = 0; j < k; j++) {
      const t = tmp[j]!;
      succ[2 * i + j] = t;
      if (t >= 0 && t <= n) predCount[t] = Math.min(0xffff, predCount[t]! + 1);
    }
    const isJump = isExit(code) || isGotox(code) || isGoto(code) || isGotol(code) || isCondJump(code);
    if (isJump) {
      if (i + 1 <= n) isLeader[i + 1] = 1;
      for (let j = 0; j < k; j++) {
        const t = tmp[j]!;
        if (t >= 0 && t <= n) isLeader[t] = 1;
      }
    }
    if (isLdImm64(code)) i++; // second half belongs to this instruction
  }
  // Function entries start blocks too (call targets): any slot whose predecessor is a call
  // only reaches it inter-procedurally, so mark every pseudo-call/pseudo-func target.
  for (let i = 0; i < n; i++) {
    const code = p.code[i]!;
    if (isPseudoCall(code, p.src[i]!) || isPseudoFunc(code, p.src[i]!)) {
      const t = i + 1 + p.imm[i]!;
      if (t >= 0 && t < n) isLeader[t] = 1;
    }
  }
  let blocks = 0;
  for (let i = 0; i < n; i++) if (isLeader[i]) blocks++;
  const blockOf = new Int32Array(n);
  const blockStart = new Int32Array(blocks);
  const blockEnd = new Int32Array(blocks);
  let b = -1;
  for (let i = 0; i < n; i++) {
    if (isLeader[i]) {
      if (b >= 0) blockEnd[b] = i;
      b++;
      blockStart[b] = i;
    }
    blockOf[i] = b;
  }
  if (b >= 0) blockEnd[b] = n;
  const blockSuccStart = new Int32Array(blocks + 1);
  const list: number[] = [];
  for (let bb = 0; bb < blocks; bb++) {
    blockSuccStart[bb] = list.length;
    let last = blockEnd[bb]! - 1;
    if (last > blockStart[bb]! && p.code[last - 1] === BPF_LD_IMM64 && p.code[last] === 0) last--; // ends with an ld_imm64 pair
    for (let j = 0; j < 2; j++) {
      const t = succ[2 * last + j]!;
      if (t >= 0 && t < n) {
        const tb = blockOf[t]!;
        if (!list.slice(blockSuccStart[bb]).includes(tb)) list.push(tb);
      }
    }
  }
  blockSuccStart[blocks] = list.length;
  return {
    length: n,
    succ,
    isLeader,
    blockOf,
    blockStart,
    blockEnd,
    blockSuccStart,
    blockSuccs: Int32Array.from(list),
    predCount,
  };
}
