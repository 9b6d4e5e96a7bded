// The playground page: an editor, a worker that runs every bpfkit pass on each edit
// (debounced), and panes rendered from its result with incremental DOM updates. Elements
// standing for BPF instruction N carry data-i="N"; hovering or clicking one marks all of them
// (program table, CFG, both listings, traces, editor line). Each full update is recorded as a
// performance measure `bpfkit:update` (request -> DOM updated) and `bpfkit:input-to-update`
// (first keystroke of the batch -> DOM updated), which the e2e test reads back.
import { $, BlockList, setHtml } from './dom.js';
import { bytesToHexLines, isElf, readElf, type ElfObject } from './elf.js';
import { EXAMPLES, exampleById } from './examples.js';
import { DEFAULT_OPTIONS, type AnalyzeRequest, type BlockPaneId, type HtmlPaneId, type SourceFormat, type ViewMessage, type ViewMeta, type VisibleTabs } from './protocol.js';
import { errorHtml } from './render.js';
import { guessFormat, slotOfLine } from './source-map.js';
import { decodeHash, encodeState, type SharedState } from './url-state.js';

const DEBOUNCE_MS = 25;
const LH = 18; // editor line height (px), as in style.css

const state: { -readonly [K in keyof SharedState]: SharedState[K] } = {
  text: '', format: 'auto', mem: '', options: { ...DEFAULT_OPTIONS }, precision: { insn: null, reg: 0 }, maps: null,
};

const el = {
  src: $<HTMLTextAreaElement>('#src'),
  gutter: $('#gutter'),
  bars: $('#bars'),
  barErr: $('#bar-err'),
  barHl: $('#bar-hl'),
  diag: $('#diag'),
  status: $('#status'),
  example: $<HTMLSelectElement>('#example'),
  format: $<HTMLSelectElement>('#format'),
  file: $<HTMLInputElement>('#file'),
  section: $<HTMLSelectElement>('#section'),
  optLoops: $<HTMLInputElement>('#opt-loops'),
  optSat: $<HTMLInputElement>('#opt-sat'),
  optJit: $<HTMLInputElement>('#opt-jit'),
  share: $<HTMLButtonElement>('#share'),
  theme: $<HTMLButtonElement>('#theme'),
  fmtBadge: $('#fmt-badge'),
  counts: $('#counts'),
  vbadge: $('#vbadge'),
  cfg: $('#cfg'),
  cfgSvg: $<HTMLElement>('#cfg-svg'),
  mem: $<HTMLInputElement>('#mem'),
  pInsn: $<HTMLInputElement>('#p-insn'),
  pReg: $<HTMLSelectElement>('#p-reg'),
  pLast: $<HTMLButtonElement>('#p-last'),
};
const lists: Record<BlockPaneId, BlockList> = {
  prog: new BlockList($('#prog')),
  stack: new BlockList($('#stack')),
  const: new BlockList($('#const')),
  x86: new BlockList($('#x86')),
  arm64: new BlockList($('#arm64')),
  trace: new BlockList($('#trace')),
  precSteps: new BlockList($('#prec-steps')),
  cfgBlocks: new BlockList($('#cfg-blocks'), true),
  cfgEdges: new BlockList($('#cfg-edges'), true),
};
const htmlPanes: Record<HtmlPaneId, Element> = {
  x86Sum: $('#x86-sum'), armSum: $('#arm64-sum'), verifier: $('#verifier'), vbadge: $('#vbadge'), runHead: $('#run-head'),
  precHead: $('#prec-head'), precLog: $('#prec-log'), cfgTitles: $('#cfg-titles'), cfgErr: $('#cfg-err'),
};
/** Scrollable containers that show instructions, for bringing a marked one into view. */
const scrollers = [$('#prog'), $('#stack'), $('#const'), $('#cfg'), $('#x86'), $('#arm64')];

// ---------------------------------------------------------------------------------------
// Theme
const savedTheme = localStorage.getItem('bpfkit-theme');
const dark = savedTheme ? savedTheme === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
document.documentElement.dataset.theme = dark ? 'dark' : 'light';
el.theme.addEventListener('click', () => {
  const next = document.documentElement.dataset.theme === 'dark' ? 'light' : 'dark';
  document.documentElement.dataset.theme = next;
  localStorage.setItem('bpfkit-theme', next);
});

