// Interpreter throughput in BPF instructions per second on two loops (issue 3, item 6):
//   A: 10 insns/iteration of 64-bit ALU on r0-r3 (add, xor, add-imm, and-imm, lsh, or, rsh,
//      sub, counter decrement, jne);
//   B: 12 insns/iteration mixing stack stores/loads (stxdw/ldxdw, stxw/ldxw), mul-imm, add32,
//      xor32-imm, add, counter decrement, jne.
// 10 M iterations each, after warm-up runs of the same program (so the figure is the
// optimized loop, not V8's tier-up); the median of three timed runs is printed. Run after
// `npx nx run-many -t build`:
//   node bench/interp.bench.js [iterations]
import { Interpreter } from '@bpfkit/interp';
import { BPF_ADD, BPF_AND, BPF_DW, BPF_JNE, BPF_LSH, BPF_MUL, BPF_OR, BPF_RSH, BPF_SUB, BPF_W, BPF_XOR, Program, build } from '@bpfkit/ir';

const ITERS = Number(process.argv[2] ?? 10_000_000);
const TARGET = 50e6;

// R1 carries the iteration count in (RunOptions.args); the loop counter lives in r4.
const loopA = Program.fromInsns([
  build.mov64Reg(4, 1),
  build.mov64Imm(0, 1),
  build.mov64Imm(1, 0x12345),
  build.mov64Imm(2, -7),
  build.mov64Imm(3, 0x7fff1234),
  // loop: 10 instructions
  build.alu64Reg(BPF_ADD, 0, 1),
  build.alu64Reg(BPF_XOR, 1, 2),
  build.alu64Imm(BPF_ADD, 2, 7),
  build.alu64Imm(BPF_AND, 3, 0x7fffffff),
  build.alu64Imm(BPF_LSH, 0, 3),
  build.alu64Reg(BPF_OR, 1, 3),
  build.alu64Imm(BPF_RSH, 0, 2),
  build.alu64Reg(BPF_SUB, 3, 0),
  build.alu64Imm(BPF_SUB, 4, 1),
  build.jmpImm(BPF_JNE, 4, 0, -10),
  build.exit(),
]);

const loopB = Program.fromInsns([
  build.mov64Reg(4, 1),
  build.mov64Imm(0, 0),
  build.mov64Imm(1, 0x1234567),
  build.mov64Imm(2, 0),
  build.mov64Imm(3, 0),
  // loop: 12 instructions
  build.stxMem(BPF_DW, 10, 1, -8),
  build.ldxMem(BPF_DW, 2, 10, -8),
  build.alu64Imm(BPF_MUL, 2, 0x5bd1e995),
  build.stxMem(BPF_W, 10, 2, -16),
  build.ldxMem(BPF_W, 3, 10, -16),
  build.alu32Reg(BPF_ADD, 1, 3),
  build.alu32Imm(BPF_XOR, 1, 0x5a5a5a5a),
  build.stxMem(BPF_DW, 10, 3, -24),
  build.ldxMem(BPF_DW, 5, 10, -24),
  build.alu64Reg(BPF_ADD, 0, 5),
  build.alu64Imm(BPF_SUB, 4, 1),
  build.jmpImm(BPF_JNE, 4, 0, -12),
  build.exit(),
]);

function measure(name, program, perIter) {
  const interp = new Interpreter(program, { budget: Infinity });
  // Warm-up: several calls, so V8 has optimized the loop function itself (not just an OSR entry).
  for (let i = 0; i < 5; i++) interp.run({ args: [BigInt(Math.max(1, Math.floor(ITERS / 50)))] });
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const t0 = process.hrtime.bigint();
    const { r0, steps } = interp.run({ args: [BigInt(ITERS)] });
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    runs.push({ rate: steps / secs, secs, steps, r0 });
  }
  runs.sort((x, y) => x.rate - y.rate);
  const { rate, secs, steps, r0 } = runs[1]; // median of 3
  console.log(
    `loop ${name}: ${(rate / 1e6).toFixed(1)} M BPF insn/s (${(rate / TARGET).toFixed(2)}x the 50 M target; ` +
      `${perIter} insns/iter x ${ITERS} iters = ${steps} insns in ${secs.toFixed(3)} s, median of 3; r0=0x${r0.toString(16)})`,
  );
}

measure('A', loopA, 10);
measure('B', loopB, 12);
