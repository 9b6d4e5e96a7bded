// Effective-address arithmetic on the split register file in int32 only: base register
// (low, high words) plus a signed 16-bit offset. Regions are smaller than 2^31 - 2^16 bytes
// (layout.ts), so an access can only be valid when the low word of the sum, read as int32,
// is >= 0 — and then the carry into the high word is exactly "the base's low word had its
// top bit set" (x >> 31 = -1). Every sum this shortcut gets wrong has a negative low word or
// one above every region size, so it faults either way; the fault path recomputes the exact
// 64-bit address for the message. No BigInt, no doubles, no allocation. The kernel's
// counterpart is the verifier proving `reg->off + insn->off` in bounds ahead of time
// (check_mem_access()).
import { REGION_HI_BASE } from './layout.js';

/** Out-parameter of effectiveAddress(): the window (unsigned; >= window count means "none"). */
export const EA = { slot: 0 };

/** Offset inside the window of r[reg2] + off (negative: certainly invalid); sets EA.slot. */
export function effectiveAddress(r: Int32Array, reg2: number, off: number): number {
  const x = r[reg2]!;
  EA.slot = (r[reg2 + 1]! - (x >> 31) - REGION_HI_BASE) >>> 0;
  return (x + off) | 0;
}

/** The exact address r[reg] + off (for fault messages and the slow paths). */
export function exactAddress(r64: BigUint64Array, reg: number, off: number): bigint {
  return BigInt.asUintN(64, r64[reg]! + BigInt(off));
}