// ---------------------------------------------------------------------------------------
// Worker and update scheduling
// Two workers in parallel: the analyses (liveness, const-fold, verifier, run, precision, CFG)
// and the two JITs with their listings; an update is complete when both parts arrived.
const spawn = (name: string): Worker => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name });
const PARTS = ['analysis', 'jit'] as const;
const workers = PARTS.map((p) => spawn(p));
const arrived = new Map<number, ViewMessage[]>();
let seq = 0;
let sideTab: VisibleTabs['side'] = 'verifier';
let programTab: VisibleTabs['program'] = 'live';
let inflight = 0;
let pending = false;
let timer: ReturnType<typeof setTimeout> | undefined;
let firstInputAt = -1;
const inputAt = new Map<number, number>();
let lastMsg: ViewMessage | undefined;
/** Facts about the program the panes show (the last one that parsed). */
let good: ViewMeta | undefined;

function schedule(delay = DEBOUNCE_MS): void {
  if (firstInputAt < 0) firstInputAt = performance.now();
  clearTimeout(timer);
  timer = setTimeout(send, delay);
  document.body.dataset.state = 'busy';
}

function send(): void {
  if (inflight) {
    pending = true;
    return;
  }
  pending = false;
  const s = ++seq;
  inflight = s;
  inputAt.set(s, firstInputAt < 0 ? performance.now() : firstInputAt);
  firstInputAt = -1;
  performance.mark(`bpfkit:send:${s}`);
  sentAt.set(s, performance.timeOrigin + performance.now());
  el.status.classList.add('busy');
  const req: AnalyzeRequest = {
    seq: s, text: state.text, format: state.format, mem: state.mem, maps: state.maps, options: state.options, precision: state.precision, showPrecision: sideTab === 'precision',
    tabs: { program: programTab, side: sideTab },
  };
  PARTS.forEach((part, k) => workers[k]!.postMessage({ ...req, part }));
}

const sentAt = new Map<number, number>();
const arrivedAt = new Map<ViewMessage, number>();
const onPart = (ev: MessageEvent<ViewMessage>): void => {
  arrivedAt.set(ev.data, performance.timeOrigin + performance.now());
  const got = arrived.get(ev.data.seq) ?? [];
  got.push(ev.data);
  arrived.set(ev.data.seq, got);
  if (got.length < PARTS.length) return;
  arrived.delete(ev.data.seq);
  got.sort((a, b) => PARTS.indexOf(a.part as (typeof PARTS)[number]) - PARTS.indexOf(b.part as (typeof PARTS)[number]));
  const r = got[0]!;
  const t0 = performance.now();
  for (const part of got) render(part);
  applyMarks();
  const t1 = performance.now();
  // The parts ran in parallel: the critical path is the slower one.
  const workerMs = Math.max(...got.map((m) => Object.values(m.timings).reduce((a, b) => a + b, 0)));
  const timings = Object.fromEntries(got.flatMap((m, k) => Object.entries(m.timings).map(([name, ms]) => [`${PARTS[k]}:${name}`, ms])));
  const insns = r.meta?.slots ?? 0;
  // Where the rest of the time went, per part: waiting for the worker to pick the request up,
  // and from the worker's postMessage to the page's handler (clone + event loop).
  const sent = sentAt.get(r.seq) ?? 0;
  const lag = Object.fromEntries(got.map((m) => [m.part, { pickup: m.receivedAt - sent, delivery: (arrivedAt.get(m) ?? 0) - m.postedAt }]));
  for (const m of got) arrivedAt.delete(m);
  sentAt.delete(r.seq);
  const detail = { seq: r.seq, insns, worker: workerMs, render: t1 - t0, ok: !r.sourceError, timings, lag };
  performance.measure('bpfkit:update', { start: `bpfkit:send:${r.seq}`, end: t1, detail });
  performance.measure('bpfkit:input-to-update', { start: inputAt.get(r.seq) ?? t0, end: t1, detail });
  performance.clearMarks(`bpfkit:send:${r.seq}`);
  inputAt.delete(r.seq);
  const total = t1 - performance.getEntriesByName('bpfkit:update').at(-1)!.startTime;
  el.status.textContent = `updated in ${total.toFixed(0)} ms · workers ${workerMs.toFixed(0)} · DOM ${(t1 - t0).toFixed(0)}`;
  el.status.title = `${insns} instruction slots; request to DOM updated ${total.toFixed(1)} ms: slower of the two workers ${workerMs.toFixed(1)} ms, DOM update ${(t1 - t0).toFixed(1)} ms`;
  el.status.classList.remove('busy');
  inflight = 0;
  document.body.dataset.seq = String(r.seq);
  if (pending) send();
  else if (timer === undefined || firstInputAt < 0) document.body.dataset.state = 'idle';
};
for (const w of workers) w.onmessage = onPart;

