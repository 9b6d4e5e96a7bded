// The analysis worker: the passes run here, off the page's main thread, so typing never
// waits for them; the panes are rendered here too and only changed blocks are posted. The
// page runs two of these in parallel: one for the analyses (part 'analysis'), one for the
// two JITs and their listings (part 'jit').
import { Analyzer } from './analysis.js';
import { PaneRenderer } from './panes.js';
import type { AnalyzeRequest } from './protocol.js';

const analyzer = new Analyzer();
const renderer = new PaneRenderer();
const scope = self as unknown as Worker;
const epoch = (): number => performance.timeOrigin + performance.now();
scope.onmessage = (ev: MessageEvent<AnalyzeRequest>) => {
  const receivedAt = epoch();
  const msg = renderer.render(analyzer.analyze(ev.data), ev.data.tabs, ev.data.part);
  scope.postMessage({ ...msg, receivedAt, postedAt: epoch() });
};
