// "Load a .o": @bpfkit/decoder's loadObject() (the ELF + BTF loader: program sections with
// the static functions they call linked in, relocations, BTF function names and argument
// counts, maps, line info) and the result printed as editable kernel syntax — `.func name,
// args=N` directives, labels for jump targets, names for calls, and the C source lines from
// .BTF.ext as comments — which parses back to the same instructions (map references by
// index, ld_imm64 src 5/6, print as bpftool's map[id:N] / map[id:N][0]+off, src 1/2: the
// kernel-syntax text has no spelling for the index forms, and the analyses treat both alike).
import { loadObject, type LineInfo } from '@bpfkit/decoder';
import type { MapSpec } from './protocol.js';
import {
  BPF_LD_IMM64, BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC, Program, isCondJump, isGoto, isGotol, isMayGoto, printKernelInsn,
} from '@bpfkit/ir';

export interface ElfProgram {
  /** Entry function name. */
  readonly name: string;
  /** Program section name. */
  readonly section: string;
  readonly program: Program;
  /** Kernel syntax the editor shows (parses back to the same instructions). */
  readonly text: string;
}

export interface ElfObject {
  readonly programs: readonly ElfProgram[];
  /** One line per map, for the editor header. */
  readonly maps: readonly string[];
  /** The maps themselves, for the run pane (index = the N of map[id:N]). */
  readonly mapSpecs: readonly MapSpec[];
}

export const isElf = (b: Uint8Array): boolean => b.length >= 4 && b[0] === 0x7f && b[1] === 0x45 && b[2] === 0x4c && b[3] === 0x46;

export function readElf(bytes: Uint8Array, fileName = 'object.o'): ElfObject {
  const o = loadObject(bytes, { file: fileName });
  const maps = o.maps.map((m) => `${m.name} (${m.section}, key ${m.keySize} B, value ${m.valueSize} B, ${m.maxEntries} entries)`);
  const programs = o.programs.map((p): ElfProgram => {
    const header = [`; ${fileName}: program ${p.name}, section ${p.section}${o.license ? `, license ${o.license}` : ''}`];
    maps.forEach((m, k) => header.push(`; map[id:${k}] = ${m}`));
    return { name: p.name, section: p.section, program: p.program, text: header.join('\n') + '\n' + programToText(p.program, p.lineInfo) };
  });
  const mapSpecs = o.maps.map((m): MapSpec => ({
    name: m.name, type: m.type, keySize: m.keySize, valueSize: m.valueSize, maxEntries: m.maxEntries, flags: m.flags, section: m.section,
    ...(m.initial ? { initial: [...m.initial].map((b) => b.toString(16).padStart(2, '0')).join('') } : {}),
  }));
  return { programs, maps, mapSpecs };
}

/** Kernel syntax with `.func` directives and labels for jump targets, so the text stays editable. */
export function programToText(p: Program, lineInfo: readonly (LineInfo | undefined)[] = []): string {
  const labels = new Set<number>();
  const target = (i: number): number => {
    const code = p.code[i]!;
    if (isGotol(code)) return i + 1 + p.imm[i]!;
    if (isGoto(code) || isCondJump(code) || isMayGoto(code)) return i + 1 + p.off[i]!;
    return -1;
  };
  for (let i = 0; i < p.length; i++) {
    const t = target(i);
    if (t >= 0 && t < p.length) labels.add(t);
  }
  const funcName = (f: { index: number; name: string | undefined }): string => f.name ?? `func${f.index}`;
  const out: string[] = [];
  for (const f of p.funcs) {
    out.push(`${f.index ? '\n' : ''}.func ${funcName(f)}${f.argCount !== undefined ? `, args=${f.argCount}` : ''}`);
    for (let i = f.start; i < f.end; i++) {
      if (p.isSecondHalf(i)) continue;
      const li = lineInfo[i];
      if (li) out.push(`  ; ${li.file.replace(/^.*\//, '')}:${li.line}  ${li.source.trim()}`);
      if (labels.has(i)) out.push(`L${i}:`);
      let s = printKernelInsn(p, i, { imm64Style: 'bpftool' }).slice(5);
      const t = target(i);
      if (t >= 0 && t < p.length) s = s.replace(/pc[+-]\d+$/, `L${t}`);
      else if (p.code[i] === 0x85 && p.src[i] === BPF_PSEUDO_CALL) {
        const callee = p.funcAt(i + 1 + p.imm[i]!);
        if (callee) s = `call ${funcName(callee)}`;
      } else if (p.code[i] === BPF_LD_IMM64 && p.src[i] === BPF_PSEUDO_FUNC) {
        const callee = p.funcAt(i + 1 + p.imm[i]!);
        if (callee) s = `r${p.dst[i]} = subprog[${funcName(callee)}]`;
      }
      out.push(`  ${s}`);
    }
  }
  return out.join('\n') + '\n';
}

/** Raw instruction bytes as hex text, one instruction per line. */
export function bytesToHexLines(bytes: Uint8Array): string {
  const lines: string[] = [];
  for (let o = 0; o < bytes.length; o += 8) {
    const row: string[] = [];
    for (let k = o; k < Math.min(o + 8, bytes.length); k++) row.push(bytes[k]!.toString(16).padStart(2, '0'));
    lines.push(row.join(' '));
  }
  return lines.join('\n') + '\n';
}
