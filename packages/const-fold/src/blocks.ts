// Extended basic blocks and reverse postorder per subprogram: the units and the iteration
// order of const-fold's fixed point. Mirrors the kernel's env->cfg.insn_postorder (computed
// per subprogram in check_cfg) and bpf_insn_successors() — the successor rules of ir's
// insnSuccessors(): exit and gotox none, goto/gotol their target, conditional jumps and
// may_goto fall-through and target, everything else the next instruction (ld_imm64: +2). A
// successor outside the instruction's own subprogram is ignored, as const_fold.c does.
//
// A block here starts at a subprogram entry, at a jump target, or after an instruction that
// cannot fall through (exit, goto, gotol, gotox); a conditional jump inside a block is a side
// exit and the block continues on its fall-through path. So every instruction of a block
// has exactly one predecessor on the block's path — the one before it — and the state on
// that path is the block's entry state run forward: one stored state per block, and fewer
// blocks than basic blocks.
import { BpfError, BPF_LD_IMM64, type Program } from '@bpfkit/ir';

export interface Blocks {
  /** Number of blocks. */
  readonly count: number;
  /** First slot of each block, ascending (blocks partition [0, n)); start[count] = n. */
  readonly start: Int32Array;
  /** Blocks of subprogram f: [funcBlock[f], funcBlock[f+1]). */
  readonly funcBlock: Int32Array;
  /** Blocks reachable from their subprogram's entry, in reverse postorder, subprogram by
   * subprogram: those of f are rpo[rpoStart[f] .. rpoStart[f+1]]. */
  readonly rpo: Int32Array;
  readonly rpoStart: Int32Array;
}

/** What a jump-class instruction does to control flow (ir's insnSuccessors rules). */
export const FALLS_THROUGH = 0; // not a jump (calls included): next instruction
export const COND = 1; // conditional jump or may_goto: next instruction, and pc+1+off
export const GOTO = 2; // pc+1+off only
export const GOTOL = 3; // pc+1+imm only
export const NO_SUCCESSOR = 4; // exit, gotox

export function jumpKind(code: number): number {
  const cls = code & 0x07;
  if (cls === 0x05) {
    if (code === 0x95 || code === 0x0d) return NO_SUCCESSOR;
    if (code === 0x05) return GOTO;
    const op = code & 0xf0;
    if (op === 0x00 || op === 0x80 || op === 0x90 || op === 0xf0 || code === 0xed) return FALLS_THROUGH;
    return COND;
  }
  if (cls === 0x06) {
    if (code === 0x06) return GOTOL;
    const op = code & 0xf0;
    if (op === 0x00 || op === 0x80 || op === 0x90 || op >= 0xe0) return FALLS_THROUGH;
    return COND;
  }
  return FALLS_THROUGH;
}

/** The block of [lo, hi) containing slot t (binary search over block starts). */
export function blockAt(start: Int32Array, lo: number, hi: number, t: number): number {
  let a = lo;
  let b = hi - 1;
  while (a < b) {
    const m = (a + b + 1) >> 1;
    if (start[m]! <= t) a = m;
    else b = m - 1;
  }
  return a;
}

const LEADER = 1;
const SECOND_HALF = 2;

function intoLdImm64(insn: number): BpfError {
  return new BpfError('JUMP_INTO_LD_IMM64', `jump into the middle of ldimm64 insn ${insn}`, { insn, pass: 'const-fold', errno: 'EINVAL' });
}

/** Mark the block leaders of one subprogram [start, end) in `flags`. */
function markLeaders(p: Program, start: number, end: number, flags: Uint8Array): void {
  const code = p.code;
  const n = code.length;
  flags[start] |= LEADER;
  for (let i = start; i < end; i++) {
    const c = code[i]!;
    if (c === BPF_LD_IMM64) {
      if (i + 1 < n) flags[i + 1] |= SECOND_HALF;
      i++;
      continue;
    }
    const k = jumpKind(c);
    if (k === FALLS_THROUGH) continue;
    if (k !== NO_SUCCESSOR) {
      const t = i + 1 + (k === GOTOL ? p.imm[i]! : p.off[i]!);
      if (t >= start && t < end) flags[t] |= LEADER;
    }
    if (k !== COND && i + 1 < end) flags[i + 1] |= LEADER;
  }
}

