// HTML for the panes, built as strings (one string per block so BlockList can patch only
// what changed). Every element that stands for a BPF instruction carries data-i="<insn>",
// which is how hovering or clicking one lights up the others in every pane.
import { esc } from './html.js';
import type {
  AnalyzeResult, CfgView, ConstFoldView, ListingRow, ListingView, LivenessView, PrecisionView, ProgramView, RunView, StageError, VerifierView,
} from './protocol.js';
import { blockLine } from './cfg-layout.js';

/** Registers that hold a frame pointer according to an arg-tracking string (`r6=fp0-8 sa0=fp0-8`). */
function fpRegs(argTrack: string): Set<string> {
  const s = new Set<string>();
  for (const tok of argTrack.split(' ')) {
    const m = /^(r\d+|sa\d+)=(.*)$/.exec(tok);
    if (m && /fp\d/.test(m[2]!)) s.add(m[1]!);
  }
  return s;
}

/** Instruction text with the registers that hold a frame pointer wrapped in <em class="fp">. */
export function insnHtml(text: string, argTrack: string): string {
  const t = esc(text);
  if (!argTrack) return t;
  const regs = fpRegs(argTrack);
  if (regs.size === 0) return t;
  return t.replace(/\b([rw])(\d+)\b/g, (m, _w: string, n: string) => (regs.has(`r${n}`) ? `<em class="fp">${m}</em>` : m));
}

function chips(argTrack: string): string {
  if (!argTrack) return '';
  let out = '';
  for (const tok of argTrack.split(' ')) out += `<span class="chip${/=.*fp\d/.test(tok) ? ' fp' : ''}">${esc(tok)}</span>`;
  return out;
}

function liveCells(mask: number): string {
  let s = '';
  for (let r = 0; r < 10; r++) s += mask & (1 << r) ? `<b>${r}</b>` : '·';
  return s;
}

function funcTitle(p: ProgramView, f: number): string {
  const fn = p.funcs[f]!;
  return `func#${fn.index}${fn.name ? ` ${esc(fn.name)}` : ''}${fn.argCount !== undefined ? `<span class="dim">(args=${fn.argCount})</span>` : ''} <span class="dim">@${fn.start}</span>`;
}

export interface Marks {
  /** Verifier error instruction and message. */
  readonly errInsn: number;
  readonly errText: string;
  /** Precision: registers/stack precise before each instruction on the backtracking path. */
  readonly precise: ReadonlyMap<number, string>;
  readonly preciseAt: number;
}

export function marksOf(r: AnalyzeResult, withPrecision: boolean): Marks {
  const v = r.verifier?.ok ? r.verifier.value : undefined;
  const precise = new Map<number, string>();
  let preciseAt = -1;
  if (withPrecision && r.precision?.ok) {
    const pv = r.precision.value;
    preciseAt = pv.insn;
    for (const s of pv.steps) {
      const what = [s.regs, s.stack].filter(Boolean).join(' ');
      if (!precise.has(s.insn)) precise.set(s.insn, what);
    }
  }
  return { errInsn: v && !v.ok && v.error ? v.error.insn : -1, errText: v?.error?.message ?? '', precise, preciseAt };
}

