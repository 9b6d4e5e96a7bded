// const-fold on a 1,000,000-instruction program: time and result memory.
// The program: a main function that, for every subprogram, fills two stack-argument slots
// (r11 stores), sets R1..R5 and calls it, and hands every 16th one to bpf_loop as a
// callback (ld_imm64 PSEUDO_FUNC); ~2,000 subprograms of ~500 instructions each that read
// their incoming stack arguments (r11 loads) and mix constants, map pointers, map values,
// ALU32/ALU64 arithmetic, helper calls, forward branches and counted loops.
// Targets: well under 0.5 s, < 40 bytes/insn of result memory.
// Run: npx tsc -b packages/const-fold && node bench/const-fold.bench.js
import v8 from 'node:v8';
import vm from 'node:vm';
import {
  Program, build as b, runStandalone, BPF_ADD, BPF_AND, BPF_DW, BPF_JGT, BPF_JEQ, BPF_JLT, BPF_W, BPF_MOV, BPF_PSEUDO_FUNC,
  BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_VALUE,
} from '@bpfkit/ir';
import { computeConstFold, constFold } from '@bpfkit/const-fold';

v8.setFlagsFromString('--expose-gc');
const gc = globalThis.gc ?? vm.runInNewContext('gc');

const TARGET = 1_000_000;
let seed = 0x2545f491;
const rand = (n) => {
  seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0;
  return seed % n;
};

/** One ~20-instruction chunk of a subprogram body. */
function chunk(out) {
  const k = rand(8);
  out.push(b.mov64Imm(6, k));
  out.push(...b.ldImm64(7, BigInt(rand(4)), BPF_PSEUDO_MAP_FD));
  out.push(...b.ldImm64(8, (BigInt(rand(8) * 8) << 32n) | BigInt(rand(4)), BPF_PSEUDO_MAP_VALUE));
  out.push(b.alu64Imm(BPF_ADD, 8, 8));
  out.push(b.mov32Reg(9, 6));
  out.push(b.alu64Imm(BPF_AND, 9, 0xff));
  out.push(b.jmpImm(BPF_JGT, 6, 3, 1)); // decided by const-fold
  out.push(b.alu64Imm(BPF_ADD, 6, 1));
  out.push(b.mov64Reg(1, 7));
  out.push(b.mov64Reg(2, 10));
  out.push(b.alu64Imm(BPF_ADD, 2, -8));
  out.push(b.stxMem(BPF_DW, 10, 6, -8));
  out.push(b.callHelper(1)); // map_lookup_elem
  out.push(b.jmpImm(BPF_JEQ, 0, 0, 1));
  out.push(b.ldxMem(BPF_W, 0, 0, 0));
  out.push(b.mov64Imm(3, 0)); // counted loop
  out.push(b.alu64Imm(BPF_ADD, 3, 1));
  out.push(b.jmpImm(BPF_JLT, 3, 10, -2));
}

function subprogram() {
  const out = [b.stackArgLoad(6, 6), b.stackArgLoad(7, 7), b.alu64Reg(BPF_ADD, 6, 7)];
  for (let c = 0; c < 24; c++) chunk(out);
  out.push(b.mov64Reg(0, 6), b.exit());
  return out;
}

function makeProgram() {
  const bodies = [];
  let total = 0;
  const perCall = 10; // slots per callee in main (see below)
  while (total < TARGET) {
    const body = subprogram();
    bodies.push(body);
    total += body.length + perCall;
  }
  const mainLen = bodies.length * perCall + 2;
  const starts = [];
  let at = mainLen;
  for (const body of bodies) {
    starts.push(at);
    at += body.length;
  }
  const main = [];
  bodies.forEach((_, f) => {
    const here = () => main.length;
    if (f % 16 === 15) {
      // bpf_loop(4, subprog, 0, 0): 1 + 2 + 1 + 1 + 1 slots, then padding to perCall
      main.push(b.mov64Imm(1, 4));
      main.push(...b.ldImm64(2, BigInt(starts[f] - here() - 1), BPF_PSEUDO_FUNC));
      main.push(b.mov64Imm(3, 0), b.mov64Imm(4, 0), b.callHelper(181));
      main.push(b.mov64Reg(6, 0), b.mov64Imm(7, 0), b.mov64Imm(8, 0), b.mov64Imm(9, 0));
    } else {
      main.push(b.stackArgStore(6, 6), b.stackArgStoreImm(7, f));
      for (let r = 1; r <= 5; r++) main.push(b.mov64Imm(r, r * f));
      main.push(b.callPseudo(starts[f] - here() - 1));
      main.push(b.mov64Reg(6, 0), b.alu64Reg(BPF_MOV, 9, 6, 32));
    }
  });
  main.push(b.mov64Imm(0, 0), b.exit());
  if (main.length !== mainLen) throw new Error(`main is ${main.length} slots, expected ${mainLen}`);
  const insns = main.concat(...bodies);
  return Program.fromInsns(insns, { funcs: starts.map((start) => ({ start, argCount: 7 })) });
}

