// A small layered layout for the control-flow graph, written for BPF's shape instead of
// pulling in a general graph-layout library: each function is a DAG in program order (a
// forward edge always goes to a later block; back-edges are rare and rejected by default),
// so blocks in index order are already topologically sorted. Ranks are longest paths from
// the entry over forward edges, each rank is ordered by the barycenter of its predecessors
// (two sweeps), and x positions follow the predecessors with overlaps pushed apart. Linear in
// blocks + edges — a 1,000-instruction program lays out in well under a millisecond, where a
// general layered layout (crossing minimisation, network-simplex ranking) costs tens to
// hundreds of milliseconds on every keystroke. Functions are stacked vertically.
import type { CfgBlockView, CfgEdgeView, CfgView } from './protocol.js';

export interface CfgInput {
  readonly length: number;
  readonly funcs: readonly { readonly index: number; readonly start: number; readonly end: number; readonly name: string | undefined }[];
  readonly blockStart: Int32Array;
  readonly blockEnd: Int32Array;
  readonly blockSuccStart: Int32Array;
  readonly blockSuccs: Int32Array;
  readonly blockOf: Int32Array;
  /** Kernel syntax per slot ('' for ld_imm64 second halves). */
  readonly text: readonly string[];
  /** Is slot i a conditional jump (two successors: fall-through and target)? */
  readonly isCond: (i: number) => boolean;
}

export const CHAR_W = 7.2;
export const LINE_H = 15;
export const PAD_X = 8;
export const PAD_Y = 6;
const MAX_CHARS = 52;
const H_GAP = 28;
const V_GAP = 34;
const FUNC_GAP = 48;
const TITLE_H = 22;
const MARGIN = 16;

/** Text of slot i as the CFG shows it (index, truncated instruction). */
export function blockLine(i: number, text: string): string {
  const s = `${i}: ${text}`;
  return s.length > MAX_CHARS ? s.slice(0, MAX_CHARS - 1) + '…' : s;
}

