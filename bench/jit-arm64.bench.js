// arm64 JIT (issue 7, item 4): compile throughput and code size on the 65,000-instruction
// straight-line ALU program of the x86-64 JIT bench (a deterministic mix of ALU64/ALU32
// operations, immediate and register forms, on R0..R9), plus the same figures for a
// call-heavy program (bpf-to-bpf calls with 12 arguments, kfunc calls with 8). The compiled
// code is not timed: it runs under qemu-aarch64 on this host, where a time would measure the
// emulator, not the code. Reference: uBPF's arm64 JIT, 7.1 bytes per BPF instruction (goal ≤ 6).
// Run after the build:  node --expose-gc bench/jit-arm64.bench.js [instructions]
import { Program, insn } from '@bpfkit/ir';
import { jitArm64Compile } from '@bpfkit/jit-arm64';
import { straightLineAlu } from './alu-programs.js';

const N = Number(process.argv[2] ?? 65_000);
const UBPF_B_PER_INSN = 7.1;
const GOAL_B_PER_INSN = 6;


/** Calls: main stores 7 stack args and calls a 12-arg subprog, which calls an 8-arg kfunc, repeated. */
function callHeavy(n) {
  const main = [];
  const callee = [];
  for (let k = 0; k < 7; k++) callee.push(insn(0x79, 0, 11, 8 * (k + 1), 0), insn(0x0f, 1, 0, 0, 0));
  for (let k = 0; k < 3; k++) callee.push(insn(0x7a, 11, 0, -8 * (k + 1), k));
  callee.push(insn(0x85, 0, 2, 0, 8), insn(0x95));
  const per = 7 + 1 + 1;
  const reps = Math.max(1, Math.floor((n - callee.length - 1) / per));
  for (let k = 0; k < reps; k++) {
    for (let s = 0; s < 7; s++) main.push(insn(0x7b, 11, s % 2 === 0 ? 6 : 7, -8 * (s + 1), 0));
    main.push(insn(0x85, 0, 1, 0, 0)); // patched below
    main.push(insn(0x0f, 6, 0, 0, 0));
  }
  main.push(insn(0x95));
  const start = main.length;
  for (let i = 0; i < main.length; i++) if (main[i].code === 0x85) main[i] = insn(0x85, 0, 1, 0, start - i - 1);
  return Program.fromInsns([...main, ...callee], { funcs: [{ start, argCount: 12 }] });
}

function measure(name, p) {
  let best = Infinity;
  let r;
  const warm = jitArm64Compile(p);
  for (let k = 0; k < 15; k++) {
    globalThis.gc?.();
    const t0 = process.hrtime.bigint();
    r = jitArm64Compile(p);
    const t = Number(process.hrtime.bigint() - t0) / 1e9;
    best = Math.min(best, t);
  }
  if (r.code.length !== warm.code.length) throw new Error('nondeterministic code size');
  const bpi = r.code.length / p.length;
  console.log(`${name}: ${p.length} insns -> ${r.code.length} bytes, ${bpi.toFixed(2)} B/insn ` +
    `(uBPF arm64 ${UBPF_B_PER_INSN}: ${(bpi / UBPF_B_PER_INSN).toFixed(2)}x; goal <= ${GOAL_B_PER_INSN}: ${bpi <= GOAL_B_PER_INSN ? 'met' : 'not met'}), ` +
    `compile ${(p.length / best / 1e6).toFixed(2)} M insn/s (best of 15, ${(best * 1e3).toFixed(1)} ms), ${r.passes} passes`);
  return bpi;
}

const alu = measure('straight-line ALU', straightLineAlu(N));
measure('calls with 12/8 arguments', callHeavy(N));
console.log('(no run time under qemu-aarch64: it would time the emulator; correctness runs are in the package tests)');
if (alu > UBPF_B_PER_INSN) process.exitCode = 1;