/** Record the starts of the blocks in slots [from, to); returns the next block number. */
function numberBlocks(flags: Uint8Array, from: number, to: number, b: number, start: Int32Array): number {
  for (let i = from; i < to; i++) {
    const fl = flags[i]!;
    if (fl & LEADER) {
      if (fl & SECOND_HALF) throw intoLdImm64(i - 1);
      start[b++] = i;
    }
  }
  return b;
}

/**
 * Successor scan of block e: the next successor slot at or after scan position `pos`
 * (a slot of the block; `end` = the fall-through into the next slot is pending; end + 1 =
 * nothing left). Writes the successor slot to out[0] (-1 for none) and the next scan
 * position to out[1]. Side exits come first, in address order, then the block's last
 * successor.
 */
export function nextSuccessor(p: Program, pos: number, end: number, out: Int32Array): void {
  const code = p.code;
  let i = pos;
  while (i < end) {
    const c = code[i]!;
    if (c === BPF_LD_IMM64) {
      i += 2;
      continue;
    }
    const k = jumpKind(c);
    if (k === FALLS_THROUGH) {
      i++;
      continue;
    }
    out[0] = k === NO_SUCCESSOR ? -1 : i + 1 + (k === GOTOL ? p.imm[i]! : p.off[i]!);
    out[1] = k === COND ? i + 1 : end + 1;
    return;
  }
  out[0] = i === end ? end : -1;
  out[1] = end + 1;
}

/** Append the reverse postorder of the blocks of [fb0, fb1) reachable from fb0 to rpo. */
function orderBlocks(p: Program, start: Int32Array, fb0: number, fb1: number, fs: number, fe: number, seen: Uint8Array, stack: Int32Array, stackPos: Int32Array, rpo: Int32Array, rpoCount: number, out: Int32Array): number {
  let sp = 0;
  let post = rpoCount;
  stack[sp] = fb0;
  stackPos[sp++] = start[fb0]!;
  seen[fb0] = 1;
  while (sp > 0) {
    const e = stack[sp - 1]!;
    const end = start[e + 1]!;
    const pos = stackPos[sp - 1]!;
    if (pos > end) {
      rpo[post++] = e;
      sp--;
      continue;
    }
    nextSuccessor(p, pos, end, out);
    stackPos[sp - 1] = out[1]!;
    const t = out[0]!;
    if (t < fs || t >= fe) continue;
    const tb = blockAt(start, fb0, fb1, t);
    if (seen[tb]) continue;
    seen[tb] = 1;
    stack[sp] = tb;
    stackPos[sp++] = start[tb]!;
  }
  rpo.subarray(rpoCount, post).reverse();
  return post;
}

const CHUNK = 4096;

export function buildBlocks(p: Program): Blocks {
  const n = p.length;
  const funcs = p.funcs;
  const flags = new Uint8Array(n + 1);
  for (let f = 0; f < funcs.length; f++) markLeaders(p, funcs[f]!.start, funcs[f]!.end, flags);
  let count = 0;
  for (let i = 0; i < n; i++) count += flags[i]! & LEADER;
  const start = new Int32Array(count + 1);
  for (let from = 0, b = 0; from < n; from += CHUNK) b = numberBlocks(flags, from, Math.min(n, from + CHUNK), b, start);
  start[count] = n;
  const funcBlock = new Int32Array(funcs.length + 1);
  for (let f = 0, b = 0; f < funcs.length; f++) {
    while (start[b]! < funcs[f]!.start) b++;
    funcBlock[f] = b;
  }
  funcBlock[funcs.length] = count;
  const rpo = new Int32Array(count);
  const rpoStart = new Int32Array(funcs.length + 1);
  // DFS scratch: `flags` is no longer needed; its memory holds the visit marks.
  const seen = flags.subarray(0, count);
  seen.fill(0);
  const stack = new Int32Array(count);
  const stackPos = new Int32Array(count);
  const out = new Int32Array(2);
  let rpoCount = 0;
  for (let f = 0; f < funcs.length; f++) {
    rpoStart[f] = rpoCount;
    rpoCount = orderBlocks(p, start, funcBlock[f]!, funcBlock[f + 1]!, funcs[f]!.start, funcs[f]!.end, seen, stack, stackPos, rpo, rpoCount, out);
  }
  rpoStart[funcs.length] = rpoCount;
  return { count, start, funcBlock, rpo: rpo.subarray(0, rpoCount), rpoStart };
}
