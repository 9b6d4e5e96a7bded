// Link one entry program: append every function it transitively calls or takes the address
// of (depth-first, first use, once each) and patch calls (PSEUDO_CALL), function addresses
// (PSEUDO_FUNC), maps (PSEUDO_MAP_IDX) and global data (PSEUDO_MAP_IDX_VALUE) to the final
// numbering. libbpf: bpf_program__record_reloc(), bpf_object__reloc_code(), _relocate_data().
import {
  BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC, BPF_PSEUDO_MAP_IDX, BPF_PSEUDO_MAP_IDX_VALUE, isDirectJump, jumpDisplacement,
} from '@bpfkit/ir';
import { hex, objectError } from './bytes.js';
import { type ElfFile, isCodeSection } from './elf-file.js';
import type { ElfFunc, Functions } from './functions.js';
import type { ObjectMaps } from './maps.js';
import { type CodeReloc, R_BPF_64_32, type Relocations } from './relocations.js';
import { type ElfSymbol, SHN_LORESERVE, SHN_UNDEF, type SymbolTable } from './symbols.js';

const INSN = 8;
const LD_IMM64 = 0x18;
const CALL = 0x85;

/** Patch kinds. */
const Patch = { Call: 0, FuncAddr: 1, Map: 2, Data: 3 } as const;
type Patch = (typeof Patch)[keyof typeof Patch];

/** src_reg each patch kind sets. */
const SRC_OF: Record<Patch, number> = {
  [Patch.Call]: BPF_PSEUDO_CALL,
  [Patch.FuncAddr]: BPF_PSEUDO_FUNC,
  [Patch.Map]: BPF_PSEUDO_MAP_IDX,
  [Patch.Data]: BPF_PSEUDO_MAP_IDX_VALUE,
};

export interface LinkContext {
  readonly elf: ElfFile;
  readonly symtab: SymbolTable;
  readonly funcs: Functions;
  readonly relocs: Relocations;
  readonly maps: ObjectMaps;
}

export interface LinkedProgram {
  /** Instruction bytes of the whole program, relocated. */
  readonly bytes: Uint8Array;
  /** Functions in program order with their first slot in the program. */
  readonly layout: readonly ElfFunc[];
  readonly positions: readonly number[];
}

const readImm = (f: ElfFunc, slot: number): number => f.section.view.i32(slot * INSN + 4);

export function linkProgram(entry: ElfFunc, ctx: LinkContext): LinkedProgram {
  const layout: ElfFunc[] = [entry];
  const layoutIndex = new Map<ElfFunc, number>([[entry, 0]]);
  // Patches as parallel arrays: function (layout index), section slot, kind, target, data offset.
  const pFunc: number[] = [];
  const pSlot: number[] = [];
  const pKind: Patch[] = [];
  const pTarget: (ElfFunc | number)[] = [];
  const pOff: number[] = [];
  const add = (li: number, slot: number, kind: Patch, target: ElfFunc | number, off = 0): void => {
    pFunc.push(li);
    pSlot.push(slot);
    pKind.push(kind);
    pTarget.push(target);
    pOff.push(off);
  };

  // Depth-first over callees with an explicit stack: [layout index, next slot to scan].
  const stackLi: number[] = [0];
  const stackSlot: number[] = [entry.start];
  while (stackLi.length > 0) {
    const top = stackLi.length - 1;
    const li = stackLi[top]!;
    const f = layout[li]!;
    const bytes = f.section.view.bytes;
    const relocs = ctx.relocs.code(f.section.index);
    let callee: ElfFunc | undefined;
    let s = stackSlot[top]!;
    for (; s < f.end && callee === undefined; s++) {
      const code = bytes[s * INSN]!;
      const src = bytes[s * INSN + 1]! >> 4;
      const r = relocs.get(s);
      let target: ElfFunc | undefined;
      if (r !== undefined) {
        const sym = ctx.symtab.symbols[r.sym]!;
        if (r.type === R_BPF_64_32) {
          target = callTarget(ctx, f, s, r, sym);
          add(li, s, Patch.Call, target);
        } else {
          if (s + 1 >= f.end) fail(f, s, `ld_imm64 is cut off by the end of function '${f.name}'`);
          target = ldImm64Target(ctx, f, s, r, sym, li, add);
          s++;
        }
      } else if (code === CALL && src === BPF_PSEUDO_CALL) {
        const t = s + readImm(f, s) + 1;
        target = ctx.funcs.at(f.section.index, t);
        if (target === undefined) fail(f, s, `call to insn ${t} of '${f.section.name}', which is not the start of a function`);
        add(li, s, Patch.Call, target);
      } else if (code === LD_IMM64) {
        if (src === BPF_PSEUDO_FUNC) fail(f, s, 'ld_imm64 BPF_PSEUDO_FUNC without a relocation');
        s++;
      } else if (isDirectJump(code)) {
        // Functions move when linked: a jump must stay inside its own function.
        const t = s + 1 + jumpDisplacement(code, f.section.view.i16(s * INSN + 2), readImm(f, s));
        if (t < f.start || t >= f.end)
          fail(f, s, `jump to insn ${t} of '${f.section.name}' leaves function '${f.name}' (insns ${f.start}..${f.end - 1})`);
      }
      if (target !== undefined && !layoutIndex.has(target)) callee = target;
    }
    stackSlot[top] = s;
    if (callee !== undefined) {
      layoutIndex.set(callee, layout.length);
      stackLi.push(layout.length);
      stackSlot.push(callee.start);
      layout.push(callee);
    } else if (s >= f.end) {
      stackLi.pop();
      stackSlot.pop();
    }
  }

  const positions: number[] = [];
  let total = 0;
  for (const f of layout) {
    positions.push(total);
    total += f.end - f.start;
  }
  const out = new Uint8Array(total * INSN);
  for (let li = 0; li < layout.length; li++) {
    const f = layout[li]!;
    out.set(f.section.view.bytes.subarray(f.start * INSN, f.end * INSN), positions[li]! * INSN);
  }
  const dv = new DataView(out.buffer);
  for (let p = 0; p < pFunc.length; p++) {
    const li = pFunc[p]!;
    const f = layout[li]!;
    const slot = positions[li]! + (pSlot[p]! - f.start);
    const target = pTarget[p]!;
    const at = slot * INSN;
    const kind = pKind[p]!;
    const src = SRC_OF[kind];
    out[at + 1] = (out[at + 1]! & 0x0f) | (src << 4);
    if (kind === Patch.Call || kind === Patch.FuncAddr)
      dv.setInt32(at + 4, positions[layoutIndex.get(target as ElfFunc)!]! - (slot + 1), true);
    else dv.setInt32(at + 4, target as number, true);
    // Second half of an ld_imm64: 0, or the offset into the global-data value.
    if (kind !== Patch.Call) dv.setInt32(at + 12, kind === Patch.Data ? pOff[p]! : 0, true);
  }
  return { bytes: out, layout, positions };
}