/** The Liveness tab: per instruction its index, live registers, kernel syntax with frame pointers highlighted, arg tracking, stack use/def of the d0 instance. */
export function programBlocks(p: ProgramView, lv: LivenessView | undefined, marks: Marks): string[] {
  const out: string[] = [];
  const useDef = new Map<number, string>();
  if (lv)
    for (const inst of lv.instances) {
      if (inst.depth !== 0) continue;
      for (const [i, use, def] of inst.rows) if (use || def) useDef.set(i, `${use ? `use: ${use}` : ''}${use && def ? ' ' : ''}${def ? `def: ${def}` : ''}`);
    }
  let f = -1;
  for (let i = 0; i < p.length; i++) {
    if (p.secondHalf[i]) continue;
    if (p.funcOf[i] !== f) {
      f = p.funcOf[i]!;
      out.push(`<div class="fn">${funcTitle(p, f)}</div>`);
    }
    const at = lv?.argTrack[i] ?? '';
    const cls = `row${i === marks.errInsn ? ' err' : ''}${marks.precise.has(i) ? ' prec' : ''}${i === marks.preciseAt ? ' pask' : ''}`;
    const ud = useDef.get(i);
    const pr = marks.precise.get(i);
    out.push(
      `<div class="${cls}" data-i="${i}"><span class="ix">${i}</span><span class="lr" title="live registers before the instruction (click one: precision)">${lv ? liveCells(lv.liveRegsBefore[i]!) : ''}</span>` +
        `<span class="tx">${insnHtml(p.text[i]!, at)}</span><span class="notes">${chips(at)}${ud ? `<span class="chip ud">${esc(ud)}</span>` : ''}` +
        `${pr !== undefined ? `<span class="chip pr" title="precise before this instruction">${esc(pr || '—')}</span>` : ''}` +
        `${i === marks.errInsn ? `<span class="chip er">${esc(marks.errText)}</span>` : ''}</span></div>`,
    );
  }
  return out;
}

export function stackBlocks(p: ProgramView, lv: LivenessView): string[] {
  const out: string[] = [];
  for (const inst of lv.instances) {
    let h = `<div class="inst"><div class="fn">${esc(inst.title)}</div>`;
    for (const [i, use, def] of inst.rows)
      h += `<div class="row" data-i="${i}"><span class="ix">${i}</span><span class="tx">${esc(p.text[i]!)}</span><span class="notes">${use ? `<span class="chip use">use: ${esc(use)}</span>` : ''}${def ? `<span class="chip def">def: ${esc(def)}</span>` : ''}</span></div>`;
    out.push(h + '</div>');
  }
  return out;
}

export function constBlocks(p: ProgramView, cf: ConstFoldView): string[] {
  const out: string[] = [];
  const changed = new Map(cf.pruned.map((c) => [c.insn, c]));
  out.push(
    `<div class="summary">${cf.pruned.length === 0 ? 'prune-dead-branches: no conditional jump decided' : `prune-dead-branches rewrote ${cf.pruned.length} jump${cf.pruned.length > 1 ? 's' : ''}:`}` +
      cf.pruned.map((c) => `<div class="chg" data-i="${c.insn}"><span class="ix">${c.insn}</span> <s>${esc(c.before)}</s> → <b>${esc(c.after)}</b></div>`).join('') + '</div>',
  );
  let f = -1;
  for (let i = 0; i < p.length; i++) {
    if (p.secondHalf[i]) continue;
    if (p.funcOf[i] !== f) {
      f = p.funcOf[i]!;
      out.push(`<div class="fn">${funcTitle(p, f)}</div>`);
    }
    const c = changed.get(i);
    out.push(
      `<div class="row${c ? ' pruned' : ''}" data-i="${i}"><span class="ix">${i}</span><span class="tx">${esc(cf.prunedText[i]!)}</span>` +
        `<span class="notes">${cf.after[i] ? `<span class="chip cf">${esc(cf.after[i]!)}</span>` : ''}</span></div>`,
    );
  }
  return out;
}

function asmHtml(asm: string): string {
  const tab = asm.indexOf('\t');
  return tab < 0 ? esc(asm) : `<span class="mn">${esc(asm.slice(0, tab))}</span> ${esc(asm.slice(tab + 1))}`;
}