// ---------------------------------------------------------------------------------------
// Rendering: apply the worker's patches.
function render(r: ViewMessage): void {
  lastMsg = r;
  el.fmtBadge.textContent = r.format === 'kernel' ? 'kernel syntax' : r.format === 'conformance' ? 'bpf_conformance' : 'hex bytes';
  if (r.sourceError) {
    const e = r.sourceError;
    el.diag.hidden = false;
    el.diag.className = 'diag bad';
    setHtml(el.diag, errorHtml(e, null));
    markErrorLine(e.line ?? -1, e.message);
    document.querySelector('.grid')!.classList.add('stale');
    return;
  }
  document.querySelector('.grid')!.classList.remove('stale');
  for (const [id, patch] of Object.entries(r.blocks) as [BlockPaneId, NonNullable<ViewMessage['blocks'][BlockPaneId]>][]) lists[id].apply(patch);
  for (const [id, html] of Object.entries(r.html) as [HtmlPaneId, string][]) htmlPanes[id].innerHTML = html;
  if (r.part === 'jit') return; // the analysis part carries the program facts and the verdict
  const m = r.meta!;
  good = m;
  el.counts.textContent = `${m.insns} insns · ${m.funcs} func${m.funcs > 1 ? 's' : ''}`;
  el.cfgSvg.setAttribute('viewBox', `0 0 ${m.cfgSize[0]} ${m.cfgSize[1]}`);
  applyZoom();
  const v = m.verifierError;
  if (v) {
    const line = v.insn >= 0 && m.lineOf ? m.lineOf[v.insn]! : -1;
    el.diag.hidden = false;
    el.diag.className = 'diag warn';
    setHtml(el.diag, errorHtml(v, m.lineOf));
    markErrorLine(line, `verifier: ${v.message}`);
  } else {
    el.diag.hidden = true;
    markErrorLine(-1, '');
  }
}

// ---------------------------------------------------------------------------------------
// Editor: gutter, error/selection bars, caret -> instruction
let gutterLines = 0;
let errLine = -1;
function updateGutter(): void {
  const n = state.text.split('\n').length;
  if (n !== gutterLines) {
    let h = '';
    for (let k = 1; k <= n; k++) h += `<div>${k}</div>`;
    el.gutter.innerHTML = h;
    gutterLines = n;
    const l = errLine;
    errLine = -1;
    markErrorLine(l, el.barErr.title);
  }
}

function markErrorLine(line: number, text: string): void {
  if (errLine > 0) el.gutter.children[errLine - 1]?.classList.remove('err');
  errLine = line;
  if (line > 0) {
    el.gutter.children[line - 1]?.classList.add('err');
    el.gutter.children[line - 1]?.setAttribute('title', text);
    el.barErr.hidden = false;
    el.barErr.style.top = `${(line - 1) * LH}px`;
    el.barErr.title = text;
  } else el.barErr.hidden = true;
  document.body.dataset.errLine = String(line);
}

function syncScroll(): void {
  el.gutter.scrollTop = el.src.scrollTop;
  el.bars.style.transform = `translate(${-el.src.scrollLeft}px, ${-el.src.scrollTop}px)`;
}

function caretLine(): number {
  return state.text.slice(0, el.src.selectionStart).split('\n').length;
}

function revealLine(line: number): void {
  const top = (line - 1) * LH;
  if (top < el.src.scrollTop || top + LH > el.src.scrollTop + el.src.clientHeight - 40) el.src.scrollTop = Math.max(0, top - el.src.clientHeight / 3);
}

function goToLine(line: number): void {
  const lines = state.text.split('\n');
  let pos = 0;
  for (let k = 0; k < line - 1 && k < lines.length; k++) pos += lines[k]!.length + 1;
  el.src.focus();
  el.src.setSelectionRange(pos, pos);
  revealLine(line);
}

