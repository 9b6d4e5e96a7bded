// The one place instruction indices change: insert / remove / replace instruction slots and
// fix every jump, call and pseudo-func offset, like the kernel's bpf_patch_insn_data() +
// bpf_adj_branches(). Returns the new Program and the old→new index map (length n+1:
// map[n] is the new length). Jumps that targeted a removed slot land on whatever follows it;
// jumps that targeted a slot with code inserted before it land on the inserted code.
import { BpfError } from './error.js';
import type { Insn } from './insn.js';
import { isDirectJump, isGotol, isPseudoCall, isPseudoFunc } from './insn.js';
import { BPF_LD_IMM64 } from './opcodes.js';
import { Program, type FuncMeta } from './program.js';

export type Edit =
  /** Insert `insns` before slot `at` (at = length appends). */
  | { readonly kind: 'insert'; readonly at: number; readonly insns: readonly Insn[]; readonly local?: boolean }
  /** Remove `count` (default 1; 2 for an ld_imm64) slots starting at `at`. */
  | { readonly kind: 'remove'; readonly at: number; readonly count?: number }
  /** Replace `count` slots at `at` with `insns`. */
  | { readonly kind: 'replace'; readonly at: number; readonly count?: number; readonly insns: readonly Insn[]; readonly local?: boolean };

/**
 * Jumps inside inserted/replacement code: by default (`local` unset) their displacement is
 * read as if the instruction sat at old slot `at`, i.e. the target is old slot
 * `at + 1 + disp`, which is then remapped — so replacing a conditional jump by a `goto`
 * with the same `off` keeps its target. With `local: true` displacements are relative within
 * the new code and left untouched.
 */
export interface RewriteResult {
  readonly program: Program;
  readonly map: Int32Array;
}

const slotCount = (e: Edit): number => (e.kind === 'insert' ? 0 : (e.count ?? 1));

export function rewrite(p: Program, edits: readonly Edit[]): RewriteResult {
  const n = p.length;
  const sorted = edits
    .map((e, order) => ({ e, order }))
    .sort((a, b) => a.e.at - b.e.at || (a.e.kind === 'insert' ? 0 : 1) - (b.e.kind === 'insert' ? 0 : 1) || a.order - b.order)
    .map((x) => x.e);
  // Validate ranges.
  let covered = 0;
  for (const e of sorted) {
    const c = slotCount(e);
    if (!Number.isInteger(e.at) || e.at < 0 || e.at > n || e.at + c > n || (e.kind !== 'insert' && c < 0))
      throw new BpfError('REWRITE', `edit ${e.kind} at ${e.at} (count ${c}) is outside the program (0..${n})`, { pass: 'rewrite' });
    if (e.kind === 'insert' && e.at < covered)
      throw new BpfError('REWRITE', `insert at ${e.at} falls inside a removed range`, { insn: e.at, pass: 'rewrite' });
    if (e.kind !== 'insert') {
      if (e.at < covered) throw new BpfError('REWRITE', `edits overlap at insn ${e.at}`, { insn: e.at, pass: 'rewrite' });
      covered = e.at + c;
    }
    const splits = (k: number): boolean => k > 0 && k < n && p.code[k - 1] === BPF_LD_IMM64 && p.isSecondHalf(k);
    if (splits(e.at) || (c > 0 && splits(e.at + c)))
      throw new BpfError('REWRITE', `edit ${e.kind} at ${e.at} splits an ld_imm64 instruction`, { insn: e.at, pass: 'rewrite' });
  }

  // Pass 1: lay out the new program, remembering where each old slot's own insn lands.
  type Origin = { old: number } | { at: number; local: boolean };
  const out: Insn[] = [];
  const origins: Origin[] = [];
  const map = new Int32Array(n + 1);
  let k = 0;
  for (let i = 0; i <= n; i++) {
    map[i] = out.length;
    let consumed = false;
    while (k < sorted.length && sorted[k]!.at === i) {
      const e = sorted[k++]!;
      if (e.kind === 'remove' || e.kind === 'replace') {
        if (e.kind === 'replace') for (const x of e.insns) (out.push(x), origins.push({ at: i, local: !!e.local }));
        const c = slotCount(e);
        for (let j = 1; j < c; j++) map[i + j] = -1; // resolved below
        i += c - 1;
        consumed = true;
        break;
      }
      for (const x of e.insns) (out.push(x), origins.push({ at: i, local: !!e.local }));
    }
    if (!consumed && i < n) {
      out.push(p.insn(i));
      origins.push({ old: i });
    }
  }
  // Slots inside removed/replaced ranges map to the next position that exists.
  for (let i = n - 1; i >= 0; i--) if (map[i] === -1) map[i] = map[i + 1]!;

  // Pass 2: fix displacements.
  const fixed: Insn[] = out.map((x, ni) => {
    const o = origins[ni]!;
    const isJump = isDirectJump(x.code);
    const isCallLike = isPseudoCall(x.code, x.src) || isPseudoFunc(x.code, x.src);
    if (!isJump && !isCallLike) return x;
    if ('local' in o && o.local) return x;
    const base = 'old' in o ? o.old : o.at;
    const useImm = isCallLike || isGotol(x.code);
    const disp = useImm ? x.imm : x.off;
    const targetOld = base + 1 + disp;
    if (targetOld < 0 || targetOld > n)
      throw new BpfError('REWRITE', `jump at new insn ${ni} targets old insn ${targetOld}, outside the program`, { insn: ni, pass: 'rewrite' });
    const nd = map[targetOld]! - ni - 1;
    if (useImm) return { ...x, imm: nd };
    if (nd < -32768 || nd > 32767)
      throw new BpfError('OFFSET_RANGE', `jump offset ${nd} at insn ${ni} does not fit in 16 bits after rewriting`, { insn: ni, pass: 'rewrite', errno: 'ERANGE' });
    return { ...x, off: nd };
  });

  const funcs: FuncMeta[] = p.meta.map((m) => ({ ...m, start: map[m.start]! })).filter((m) => m.start < fixed.length);
  return { program: Program.fromInsns(fixed, { funcs }), map };
}
