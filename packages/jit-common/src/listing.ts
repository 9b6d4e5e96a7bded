// JIT listing printer: each BPF instruction in kernel syntax (the verifier log's `N: (op) …`
// from @bpfkit/ir's printKernelInsn) followed by the machine instructions it became, in the
// layout of the kernel selftests' jit_disasm_helpers.c: `%x:\t`, the bytes as `%02x ` padded
// to 36 columns, an optional `L<n>:` label, then `\t` and the assembly text. Branch targets
// inside a function are renamed L0, L1, … in address order (as the selftests do); targets in
// another function print as `func#N`, targets in a stub as `<name>`. The assembly text comes
// from the JIT's own formatter (AsmNotes), so no disassembler is needed. Prologue, epilogue
// and stub code get `; prologue` / `; epilogue` / `<name>:` headers.
import { printKernelInsn, type Program } from '@bpfkit/ir';
import type { AsmNotes } from './code-buffer.js';
import type { JitImage } from './jit-result.js';

const BYTES_COLUMN = 36;

export function formatMachineLine(offset: number, bytes: Uint8Array, label: string, text: string): string {
  let hex = '';
  for (let i = 0; i < bytes.length; i++) hex += bytes[i]!.toString(16).padStart(2, '0') + ' ';
  return `${offset.toString(16)}:\t${hex.padEnd(BYTES_COLUMN)}${label}\t${text}`;
}

/** Render the listing of `image` (compiled from `program`) using the recorded `notes`. */
export function printJitListing(image: JitImage, program: Program, notes: AsmNotes): string {
  const code = image.code;
  const n = notes.offsets.length;
  const ends = new Int32Array(n);
  for (let k = 0; k < n; k++) ends[k] = k + 1 < n ? notes.offsets[k + 1]! : code.length;
  // Where each byte range belongs, for naming targets.
  const funcOfOffset = (off: number): number => {
    for (const f of image.funcs) if (off >= f.offset && off < f.offset + f.size) return f.index;
    return -1;
  };
  const stubAt = (off: number): string | undefined => {
    for (const s of image.stubs) if (off >= s.offset && off < s.offset + s.size) return off === s.offset ? s.name : `${s.name}+0x${(off - s.offset).toString(16)}`;
    return undefined;
  };
  // Labels per function: targets inside the function, numbered in address order.
  const labelOf = new Map<number, string>();
  for (const f of image.funcs) {
    const targets = new Set<number>();
    for (let k = 0; k < n; k++) {
      const t = notes.targets[k]!;
      const at = notes.offsets[k]!;
      if (t >= 0 && at >= f.offset && at < f.offset + f.size && t >= f.offset && t < f.offset + f.size && t !== f.offset) targets.add(t);
    }
    [...targets].sort((a, b) => a - b).forEach((t, j) => labelOf.set(t, `L${j}`));
  }
  const targetText = (at: number, t: number): string => {
    const fa = funcOfOffset(at);
    const ft = funcOfOffset(t);
    if (ft >= 0 && fa === ft && labelOf.has(t)) return labelOf.get(t)!;
    const f = image.funcs.find((x) => x.offset === t);
    if (f !== undefined) return `func#${f.index}`;
    const s = stubAt(t);
    if (s !== undefined) return `<${s}>`;
    return `0x${t.toString(16)}`;
  };
  const line = (k: number): string => {
    const at = notes.offsets[k]!;
    const t = notes.targets[k]!;
    const text = t >= 0 ? notes.texts[k]!.replace('{T}', targetText(at, t)) : notes.texts[k]!;
    const label = labelOf.has(at) && funcOfOffset(at) >= 0 ? `${labelOf.get(at)}:` : '';
    return formatMachineLine(at, code.subarray(at, ends[k]!), label, text);
  };

  const out: string[] = [];
  let k = 0;
  const emitUntil = (limit: number): void => {
    while (k < n && notes.offsets[k]! < limit) out.push(line(k++));
  };
  // Stubs and functions in address order.
  type Section = { offset: number; kind: 'stub'; name: string } | { offset: number; kind: 'func'; index: number };
  const sections: Section[] = [
    ...image.stubs.map((s) => ({ offset: s.offset, kind: 'stub' as const, name: s.name })),
    ...image.funcs.map((f) => ({ offset: f.offset, kind: 'func' as const, index: f.index })),
  ].sort((a, b) => a.offset - b.offset);
  for (const s of sections) {
    emitUntil(s.offset);
    if (s.kind === 'stub') {
      out.push(`${s.name}:`);
      const st = image.stubs.find((x) => x.name === s.name)!;
      emitUntil(st.offset + st.size);
      continue;
    }
    const f = image.funcs[s.index]!;
    out.push(`func #${f.index}:`);
    if (f.bodyOffset > f.offset) {
      out.push('; prologue');
      emitUntil(f.bodyOffset);
    }
    for (let i = f.start; i < f.end; i++) {
      if (program.isSecondHalf(i)) continue;
      out.push(`; ${i}: ${printKernelInsn(program, i)}`);
      const endOfInsn = i + 1 < f.end ? image.insnOffsets[i + 1]! : f.epilogueOffset;
      emitUntil(Math.min(endOfInsn, f.epilogueOffset));
    }
    if (f.offset + f.size > f.epilogueOffset) {
      out.push('; epilogue');
      emitUntil(f.offset + f.size);
    }
  }
  emitUntil(code.length + 1);
  return out.join('\n') + '\n';
}
