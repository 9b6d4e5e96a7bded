// x86-64 JIT (issue 6, item 5): compile throughput (BPF insn/s) and code size (bytes per BPF
// instruction) on a 65,000-instruction straight-line ALU program — the same deterministic mix
// as bench/jit-arm64.bench.js (ALU64/ALU32, immediate and register forms, div/mod by
// constants, on R0..R9), and the same generator without div/mod — plus loops A and B of the interpreter bench (A: 10 insns/iteration of
// 64-bit ALU on r0-r3 with a counter and jne; B: 12 insns/iteration mixing stxdw/ldxdw,
// stxw/ldxw, mul-imm, add32, xor32-imm) run natively for 10 M iterations and on the interpreter.
// Every figure is printed with its ratio to uBPF's on this class of machine (JIT compile
// 35 M insn/s, 8.05 B/insn, loop A 1.66 ns/iteration). Goals: compile >= 10 M insn/s now,
// <= 8 B/insn, loop A within 1.5x of uBPF's time. Run after the build:
//   node --expose-gc bench/jit-x86-64.bench.js [iterations] [instructions]
import { BPF_ADD, BPF_AND, BPF_DW, BPF_JNE, BPF_LSH, BPF_MUL, BPF_OR, BPF_RSH, BPF_SUB, BPF_W, BPF_XOR, Program, build } from '@bpfkit/ir';
import { jitX8664Compile } from '@bpfkit/jit-x86-64';
import { NativeProgram } from '@bpfkit/runtime';
import { Interpreter } from '@bpfkit/interp';
import { straightLineAlu, straightLineAluNoDiv } from './alu-programs.js';

const ITERS = Number(process.argv[2] ?? 10_000_000);
const N = Number(process.argv[3] ?? 65_000);
const UBPF = { compile: 35e6, bytesPerInsn: 8.05, loopANs: 1.66 };


// Loops A and B exactly as bench/interp.bench.js builds them (R1 = iteration count).
const loopA = Program.fromInsns([
  build.mov64Reg(4, 1), build.mov64Imm(0, 1), build.mov64Imm(1, 0x12345), build.mov64Imm(2, -7), build.mov64Imm(3, 0x7fff1234),
  build.alu64Reg(BPF_ADD, 0, 1), build.alu64Reg(BPF_XOR, 1, 2), build.alu64Imm(BPF_ADD, 2, 7), build.alu64Imm(BPF_AND, 3, 0x7fffffff),
  build.alu64Imm(BPF_LSH, 0, 3), build.alu64Reg(BPF_OR, 1, 3), build.alu64Imm(BPF_RSH, 0, 2), build.alu64Reg(BPF_SUB, 3, 0),
  build.alu64Imm(BPF_SUB, 4, 1), build.jmpImm(BPF_JNE, 4, 0, -10),
  build.exit(),
]);
const loopB = Program.fromInsns([
  build.mov64Reg(4, 1), build.mov64Imm(0, 0), build.mov64Imm(1, 0x1234567), build.mov64Imm(2, 0), build.mov64Imm(3, 0),
  build.stxMem(BPF_DW, 10, 1, -8), build.ldxMem(BPF_DW, 2, 10, -8), build.alu64Imm(BPF_MUL, 2, 0x5bd1e995), build.stxMem(BPF_W, 10, 2, -16),
  build.ldxMem(BPF_W, 3, 10, -16), build.alu32Reg(BPF_ADD, 1, 3), build.alu32Imm(BPF_XOR, 1, 0x5a5a5a5a), build.stxMem(BPF_DW, 10, 3, -24),
  build.ldxMem(BPF_DW, 5, 10, -24), build.alu64Reg(BPF_ADD, 0, 5), build.alu64Imm(BPF_SUB, 4, 1), build.jmpImm(BPF_JNE, 4, 0, -12),
  build.exit(),
]);

const ratio = (x, ref) => `${(x / ref).toFixed(2)}x uBPF`;

// ---- compile throughput and code size
function compileFigures(name, p) {
  const warm = jitX8664Compile(p);
  for (let k = 0; k < 20; k++) jitX8664Compile(p);
  let best = Infinity;
  let r = warm;
  for (let k = 0; k < 30; k++) {
    globalThis.gc?.();
    const t0 = process.hrtime.bigint();
    r = jitX8664Compile(p);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  if (r.code.length !== warm.code.length) throw new Error('nondeterministic code size');
  const rate = p.length / best;
  const bpi = (r.insnOffsets[p.length] - r.insnOffsets[0]) / p.length;
  console.log(
    `${name}: compile ${(rate / 1e6).toFixed(2)} M insn/s (${ratio(rate, UBPF.compile)}; goal >= 10 M: ${rate >= 10e6 ? 'met' : 'not met'}; ` +
      `${p.length} insns in ${(best * 1e3).toFixed(1)} ms, best of 30 after 20 warm-up compiles, ${r.passes} passes); ` +
      `code ${bpi.toFixed(2)} B/insn (${ratio(bpi, UBPF.bytesPerInsn)}; goal <= 8: ${bpi <= 8 ? 'met' : 'not met'}; ` +
      `${r.code.length} bytes with prologue, epilogue and ${r.stubs.length} stubs)`,
  );
}

compileFigures('straight-line ALU, arm64-bench mix (with div/mod by constants)', straightLineAlu(N));
compileFigures('straight-line ALU, no div/mod', straightLineAluNoDiv(N));

// ---- loops A and B: native vs the interpreter
function loop(name, program, perIter, ubpfNs) {
  const np = new NativeProgram(program);
  try {
    np.run({ args: [1000n] });
    const runs = [];
    for (let k = 0; k < 3; k++) {
      const t0 = process.hrtime.bigint();
      const { r0 } = np.run({ args: [BigInt(ITERS)] });
      runs.push({ secs: Number(process.hrtime.bigint() - t0) / 1e9, r0 });
    }
    runs.sort((a, b) => a.secs - b.secs);
    const { secs, r0 } = runs[1];
    const interp = new Interpreter(program, { budget: Infinity });
    interp.run({ args: [BigInt(Math.max(1, ITERS / 50))] });
    const t1 = process.hrtime.bigint();
    const ir = interp.run({ args: [BigInt(ITERS)] });
    const isecs = Number(process.hrtime.bigint() - t1) / 1e9;
    if (ir.r0 !== BigInt(r0)) throw new Error(`loop ${name}: native r0 0x${r0.toString(16)} != interpreter 0x${ir.r0.toString(16)}`);
    const ns = (secs * 1e9) / ITERS;
    console.log(
      `loop ${name}: native ${ns.toFixed(2)} ns/iteration, ${((perIter * ITERS) / secs / 1e9).toFixed(2)} G BPF insn/s` +
        (ubpfNs ? ` (${ratio(ns, ubpfNs)}; goal within 1.5x: ${ns <= 1.5 * ubpfNs ? 'met' : 'not met'})` : '') +
        `; interpreter ${((isecs * 1e9) / ITERS).toFixed(2)} ns/iteration — native is ${(isecs / secs).toFixed(0)}x faster ` +
        `(${perIter} insns/iter x ${ITERS} iters, median of 3; r0=0x${ir.r0.toString(16)})`,
    );
  } finally {
    np.dispose();
  }
}

loop('A', loopA, 10, UBPF.loopANs);
loop('B', loopB, 12, undefined);
