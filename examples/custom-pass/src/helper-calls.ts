// A user-written analysis pass: which BPF helpers a program calls, how often and where.
// Shows the whole Pass API a custom pass needs — a name (its pipeline token), run() over the
// typed-array Program, print() in the kernel's naming (`bpf_map_lookup_elem#1`) — and keeps
// per-helper counts in a typed array, as bpfkit's own analyses do.
import { defineAnalysis, helperName, isHelperCall } from '@bpfkit/ir';

export interface HelperCalls {
  /** Calls per helper id (index = id). */
  readonly counts: Uint32Array;
  /** Instruction index of every helper call, in program order. */
  readonly sites: Int32Array;
}

export const helperCalls = defineAnalysis<HelperCalls>({
  name: 'helper-calls',
  description: 'count the BPF helper calls of a program, per helper',
  run({ program: p }) {
    const counts = new Uint32Array(256);
    const sites: number[] = [];
    for (let i = 0; i < p.length; i++) {
      if (!isHelperCall(p.code[i]!, p.src[i]!)) continue;
      const id = p.imm[i]!;
      if (id >= 0 && id < counts.length) counts[id]!++;
      sites.push(i);
    }
    return { counts, sites: Int32Array.from(sites) };
  },
  print({ counts, sites }) {
    const lines = [`helper calls: ${sites.length}`];
    counts.forEach((n, id) => n && lines.push(`  ${helperName(id) ?? 'helper'}#${id}: ${n}`));
    return lines.join('\n');
  },
});