export function layoutCfg(g: CfgInput): CfgView {
  const nb = g.blockStart.length;
  const w = new Float64Array(nb);
  const h = new Float64Array(nb);
  const x = new Float64Array(nb);
  const y = new Float64Array(nb);
  const funcOfBlock = new Int32Array(nb);
  for (let b = 0; b < nb; b++) {
    let lines = 0;
    let chars = 8;
    for (let i = g.blockStart[b]!; i < g.blockEnd[b]!; i++) {
      if (g.text[i] === '') continue;
      lines++;
      chars = Math.max(chars, blockLine(i, g.text[i]!).length);
    }
    w[b] = Math.ceil(2 * PAD_X + chars * CHAR_W);
    h[b] = 2 * PAD_Y + Math.max(1, lines) * LINE_H;
  }
  const blocks: CfgBlockView[] = [];
  const edges: CfgEdgeView[] = [];
  const titles: { func: number; x: number; y: number; text: string }[] = [];
  let top = MARGIN;
  let width = 0;
  for (const f of g.funcs) {
    if (f.start >= g.length) continue;
    const b0 = g.blockOf[f.start]!;
    let b1 = b0;
    while (b1 < nb && g.blockStart[b1]! < f.end) b1++;
    for (let b = b0; b < b1; b++) funcOfBlock[b] = f.index;
    // Forward predecessors and successors within the function.
    const preds: number[][] = [];
    const succs: number[][] = [];
    for (let b = b0; b < b1; b++) {
      preds.push([]);
      succs.push([]);
    }
    for (let b = b0; b < b1; b++) {
      for (let k = g.blockSuccStart[b]!; k < g.blockSuccStart[b + 1]!; k++) {
        const t = g.blockSuccs[k]!;
        if (t < b0 || t >= b1) continue;
        if (t > b) {
          succs[b - b0]!.push(t);
          preds[t - b0]!.push(b);
        }
      }
    }
    // Ranks: longest path from the entry (blocks in index order are topologically sorted).
    const rank = new Int32Array(b1 - b0);
    let maxRank = 0;
    for (let b = b0; b < b1; b++) {
      let r = 0;
      for (const p of preds[b - b0]!) r = Math.max(r, rank[p - b0]! + 1);
      rank[b - b0] = r;
      maxRank = Math.max(maxRank, r);
    }
    const byRank: number[][] = Array.from({ length: maxRank + 1 }, () => []);
    for (let b = b0; b < b1; b++) byRank[rank[b - b0]!]!.push(b);
    // Order within ranks: barycenter of predecessor positions (down), then of successors (up), then down.
    const pos = new Float64Array(b1 - b0);
    const setPos = (): void => byRank.forEach((row) => row.forEach((b, k) => (pos[b - b0] = k)));
    setPos();
    const sweep = (row: number[], nbrs: number[][]): void => {
      const key = new Map<number, number>();
      for (const b of row) {
        const ns = nbrs[b - b0]!;
        key.set(b, ns.length ? ns.reduce((s, n) => s + pos[n - b0]!, 0) / ns.length : pos[b - b0]!);
      }
      row.sort((a, c) => key.get(a)! - key.get(c)! || a - c);
      row.forEach((b, k) => (pos[b - b0] = k));
    };
    for (let r = 1; r <= maxRank; r++) sweep(byRank[r]!, preds);
    for (let r = maxRank - 1; r >= 0; r--) sweep(byRank[r]!, succs);
    for (let r = 1; r <= maxRank; r++) sweep(byRank[r]!, preds);
    // y per rank.
    let cy = top + TITLE_H;
    for (const row of byRank) {
      let rh = 0;
      for (const b of row) {
        y[b] = cy;
        rh = Math.max(rh, h[b]!);
      }
      cy += rh + V_GAP;
    }
    // x: follow the predecessors' centers, push overlaps apart, re-centre the row.
    for (const row of byRank) {
      const want = row.map((b) => {
        const ps = preds[b - b0]!;
        return ps.length ? ps.reduce((s, p) => s + x[p]! + w[p]! / 2, 0) / ps.length - w[b]! / 2 : 0;
      });
      let right = -Infinity;
      row.forEach((b, k) => {
        x[b] = Math.max(want[k]!, right + H_GAP);
        right = x[b]! + w[b]!;
      });
      // The push only moves nodes right; shift the row back so it centres on what it wanted.
      let excess = 0;
      row.forEach((b, k) => (excess += x[b]! - want[k]!));
      const back = excess / row.length;
      for (const b of row) x[b] -= back;
    }
    let minX = Infinity;
    let maxX = -Infinity;
    for (let b = b0; b < b1; b++) {
      minX = Math.min(minX, x[b]!);
      maxX = Math.max(maxX, x[b]! + w[b]!);
    }
    const shift = MARGIN + 90 - minX; // room on the left for back-edges
    for (let b = b0; b < b1; b++) x[b] += shift;
    width = Math.max(width, maxX + shift + MARGIN + 90);
    titles.push({ func: f.index, x: MARGIN, y: top + 14, text: `func#${f.index}${f.name ? ` ${f.name}` : ''} @${f.start}` });
    for (let b = b0; b < b1; b++)
      blocks.push({ id: b, func: f.index, start: g.blockStart[b]!, end: g.blockEnd[b]!, x: x[b]!, y: y[b]!, w: w[b]!, h: h[b]! });
    // Edges.
    for (let b = b0; b < b1; b++) {
      let last = g.blockEnd[b]! - 1;
      if (last > g.blockStart[b]! && g.text[last] === '') last--;
      const cond = g.isCond(last);
      const n = g.blockSuccStart[b + 1]! - g.blockSuccStart[b]!;
      for (let k = g.blockSuccStart[b]!; k < g.blockSuccStart[b + 1]!; k++) {
        const t = g.blockSuccs[k]!;
        if (t < b0 || t >= b1) continue;
        const fall = g.blockStart[t] === g.blockEnd[b];
        const kind: CfgEdgeView['kind'] = t <= b ? 'back' : cond && n > 1 ? (fall ? 'fall' : 'taken') : 'uncond';
        edges.push({ from: b, to: t, kind, d: edgePath(b, t, kind) });
      }
    }
    top = cy - V_GAP + FUNC_GAP;
  }
  return { width: Math.ceil(Math.max(width, 200)), height: Math.ceil(Math.max(top, 100)), blocks, edges, titles, lineHeight: LINE_H, padX: PAD_X, padY: PAD_Y };

  function edgePath(b: number, t: number, kind: CfgEdgeView['kind']): string {
    const f = (v: number): string => v.toFixed(1);
    if (kind === 'back') {
      const sx = x[b]!;
      const sy = y[b]! + h[b]! - 6;
      const tx = x[t]!;
      const ty = y[t]! + 8;
      const out = Math.min(sx, tx) - 40 - ((b * 7) % 30);
      return `M${f(sx)},${f(sy)} C${f(out)},${f(sy)} ${f(out)},${f(ty)} ${f(tx)},${f(ty)}`;
    }
    const cx = x[b]! + w[b]! / 2;
    const sx = kind === 'fall' ? cx - Math.min(24, w[b]! / 4) : kind === 'taken' ? cx + Math.min(24, w[b]! / 4) : cx;
    const sy = y[b]! + h[b]!;
    const tx = x[t]! + w[t]! / 2 + (kind === 'taken' ? 6 : kind === 'fall' ? -6 : 0);
    const ty = y[t]!;
    const dy = Math.max(12, Math.min(40, (ty - sy) / 2));
    return `M${f(sx)},${f(sy)} C${f(sx)},${f(sy + dy)} ${f(tx)},${f(ty - dy)} ${f(tx)},${f(ty)}`;
  }
}
