// Program -> bytes: the exact inverse of decode() for every valid input (little-endian
// `code, dst|src<<4, off_le16, imm_le32` per slot; ld_imm64 second halves are ordinary slots).
import { BPF_INSN_SIZE, BpfError, type ProgramArrays } from '@bpfkit/ir';

export function encode(p: ProgramArrays): Uint8Array {
  const n = p.code.length;
  const out = new Uint8Array(n * BPF_INSN_SIZE);
  const w = new Int32Array(out.buffer);
  const LE = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
  for (let i = 0; i < n; i++) {
    const d = p.dst[i]!;
    const s = p.src[i]!;
    if (d > 15 || s > 15)
      throw new BpfError('INVALID_REGISTER', `R${d > 15 ? d : s} cannot be encoded in 4 bits`, { insn: i, pass: 'encoder' });
    const lo = p.code[i]! | (d << 8) | (s << 12) | (p.off[i]! << 16);
    if (LE) {
      w[2 * i] = lo;
      w[2 * i + 1] = p.imm[i]!;
    } else {
      const dv = new DataView(out.buffer);
      dv.setInt32(8 * i, lo, true);
      dv.setInt32(8 * i + 4, p.imm[i]!, true);
    }
  }
  return out;
}
