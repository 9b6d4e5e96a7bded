// DOM helpers: a block list that applies the worker's patches (only the blocks whose HTML
// changed), so typing into a 1,000-instruction program rewrites the few rows it affects
// instead of every pane.
import type { BlockPatch } from './protocol.js';

export function $<T extends HTMLElement = HTMLElement>(sel: string, root: ParentNode = document): T {
  const el = root.querySelector<T>(sel);
  if (!el) throw new Error(`missing element ${sel}`);
  return el;
}

/**
 * A container whose children are one element per block of HTML. apply() takes the worker's
 * patch (new length + changed blocks) and replaces only those elements; when most blocks
 * changed it rewrites the container at once (one parse is cheaper than many). `svg` parses
 * the blocks as SVG elements.
 */
export class BlockList {
  #html: string[] = [];
  readonly el: Element;
  readonly #svg: boolean;

  constructor(el: Element, svg = false) {
    this.el = el;
    this.#svg = svg;
  }

  #parse(html: string): DocumentFragment {
    const t = document.createElement('template');
    if (!this.#svg) {
      t.innerHTML = html;
      return t.content;
    }
    t.innerHTML = `<svg xmlns="http://www.w3.org/2000/svg">${html}</svg>`;
    const f = document.createDocumentFragment();
    f.append(...t.content.firstChild!.childNodes);
    return f;
  }

  apply(p: BlockPatch): void {
    const old = this.#html;
    const next = old.slice(0, p.n);
    while (next.length < p.n) next.push('');
    for (const [k, h] of p.changes) next[k] = h;
    this.#html = next;
    const kept = Math.min(old.length, p.n);
    const replaced = p.changes.filter(([k]) => k < kept).length;
    if (replaced + Math.abs(old.length - p.n) > 64 && (replaced + Math.abs(old.length - p.n)) * 3 > p.n) {
      if (this.#svg) {
        this.el.textContent = '';
        this.el.append(this.#parse(next.join('')));
      } else this.el.innerHTML = next.join('');
      return;
    }
    const kids = this.el.children;
    for (let k = old.length - 1; k >= p.n; k--) kids[k]!.remove();
    for (const [k, h] of p.changes) if (k < kept) kids[k]!.replaceWith(this.#parse(h));
    if (p.n > old.length) this.el.append(this.#parse(next.slice(old.length).join('')));
  }
}

/** Set innerHTML only when it differs from the last value set through this function. */
const lastHtml = new WeakMap<Element, string>();
export function setHtml(el: Element, html: string): boolean {
  if (lastHtml.get(el) === html) return false;
  lastHtml.set(el, html);
  el.innerHTML = html;
  return true;
}