el.src.addEventListener('input', () => {
  state.text = el.src.value;
  updateGutter();
  schedule();
  saveUrlSoon();
});
el.src.addEventListener('scroll', syncScroll);
el.src.addEventListener('keydown', (e) => {
  if (e.key === 'Tab' && !e.shiftKey && !e.ctrlKey && !e.metaKey) {
    e.preventDefault();
    document.execCommand('insertText', false, '  ');
  }
});
const caretSelect = (): void => {
  const p = good;
  if (!p) return;
  const i = slotOfLine(p.lineOf, caretLine());
  if (i >= 0 && i !== sel) select(i, 'panes');
};
el.src.addEventListener('click', caretSelect);
el.src.addEventListener('keyup', (e) => {
  if (e.key.startsWith('Arrow') || e.key === 'PageUp' || e.key === 'PageDown' || e.key === 'Home' || e.key === 'End') caretSelect();
});

// ---------------------------------------------------------------------------------------
// Hover and selection, linked across every pane
let hov = -1;
let sel = -1;
const marked: Record<'hov' | 'sel', Element[]> = { hov: [], sel: [] };

function setMark(cls: 'hov' | 'sel', insn: number): void {
  for (const e of marked[cls]) e.classList.remove(cls);
  marked[cls] = insn >= 0 ? [...document.querySelectorAll(`[data-i="${insn}"]`)] : [];
  for (const e of marked[cls]) e.classList.add(cls);
}

function updateLineBar(): void {
  const p = good;
  const i = hov >= 0 ? hov : sel;
  const line = p?.lineOf && i >= 0 && i < p.slots ? p.lineOf[i]! : -1;
  el.barHl.hidden = line <= 0;
  if (line > 0) el.barHl.style.top = `${(line - 1) * LH}px`;
  for (const g of el.gutter.querySelectorAll('.hl')) g.classList.remove('hl');
  if (line > 0) el.gutter.children[line - 1]?.classList.add('hl');
}

/** Bring the first marked element of each pane (other than `except`) into view. */
function reveal(cls: 'hov' | 'sel', except: Element | null): void {
  for (const box of scrollers) {
    if (except && box.contains(except)) continue;
    const target = marked[cls].find((e) => box.contains(e));
    if (!target || box.offsetParent === null) continue;
    const b = box.getBoundingClientRect();
    const t = target.getBoundingClientRect();
    if (t.top < b.top + 24 || t.bottom > b.bottom || t.left < b.left || t.right > b.right) target.scrollIntoView({ block: 'center', inline: 'nearest' });
  }
}

function hover(insn: number, source: Element | null): void {
  if (insn === hov) return;
  hov = insn;
  setMark('hov', insn);
  updateLineBar();
  if (insn >= 0) reveal('hov', source);
}

function select(insn: number, from: 'panes' | 'editor' | Element | null): void {
  sel = insn;
  setMark('sel', insn);
  updateLineBar();
  document.body.dataset.sel = String(insn);
  if (insn < 0) return;
  reveal('sel', from instanceof Element ? from : null);
  const line = good?.lineOf?.[insn] ?? -1;
  if (from !== 'panes' && line > 0) revealLine(line);
}

function applyMarks(): void {
  setMark('sel', sel);
  setMark('hov', hov);
  updateLineBar();
}

const insnOf = (t: EventTarget | null): [number, Element | null] => {
  const e = (t as Element | null)?.closest?.('[data-i]');
  return e ? [Number(e.getAttribute('data-i')), e] : [-1, null];
};

for (const pane of document.querySelectorAll('.p-program .body, #cfg, .p-side .body, .p-jit')) {
  pane.addEventListener('mouseover', (e) => {
    const [i, node] = insnOf(e.target);
    hover(i, node);
  });
  pane.addEventListener('mouseleave', () => hover(-1, null));
  pane.addEventListener('click', (e) => {
    const me = e as MouseEvent;
    const lr = (me.target as Element).closest('.lr');
    const [i, node] = insnOf(me.target);
    if (i < 0) return;
    if (lr) {
      const rect = lr.getBoundingClientRect();
      const reg = Math.max(0, Math.min(9, Math.floor(((me.clientX - rect.left) / rect.width) * 10)));
      askPrecision(i, reg);
    }
    select(i, node);
    if ((me.target as Element).closest('.errbox')) {
      const line = good?.lineOf?.[i] ?? -1;
      if (line > 0) goToLine(line);
    }
  });
}
el.diag.addEventListener('click', () => {
  const r = lastMsg;
  const line = r?.sourceError?.line ?? (errLine > 0 ? errLine : -1);
  if (line > 0) goToLine(line);
});

