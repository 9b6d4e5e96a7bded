// The interpreter loop: one switch over the opcode byte, registers as (low, high) int32
// pairs in a typed array, no allocation per instruction (BigInt only for 64-bit division of
// operands wider than 32 bits). Mirrors ___bpf_prog_run() (kernel/bpf/core.c) with the
// verifier's run-time fixups folded in (division by zero, signed division by -1, may_goto's
// counter) and every memory access checked against the region table (memory.ts).
// Conditional jumps compute `tk` and break to the common tail; everything else `continue`s.
// Tracing costs one null test on memory and jump instructions when off.
// Invariants: the program was validated (register numbers, jump targets, ld_imm64 pairs,
// reserved fields), so field reads are in range; `left` counts down the instruction budget.
import { BpfError, MAX_CALL_FRAMES } from '@bpfkit/ir';
import { EA, effectiveAddress, exactAddress } from './address.js';
import { atomic } from './atomics.js';
import { callExtern } from './extern-call.js';
import { callLocal, returnFromCall } from './frames.js';
import { bswap32, divmod32, divmod64, mul64, sar64, shl64, shr64 } from './int64.js';
import { CODE_HI, REGION_HI_BASE, STACK_REGION_FIRST, STACK_SIZE, formatAddress, regionWindow } from './layout.js';
import { ldAbs } from './ld-abs.js';
import { ldImm64Pseudo } from './ld-imm64.js';
import type { Machine } from './machine.js';
import { stackArgLoad, stackArgStore } from './stack-arg-slots.js';
import { INSN_F_DST_REG_STACK, INSN_F_SRC_REG_STACK, INSN_F_STACK_ACCESS } from './trace.js';

/** Windows below this hold frame stacks (frame = window >> 1). */
const NFRAMES = regionWindow(STACK_REGION_FIRST + MAX_CALL_FRAMES);

/**
 * Run from `entry` until the frame at depth `base` exits (or a helper asks to stop).
 * Returns the pc of the final exit. Uses and updates m.left (the budget) and m.pc.
 */
