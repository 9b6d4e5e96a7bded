// BPF_STX | BPF_ATOMIC: add/or/and/xor with and without BPF_FETCH, xchg, cmpxchg (W and DW),
// load-acquire and store-release (B, H, W, DW). Natural alignment is required (the verifier's
// check_atomic() / "misaligned access" rule; the JITs emit `lock`-prefixed or ldaxr/stlxr
// instructions that fault or are not atomic otherwise). A single-threaded interpreter makes
// every operation trivially atomic; acquire/release order nothing. 32-bit fetches
// zero-extend into the register, cmpxchg compares R0's low 32 bits for W. Mirrors
// ___bpf_prog_run()'s STX_ATOMIC_W/DW cases.
import {
  BPF_ADD, BPF_AND, BPF_CMPXCHG, BPF_FETCH, BPF_LOAD_ACQ, BPF_OR, BPF_STORE_REL, BPF_XCHG, BPF_XOR, BpfError, MAX_CALL_FRAMES,
} from '@bpfkit/ir';
import { EA, effectiveAddress, exactAddress } from './address.js';
import { STACK_REGION_FIRST, STACK_SIZE, regionWindow } from './layout.js';
import type { Machine } from './machine.js';
import { INSN_F_STACK_ACCESS } from './trace.js';

/** Execute the atomic instruction at `pc`. */
export function atomic(m: Machine, pc: number): void {
  const p = m.program;
  const c = p.code[pc]!;
  const size = c === 0xdb ? 8 : c === 0xc3 ? 4 : c === 0xcb ? 2 : 1;
  const op = p.imm[pc]!;
  const r = m.regs;
  const dR = p.dst[pc]! << 1;
  const sR = p.src[pc]! << 1;
  const isLoad = op === BPF_LOAD_ACQ;
  const isStore = op === BPF_STORE_REL;
  const mem = m.mem;
  const base = isLoad ? sR : dR;
  const lo = effectiveAddress(r, base, p.off[pc]!);
  const slot = EA.slot;
  if (lo < 0 || slot >= mem.count || lo > (isLoad ? mem.limit : mem.wlimit)[slot]! - size)
    throw mem.fault(isLoad ? 'read' : isStore ? 'write' : 'atomic', exactAddress(m.r64, base >> 1, p.off[pc]!), size, pc);
  if ((lo & (size - 1)) !== 0)
    throw new BpfError('MISALIGNED', `misaligned ${size}-byte atomic access at 0x${exactAddress(m.r64, base >> 1, p.off[pc]!).toString(16).padStart(16, '0')}`, {
      insn: pc, pass: 'interp', errno: 'EACCES',
    });
  const v = mem.views[slot]!;
  if (isLoad) {
    r[dR] = size === 8 || size === 4 ? v.getInt32(lo, true) : size === 2 ? v.getUint16(lo, true) : v.getUint8(lo);
    r[dR + 1] = size === 8 ? v.getInt32(lo + 4, true) : 0;
  } else if (isStore) {
    if (size === 8) {
      v.setInt32(lo, r[sR]!, true);
      v.setInt32(lo + 4, r[sR + 1]!, true);
    } else if (size === 4) v.setInt32(lo, r[sR]!, true);
    else if (size === 2) v.setInt16(lo, r[sR]!, true);
    else v.setInt8(lo, r[sR]!);
  } else {
    const wide = size === 8;
    const olo = v.getInt32(lo, true);
    const ohi = wide ? v.getInt32(lo + 4, true) : 0;
    const slo = r[sR]!;
    const shi = wide ? r[sR + 1]! : 0;
    let nlo: number;
    let nhi: number;
    let store = true;
    switch (op) {
      case BPF_ADD:
      case BPF_ADD | BPF_FETCH: {
        const x = (olo >>> 0) + (slo >>> 0);
        nlo = x | 0;
        nhi = (ohi + shi + (x > 0xffffffff ? 1 : 0)) | 0;
        break;
      }
      case BPF_OR:
      case BPF_OR | BPF_FETCH: nlo = olo | slo; nhi = ohi | shi; break;
      case BPF_AND:
      case BPF_AND | BPF_FETCH: nlo = olo & slo; nhi = ohi & shi; break;
      case BPF_XOR:
      case BPF_XOR | BPF_FETCH: nlo = olo ^ slo; nhi = ohi ^ shi; break;
      case BPF_XCHG: nlo = slo; nhi = shi; break;
      case BPF_CMPXCHG:
        nlo = slo;
        nhi = shi;
        store = r[0] === olo && (!wide || r[1] === ohi);
        break;
      default:
        throw new BpfError('RESERVED_FIELD', `BPF_ATOMIC uses invalid atomic opcode ${op.toString(16)}`, { insn: pc, pass: 'interp' });
    }
    if (store) {
      v.setInt32(lo, nlo, true);
      if (wide) v.setInt32(lo + 4, nhi, true);
    }
    if (op === BPF_CMPXCHG) {
      r[0] = olo;
      r[1] = ohi;
    } else if ((op & BPF_FETCH) !== 0) {
      r[sR] = olo;
      r[sR + 1] = ohi;
    }
  }
  if (m.trace !== null && slot < regionWindow(STACK_REGION_FIRST + MAX_CALL_FRAMES))
    m.trace.note(pc, m.depth, INSN_F_STACK_ACCESS, (STACK_SIZE - 1 - lo) >> 3, (slot >> 1) - STACK_REGION_FIRST);
}
