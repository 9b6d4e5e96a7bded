// The straight-line ALU programs both JIT benches compile (shared so the x86-64 and arm64
// figures are measured on the same instructions): a deterministic LCG, and a program of R0..R9
// initialisations followed by ALU64/ALU32 operations — 1/3 register forms, 2/3 immediates,
// 1/4 of them 32-bit — ending in exit.
import { Program, insn } from '@bpfkit/ir';

/** A deterministic source of integers in [0, k). */
export function lcg(seed) {
  let s = seed >>> 0;
  return (k) => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return Math.floor((s / 4294967296) * k);
  };
}

const SHIFTS = new Set([0x60, 0x70, 0xc0]);
const shiftAmount = (r, cls) => r(cls === 0x07 ? 64 : 32);

/** add sub mul or and lsh rsh xor mov arsh, and div mod. */
export const ALU_OPS = [0x00, 0x10, 0x20, 0x40, 0x50, 0x60, 0x70, 0xa0, 0xb0, 0xc0, 0x30, 0x90];

/** Immediates: small, medium, large, bitmask values, 32-bit random; shifts in range; no div/mod by 0. */
function mixedImm(r, op, cls) {
  let imm = [r(16), r(4096), r(0x100000) - 0x80000, 0xff, 0xffff0000 | 0, r(0x100000000) | 0][r(6)];
  if (SHIFTS.has(op)) imm = shiftAmount(r, cls);
  if ((op === 0x30 || op === 0x90) && imm === 0) imm = 3;
  return imm;
}

/** Immediates in [-2048, 2048) (shifts in range), for the mix without div/mod. */
function smallImm(r, op, cls) {
  return SHIFTS.has(op) ? shiftAmount(r, cls) : r(4096) - 2048;
}

function straightLine(n, seed, ops, imm) {
  const r = lcg(seed);
  const out = [];
  for (let i = 0; i < 10; i++) out.push(insn(0xb7, i, 0, 0, i + 1)); // define R0..R9
  while (out.length < n - 1) {
    const op = ops[r(ops.length)];
    const cls = r(4) === 0 ? 0x04 : 0x07;
    const dst = r(10);
    if (r(3) === 0) out.push(insn(cls | op | 0x08, dst, r(10), 0, 0));
    else out.push(insn(cls | op, dst, 0, 0, imm(r, op, cls)));
  }
  out.push(insn(0x95));
  return Program.fromInsns(out);
}

/** The arm64 bench's mix: every ALU operation, div/mod by constants included. */
export const straightLineAlu = (n) => straightLine(n, 65000, ALU_OPS, mixedImm);

/** The same shape without div/mod, immediates in [-2048, 2048). */
export const straightLineAluNoDiv = (n) => straightLine(n, 65001, ALU_OPS.slice(0, 10), smallImm);