export function exec(m: Machine, entry: number, base: number): number {
  const p = m.program;
  const code = p.code;
  const dst = p.dst;
  const src = p.src;
  const off = p.off;
  const imm = p.imm;
  const r = m.regs;
  const r64 = m.r64;
  const rs64 = m.rs64;
  const mem = m.mem;
  const lim = mem.limit;
  const wlim = mem.wlimit;
  const views = mem.views;
  const nslots = mem.count;
  const tr = m.trace;
  let pc = entry;
  let left = m.left;
  let tk = false;
  try {
    for (;;) {
      if (--left < 0) throw budgetError(pc);
      switch (code[pc]) {
        // ---------------------------------------------------------------- ALU64
        case 0x07: { // rD += imm
          const d = dst[pc]! << 1, i = imm[pc]!;
          const x = (r[d]! >>> 0) + (i >>> 0);
          r[d + 1] = (r[d + 1]! + (i >> 31) + (x > 0xffffffff ? 1 : 0)) | 0;
          r[d] = x | 0;
          pc++; continue;
        }
        case 0x0f: { // rD += rS
          const d = dst[pc]! << 1, s = src[pc]! << 1;
          const x = (r[d]! >>> 0) + (r[s]! >>> 0);
          r[d + 1] = (r[d + 1]! + r[s + 1]! + (x > 0xffffffff ? 1 : 0)) | 0;
          r[d] = x | 0;
          pc++; continue;
        }
        case 0x17: { // rD -= imm
          const d = dst[pc]! << 1, i = imm[pc]!;
          const a = r[d]! >>> 0, b = i >>> 0;
          r[d + 1] = (r[d + 1]! - (i >> 31) - (a < b ? 1 : 0)) | 0;
          r[d] = (a - b) | 0;
          pc++; continue;
        }
        case 0x1f: { // rD -= rS
          const d = dst[pc]! << 1, s = src[pc]! << 1;
          const a = r[d]! >>> 0, b = r[s]! >>> 0;
          r[d + 1] = (r[d + 1]! - r[s + 1]! - (a < b ? 1 : 0)) | 0;
          r[d] = (a - b) | 0;
          pc++; continue;
        }
        case 0x27: { const i = imm[pc]!; mul64(r, dst[pc]! << 1, i, i >> 31); pc++; continue; }
        case 0x2f: { const s = src[pc]! << 1; mul64(r, dst[pc]! << 1, r[s]!, r[s + 1]!); pc++; continue; }
        case 0x37: { const i = imm[pc]!; divmod64(r, r64, rs64, dst[pc]!, i, i >> 31, off[pc] === 1, false); pc++; continue; }
        case 0x3f: { const s = src[pc]! << 1; divmod64(r, r64, rs64, dst[pc]!, r[s]!, r[s + 1]!, off[pc] === 1, false); pc++; continue; }
        case 0x97: { const i = imm[pc]!; divmod64(r, r64, rs64, dst[pc]!, i, i >> 31, off[pc] === 1, true); pc++; continue; }
        case 0x9f: { const s = src[pc]! << 1; divmod64(r, r64, rs64, dst[pc]!, r[s]!, r[s + 1]!, off[pc] === 1, true); pc++; continue; }
        case 0x47: { const d = dst[pc]! << 1, i = imm[pc]!; r[d] = r[d]! | i; r[d + 1] = r[d + 1]! | (i >> 31); pc++; continue; }
        case 0x4f: { const d = dst[pc]! << 1, s = src[pc]! << 1; r[d] = r[d]! | r[s]!; r[d + 1] = r[d + 1]! | r[s + 1]!; pc++; continue; }
        case 0x57: { const d = dst[pc]! << 1, i = imm[pc]!; r[d] = r[d]! & i; r[d + 1] = r[d + 1]! & (i >> 31); pc++; continue; }
        case 0x5f: { const d = dst[pc]! << 1, s = src[pc]! << 1; r[d] = r[d]! & r[s]!; r[d + 1] = r[d + 1]! & r[s + 1]!; pc++; continue; }
        case 0xa7: { const d = dst[pc]! << 1, i = imm[pc]!; r[d] = r[d]! ^ i; r[d + 1] = r[d + 1]! ^ (i >> 31); pc++; continue; }
        case 0xaf: { const d = dst[pc]! << 1, s = src[pc]! << 1; r[d] = r[d]! ^ r[s]!; r[d + 1] = r[d + 1]! ^ r[s + 1]!; pc++; continue; }
        case 0x67: { // rD <<= imm & 63
          const d = dst[pc]! << 1, n = imm[pc]! & 63;
          if (n >= 32) { r[d + 1] = r[d]! << (n - 32); r[d] = 0; } else if (n !== 0) { r[d + 1] = (r[d + 1]! << n) | (r[d]! >>> (32 - n)); r[d] = r[d]! << n; }
          pc++; continue;
        }
        case 0x6f: shl64(r, dst[pc]! << 1, r[src[pc]! << 1]! & 63); pc++; continue;
        case 0x77: { // rD >>= imm & 63
          const d = dst[pc]! << 1, n = imm[pc]! & 63;
          if (n >= 32) { r[d] = r[d + 1]! >>> (n - 32); r[d + 1] = 0; } else if (n !== 0) { r[d] = (r[d]! >>> n) | (r[d + 1]! << (32 - n)); r[d + 1] = r[d + 1]! >>> n; }
          pc++; continue;
        }
        case 0x7f: shr64(r, dst[pc]! << 1, r[src[pc]! << 1]! & 63); pc++; continue;
        case 0xc7: sar64(r, dst[pc]! << 1, imm[pc]! & 63); pc++; continue;
        case 0xcf: sar64(r, dst[pc]! << 1, r[src[pc]! << 1]! & 63); pc++; continue;
        case 0x87: { // rD = -rD
          const d = dst[pc]! << 1, lo = r[d]!;
          r[d + 1] = (~r[d + 1]! + (lo === 0 ? 1 : 0)) | 0;
          r[d] = -lo | 0;
          pc++; continue;
        }
        case 0xb7: { const d = dst[pc]! << 1, i = imm[pc]!; r[d] = i; r[d + 1] = i >> 31; pc++; continue; }
        case 0xbf: { // rD = rS, movsx, addr_space_cast
          const d = dst[pc]! << 1, s = src[pc]! << 1;
          switch (off[pc]) {
            case 0: r[d] = r[s]!; r[d + 1] = r[s + 1]!; break;
            case 8: { const v = (r[s]! << 24) >> 24; r[d] = v; r[d + 1] = v >> 31; break; }
            case 16: { const v = (r[s]! << 16) >> 16; r[d] = v; r[d + 1] = v >> 31; break; }
            case 32: { const v = r[s]!; r[d] = v; r[d + 1] = v >> 31; break; }
            default: throw unsupported(pc, 'addr_space_cast (arena pointers) is not supported by the interpreter');
          }
          pc++; continue;
        }
        case 0xd7: { // bswap16/32/64
          const d = dst[pc]! << 1;
          switch (imm[pc]) {
            case 16: r[d] = ((r[d]! & 0xff) << 8) | ((r[d]! >>> 8) & 0xff); r[d + 1] = 0; break;
            case 32: r[d] = bswap32(r[d]!); r[d + 1] = 0; break;
            default: { const lo = r[d]!; r[d] = bswap32(r[d + 1]!); r[d + 1] = bswap32(lo); }
          }
          pc++; continue;
        }
        // ---------------------------------------------------------------- ALU (32-bit, zero-extending)
        case 0x04: { const d = dst[pc]! << 1; r[d] = (r[d]! + imm[pc]!) | 0; r[d + 1] = 0; pc++; continue; }
        case 0x0c: { const d = dst[pc]! << 1; r[d] = (r[d]! + r[src[pc]! << 1]!) | 0; r[d + 1] = 0; pc++; continue; }
        case 0x14: { const d = dst[pc]! << 1; r[d] = (r[d]! - imm[pc]!) | 0; r[d + 1] = 0; pc++; continue; }
        case 0x1c: { const d = dst[pc]! << 1; r[d] = (r[d]! - r[src[pc]! << 1]!) | 0; r[d + 1] = 0; pc++; continue; }
        case 0x24: { const d = dst[pc]! << 1; r[d] = Math.imul(r[d]!, imm[pc]!); r[d + 1] = 0; pc++; continue; }
        case 0x2c: { const d = dst[pc]! << 1; r[d] = Math.imul(r[d]!, r[src[pc]! << 1]!); r[d + 1] = 0; pc++; continue; }
        case 0x34: divmod32(r, dst[pc]! << 1, imm[pc]!, off[pc] === 1, false); pc++; continue;
        case 0x3c: divmod32(r, dst[pc]! << 1, r[src[pc]! << 1]!, off[pc] === 1, false); pc++; continue;
        case 0x94: divmod32(r, dst[pc]! << 1, imm[pc]!, off[pc] === 1, true); pc++; continue;
        case 0x9c: divmod32(r, dst[pc]! << 1, r[src[pc]! << 1]!, off[pc] === 1, true); pc++; continue;
        case 0x44: { const d = dst[pc]! << 1; r[d] = r[d]! | imm[pc]!; r[d + 1] = 0; pc++; continue; }
        case 0x4c: { const d = dst[pc]! << 1; r[d] = r[d]! | r[src[pc]! << 1]!; r[d + 1] = 0; pc++; continue; }
        case 0x54: { const d = dst[pc]! << 1; r[d] = r[d]! & imm[pc]!; r[d + 1] = 0; pc++; continue; }
        case 0x5c: { const d = dst[pc]! << 1; r[d] = r[d]! & r[src[pc]! << 1]!; r[d + 1] = 0; pc++; continue; }
        case 0xa4: { const d = dst[pc]! << 1; r[d] = r[d]! ^ imm[pc]!; r[d + 1] = 0; pc++; continue; }
        case 0xac: { const d = dst[pc]! << 1; r[d] = r[d]! ^ r[src[pc]! << 1]!; r[d + 1] = 0; pc++; continue; }
        case 0x64: { const d = dst[pc]! << 1; r[d] = r[d]! << (imm[pc]! & 31); r[d + 1] = 0; pc++; continue; }
        case 0x6c: { const d = dst[pc]! << 1; r[d] = r[d]! << (r[src[pc]! << 1]! & 31); r[d + 1] = 0; pc++; continue; }
        case 0x74: { const d = dst[pc]! << 1; r[d] = r[d]! >>> (imm[pc]! & 31); r[d + 1] = 0; pc++; continue; }
        case 0x7c: { const d = dst[pc]! << 1; r[d] = r[d]! >>> (r[src[pc]! << 1]! & 31); r[d + 1] = 0; pc++; continue; }
        case 0xc4: { const d = dst[pc]! << 1; r[d] = r[d]! >> (imm[pc]! & 31); r[d + 1] = 0; pc++; continue; }
        case 0xcc: { const d = dst[pc]! << 1; r[d] = r[d]! >> (r[src[pc]! << 1]! & 31); r[d + 1] = 0; pc++; continue; }
        case 0x84: { const d = dst[pc]! << 1; r[d] = -r[d]! | 0; r[d + 1] = 0; pc++; continue; }
        case 0xb4: { const d = dst[pc]! << 1; r[d] = imm[pc]!; r[d + 1] = 0; pc++; continue; }
        case 0xbc: { // wD = wS, movsx 8/16
          const d = dst[pc]! << 1, v = r[src[pc]! << 1]!, o = off[pc]!;
          r[d] = o === 8 ? (v << 24) >> 24 : o === 16 ? (v << 16) >> 16 : v;
          r[d + 1] = 0;
          pc++; continue;
        }
        case 0xd4: { // le16/32/64 (little-endian host: truncate)
          const d = dst[pc]! << 1, w = imm[pc]!;
          if (w === 16) { r[d] = r[d]! & 0xffff; r[d + 1] = 0; } else if (w === 32) r[d + 1] = 0;
          pc++; continue;
        }
        case 0xdc: { // be16/32/64
          const d = dst[pc]! << 1, w = imm[pc]!;
          if (w === 16) { r[d] = ((r[d]! & 0xff) << 8) | ((r[d]! >>> 8) & 0xff); r[d + 1] = 0; }
          else if (w === 32) { r[d] = bswap32(r[d]!); r[d + 1] = 0; }
          else { const lo = r[d]!; r[d] = bswap32(r[d + 1]!); r[d + 1] = bswap32(lo); }
          pc++; continue;
        }
        // ---------------------------------------------------------------- LDX
        case 0x61: { // rD = *(u32 *)(rS + off)
          const lo = effectiveAddress(r, src[pc]! << 1, off[pc]!), slot = EA.slot;
          if (lo < 0 || slot >= nslots || lo > lim[slot]! - 4) throw memFault(m, 'read', src[pc]! << 1, pc, 4);
          const d = dst[pc]! << 1;
          r[d] = views[slot]!.getInt32(lo, true); r[d + 1] = 0;
          if (tr !== null && slot < NFRAMES) stackNote(m, pc, slot, lo);
          pc++; continue;
        }
        case 0x69: {
          const lo = effectiveAddress(r, src[pc]! << 1, off[pc]!), slot = EA.slot;
          if (lo < 0 || slot >= nslots || lo > lim[slot]! - 2) throw memFault(m, 'read', src[pc]! << 1, pc, 2);
          const d = dst[pc]! << 1;
          r[d] = views[slot]!.getUint16(lo, true); r[d + 1] = 0;
          if (tr !== null && slot < NFRAMES) stackNote(m, pc, slot, lo);
          pc++; continue;
        }
        case 0x71: {
          const lo = effectiveAddress(r, src[pc]! << 1, off[pc]!), slot = EA.slot;
          if (lo < 0 || slot >= nslots || lo > lim[slot]! - 1) throw memFault(m, 'read', src[pc]! << 1, pc, 1);
          const d = dst[pc]! << 1;
          r[d] = views[slot]!.getUint8(lo); r[d + 1] = 0;
          if (tr !== null && slot < NFRAMES) stackNote(m, pc, slot, lo);
          pc++; continue;
        }
        case 0x79: {
          const sr = src[pc]!;
          if (sr === 11) { stackArgLoad(m, pc, dst[pc]!, off[pc]!); pc++; continue; }
          const lo = effectiveAddress(r, sr << 1, off[pc]!), slot = EA.slot;
          if (lo < 0 || slot >= nslots || lo > lim[slot]! - 8) throw memFault(m, 'read', sr << 1, pc, 8);
          const d = dst[pc]! << 1, v = views[slot]!;
          r[d] = v.getInt32(lo, true); r[d + 1] = v.getInt32(lo + 4, true);
          if (tr !== null && slot < NFRAMES) stackNote(m, pc, slot, lo);
          pc++; continue;
        }
        case 0x81: { // rD = *(s32 *)(rS + off)
          const lo = effectiveAddress(r, src[pc]! << 1, off[pc]!), slot = EA.slot;
          if (lo < 0 || slot >= nslots || lo > lim[slot]! - 4) throw memFault(m, 'read', src[pc]! << 1, pc, 4);
          const d = dst[pc]! << 1, v = views[slot]!.getInt32(lo, true);
          r[d] = v; r[d + 1] = v >> 31;
          if (tr !== null && slot < NFRAMES) stackNote(m, pc, slot, lo);
          pc++; continue;
        }
        case 0x89: {
          const lo = effectiveAddress(r, src[pc]! << 1, off[pc]!), slot = EA.slot;
          if (lo < 0 || slot >= nslots || lo > lim[slot]! - 2) throw memFault(m, 'read', src[pc]! << 1, pc, 2);
          const d = dst[pc]! << 1, v = views[slot]!.getInt16(lo, true);
          r[d] = v; r[d + 1] = v >> 31;
          if (tr !== null && slot < NFRAMES) stackNote(m, pc, slot, lo);
          pc++; continue;
        }
        case 0x91: {
          const lo = effectiveAddress(r, src[pc]! << 1, off[pc]!), slot = EA.slot;
          if (lo < 0 || slot >= nslots || lo > lim[slot]! - 1) throw memFault(m, 'read', src[pc]! << 1, pc, 1);
          const d = dst[pc]! << 1, v = views[slot]!.getInt8(lo);
          r[d] = v; r[d + 1] = v >> 31;
          if (tr !== null && slot < NFRAMES) stackNote(m, pc, slot, lo);
          pc++; continue;
        }
        // ---------------------------------------------------------------- STX / ST
        case 0x63: {
          const lo = effectiveAddress(r, dst[pc]! << 1, off[pc]!), slot = EA.slot;
          if (lo < 0 || slot >= nslots || lo > wlim[slot]! - 4) throw memFault(m, 'write', dst[pc]! << 1, pc, 4);
          views[slot]!.setInt32(lo, r[src[pc]! << 1]!, true);
          if (tr !== null && slot < NFRAMES) stackNote(m, pc, slot, lo);
          pc++; continue;
        }
        case 0x6b: {
          const lo = effectiveAddress(r, dst[pc]! << 1, off[pc]!), slot = EA.slot;
          if (lo < 0 || slot >= nslots || lo > wlim[slot]! - 2) throw memFault(m, 'write', dst[pc]! << 1, pc, 2);
          views[slot]!.setInt16(lo, r[src[pc]! << 1]!, true);
          if (tr !== null && slot < NFRAMES) stackNote(m, pc, slot, lo);
          pc++; continue;
        }
        case 0x73: {
          const lo = effectiveAddress(r, dst[pc]! << 1, off[pc]!), slot = EA.slot;
          if (lo < 0 || slot >= nslots || lo > wlim[slot]! - 1) throw memFault(m, 'write', dst[pc]! << 1, pc, 1);
          views[slot]!.setInt8(lo, r[src[pc]! << 1]!);
          if (tr !== null && slot < NFRAMES) stackNote(m, pc, slot, lo);
          pc++; continue;
        }
        case 0x7b: {
          const dr = dst[pc]!, s = src[pc]! << 1;
          if (dr === 11) { stackArgStore(m, pc, off[pc]!, r[s]!, r[s + 1]!); pc++; continue; }
          const lo = effectiveAddress(r, dr << 1, off[pc]!), slot = EA.slot;
          if (lo < 0 || slot >= nslots || lo > wlim[slot]! - 8) throw memFault(m, 'write', dr << 1, pc, 8);
          const v = views[slot]!;
          v.setInt32(lo, r[s]!, true); v.setInt32(lo + 4, r[s + 1]!, true);
          if (tr !== null && slot < NFRAMES) stackNote(m, pc, slot, lo);
          pc++; continue;
        }
        case 0x62: {
          const lo = effectiveAddress(r, dst[pc]! << 1, off[pc]!), slot = EA.slot;
          if (lo < 0 || slot >= nslots || lo > wlim[slot]! - 4) throw memFault(m, 'write', dst[pc]! << 1, pc, 4);
          views[slot]!.setInt32(lo, imm[pc]!, true);
          if (tr !== null && slot < NFRAMES) stackNote(m, pc, slot, lo);
          pc++; continue;
        }
        case 0x6a: {
          const lo = effectiveAddress(r, dst[pc]! << 1, off[pc]!), slot = EA.slot;
          if (lo < 0 || slot >= nslots || lo > wlim[slot]! - 2) throw memFault(m, 'write', dst[pc]! << 1, pc, 2);
          views[slot]!.setInt16(lo, imm[pc]!, true);
          if (tr !== null && slot < NFRAMES) stackNote(m, pc, slot, lo);
          pc++; continue;
        }
        case 0x72: {
          const lo = effectiveAddress(r, dst[pc]! << 1, off[pc]!), slot = EA.slot;
          if (lo < 0 || slot >= nslots || lo > wlim[slot]! - 1) throw memFault(m, 'write', dst[pc]! << 1, pc, 1);
          views[slot]!.setInt8(lo, imm[pc]!);
          if (tr !== null && slot < NFRAMES) stackNote(m, pc, slot, lo);
          pc++; continue;
        }
        case 0x7a: {
          const dr = dst[pc]!, i = imm[pc]!;
          if (dr === 11) { stackArgStore(m, pc, off[pc]!, i, i >> 31); pc++; continue; }
          const lo = effectiveAddress(r, dr << 1, off[pc]!), slot = EA.slot;
          if (lo < 0 || slot >= nslots || lo > wlim[slot]! - 8) throw memFault(m, 'write', dr << 1, pc, 8);
          const v = views[slot]!;
          v.setInt32(lo, i, true); v.setInt32(lo + 4, i >> 31, true);
          if (tr !== null && slot < NFRAMES) stackNote(m, pc, slot, lo);
          pc++; continue;
        }
        case 0xc3: case 0xdb: case 0xcb: case 0xd3: atomic(m, pc); pc++; continue;
        // ---------------------------------------------------------------- LD
        case 0x18: {
          const k = src[pc]!;
          if (k === 0) { const d = dst[pc]! << 1; r[d] = imm[pc]!; r[d + 1] = imm[pc + 1]!; } else ldImm64Pseudo(m, pc, k);
          pc += 2; continue;
        }
        case 0x20: case 0x28: case 0x30: case 0x40: case 0x48: case 0x50:
          if (ldAbs(m, pc)) { pc++; continue; }
          // Out of the packet: `r0 = 0; exit` in the current function.
          if (m.depth === base) return pc;
          pc = returnFromCall(m, pc);
          continue;
        // ---------------------------------------------------------------- JMP: unconditional, calls, exit
        case 0x05: { const t = pc + off[pc]! + 1; if (tr !== null) tr.arrive(pc, t, m.depth); pc = t; continue; }
        case 0x06: { const t = pc + imm[pc]! + 1; if (tr !== null) tr.arrive(pc, t, m.depth); pc = t; continue; }
        case 0xe5: { // may_goto: taken once the frame's counter is exhausted
          const f = m.depth;
          if (m.mayGoto[f]! > 0) { m.mayGoto[f] = m.mayGoto[f]! - 1; pc++; continue; }
          const t = pc + off[pc]! + 1;
          if (tr !== null) tr.arrive(pc, t, f);
          pc = t; continue;
        }
        case 0x85: {
          const k = src[pc]!;
          if (k === 1) { pc = callLocal(m, pc, pc + imm[pc]! + 1); continue; }
          m.left = left;
          const stop = callExtern(m, pc, k, imm[pc]!);
          left = m.left;
          if (stop) return pc;
          pc++; continue;
        }
        case 0x8d: { // callx rD: code pointer -> bpf-to-bpf call; small integer -> helper id
          const d = dst[pc]! << 1, lo = r[d]!, hi = r[d + 1]!;
          if (hi === CODE_HI && lo >= 0 && lo < p.length && p.funcAt(lo) !== undefined) { pc = callLocal(m, pc, lo); continue; }
          if (hi !== 0 || lo < 0)
            throw new BpfError('CALLX_TARGET', `callx target ${formatAddress(hi, lo)} is neither a function pointer nor a helper id`, { insn: pc, pass: 'interp', errno: 'EINVAL' });
          m.left = left;
          const stop = callExtern(m, pc, 0, lo);
          left = m.left;
          if (stop) return pc;
          pc++; continue;
        }
        case 0x95:
          if (m.depth === base) return pc;
          pc = returnFromCall(m, pc);
          continue;
        // ---------------------------------------------------------------- JMP (64-bit compare)
        case 0x15: { const d = dst[pc]! << 1, i = imm[pc]!; tk = r[d] === i && r[d + 1] === i >> 31; break; }
        case 0x1d: { const d = dst[pc]! << 1, s = src[pc]! << 1; tk = r[d] === r[s] && r[d + 1] === r[s + 1]; break; }
        case 0x55: { const d = dst[pc]! << 1, i = imm[pc]!; tk = r[d] !== i || r[d + 1] !== i >> 31; break; }
        case 0x5d: { const d = dst[pc]! << 1, s = src[pc]! << 1; tk = r[d] !== r[s] || r[d + 1] !== r[s + 1]; break; }
        case 0x45: { const d = dst[pc]! << 1, i = imm[pc]!; tk = (r[d]! & i) !== 0 || (r[d + 1]! & (i >> 31)) !== 0; break; }
        case 0x4d: { const d = dst[pc]! << 1, s = src[pc]! << 1; tk = (r[d]! & r[s]!) !== 0 || (r[d + 1]! & r[s + 1]!) !== 0; break; }
        case 0x25: { const d = dst[pc]! << 1, i = imm[pc]!; const ah = r[d + 1]! >>> 0, bh = (i >> 31) >>> 0; tk = ah > bh || (ah === bh && r[d]! >>> 0 > i >>> 0); break; }
        case 0x2d: { const d = dst[pc]! << 1, s = src[pc]! << 1; const ah = r[d + 1]! >>> 0, bh = r[s + 1]! >>> 0; tk = ah > bh || (ah === bh && r[d]! >>> 0 > r[s]! >>> 0); break; }
        case 0x35: { const d = dst[pc]! << 1, i = imm[pc]!; const ah = r[d + 1]! >>> 0, bh = (i >> 31) >>> 0; tk = ah > bh || (ah === bh && r[d]! >>> 0 >= i >>> 0); break; }
        case 0x3d: { const d = dst[pc]! << 1, s = src[pc]! << 1; const ah = r[d + 1]! >>> 0, bh = r[s + 1]! >>> 0; tk = ah > bh || (ah === bh && r[d]! >>> 0 >= r[s]! >>> 0); break; }
        case 0xa5: { const d = dst[pc]! << 1, i = imm[pc]!; const ah = r[d + 1]! >>> 0, bh = (i >> 31) >>> 0; tk = ah < bh || (ah === bh && r[d]! >>> 0 < i >>> 0); break; }
        case 0xad: { const d = dst[pc]! << 1, s = src[pc]! << 1; const ah = r[d + 1]! >>> 0, bh = r[s + 1]! >>> 0; tk = ah < bh || (ah === bh && r[d]! >>> 0 < r[s]! >>> 0); break; }
        case 0xb5: { const d = dst[pc]! << 1, i = imm[pc]!; const ah = r[d + 1]! >>> 0, bh = (i >> 31) >>> 0; tk = ah < bh || (ah === bh && r[d]! >>> 0 <= i >>> 0); break; }
        case 0xbd: { const d = dst[pc]! << 1, s = src[pc]! << 1; const ah = r[d + 1]! >>> 0, bh = r[s + 1]! >>> 0; tk = ah < bh || (ah === bh && r[d]! >>> 0 <= r[s]! >>> 0); break; }
        case 0x65: { const d = dst[pc]! << 1, i = imm[pc]!; const ah = r[d + 1]!, bh = i >> 31; tk = ah > bh || (ah === bh && r[d]! >>> 0 > i >>> 0); break; }
        case 0x6d: { const d = dst[pc]! << 1, s = src[pc]! << 1; const ah = r[d + 1]!, bh = r[s + 1]!; tk = ah > bh || (ah === bh && r[d]! >>> 0 > r[s]! >>> 0); break; }
        case 0x75: { const d = dst[pc]! << 1, i = imm[pc]!; const ah = r[d + 1]!, bh = i >> 31; tk = ah > bh || (ah === bh && r[d]! >>> 0 >= i >>> 0); break; }
        case 0x7d: { const d = dst[pc]! << 1, s = src[pc]! << 1; const ah = r[d + 1]!, bh = r[s + 1]!; tk = ah > bh || (ah === bh && r[d]! >>> 0 >= r[s]! >>> 0); break; }
        case 0xc5: { const d = dst[pc]! << 1, i = imm[pc]!; const ah = r[d + 1]!, bh = i >> 31; tk = ah < bh || (ah === bh && r[d]! >>> 0 < i >>> 0); break; }
        case 0xcd: { const d = dst[pc]! << 1, s = src[pc]! << 1; const ah = r[d + 1]!, bh = r[s + 1]!; tk = ah < bh || (ah === bh && r[d]! >>> 0 < r[s]! >>> 0); break; }
        case 0xd5: { const d = dst[pc]! << 1, i = imm[pc]!; const ah = r[d + 1]!, bh = i >> 31; tk = ah < bh || (ah === bh && r[d]! >>> 0 <= i >>> 0); break; }
        case 0xdd: { const d = dst[pc]! << 1, s = src[pc]! << 1; const ah = r[d + 1]!, bh = r[s + 1]!; tk = ah < bh || (ah === bh && r[d]! >>> 0 <= r[s]! >>> 0); break; }
        // ---------------------------------------------------------------- JMP32 (low words)
        case 0x16: tk = r[dst[pc]! << 1] === imm[pc]; break;
        case 0x1e: tk = r[dst[pc]! << 1] === r[src[pc]! << 1]; break;
        case 0x56: tk = r[dst[pc]! << 1] !== imm[pc]; break;
        case 0x5e: tk = r[dst[pc]! << 1] !== r[src[pc]! << 1]; break;
        case 0x46: tk = (r[dst[pc]! << 1]! & imm[pc]!) !== 0; break;
        case 0x4e: tk = (r[dst[pc]! << 1]! & r[src[pc]! << 1]!) !== 0; break;
        case 0x26: tk = r[dst[pc]! << 1]! >>> 0 > imm[pc]! >>> 0; break;
        case 0x2e: tk = r[dst[pc]! << 1]! >>> 0 > r[src[pc]! << 1]! >>> 0; break;
        case 0x36: tk = r[dst[pc]! << 1]! >>> 0 >= imm[pc]! >>> 0; break;
        case 0x3e: tk = r[dst[pc]! << 1]! >>> 0 >= r[src[pc]! << 1]! >>> 0; break;
        case 0xa6: tk = r[dst[pc]! << 1]! >>> 0 < imm[pc]! >>> 0; break;
        case 0xae: tk = r[dst[pc]! << 1]! >>> 0 < r[src[pc]! << 1]! >>> 0; break;
        case 0xb6: tk = r[dst[pc]! << 1]! >>> 0 <= imm[pc]! >>> 0; break;
        case 0xbe: tk = r[dst[pc]! << 1]! >>> 0 <= r[src[pc]! << 1]! >>> 0; break;
        case 0x66: tk = r[dst[pc]! << 1]! > imm[pc]!; break;
        case 0x6e: tk = r[dst[pc]! << 1]! > r[src[pc]! << 1]!; break;
        case 0x76: tk = r[dst[pc]! << 1]! >= imm[pc]!; break;
        case 0x7e: tk = r[dst[pc]! << 1]! >= r[src[pc]! << 1]!; break;
        case 0xc6: tk = r[dst[pc]! << 1]! < imm[pc]!; break;
        case 0xce: tk = r[dst[pc]! << 1]! < r[src[pc]! << 1]!; break;
        case 0xd6: tk = r[dst[pc]! << 1]! <= imm[pc]!; break;
        case 0xde: tk = r[dst[pc]! << 1]! <= r[src[pc]! << 1]!; break;
        default:
          if (pc >= p.length) left++; // running off the end executes nothing
          throw badInsn(m, pc);
      }
      // Conditional jump tail.
      if (tr !== null) traceCond(m, pc, tk);
      pc += tk ? off[pc]! + 1 : 1;
    }
  } finally {
    m.pc = pc;
    m.left = left;
  }
}