function fail(f: ElfFunc, slot: number, message: string): never {
  throw objectError('ELF', `${f.section.name}: insn ${slot} at offset ${hex(slot * INSN)} (function '${f.name}'): ${message}`, slot);
}

const relocName = (r: CodeReloc): string => `${r.rel.name} relocation ${r.entry}`;

function symbolSection(f: ElfFunc, slot: number, r: CodeReloc, sym: ElfSymbol): number {
  if (sym.shndx === SHN_UNDEF)
    fail(f, slot, `${relocName(r)} refers to extern symbol '${sym.name}' (kfuncs, ksyms and kconfig externs are not supported)`);
  if (sym.shndx >= SHN_LORESERVE) fail(f, slot, `${relocName(r)} refers to symbol '${sym.name}' with special section index ${hex(sym.shndx)}`);
  return sym.shndx;
}

/** The function a relocated `call` lands on: symbol offset + (imm + 1) instructions. */
function callTarget(ctx: LinkContext, f: ElfFunc, slot: number, r: CodeReloc, sym: ElfSymbol): ElfFunc {
  const shndx = symbolSection(f, slot, r, sym);
  const sec = ctx.elf.sections[shndx]!;
  if (!isCodeSection(sec)) fail(f, slot, `${relocName(r)}: call to symbol '${sym.name}' in non-code section '${sec.name}'`);
  if (sym.value % INSN !== 0) fail(f, slot, `${relocName(r)}: symbol '${sym.name}' value ${hex(sym.value)} is not instruction-aligned`);
  const t = sym.value / INSN + readImm(f, slot) + 1;
  const target = ctx.funcs.at(shndx, t);
  if (target === undefined) fail(f, slot, `${relocName(r)}: call to insn ${t} of '${sec.name}', which is not the start of a function`);
  return target;
}

/** Classify a relocated ld_imm64 (function address, map, global data) and record its patch. */
function ldImm64Target(
  ctx: LinkContext, f: ElfFunc, slot: number, r: CodeReloc, sym: ElfSymbol, li: number,
  add: (li: number, slot: number, kind: Patch, target: ElfFunc | number, off?: number) => void,
): ElfFunc | undefined {
  const shndx = symbolSection(f, slot, r, sym);
  const sec = ctx.elf.sections[shndx]!;
  const off = sym.value + readImm(f, slot);
  if (isCodeSection(sec)) {
    if (sym.value % INSN !== 0 || off % INSN !== 0)
      fail(f, slot, `${relocName(r)}: address of '${sym.name}'+${readImm(f, slot)} is not instruction-aligned`);
    const target = ctx.funcs.at(shndx, off / INSN);
    if (target === undefined) fail(f, slot, `${relocName(r)}: address of insn ${off / INSN} of '${sec.name}', which is not the start of a function`);
    add(li, slot, Patch.FuncAddr, target);
    return target;
  }
  if (shndx === ctx.maps.mapsSection) {
    const map = ctx.maps.btfMapAt(off);
    if (map === undefined) fail(f, slot, `${relocName(r)}: no map at offset ${hex(off)} of '${sec.name}' (symbol '${sym.name}')`);
    add(li, slot, Patch.Map, map);
    return undefined;
  }
  const data = ctx.maps.dataMap(shndx);
  if (data !== undefined) {
    if (!Number.isSafeInteger(off) || off < 0 || off > sec.size)
      fail(f, slot, `${relocName(r)}: offset ${off} of '${sym.name}' is outside '${sec.name}' (${sec.size} bytes)`);
    add(li, slot, Patch.Data, data, off);
    return undefined;
  }
  return fail(f, slot, `${relocName(r)}: symbol '${sym.name}' is in section '${sec.name}', which is neither code, ${'.maps'} nor global data`);
}
