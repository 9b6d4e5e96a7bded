// Kernel verifier-log text helpers: the column where `;` and the register state start after
// an instruction, and how a known value prints. Mirrors vlog_alignment() of kernel/bpf/log.c
// (BPF_LOG_ALIGNMENT 40, BPF_LOG_MIN_ALIGNMENT 8; text-formats §2.1.3) and the verifier's
// verbose_snum() for constants (decimal inside the s16 range, `%#llx` otherwise).

const BPF_LOG_ALIGNMENT = 40;
const BPF_LOG_MIN_ALIGNMENT = 8;

/** vlog_alignment(pos): padding the kernel prints (`%*c`) after `pos` characters. */
export function vlogAlignment(pos: number): number {
  const want = Math.max(pos + BPF_LOG_MIN_ALIGNMENT / 2, BPF_LOG_ALIGNMENT);
  return Math.ceil(want / BPF_LOG_MIN_ALIGNMENT) * BPF_LOG_MIN_ALIGNMENT - pos - 1;
}

/**
 * `line` followed by the state, the way the verifier prints an instruction and the state
 * after it: the newline the kernel printed (so pos = length + 1) is replaced by padding up to
 * the alignment column, then `;` and the state text (which starts with a space).
 */
export function withState(line: string, state: string): string {
  return line + ' '.repeat(vlogAlignment(line.length + 1)) + ';' + state;
}

/** A 64-bit constant (unsigned lo/hi halves) as verbose_snum() prints it. */
export function formatConst(lo: number, hi: number): string {
  const v = BigInt.asIntN(64, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
  if (v >= -32768n && v <= 32767n) return v.toString();
  return '0x' + BigInt.asUintN(64, v).toString(16);
}

/** A 64-bit offset as a signed decimal with an explicit sign: `+16`, `-8`. */
export function formatOffset(lo: number, hi: number): string {
  const v = BigInt.asIntN(64, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
  return v < 0n ? v.toString() : `+${v}`;
}