const program = makeProgram();
void program.funcs;
const n = program.length;

gc();
const before = process.memoryUsage();
const t0 = process.hrtime.bigint();
let result = computeConstFold(program);
const tFirst = Number(process.hrtime.bigint() - t0) / 1e9;
const during = process.memoryUsage();
gc();
const after = process.memoryUsage();
const resultBytes = result.byteSize();

const times = [];
for (let i = 0; i < 7; i++) {
  result = undefined;
  gc();
  const t = process.hrtime.bigint();
  result = runStandalone(constFold, program);
  times.push(Number(process.hrtime.bigint() - t) / 1e9);
}
times.sort((a, c) => a - c);
const tMedian = times[times.length >> 1];

const perInsn = (bytes) => (bytes / n).toFixed(1);
const mb = (bytes) => (bytes / 1048576).toFixed(1);
const ms = (s) => (s * 1e3).toFixed(0);
let published = 0;
for (let i = 0; i < n; i++) if (result.constRegMask[i] | result.mapRegMask[i] | result.subprogRegMask[i]) published++;
const callbacks = [];
for (let i = 0; i < program.funcs[1].start; i++) if (program.code[i] === 0x85 && program.imm[i] === 181) callbacks.push(result.subprogAt(i, 2));

console.log(`program: ${n} insn slots, ${program.funcs.length} subprograms, ${result.stats.blocks} extended blocks (${result.stats.reachableBlocks} reachable), ${result.stats.sweeps} RPO sweeps`);
console.log(`const-fold time: first run (cold JIT, fresh memory) ${ms(tFirst)} ms; then best ${ms(times[0])} ms, median ${ms(tMedian)} ms of 7 (target < 500 ms: ${tFirst < 0.5 ? 'met' : 'NOT met'} on the first run)`);
console.log(`result memory: ${mb(resultBytes)} MB = ${perInsn(resultBytes)} bytes/insn in the result's typed arrays (target < 40: ${resultBytes / n < 40 ? 'met' : 'NOT met'})`);
console.log(`  process view, first run: arrayBuffers +${mb(after.arrayBuffers - before.arrayBuffers)} MB retained after gc (${perInsn(after.arrayBuffers - before.arrayBuffers)} bytes/insn), +${mb(during.arrayBuffers - before.arrayBuffers)} MB before gc incl. working memory (${perInsn(during.arrayBuffers - before.arrayBuffers)} bytes/insn); heap +${mb(after.heapUsed - before.heapUsed)} MB`);
let values = 0;
for (let i = 0; i < n; i++) for (let m = result.constRegMask[i] | result.mapRegMask[i] | result.subprogRegMask[i]; m; m &= m - 1) values++;
const tq = process.hrtime.bigint();
let sum = 0;
for (let i = 0; i < n; i++) for (let m = result.constRegMask[i] | result.mapRegMask[i] | result.subprogRegMask[i]; m; m &= m - 1) sum += result.regVal(i, 31 - Math.clz32(m & -m));
const tQuery = Number(process.hrtime.bigint() - tq) / 1e9;
console.log(`  published: ${published} insns with a fact, ${values} values (${(values / n).toFixed(2)}/insn); reading all of them in order with regVal(): ${ms(tQuery)} ms`);
const abBefore = process.memoryUsage().arrayBuffers;
void result.regVals;
console.log(`  the dense regVals view (kernel const_reg_vals), if materialised: +${perInsn(process.memoryUsage().arrayBuffers - abBefore)} bytes/insn`);
console.log(`  bpf_loop call sites: ${callbacks.length}, R2 = subprog at all of them: ${callbacks.every((c) => c !== undefined)}`);
