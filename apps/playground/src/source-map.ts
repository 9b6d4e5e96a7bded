// Source text <-> instruction slots. The assemblers do not publish where each slot came
// from, so the playground finds the lines that hold an instruction itself (the same line
// grammar as @bpfkit/asm: comments, labels, directives, index prefixes, llvm-objdump
// framing) and pairs the k-th such line with the k-th instruction (ld_imm64's second half
// shares its line). When the counts disagree the mapping is dropped (null) rather than guessed.
import type { ResolvedFormat, SourceFormat } from './protocol.js';

/** The CLI's guess for text without a file name (packages/cli read-program.ts). */
export function guessFormat(text: string, requested: SourceFormat): ResolvedFormat {
  if (requested !== 'auto') return requested;
  const head = text.slice(0, 4096);
  if (/\S/.test(head) && /^[\s0-9a-fA-Fx,]*$/.test(head)) return 'hex';
  if (/%r\d/.test(head) || /^\s*--\s*asm/m.test(head)) return 'conformance';
  return 'kernel';
}

/** Where a kernel-syntax comment starts: `;`, `//`, or `#` at the start or after a blank. */
function kernelCommentStart(line: string): number {
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 59) return i;
    if (c === 47 && line.charCodeAt(i + 1) === 47) return i;
    if (c === 35 && (i === 0 || line.charCodeAt(i - 1) === 32 || line.charCodeAt(i - 1) === 9)) return i;
  }
  return line.length;
}

const LABEL = /^[A-Za-z_.$][\w.$]*(?:\(\s*args\s*=\s*\d+\s*\))?:\s*/;
const INDEX = /^\d+:\s*/;

/** Does this kernel/LLVM-syntax line hold an instruction? */
export function isKernelInsnLine(raw: string): boolean {
  let s = raw.slice(0, kernelCommentStart(raw)).trim();
  if (s === '') return false;
  if (s.startsWith('.func') || s.startsWith('Disassembly of section ')) return false;
  if (/^\S+:\s+file format\s/.test(s) || /^[0-9a-fA-F]+ <[^<>\s]+>:\s*$/.test(s) || /^[0-9a-fA-F]+:\s+R_BPF_\w+\s/.test(s)) return false;
  if (INDEX.test(s)) s = s.replace(INDEX, '');
  else if (!s.startsWith('(') && LABEL.test(s)) s = s.replace(LABEL, '');
  return s !== '';
}

/** Does this bpf_conformance-dialect line hold an instruction? */
export function isConformanceInsnLine(raw: string): boolean {
  let end = raw.length;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 35 || c === 59) {
      end = i;
      break;
    }
  }
  let s = raw.slice(0, end).trim();
  if (s === '') return false;
  if (INDEX.test(s)) s = s.replace(INDEX, '');
  if (/^[A-Za-z_.$][\w.$]*:$/.test(s)) return false;
  return s !== '';
}

export interface SlotShape {
  readonly length: number;
  readonly secondHalf: Uint8Array;
}

/**
 * Source line (1-based) of every slot, or null when the instruction lines do not pair up
 * with the slots. `firstLine` is the line of the text's first line (a `.data` file's asm section).
 */
export function mapLines(text: string, format: ResolvedFormat, p: SlotShape, firstLine = 1): Int32Array | null {
  const lines = text.split('\n');
  const out = new Int32Array(p.length).fill(-1);
  if (format === 'hex') {
    // One slot (8 bytes) per non-blank line, or no mapping.
    let slot = 0;
    for (let l = 0; l < lines.length; l++) {
      const digits = lines[l]!.replace(/0x/gi, '').replace(/[\s,]+/g, '');
      if (digits === '') continue;
      if (digits.length !== 16 || slot >= p.length) return null;
      out[slot++] = l + firstLine;
    }
    return slot === p.length ? out : null;
  }
  const isInsn = format === 'kernel' ? isKernelInsnLine : isConformanceInsnLine;
  let slot = 0;
  for (let l = 0; l < lines.length; l++) {
    if (!isInsn(lines[l]!)) continue;
    while (slot < p.length && p.secondHalf[slot]) slot++;
    if (slot >= p.length) return null;
    out[slot] = l + firstLine;
    if (slot + 1 < p.length && p.secondHalf[slot + 1]) out[slot + 1] = l + firstLine;
    slot++;
  }
  while (slot < p.length && p.secondHalf[slot]) slot++;
  return slot === p.length ? out : null;
}

/** The first slot written on `line`, or -1. */
export function slotOfLine(lineOf: Int32Array | null, line: number): number {
  if (!lineOf) return -1;
  for (let i = 0; i < lineOf.length; i++) if (lineOf[i] === line) return i;
  return -1;
}