/** A JIT listing as blocks: one per BPF instruction (its kernel syntax, bytes, machine lines) or per prologue/epilogue/stub. */
export function listingBlocks(l: ListingView, p: ProgramView): string[] {
  const out: string[] = [];
  let cur = '';
  let open = false;
  const close = (): void => {
    if (open) out.push(cur + '</div>');
    open = false;
    cur = '';
  };
  let func = '';
  for (const row of l.rows as ListingRow[]) {
    switch (row.k) {
      case 'func':
        close();
        func = row.text;
        out.push(`<div class="lfn">${esc(row.text.replace(/:$/, ''))}${(() => {
          const m = /^func #(\d+)/.exec(row.text);
          const fn = m ? p.funcs[Number(m[1])] : undefined;
          return fn?.name ? ` <span class="dim">${esc(fn.name)}</span>` : '';
        })()}</div>`);
        break;
      case 'note':
      case 'stub':
        close();
        open = true;
        cur = `<div class="grp pro"><div class="bh"><span class="tx dim">${esc(row.k === 'note' ? `${row.text}${func ? ` (${func.replace(/:$/, '')})` : ''}` : row.text)}</span></div>`;
        break;
      case 'insn':
        close();
        open = true;
        cur = `<div class="grp" data-i="${row.insn}"><div class="bh"><span class="ix">${row.insn}</span><span class="tx">${esc(row.text)}</span><span class="nb">${row.bytes} B</span></div>`;
        break;
      case 'mc':
        if (!open) {
          open = true;
          cur = '<div class="grp pro">';
        }
        cur += `<div class="mc"><span class="off">${row.off}</span><span class="hx">${row.hex}</span>${row.label ? `<span class="lb">${row.label}</span>` : ''}<span class="asm">${asmHtml(row.asm)}</span></div>`;
        break;
    }
  }
  close();
  return out;
}

export function listingSummary(l: ListingView, p: ProgramView): string {
  let insns = 0;
  for (let i = 0; i < p.length; i++) if (!p.secondHalf[i]) insns++;
  const body = l.totalBytes - l.overheadBytes;
  return `<b>${l.totalBytes}</b> bytes · ${insns} BPF insns · ${(body / Math.max(1, insns)).toFixed(1)} B/insn · prologue/epilogue/stubs ${l.overheadBytes} B`;
}

/** CFG pieces: one <g> per basic block, one <path> per edge, and the function titles. */
export function cfgBlockStrings(c: CfgView, p: ProgramView): string[] {
  const out: string[] = [];
  for (const b of c.blocks) {
    let s = `<g class="blk" transform="translate(${b.x.toFixed(1)},${b.y.toFixed(1)})"><rect class="bb" width="${b.w}" height="${b.h}" rx="5"/>`;
    let k = 0;
    for (let i = b.start; i < b.end; i++) {
      if (p.secondHalf[i]) continue;
      const y = c.padY + k * c.lineHeight;
      s += `<g class="ln" data-i="${i}"><rect class="lb" x="2" y="${y}" width="${b.w - 4}" height="${c.lineHeight}"/><text x="${c.padX}" y="${y + c.lineHeight - 4}">${esc(blockLine(i, p.text[i]!))}</text></g>`;
      k++;
    }
    out.push(s + '</g>');
  }
  return out;
}

export const cfgEdgeStrings = (c: CfgView): string[] => c.edges.map((e) => `<path class="e ${e.kind}" d="${e.d}" marker-end="url(#ah-${e.kind})"/>`);

export const cfgTitles = (c: CfgView): string => c.titles.map((t) => `<text class="ft" x="${t.x}" y="${t.y}">${esc(t.text)}</text>`).join('');

export function errorHtml(e: StageError, lineOf: Int32Array | null | undefined): string {
  const line = e.line ?? (e.insn >= 0 && lineOf ? lineOf[e.insn] : undefined);
  const where = [e.stage, line !== undefined && line > 0 ? `line ${line}${e.column !== undefined ? `:${e.column}` : ''}` : '', e.insn >= 0 ? `insn ${e.insn}` : '']
    .filter(Boolean).join(' · ');
  return `<div class="errbox"${e.insn >= 0 ? ` data-i="${e.insn}"` : ''}><div class="where">${esc(where)}${e.errno ? ` <span class="dim">(${esc(e.errno)})</span>` : ''} <span class="dim">[${esc(e.code)}]</span></div><div class="msg">${esc(e.message)}</div></div>`;
}

