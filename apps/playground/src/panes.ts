// Worker side of the page: render every pane of an analysis result to HTML blocks and send
// only what changed since the previous message (the page holds the rest in its DOM).
import { errorHtml, cfgBlockStrings, cfgEdgeStrings, cfgTitles, constBlocks, listingBlocks, listingSummary, marksOf, precisionHead, precisionLog,
  precisionSteps, programBlocks, runHead, stackBlocks, traceBlocks, verifierHtml } from './render.js';
import type { AnalyzeResult, BlockPaneId, BlockPatch, HtmlPaneId, ViewMessage, VisibleTabs } from './protocol.js';

const errBlock = (html: string): string[] => [`<div class="stage-err">${html}</div>`];

export class PaneRenderer {
  readonly #blocks = new Map<BlockPaneId, string[]>();
  readonly #html = new Map<HtmlPaneId, string>();

  /** Render the visible panes (hidden tabs are rendered when they are opened: the page asks again). */
  render(r: AnalyzeResult, tabs: VisibleTabs, part: 'all' | 'analysis' | 'jit' = 'all'): ViewMessage {
    const showPrecision = tabs.side === 'precision';
    const t0 = performance.now();
    if (r.sourceError || !r.program) return { seq: r.seq, part, format: r.format, sourceError: r.sourceError, blocks: {}, html: {}, timings: r.timings, receivedAt: 0, postedAt: 0 };
    const p = r.program;
    const blocks: Partial<Record<BlockPaneId, string[]>> = {};
    const html: Partial<Record<HtmlPaneId, string>> = {};
    const lv = r.liveness?.ok ? r.liveness.value : undefined;
    const mine = part !== 'jit';
    if (mine && tabs.program === 'live') blocks.prog = programBlocks(p, lv, marksOf(r, showPrecision));
    if (mine && tabs.program === 'stack') blocks.stack = r.liveness && !r.liveness.ok ? errBlock(errorHtml(r.liveness.error, p.lineOf)) : lv ? stackBlocks(p, lv) : [];
    if (mine && tabs.program === 'const' && r.constFold) blocks.const = r.constFold.ok ? constBlocks(p, r.constFold.value) : errBlock(errorHtml(r.constFold.error, p.lineOf));
    let cfgSize: [number, number] = [200, 100];
    if (r.cfg?.ok) {
      blocks.cfgBlocks = cfgBlockStrings(r.cfg.value, p);
      blocks.cfgEdges = cfgEdgeStrings(r.cfg.value);
      html.cfgTitles = cfgTitles(r.cfg.value);
      html.cfgErr = '';
      cfgSize = [r.cfg.value.width, r.cfg.value.height];
    } else if (r.cfg) {
      blocks.cfgBlocks = [];
      blocks.cfgEdges = [];
      html.cfgTitles = '';
      html.cfgErr = errorHtml(r.cfg.error, p.lineOf);
    }
    for (const [stage, id, sum] of [[r.x86, 'x86', 'x86Sum'], [r.arm64, 'arm64', 'armSum']] as const) {
      if (!stage) continue;
      blocks[id] = stage.ok ? listingBlocks(stage.value, p) : errBlock(errorHtml(stage.error, p.lineOf));
      html[sum] = stage.ok ? listingSummary(stage.value, p) : '';
    }
    let verifierError;
    if (r.verifier?.ok) {
      const v = r.verifier.value;
      html.verifier = verifierHtml(v, p);
      html.vbadge = v.ok ? '<span class="badge ok">✓</span>' : '<span class="badge bad">✗</span>';
      if (!v.ok) verifierError = v.error;
    } else if (r.verifier) html.verifier = errorHtml(r.verifier.error, p.lineOf);
    if (!mine || tabs.side !== 'run') {
      // rendered when the Run tab is opened
    } else if (r.run?.ok) {
      html.runHead = runHead(r.run.value);
      blocks.trace = traceBlocks(r.run.value, p);
    } else if (r.run) {
      html.runHead = errorHtml(r.run.error, p.lineOf);
      blocks.trace = [];
    }
    if (r.precision?.ok) {
      html.precHead = precisionHead(r.precision.value);
      blocks.precSteps = precisionSteps(r.precision.value, p);
      html.precLog = precisionLog(r.precision.value);
    } else if (r.precision) {
      html.precHead = errorHtml(r.precision.error, p.lineOf);
      blocks.precSteps = [];
      html.precLog = '';
    }
    let insns = 0;
    for (let i = 0; i < p.length; i++) if (!p.secondHalf[i]) insns++;
    const msg: ViewMessage = {
      seq: r.seq, part, format: r.format,
      meta: { slots: p.length, insns, funcs: p.funcs.length, lineOf: p.lineOf, verifierError, cfgSize },
      blocks: this.#diffBlocks(blocks), html: this.#diffHtml(html),
      timings: { ...r.timings, html: performance.now() - t0 },
      receivedAt: 0, postedAt: 0,
    };
    return msg;
  }

  #diffBlocks(next: Partial<Record<BlockPaneId, string[]>>): Partial<Record<BlockPaneId, BlockPatch>> {
    const out: Partial<Record<BlockPaneId, BlockPatch>> = {};
    for (const [id, html] of Object.entries(next) as [BlockPaneId, string[]][]) {
      const old = this.#blocks.get(id) ?? [];
      const changes: [number, string][] = [];
      for (let k = 0; k < html.length; k++) if (old[k] !== html[k]) changes.push([k, html[k]!]);
      if (changes.length || old.length !== html.length) out[id] = { n: html.length, changes };
      this.#blocks.set(id, html);
    }
    return out;
  }

  #diffHtml(next: Partial<Record<HtmlPaneId, string>>): Partial<Record<HtmlPaneId, string>> {
    const out: Partial<Record<HtmlPaneId, string>> = {};
    for (const [id, html] of Object.entries(next) as [HtmlPaneId, string][]) {
      if (this.#html.get(id) === html) continue;
      out[id] = html;
      this.#html.set(id, html);
    }
    return out;
  }
}