/** The fault for an access of `size` bytes through register r[reg2 / 2] + off at `pc`. */
function memFault(m: Machine, kind: 'read' | 'write', reg2: number, pc: number, size: number): BpfError {
  return m.mem.fault(kind, exactAddress(m.r64, reg2 >> 1, m.program.off[pc]!), size, pc);
}

function budgetError(pc: number): BpfError {
  return new BpfError('BUDGET', `instruction budget exhausted at insn ${pc}`, { insn: pc, pass: 'interp', errno: 'E2BIG' });
}

function unsupported(pc: number, what: string): BpfError {
  return new BpfError('UNSUPPORTED', what, { insn: pc, pass: 'interp', errno: 'EOPNOTSUPP' });
}

function badInsn(m: Machine, pc: number): BpfError {
  const p = m.program;
  if (pc >= p.length) return new BpfError('FELL_OFF', `execution ran past the last instruction (${p.length - 1})`, { insn: pc, pass: 'interp' });
  const c = p.code[pc]!;
  if (c === 0x0d) return unsupported(pc, 'gotox (indirect jump through a jump table) is not supported by the interpreter');
  return new BpfError('UNKNOWN_OPCODE', `unknown opcode ${c.toString(16).padStart(2, '0')}`, { insn: pc, pass: 'interp', errno: 'EINVAL' });
}

