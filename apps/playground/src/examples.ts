// Example programs offered in the header and loadable from the URL (`#example=<id>`).

export interface Example {
  readonly id: string;
  readonly title: string;
  readonly format: 'kernel' | 'conformance' | 'hex';
  readonly text: string;
  readonly mem?: string;
  /** Instruction/register for the precision pane (null: the last executed instruction). */
  readonly precision?: { readonly insn: number | null; readonly reg: number };
}

// The repository's examples/twelve-args.s itself (Vite's ?raw import; jest maps it the same way).
import TWELVE_ARGS from '../../../examples/twelve-args.s?raw';

const FP_STACK_ARG = `; A frame pointer passed through a stack argument: main hands callee6 a pointer
; to its own stack slot fp0-8 as argument 6 (*(u64 *)(r11 -8)). Liveness's
; argument tracking follows it (sa0=fp0-8 at the call, r1=fp0-8 in the callee),
; so fp0-8 stays live at the call and the callee's read and write are charged to
; frame 0. The run returns what the callee stored: 7 + 35.
.func main, args=1
  *(u64 *)(r10 -8) = 35
  r1 = 1
  r2 = 2
  r3 = 3
  r4 = 4
  r5 = 5
  r6 = r10
  r6 += -8
  *(u64 *)(r11 -8) = r6
  call callee6
  r0 = *(u64 *)(r10 -8)
  exit

.func callee6, args=6
  r1 = *(u64 *)(r11 +8)
  r0 = *(u64 *)(r1 +0)
  r0 += 7
  *(u64 *)(r1 +0) = r0
  exit
`;

const CONST_FOLD = `; const-fold knows r1 = 5 and r2 = 12 on entry to both jumps, so
; prune-dead-branches decides them: the first is always taken (goto), the second
; never (goto +0). The pruned program is in the Const-fold tab.
.func main, args=1
  r1 = 5
  r2 = 12
  r0 = 0
  if r1 > 3 goto big
  r0 = 100
big:
  r0 += r2
  if r2 == 0 goto zero
  r0 *= 2
  exit
zero:
  r0 = -1
  exit
`;

const VERIFIER_REJECT = `; The verifier's stack-argument rules: callee7 takes 7 arguments, so the caller
; must write both outgoing slots (r11 -8 and r11 -16) on every path before the call.
; Only the first is written here: the kernel's message points at the call.
.func main, args=1
  r1 = 1
  r2 = 2
  r3 = 3
  r4 = 4
  r5 = 5
  *(u64 *)(r11 -8) = 6
  call callee7
  exit

.func callee7, args=7
  r0 = *(u64 *)(r11 +8)
  r1 = *(u64 *)(r11 +16)
  r0 += r1
  exit
`;

const CONFORMANCE = `# The bpf_conformance dialect (the ubpf assembler): sum the four bytes of the
# input memory (r1 = its address, r2 = its length). Input memory: 01 02 03 04.
mov %r0, 0
ldxb %r3, [%r1]
add %r0, %r3
ldxb %r3, [%r1+1]
add %r0, %r3
ldxb %r3, [%r1+2]
add %r0, %r3
ldxb %r3, [%r1+3]
add %r0, %r3
exit
`;

// examples/twelve-args.bin as hex text, one instruction (8 bytes) per line.
const HEX = `b7 01 00 00 01 00 00 00
b7 02 00 00 02 00 00 00
b7 03 00 00 03 00 00 00
b7 04 00 00 04 00 00 00
b7 05 00 00 05 00 00 00
7a 0b f8 ff 06 00 00 00
7a 0b f0 ff 07 00 00 00
7a 0b e8 ff 08 00 00 00
7a 0b e0 ff 09 00 00 00
7a 0b d8 ff 0a 00 00 00
b7 06 00 00 0b 00 00 00
7b 6b d0 ff 00 00 00 00
b7 06 00 00 0c 00 00 00
7b 6b c8 ff 00 00 00 00
85 10 00 00 01 00 00 00
95 00 00 00 00 00 00 00
bf 10 00 00 00 00 00 00
27 02 00 00 02 00 00 00
0f 20 00 00 00 00 00 00
27 03 00 00 03 00 00 00
0f 30 00 00 00 00 00 00
27 04 00 00 04 00 00 00
0f 40 00 00 00 00 00 00
27 05 00 00 05 00 00 00
0f 50 00 00 00 00 00 00
79 b1 08 00 00 00 00 00
27 01 00 00 06 00 00 00
0f 10 00 00 00 00 00 00
79 b1 10 00 00 00 00 00
27 01 00 00 07 00 00 00
0f 10 00 00 00 00 00 00
79 b1 18 00 00 00 00 00
27 01 00 00 08 00 00 00
0f 10 00 00 00 00 00 00
79 b1 20 00 00 00 00 00
27 01 00 00 09 00 00 00
0f 10 00 00 00 00 00 00
79 b1 28 00 00 00 00 00
27 01 00 00 0a 00 00 00
0f 10 00 00 00 00 00 00
79 b1 30 00 00 00 00 00
27 01 00 00 0b 00 00 00
0f 10 00 00 00 00 00 00
79 b1 38 00 00 00 00 00
27 01 00 00 0c 00 00 00
0f 10 00 00 00 00 00 00
95 00 00 00 00 00 00 00
`;

