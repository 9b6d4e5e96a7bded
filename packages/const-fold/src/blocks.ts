// Basic blocks and reverse postorder per subprogram, the iteration order of const-fold's
// fixed point. Mirrors the kernel's env->cfg.insn_postorder (computed per subprogram in
// check_cfg) and bpf_insn_successors() — the same successor rules as ir's insnSuccessors():
// exit and gotox none, goto/gotol their target, conditional jumps and may_goto fall-through
// then target, everything else the next instruction (ld_imm64: +2). A successor outside the
// instruction's own subprogram is ignored, as const_fold.c does. Blocks start at every
// subprogram entry, every jump target and after every jump or exit, so inside a block
// control only falls through and the fixed point needs a state per block, not per insn.
import { BpfError, BPF_LD_IMM64, type Program } from '@bpfkit/ir';

export interface Blocks {
  /** Number of blocks. */
  readonly count: number;
  /** First slot of each block, ascending (blocks partition [0, n)); start[count] = n. */
  readonly start: Int32Array;
  /** Up to two successor blocks per block (succ[2b], succ[2b+1]; -1 when absent). */
  readonly succ: Int32Array;
  /** Blocks reachable from their subprogram's entry, in reverse postorder, one subprogram
   * after another; the first `rpoCount` entries are valid. */
  readonly rpo: Int32Array;
  readonly rpoCount: number;
  /** Position of each block in `rpo`, -1 when unreachable. */
  readonly rpoIndex: Int32Array;
  /** Entry block of each subprogram. */
  readonly funcEntry: Int32Array;
}

const LEADER = 1;
const SECOND_HALF = 2;

/**
 * Successors of the instruction head at i with opcode `code`, written to out[0..1]; returns
 * how many (0–2). Exactly ir's insnSuccessors() (checked by a test over every opcode),
 * inlined for speed.
 */
export function successors(p: Program, i: number, code: number, out: Int32Array): number {
  const cls = code & 0x07;
  if (cls === 0x05 /* JMP */) {
    if (code === 0x95 /* exit */ || code === 0x0d /* gotox */) return 0;
    if (code === 0x05 /* goto */) {
      out[0] = i + 1 + p.off[i]!;
      return 1;
    }
    const op = code & 0xf0;
    if (op === 0x00 || op === 0x80 || op === 0x90 || op === 0xf0 || code === 0xed) {
      out[0] = i + 1;
      return 1;
    }
  } else if (cls === 0x06 /* JMP32 */) {
    if (code === 0x06 /* gotol */) {
      out[0] = i + 1 + p.imm[i]!;
      return 1;
    }
    const op = code & 0xf0;
    if (op === 0x00 || op === 0x80 || op === 0x90 || op >= 0xe0) {
      out[0] = i + 1;
      return 1;
    }
  } else {
    out[0] = code === BPF_LD_IMM64 ? i + 2 : i + 1;
    return 1;
  }
  // Conditional jump (JMP/JMP32 JEQ..JSLE) or may_goto: fall-through, then the target.
  out[0] = i + 1;
  out[1] = i + 1 + p.off[i]!;
  return out[1] === out[0] ? 1 : 2;
}

/** Does the instruction end a block: exit, gotox, goto, gotol, a conditional jump or may_goto? */
export const endsBlock = (code: number): boolean => {
  const cls = code & 0x07;
  if (cls === 0x05) {
    if (code === 0x95 || code === 0x0d || code === 0x05 || code === 0xe5) return true;
    const op = code & 0xf0;
    return op !== 0x00 && op < 0xe0 && op !== 0x80 && op !== 0x90;
  }
  if (cls === 0x06) {
    if (code === 0x06) return true;
    const op = code & 0xf0;
    return op !== 0x00 && op < 0xe0 && op !== 0x80 && op !== 0x90;
  }
  return false;
};