export function verifierHtml(v: VerifierView, p: ProgramView): string {
  const badge = v.ok ? '<span class="badge ok">accepted</span>' : '<span class="badge bad">rejected</span>';
  let s = `<div class="verdict">${badge} <span class="dim">${esc(v.verdict)} · ${v.processed} insns processed</span></div>`;
  if (v.error) s += errorHtml(v.error, p.lineOf);
  s += '<div class="sub">Verifier log</div><pre class="log">';
  for (const l of v.log) {
    const m = /^func#\d+ @(\d+)$/.exec(l);
    s += m ? `<span data-i="${m[1]}">${esc(l)}</span>\n` : `<span class="${v.error && l === v.error.message ? 'logerr' : ''}"${v.error && l === v.error.message ? ` data-i="${v.error.insn}"` : ''}>${esc(l)}</span>\n`;
  }
  s += '</pre><div class="sub">Subprograms</div><table class="facts"><tr><th>func</th><th>stack depth</th><th>in stack args</th><th>out stack args</th></tr>';
  for (const f of v.subprogs) s += `<tr><td>#${f.index} ${esc(f.name)}</td><td>${f.stackDepth}</td><td>${f.inStackArgs}</td><td>${f.maxOutStackArgs}</td></tr>`;
  return s + '</table>';
}

export function runHead(r: RunView): string {
  let s = `<div class="r0"><span class="dim">r0 =</span> <b class="r0v">${esc(r.r0)}</b> <span class="dim">(${esc(r.r0Dec)}) · ${r.steps} steps</span></div>`;
  if (r.memOut) s += `<div class="dim small">memory after the run: <code>${esc(r.memOut)}</code></div>`;
  return s + `<div class="sub">Trace <span class="dim">${r.traceTotal > r.traceIdx.length ? `(first ${r.traceIdx.length} of ${r.traceTotal} steps)` : `(${r.traceTotal} steps)`}</span></div>`;
}

export function traceBlocks(r: RunView, p: ProgramView): string[] {
  const out: string[] = new Array(r.traceIdx.length);
  for (let k = 0; k < r.traceIdx.length; k++) {
    const i = r.traceIdx[k]!;
    out[k] = `<div class="row" data-i="${i}"><span class="st">${k}</span><span class="fr">frame${r.traceFrame[k]}</span><span class="ix">${i}</span><span class="tx">${esc(p.text[i] ?? '')}</span></div>`;
  }
  return out;
}

export const precisionHead = (pv: PrecisionView): string =>
  `<div class="dim small">Backtracking r${pv.reg} from insn ${pv.insn}${pv.fallback ? ' — <b>falls back to forcing all scalars precise</b>' : ''}: ${pv.steps.length} steps, newest first.</div>`;

export function precisionSteps(pv: PrecisionView, p: ProgramView): string[] {
  return pv.steps.map(
    (st) =>
      `<div class="row" data-i="${st.insn}"><span class="fr">frame${st.frame}</span><span class="ix">${st.insn}</span><span class="tx">${esc(p.text[st.insn] ?? '')}</span><span class="notes">${st.regs || st.stack ? `<span class="chip pr">${esc([st.regs, st.stack].filter(Boolean).join(' '))}</span>` : ''}</span></div>`,
  );
}

export function precisionLog(pv: PrecisionView): string {
  let s = '<div class="sub">mark_precise log</div><pre class="log">';
  for (const l of pv.log) {
    const m = / before (\d+): /.exec(l);
    s += `<span${m ? ` data-i="${m[1]}"` : ''}>${esc(l)}</span>\n`;
  }
  return s + '</pre>';
}
