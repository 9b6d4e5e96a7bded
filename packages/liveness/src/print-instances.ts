// print_instances() / print_instance() / fmt_spis_mask() of kernel/bpf/liveness.c: every
// function instance, sorted by (callsite, depth), as "stack use/def subprog#N name (dD,csC):"
// followed by one line per instruction; instructions with marks get the verifier's `;` column
// (bpf_vlog_alignment()) and " use: …" / " def: …" masks listed innermost frame first.
// Masks print per 8-byte slot ("fp0-8"), per 4-byte half ("fp0-4h", "fp0-8h") and as runs of
// three or more full slots ("fp0-8..-24").
import { printKernelInsn, type KernelPrintOptions, type Program } from '@bpfkit/ir';
import type { FuncInstance } from './instance.js';
import { MAY_READ, MUST_WRITE } from './instance.js';
import { SPIS_ZERO, type SpisPool } from './spis.js';

/** bpf_vlog_alignment(): pad width after a `len`-character line, so `;` lands in column 39, 47, … */
export const vlogAlignment = (len: number): number => Math.ceil(Math.max(len + 4, 40) / 8) * 8 - len - 1;

const spiOff = (spi: number): number => -(spi + 1) * 8;

/** fmt_spis_mask(): one frame's mask; `first` = no leading space before the first item. */
export function fmtSpisMask(pool: SpisPool, frame: number, first: boolean, id: number): string {
  let s = '';
  const bit = (b: number): boolean => pool.test(id, b);
  for (let spi = 0; spi < 64; spi++) {
    const lo = bit(spi * 2);
    const hi = bit(spi * 2 + 1);
    if (!lo && !hi) continue;
    const space = first ? '' : ' ';
    if (!lo || !hi) {
      s += `${space}fp${frame}${spiOff(spi) + (lo ? 4 : 0)}h`;
    } else if (spi + 2 < 64 && bit(spi * 2 + 2) && bit(spi * 2 + 3) && bit(spi * 2 + 4) && bit(spi * 2 + 5)) {
      const runStart = spi;
      while (spi + 1 < 64 && bit((spi + 1) * 2) && bit((spi + 1) * 2 + 1)) spi++;
      s += `${space}fp${frame}${spiOff(runStart)}..${spiOff(spi)}`;
    } else {
      s += `${space}fp${frame}${spiOff(spi)}`;
    }
    first = false;
  }
  return s;
}

/** fmt_instance() header text. */
export const instanceHeader = (inst: FuncInstance, subprogName: string): string =>
  `stack use/def ${subprogName} (d${inst.depth},cs${inst.callsite}):`;

/** print_instance(): the lines of one instance. */
export function formatInstance(p: Program, pool: SpisPool, inst: FuncInstance, opts: KernelPrintOptions): string[] {
  const f = p.funcs[inst.subprog]!;
  const lines = [instanceHeader(inst, `subprog#${inst.subprog}${f.name ? ` ${f.name}` : ''}`)];
  for (let i = 0; i < inst.len; i++) {
    const idx = inst.start + i;
    const text = `${String(idx).padStart(3)}: ${printKernelInsn(p, idx, opts)}`;
    let use = '';
    let def = '';
    for (let fr = inst.depth; fr >= 0; fr--) {
      const a = inst.frames[fr];
      if (!a) continue;
      const mr = a[3 * i + MAY_READ]!;
      if (mr !== SPIS_ZERO) use += fmtSpisMask(pool, fr, use === '', mr);
      const mw = a[3 * i + MUST_WRITE]!;
      if (mw !== SPIS_ZERO) def += fmtSpisMask(pool, fr, def === '', mw);
    }
    if (!use && !def) lines.push(text);
    else lines.push(`${text}${' '.repeat(vlogAlignment(text.length))};${use ? ` use: ${use}` : ''}${def ? ` def: ${def}` : ''}`);
    if (p.code[idx] === 0x18) i++;
  }
  return lines;
}

/** print_instances(): all instances ordered by callsite, then depth. */
export function formatInstances(p: Program, pool: SpisPool, instances: Iterable<FuncInstance>, opts: KernelPrintOptions): string[] {
  const sorted = [...instances].sort((a, b) => a.callsite - b.callsite || a.depth - b.depth);
  const out: string[] = [];
  for (const inst of sorted) out.push(...formatInstance(p, pool, inst, opts));
  return out;
}
