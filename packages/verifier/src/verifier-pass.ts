// The `verifier` analysis pass: verify() with options from `set k=v` / CLI flags, printed as
// the verifier log followed by a verdict line — `verdict: accepted`, or
// `verdict: rejected at insn N (ERRNO)` after the kernel's message.
import { defineAnalysis } from '@bpfkit/ir';
import { verifierOptionsFrom } from './options.js';
import type { VerifierResult } from './verdict.js';
import { verify } from './verify.js';

export function formatVerdict(r: VerifierResult): string {
  const lines = [...r.log];
  if (r.ok) lines.push('verdict: accepted');
  else lines.push(`verdict: rejected at insn ${r.error!.insn}${r.error!.errno ? ` (${r.error!.errno})` : ''}`);
  return lines.join('\n') + '\n';
}

export const verifier = defineAnalysis<VerifierResult>({
  name: 'verifier',
  description:
    'checks without value tracking (jump/call ranges, reachability, back-edges, call depth, stack size) and every stack-argument rule, with the kernel\'s messages',
  run(ctx) {
    return verify(ctx.program, verifierOptionsFrom(ctx.options), (line) => ctx.log(line));
  },
  print: (r) => formatVerdict(r),
});
