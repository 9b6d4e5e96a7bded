// const-fold + liveness on a generated 1,000,000-instruction program (issue 4, item 5): a main
// program calling ~1000 six-argument subprograms, each called with a frame pointer in its
// first stack-argument slot (r11-8) and a scalar size in R2, so every callee gets its own
// depth-1 instance; callees load the pointer from r11+8, read and write the caller's stack
// through it, spill/fill their own stack, branch, call helpers (bpf_get_prandom_u32,
// bpf_probe_read_kernel with a constant size) and an 8-parameter kfunc whose 6th/7th
// parameters are stack-argument pointers. Prints the time of both analyses together and the
// analysis memory per instruction: retained (heap + array buffers still referenced by the two
// results, after GC) and peak (max RSS of a child process that generates and analyses the
// program, minus that of one that only generates it). Run after the build:
//   node --expose-gc bench/liveness.bench.js [instructions]
import { BPF_ADD, BPF_DW, BPF_JGT, BPF_REG_PARAMS, BPF_W, Program, build, runStandalone } from '@bpfkit/ir';
import { constFold } from '@bpfkit/const-fold';
import { createLiveness } from '@bpfkit/liveness';
import { spawnSync } from 'node:child_process';

const TARGET_INSNS = Number(process.argv[2] ?? 1_000_000);
const MODE = process.argv[3] ?? 'main'; // 'baseline' | 'full': child runs measuring peak RSS
const CALLEE_BODY = 1000;
const KFUNC_ID = 900;
const kfuncs = new Map([[KFUNC_ID, { name: 'bpf_kf8', args: [
  ...Array(5).fill({ kind: 'scalar', write: false, size: 0 }),
  { kind: 'fixed', write: false, size: 8 }, { kind: 'fixed', write: true, size: 8 }, { kind: 'scalar', write: false, size: 0 },
] }]]);
/** const-fold then liveness on `p` (liveness reads the const-fold result just computed). */
function analyse(p) {
  const cf = runStandalone(constFold, p);
  const live = runStandalone(createLiveness({ kfuncs, constFacts: () => cf }), p);
  return { cf, live };
}

/** The program, written straight into typed arrays (no per-instruction objects). */
function generate(n) {
  const callees = Math.max(1, Math.floor(n / (CALLEE_BODY + 6)));
  const total = callees * 6 + 2 + callees * CALLEE_BODY;
  const a = { code: new Uint8Array(total), dst: new Uint8Array(total), src: new Uint8Array(total), off: new Int16Array(total), imm: new Int32Array(total) };
  let pc = 0;
  const emit = (x) => {
    a.code[pc] = x.code; a.dst[pc] = x.dst; a.src[pc] = x.src; a.off[pc] = x.off; a.imm[pc] = x.imm;
    pc++;
  };
  // callee body: a repeated 22-instruction block
  const block = (k) => [
    build.ldxMem(BPF_DW, 2, 6, 0), // read the caller's slot through the stack-argument pointer
    build.stxMem(BPF_DW, 10, 2, -8), // spill
    build.mov64Reg(3, 10),
    build.alu64Imm(BPF_ADD, 3, -16),
    build.stxMem(BPF_DW, 3, 2, 0),
    build.ldxMem(BPF_DW, 4, 10, -16), // fill
    build.jmpImm(BPF_JGT, 4, 16, 2),
    build.alu64Imm(BPF_ADD, 4, 1),
    build.stxMem(BPF_DW, 6, 4, -8), // write the caller's stack
    build.stMem(BPF_W, 10, -24, k),
    build.callHelper(7), // bpf_get_prandom_u32
    build.mov64Reg(1, 10),
    build.alu64Imm(BPF_ADD, 1, -40),
    build.mov64Imm(2, 16),
    build.mov64Reg(3, 6),
    build.callHelper(113), // bpf_probe_read_kernel(fp-40, 16, caller ptr)
    build.mov64Reg(7, 10),
    build.alu64Imm(BPF_ADD, 7, -48),
    build.stxMem(BPF_DW, BPF_REG_PARAMS, 7, -8), // kfunc arg 6 = fp-48
    build.stxMem(BPF_DW, BPF_REG_PARAMS, 6, -16), // kfunc arg 7 = caller pointer
    build.stMem(BPF_DW, BPF_REG_PARAMS, -24, 0), // kfunc arg 8 = 0
    build.callKfunc(KFUNC_ID),
  ];
  const blocks = Array.from({ length: 16 }, (_, k) => block(k));
  const mainLen = callees * 6 + 2;
  const funcs = [];
  for (let c = 0; c < callees; c++) funcs.push({ start: mainLen + c * CALLEE_BODY, name: `callee${c}`, argCount: 6 });
  for (let c = 0; c < callees; c++) {
    const slot = -8 * ((c % 8) + 1);
    emit(build.stMem(BPF_DW, 10, slot, 0));
    emit(build.mov64Reg(6, 10));
    emit(build.alu64Imm(BPF_ADD, 6, slot));
    emit(build.stxMem(BPF_DW, BPF_REG_PARAMS, 6, -8)); // arg 6 = &fp[slot]
    emit(build.mov64Imm(2, 8));
    emit(build.callPseudo(funcs[c].start - (pc + 1)));
  }
  emit(build.mov64Imm(0, 0));
  emit(build.exit());
  for (let c = 0; c < callees; c++) {
    const end = pc + CALLEE_BODY;
    emit(build.stackArgLoad(6, 6)); // r6 = *(u64 *)(r11 +8)
    const body = blocks[c % blocks.length];
    while (pc + body.length <= end - 2) for (const x of body) emit(x);
    while (pc < end - 2) emit(build.mov64Imm(0, 1));
    emit(build.mov64Imm(0, 0));
    emit(build.exit());
  }
  return new Program(a, { funcs });
}

const mem = () => {
  globalThis.gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};


if (MODE !== 'main') {
  // Child: report max RSS after generating (baseline) or generating and analysing (full).
  const program = generate(TARGET_INSNS);
  globalThis.gc?.();
  if (MODE === 'full') analyse(program);
  process.stdout.write(String(process.resourceUsage().maxRSS * 1024));
  process.exit(0);
}
const program = generate(TARGET_INSNS);
const n = program.length;
analyse(generate(50_000)); // warm-up (JIT tier-up) on a smaller program of the same shape
const before = mem();
const t0 = performance.now();
const cf = runStandalone(constFold, program);
const t1 = performance.now();
const live = runStandalone(createLiveness({ kfuncs, constFacts: () => cf }), program);
const t2 = performance.now();
const retained = mem() - before;
const child = (mode) => Number(spawnSync(process.execPath, ['--expose-gc', import.meta.filename, String(TARGET_INSNS), mode], { encoding: 'utf8' }).stdout);
const peak = child('full') - child('baseline');
const fmt = (x) => x.toFixed(1);
console.log(`program: ${n} insns, ${program.funcs.length} functions, ${live.instances.length} liveness instances`);
console.log(`const-fold: ${fmt(t1 - t0)} ms, liveness: ${fmt(t2 - t1)} ms`);
console.log(`const-fold + liveness: ${fmt(t2 - t0)} ms (target < 2000 ms, goal < 1000 ms)`);
console.log(`analysis memory: retained ${fmt(retained / n)} B/insn, peak ${fmt(peak / n)} B/insn (RSS) (target < 100, goal < 64)`);
if (live.liveRegsBefore.length !== n || cf.length !== n) throw new Error('bad result');