const LOOP = `; A loop: the verifier rejects the back-edge unless loops are allowed (the
; "allow loops" option, a bpf_capable loader). The run sums 1..10 = 55.
.func main, args=1
  r0 = 0
  r1 = 1
loop:
  r0 += r1
  r1 += 1
  if r1 <= 10 goto loop
  exit
`;

/**
 * A generated program of about `target` instructions: main calls n functions of 7
 * arguments, each getting a frame pointer in stack argument 6, with branches and stack
 * traffic through the pointer. Used for the 1,000-instruction performance measurement.
 */
export function generateProgram(target = 1000): string {
  // main: 4 + 11 per call; each function: 34 instructions.
  const nFuncs = Math.max(1, Math.round((target - 4) / 45));
  const out = ['; generated: main calls ' + nFuncs + ' functions of 7 arguments, a frame pointer in stack argument 6', '.func main, args=1', '  *(u64 *)(r10 -8) = 0', '  r6 = 0'];
  for (let k = 0; k < nFuncs; k++)
    out.push(`  r1 = ${k}`, '  r2 = 2', '  r3 = 3', '  r4 = 4', '  r5 = 5', '  r7 = r10', '  r7 += -8', '  *(u64 *)(r11 -8) = r7', `  *(u64 *)(r11 -16) = ${k + 7}`, `  call f${k}`, '  r6 += r0');
  out.push('  r0 = r6', '  exit');
  for (let k = 0; k < nFuncs; k++) {
    out.push('', `.func f${k}, args=7`, '  r7 = *(u64 *)(r11 +8)', '  r8 = *(u64 *)(r11 +16)', '  r0 = r1', '  r0 += r8');
    for (let j = 0; j < 4; j++)
      out.push(`  r0 += r${2 + (j % 4)}`, `  if r0 > ${100 * (j + 1)} goto f${k}_l${j}`, '  r0 *= 3', '  r0 &= 0xffff', `f${k}_l${j}:`,
        '  r9 = *(u64 *)(r7 +0)', '  r9 += r0', '  *(u64 *)(r7 +0) = r9');
    out.push('  r0 ^= r9', '  exit');
  }
  return out.join('\n') + '\n';
}

export const EXAMPLES: readonly Example[] = [
  { id: 'twelve-args', title: '12-argument call (stack arguments)', format: 'kernel', text: TWELVE_ARGS, precision: { insn: null, reg: 0 } },
  { id: 'fp-stack-arg', title: 'Frame pointer through a stack argument', format: 'kernel', text: FP_STACK_ARG, precision: { insn: null, reg: 0 } },
  { id: 'const-fold', title: 'Const-fold and dead-branch pruning', format: 'kernel', text: CONST_FOLD },
  { id: 'verifier-reject', title: 'Verifier: stack argument not initialized', format: 'kernel', text: VERIFIER_REJECT },
  { id: 'loop', title: 'Loop (needs allow-loops)', format: 'kernel', text: LOOP },
  { id: 'conformance', title: 'bpf_conformance dialect with memory', format: 'conformance', text: CONFORMANCE, mem: '01 02 03 04' },
  { id: 'hex', title: 'Hex bytes', format: 'hex', text: HEX },
  { id: 'large', title: '1,000 instructions (generated)', format: 'kernel', text: generateProgram(1000) },
];

export const exampleById = (id: string): Example | undefined => EXAMPLES.find((e) => e.id === id);
