// The JIT listings (@bpfkit/jit-common's printJitListing, as `bpfkit jit` prints them) parsed
// into rows that know which BPF instruction they belong to, so the two listings can be
// linked to each other and to the program: `func #N:` and `; prologue` / `; epilogue` /
// `<stub>:` headers, `; N: (op) …` BPF instructions, and `offset:\tbytes  [Ln:]\tasm`
// machine lines (bytes padded to 36 columns, as the kernel selftests' jit_disasm_helpers).
import type { ListingRow, ListingView } from './protocol.js';

const MACHINE = /^([0-9a-f]+):\t([0-9a-f ]*?)\s*(L\d+:)?\t(.*)$/;
const BPF_INSN = /^; (\d+): (.*)$/;

export function parseListing(arch: string, text: string, slots: number, totalBytes: number): ListingView {
  const rows: ListingRow[] = [];
  const bytesPerInsn = new Int32Array(slots);
  let owner = -1;
  let insnRow = -1;
  let overhead = 0;
  const lines = text.split('\n');
  for (const line of lines) {
    if (line === '') continue;
    const m = MACHINE.exec(line);
    if (m) {
      const hex = m[2]!.trim();
      const n = hex === '' ? 0 : hex.split(' ').length;
      rows.push({ k: 'mc', insn: owner, off: m[1]!, hex, label: m[3] ?? '', asm: m[4]!, n });
      if (owner >= 0) bytesPerInsn[owner] += n;
      else overhead += n;
      continue;
    }
    const b = BPF_INSN.exec(line);
    if (b) {
      finish();
      owner = Number(b[1]);
      insnRow = rows.length;
      rows.push({ k: 'insn', insn: owner, text: b[2]!, bytes: 0 });
      continue;
    }
    finish();
    owner = -1;
    if (line.startsWith('func #')) rows.push({ k: 'func', text: line });
    else if (line.startsWith('; ')) rows.push({ k: 'note', text: line.slice(2) });
    else rows.push({ k: 'stub', text: line });
  }
  finish();
  return { arch, totalBytes, rows, bytesPerInsn, overheadBytes: overhead };

  function finish(): void {
    if (insnRow >= 0) {
      const r = rows[insnRow] as Extract<ListingRow, { k: 'insn' }>;
      rows[insnRow] = { ...r, bytes: bytesPerInsn[r.insn]! };
    }
    insnRow = -1;
  }
}
