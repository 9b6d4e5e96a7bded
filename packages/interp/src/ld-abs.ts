// Legacy packet loads BPF_LD | BPF_ABS / BPF_IND (B, H, W): R0 = the big-endian value at
// packet offset imm (ABS) or (s32)(src + imm) (IND). The packet is the input memory. As in
// the kernel's rewrite (bpf_gen_ld_abs(): bpf_skb_load_helper_*() then `if r0 s< 0 { w0 ^= w0;
// exit }`), an offset outside the packet ends the current function with R0 = 0 instead of
// faulting. The kernel also requires the context in R6; here the packet is always the input
// memory, whatever R6 holds.
import { MEM_REGION, regionWindow } from './layout.js';

const MEM_WINDOW = regionWindow(MEM_REGION);
import type { Machine } from './machine.js';

/** Execute LD_ABS/LD_IND at `pc`; returns false when the load is out of bounds (caller exits with R0 = 0). */
export function ldAbs(m: Machine, pc: number): boolean {
  const p = m.program;
  const c = p.code[pc]!;
  const size = (c & 0x18) === 0x10 ? 1 : (c & 0x18) === 0x08 ? 2 : 4;
  const indirect = (c & 0xe0) === 0x40;
  const off = indirect ? (m.regs[p.src[pc]! << 1]! + p.imm[pc]!) | 0 : p.imm[pc]!;
  const r = m.regs;
  r[1] = 0;
  if (off < 0 || off + size > m.mem.limit[MEM_WINDOW]!) {
    r[0] = 0;
    return false;
  }
  const v = m.mem.views[MEM_WINDOW]!;
  r[0] = size === 1 ? v.getUint8(off) : size === 2 ? v.getUint16(off, false) : v.getInt32(off, false);
  return true;
}