/** Trace a stack access (spill/fill) in window `win` (a frame's stack) at region offset `lo`. */
function stackNote(m: Machine, pc: number, win: number, lo: number): void {
  m.trace!.note(pc, m.depth, INSN_F_STACK_ACCESS, (STACK_SIZE - 1 - lo) >> 3, (win >> 1) - STACK_REGION_FIRST);
}

/** Is the register a pointer into a live frame's stack (PTR_TO_STACK)? */
function isStackPtr(m: Machine, reg: number): boolean {
  const win = (m.regs[2 * reg + 1]! - REGION_HI_BASE) >>> 0;
  return win < NFRAMES && (win & 1) === 0 && (win >> 1) - STACK_REGION_FIRST <= m.depth;
}

/** Trace a conditional jump: operand facts (INSN_F_*_REG_STACK) and the arrival if taken. */
function traceCond(m: Machine, pc: number, taken: boolean): void {
  const p = m.program;
  const tr = m.trace!;
  let flags = 0;
  if (isStackPtr(m, p.dst[pc]!)) flags |= INSN_F_DST_REG_STACK;
  if ((p.code[pc]! & 0x08) !== 0 && isStackPtr(m, p.src[pc]!)) flags |= INSN_F_SRC_REG_STACK;
  if (flags !== 0) tr.note(pc, m.depth, flags, -1, -1);
  if (taken) tr.arrive(pc, pc + p.off[pc]! + 1, m.depth);
}