// ---------------------------------------------------------------------------------------
// Tabs, CFG zoom
for (const bar of document.querySelectorAll<HTMLElement>('[data-tabs]')) {
  bar.addEventListener('click', (e) => {
    const b = (e.target as Element).closest<HTMLElement>('button[data-tab]');
    if (b) showTab(bar, b.dataset.tab!);
  });
}
function showTab(bar: HTMLElement, name: string): void {
  // Hidden tabs are not rendered: opening one asks the worker again (the analysis is cached).
  if (bar.dataset.tabs === 'side' && name !== sideTab) {
    sideTab = name as VisibleTabs['side'];
    schedule(0);
  }
  if (bar.dataset.tabs === 'program' && name !== programTab) {
    programTab = name as VisibleTabs['program'];
    schedule(0);
  }
  for (const b of bar.querySelectorAll<HTMLElement>('button[data-tab]')) b.classList.toggle('on', b.dataset.tab === name);
  for (const t of bar.parentElement!.querySelectorAll<HTMLElement>('.body > .tab')) t.classList.toggle('on', t.dataset.tab === name);
  applyMarks();
  if (sel >= 0) reveal('sel', null);
}
const sideTabs = $('[data-tabs="side"]');

let zoom = 1;
function applyZoom(): void {
  const [w, h] = good?.cfgSize ?? [200, 100];
  el.cfgSvg.setAttribute('width', String(Math.round(w * zoom)));
  el.cfgSvg.setAttribute('height', String(Math.round(h * zoom)));
}
document.querySelector('.p-cfg .zoom')!.addEventListener('click', (e) => {
  const b = (e.target as Element).closest<HTMLElement>('[data-zoom]');
  if (!b) return;
  const d = Number(b.dataset.zoom);
  if (d === 0) {
    zoom = Math.min(1, (el.cfg.clientWidth - 4) / (good?.cfgSize[0] ?? 200));
  } else zoom = Math.max(0.2, Math.min(3, zoom * (d > 0 ? 1.25 : 0.8)));
  applyZoom();
});

// ---------------------------------------------------------------------------------------
// Controls
for (const ex of EXAMPLES) el.example.add(new Option(ex.title, ex.id));
for (let r = 0; r < 10; r++) el.pReg.add(new Option(`r${r}`, String(r)));

function setSource(text: string, format: SourceFormat): void {
  state.text = text;
  state.format = format;
  el.src.value = text;
  el.format.value = format;
  updateGutter();
  el.src.scrollTop = 0;
  syncScroll();
  sel = -1;
  hov = -1;
}

function syncControls(): void {
  el.optLoops.checked = state.options.allowLoops;
  el.optSat.checked = state.options.stackArgTracking;
  el.optJit.checked = state.options.jit;
  el.mem.value = state.mem;
  el.pInsn.value = state.precision.insn === null ? '' : String(state.precision.insn);
  el.pReg.value = String(state.precision.reg);
}

let urlExample: string | undefined;
function loadExample(id: string): boolean {
  const ex = exampleById(id);
  if (!ex) return false;
  setSource(ex.text, ex.format);
  state.mem = ex.mem ?? '';
  state.maps = null;
  state.options = { ...DEFAULT_OPTIONS };
  state.precision = ex.precision ? { ...ex.precision } : { insn: null, reg: 0 };
  el.example.value = id;
  el.section.hidden = true;
  syncControls();
  urlExample = id;
  history.replaceState(null, '', `#example=${id}`);
  schedule(0);
  return true;
}

