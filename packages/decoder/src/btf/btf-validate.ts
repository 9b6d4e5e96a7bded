// Whole-graph checks of a BTF type table: every referenced type id is in range, and no
// type contains itself except through a pointer (typedef/modifier/array/member/VAR loops are
// rejected). A three-colour iterative DFS, so a hostile blob cannot overflow the stack.
// Corresponds to the kernel's btf_check_all_types() / btf_resolve() loop detection.
import { type ByteView, hex } from '../elf/bytes.js';
import { BTF_KIND_PTR, type BtfType, btfKindName, referencedTypes } from './btf-types.js';

const label = (t: BtfType): string => `type id ${t.id} (${btfKindName(t.kind)}${t.name ? ` '${t.name}'` : ''})`;

export function validateBtf(types: readonly BtfType[], v: ByteView): void {
  const n = types.length;
  const edges: number[][] = new Array(n);
  edges[0] = [];
  for (let id = 1; id < n; id++) {
    const t = types[id]!;
    const refs = referencedTypes(t);
    for (const r of refs) if (r >= n) v.fail(`${label(t)} refers to type id ${r}, out of range (${n} types)`, t.offset);
    // A pointer breaks containment: `struct list { struct list *next; }` is fine.
    edges[id] = t.kind === BTF_KIND_PTR ? [] : refs;
  }
  // 0 = unvisited, 1 = on the DFS path, 2 = done.
  const colour = new Uint8Array(n);
  const stackNode = new Int32Array(n);
  const stackEdge = new Int32Array(n);
  for (let root = 1; root < n; root++) {
    if (colour[root] !== 0) continue;
    let sp = 0;
    stackNode[0] = root;
    stackEdge[0] = 0;
    colour[root] = 1;
    while (sp >= 0) {
      const node = stackNode[sp]!;
      const out = edges[node]!;
      const e = stackEdge[sp]!;
      if (e === out.length) {
        colour[node] = 2;
        sp--;
        continue;
      }
      stackEdge[sp] = e + 1;
      const next = out[e]!;
      if (next === 0 || colour[next] === 2) continue;
      if (colour[next] === 1) {
        const t = types[next]!;
        v.fail(`type loop: ${label(t)} at offset ${hex(t.offset)} contains itself (through ${label(types[node]!)})`);
      }
      colour[next] = 1;
      sp++;
      stackNode[sp] = next;
      stackEdge[sp] = 0;
    }
  }
}
