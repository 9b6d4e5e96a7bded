// fmt_reg_mask() and bpf_fmt_stack_mask(): the `regs=r0,r2` and `stack=-8,-16` parts of the
// mark_precise log lines — ascending register numbers, ascending slots printed as their frame
// offsets -(spi + 1) * 8, comma-separated, empty when nothing is requested.

export function fmtRegMask(mask: number): string {
  const out: string[] = [];
  for (let r = 0; r < 32; r++) if (mask & (1 << r)) out.push(`r${r}`);
  return out.join(',');
}

export function fmtStackMask(mask: bigint): string {
  const out: string[] = [];
  for (let i = 0; i < 64; i++) if ((mask >> BigInt(i)) & 1n) out.push(`${-(i + 1) * 8}`);
  return out.join(',');
}