el.example.addEventListener('change', () => {
  if (el.example.value) loadExample(el.example.value);
});
el.format.addEventListener('change', () => {
  state.format = el.format.value as SourceFormat;
  schedule(0);
  saveUrlSoon();
});
const optionsChanged = (): void => {
  state.options = { allowLoops: el.optLoops.checked, stackArgTracking: el.optSat.checked, jit: el.optJit.checked };
  schedule(0);
  saveUrlSoon();
};
for (const c of [el.optLoops, el.optSat, el.optJit]) c.addEventListener('change', optionsChanged);
el.mem.addEventListener('input', () => {
  state.mem = el.mem.value;
  schedule();
  saveUrlSoon();
});

function askPrecision(insn: number | null, reg: number): void {
  state.precision = { insn, reg };
  syncControls();
  showTab(sideTabs, 'precision');
  schedule(0);
  saveUrlSoon();
}
el.pInsn.addEventListener('change', () => askPrecision(el.pInsn.value === '' ? null : Number(el.pInsn.value), state.precision.reg));
el.pReg.addEventListener('change', () => askPrecision(state.precision.insn, Number(el.pReg.value)));
el.pLast.addEventListener('click', () => askPrecision(null, state.precision.reg));

let elf: ElfObject | undefined;
el.file.addEventListener('change', async () => {
  const f = el.file.files?.[0];
  if (!f) return;
  const bytes = new Uint8Array(await f.arrayBuffer());
  el.file.value = '';
  el.example.value = '';
  el.section.hidden = true;
  try {
    if (isElf(bytes)) {
      elf = readElf(bytes, f.name);
      el.section.innerHTML = '';
      elf.programs.forEach((p, k) => el.section.add(new Option(`${p.name} (section ${p.section}, ${p.program.length} insns)`, String(k))));
      el.section.hidden = elf.programs.length < 2;
      setSource(elf.programs[0]!.text, 'kernel');
      state.maps = elf.mapSpecs;
    } else {
      state.maps = null;
      const text = new TextDecoder().decode(bytes);
      const printable = /^[\x09\x0a\x0d\x20-\x7e]*$/.test(text.slice(0, 4096));
      if (!printable || f.name.endsWith('.bin')) setSource(bytesToHexLines(bytes), 'hex');
      else setSource(text, 'auto');
    }
  } catch (e) {
    setSource(`; could not load ${f.name}: ${(e as Error).message}\n`, 'kernel');
  }
  urlExample = undefined;
  schedule(0);
  saveUrlSoon();
});
el.section.addEventListener('change', () => {
  const p = elf?.programs[Number(el.section.value)];
  if (!p) return;
  setSource(p.text, 'kernel');
  schedule(0);
  saveUrlSoon();
});

// ---------------------------------------------------------------------------------------
// URL state
let urlTimer: ReturnType<typeof setTimeout> | undefined;
function saveUrlSoon(): void {
  urlExample = undefined;
  clearTimeout(urlTimer);
  urlTimer = setTimeout(async () => {
    if (urlExample) return;
    const frag = await encodeState(state);
    history.replaceState(null, '', `#${frag}`);
    lastHash = location.hash;
  }, 400);
}
let lastHash = '';
el.share.addEventListener('click', async () => {
  const frag = urlExample ? `example=${urlExample}` : await encodeState(state);
  history.replaceState(null, '', `#${frag}`);
  lastHash = location.hash;
  try {
    await navigator.clipboard.writeText(location.href);
    flash('link copied');
  } catch {
    flash('link in the address bar');
  }
});
function flash(text: string): void {
  const old = el.share.textContent;
  el.share.textContent = text;
  setTimeout(() => (el.share.textContent = old), 1400);
}

async function loadFromHash(): Promise<void> {
  lastHash = location.hash;
  const h = await decodeHash(location.hash);
  if (h.kind === 'example' && loadExample(h.id)) return;
  if (h.kind === 'state') {
    setSource(h.state.text, h.state.format);
    state.mem = h.state.mem;
    state.maps = h.state.maps;
    state.options = { ...h.state.options };
    state.precision = { ...h.state.precision };
    syncControls();
    el.example.value = '';
    urlExample = undefined;
    schedule(0);
    return;
  }
  loadExample('twelve-args');
}
window.addEventListener('hashchange', () => {
  if (location.hash !== lastHash) void loadFromHash();
});

void loadFromHash();
syncScroll();
// For tests and the curious: the resolved format of the current text.
(window as unknown as { bpfkit: unknown }).bpfkit = { state, guessFormat, lastMessage: () => lastMsg };