function intoLdImm64(insn: number, at: number): BpfError {
  return new BpfError('JUMP_INTO_LD_IMM64', `jump into the middle of ldimm64 insn ${insn}`, { insn: at, pass: 'const-fold', errno: 'EINVAL' });
}

export function buildBlocks(p: Program): Blocks {
  const n = p.length;
  const code = p.code;
  const funcs = p.funcs;
  const flags = new Uint8Array(n + 1);
  const tmp = new Int32Array(2);
  let count = 0;
  for (let f = 0; f < funcs.length; f++) {
    const start = funcs[f]!.start;
    const end = funcs[f]!.end;
    if (flags[start]! & SECOND_HALF) throw intoLdImm64(start - 1, start - 1);
    flags[start] |= LEADER;
    for (let i = start; i < end; i++) {
      const c = code[i]!;
      if (c === BPF_LD_IMM64) {
        if (i + 1 < n) flags[i + 1] |= SECOND_HALF;
        i++;
        continue;
      }
      if (!endsBlock(c)) continue;
      const k = successors(p, i, c, tmp);
      for (let j = 0; j < k; j++) {
        const t = tmp[j]!;
        if (t >= start && t < end) flags[t] |= LEADER;
      }
      if (i + 1 < end) flags[i + 1] |= LEADER;
    }
  }
  for (let i = 0; i < n; i++) {
    const fl = flags[i]!;
    if (fl & LEADER) {
      if (fl & SECOND_HALF) throw intoLdImm64(i - 1, i - 1);
      count++;
    }
  }
  const start = new Int32Array(count + 1);
  // Block number of every slot (only looked up at successor targets).
  const blockOf = new Int32Array(n);
  for (let i = 0, b = -1; i < n; i++) {
    if (flags[i]! & LEADER) start[++b] = i;
    blockOf[i] = b;
  }
  start[count] = n;
  const succ = new Int32Array(2 * count).fill(-1);
  const funcEntry = new Int32Array(funcs.length);
  for (let f = 0, b = 0; f < funcs.length; f++) {
    const fs = funcs[f]!.start;
    const fe = funcs[f]!.end;
    funcEntry[f] = blockOf[fs]!;
    for (; b < count && start[b]! < fe; b++) {
      const s = start[b]!;
      // Last instruction head of the block (a trailing ld_imm64 second half belongs to it).
      let last = start[b + 1]! - 1;
      if (last > s && flags[last]! & SECOND_HALF) last--;
      const k = successors(p, last, code[last]!, tmp);
      let m = 0;
      for (let j = 0; j < k; j++) {
        const t = tmp[j]!;
        if (t >= fs && t < fe) succ[2 * b + m++] = blockOf[t]!;
      }
    }
  }
  // Reverse postorder per subprogram (iterative DFS; the fall-through successor first).
  const rpo = new Int32Array(count);
  const rpoIndex = new Int32Array(count).fill(-1);
  const next = new Uint8Array(count); // 0 unseen; 1..3 = on the stack, next successor + 1
  const stack = new Int32Array(count);
  const post = new Int32Array(count);
  let rpoCount = 0;
  for (let f = 0; f < funcs.length; f++) {
    const entry = funcEntry[f]!;
    let sp = 0;
    let postCount = 0;
    stack[sp++] = entry;
    next[entry] = 1;
    while (sp > 0) {
      const b = stack[sp - 1]!;
      const j = next[b]! - 1;
      if (j < 2) {
        next[b] = j + 2;
        const t = succ[2 * b + j]!;
        if (t >= 0 && next[t] === 0) {
          next[t] = 1;
          stack[sp++] = t;
        }
      } else {
        post[postCount++] = b;
        sp--;
      }
    }
    for (let k = postCount - 1; k >= 0; k--) {
      const b = post[k]!;
      rpoIndex[b] = rpoCount;
      rpo[rpoCount++] = b;
    }
  }
  return { count, start, succ, rpo, rpoCount, rpoIndex, funcEntry };
}
