// Properties over random valid programs (fast-check):
// - the block-level fixed point gives exactly the per-instruction solution a naive
//   kernel-style iteration (a state per instruction, repeated until stable) gives;
// - the transfer function's 64-bit arithmetic matches a BigInt model of §2.2 on
//   straight-line code;
// - the r11 forms analysed as ordinary memory accesses (the pre-series view) give the same
//   states, which is why there is no stack-args=false switch;
// - prune-dead-branches only turns decided conditional jumps into goto (original offset or
//   +0), keeps every index, function and other instruction, builds a valid Program, is
//   idempotent for fixed const-fold facts, and iterated pruning reaches a fixed point where
//   it returns the same Program with preserved 'all'.
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import {
  BPF_ADD, BPF_AND, BPF_JA, BPF_JMP, BPF_LD_IMM64, BPF_MOV, BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_VALUE, BPF_SUB, Program,
  build as b, insnSuccessors, isCondJump, isMayGoto, isStackArgLdx, isStackArgSt, isStackArgStx, runStandalone, type Insn,
} from '@bpfkit/ir';
import { computeConstFold } from './compute.js';
import { CONST_ARG_CONST, CONST_ARG_MAP_PTR, CONST_ARG_MAP_VALUE, CONST_ARG_SUBPROG, CONST_ARG_UNKNOWN, RegFile, TRACKED_REGS, clearRegs } from './lattice.js';
import { makeTransferEnv, transfer } from './transfer.js';
import { pruneDeadBranches } from './prune-dead-branches.js';
import { imm32, programArb } from './test-support/random-programs.js';

/** Kernel-style reference: a state per instruction, iterate over all heads until stable. */
function naiveSolve(p: Program): (RegFile | undefined)[] {
  const env = makeTransferEnv(p, p.funcs, undefined);
  const states: (RegFile | undefined)[] = new Array(p.length).fill(undefined);
  for (const f of p.funcs) {
    const rf = new RegFile();
    rf.setAllUnknown();
    states[f.start] = rf;
  }
  const succ = new Int32Array(2);
  for (let changed = true; changed; ) {
    changed = false;
    for (const f of p.funcs)
      for (let i = f.start; i < f.end; i += p.code[i] === BPF_LD_IMM64 ? 2 : 1) {
        const cur = states[i];
        if (!cur) continue;
        const out = new RegFile();
        out.copyFrom(cur);
        transfer(env, i, out);
        for (let k = insnSuccessors(p, i, succ), j = 0; j < k; j++) {
          const t = succ[j]!;
          if (t < f.start || t >= f.end) continue;
          const old = states[t];
          if (!old) {
            const copy = new RegFile();
            copy.copyFrom(out);
            states[t] = copy;
            changed = true;
            continue;
          }
          for (let r = 0; r < TRACKED_REGS; r++) {
            if (old.state(r) === CONST_ARG_UNKNOWN) continue;
            if (old.state(r) !== out.state(r) || old.lo[r] !== out.lo[r] || old.hi[r] !== out.hi[r] || old.aux[r] !== out.aux[r]) {
              clearRegs(old, 1 << r);
              changed = true;
            }
          }
        }
      }
  }
  return states;
}

const u64 = (rf: RegFile, r: number): bigint => (BigInt(rf.hi[r]!) << 32n) | BigInt(rf.lo[r]!);

describe('fixed point', () => {
  test('block-level solution == naive per-instruction solution; published outputs agree', () => {
    fc.assert(
      fc.property(programArb, (p) => {
        const res = computeConstFold(p);
        const ref = naiveSolve(p);
        const got: string[] = [];
        const want: string[] = [];
        for (let i = 0; i < p.length; i++) {
          const s = p.isSecondHalf(i) ? undefined : ref[i];
          let cm = 0, mm = 0, sm = 0;
          for (let r = 0; r < TRACKED_REGS; r++) {
            const st = s ? s.state(r) : 0;
            got.push(`${i} r${r}: ${res.regState(i, r)} ${res.regConst(i, r)} ${res.mapIndexAt(i, r)} ${res.mapValueOffset(i, r)} ${res.regVal(i, r)} ${res.subprogAt(i, r)}`);
            const isC = st === CONST_ARG_CONST;
            const isMap = st === CONST_ARG_MAP_PTR || st === CONST_ARG_MAP_VALUE;
            const pub = r < 10;
            const v = !pub ? undefined : isC && s!.hi[r] === 0 ? s!.lo[r] : st === CONST_ARG_MAP_PTR ? s!.aux[r] : st === CONST_ARG_SUBPROG ? s!.lo[r] : undefined;
            want.push(`${i} r${r}: ${st} ${isC ? u64(s!, r) : undefined} ${isMap ? s!.aux[r] : undefined} ${st === CONST_ARG_MAP_VALUE ? u64(s!, r) : undefined} ${v} ${pub && st === CONST_ARG_SUBPROG ? s!.lo[r] : undefined}`);
            if (!pub) continue;
            if (isC && s!.hi[r] === 0) cm |= 1 << r;
            if (st === CONST_ARG_MAP_PTR) mm |= 1 << r;
            if (st === CONST_ARG_SUBPROG) sm |= 1 << r;
          }
          got.push(`${i} masks ${res.constRegMask[i]} ${res.mapRegMask[i]} ${res.subprogRegMask[i]}`);
          want.push(`${i} masks ${cm} ${mm} ${sm}`);
        }
        expect(got).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });
});

// BigInt model of §2.2 for straight-line ALU/LD_IMM64 code.
type V = { k: 'u' } | { k: 'c'; v: bigint } | { k: 'mp'; m: number } | { k: 'mv'; m: number; off: bigint };
const U = (x: bigint) => BigInt.asUintN(64, x);
const sext32 = (imm: number) => U(BigInt(imm));
function model(insns: readonly Insn[]): V[] {
  const R: V[] = Array.from({ length: 11 }, () => ({ k: 'u' }));
  for (let i = 0; i < insns.length; i++) {
    const x = insns[i]!;
    const cls = x.code & 7;
    if (x.code === BPF_LD_IMM64) {
      const imm2 = insns[++i]!.imm;
      if (x.src === 0) R[x.dst] = { k: 'c', v: (U(BigInt(imm2 >>> 0)) << 32n) | BigInt(x.imm >>> 0) };
      else if (x.src === BPF_PSEUDO_MAP_FD) R[x.dst] = { k: 'mp', m: x.imm >>> 0 };
      else if (x.src === BPF_PSEUDO_MAP_VALUE) R[x.dst] = { k: 'mv', m: x.imm >>> 0, off: BigInt(imm2 >>> 0) };
      continue;
    }
    const op = x.code & 0xf0;
    const isX = (x.code & 8) !== 0;
    const d = R[x.dst]!;
    const s = R[x.src]!;
    let out: V = { k: 'u' };
    if (op === BPF_MOV && !isX) out = { k: 'c', v: sext32(x.imm) };
    else if (op === BPF_MOV && x.off === 0) out = s;
    else if (op === BPF_MOV) out = s.k === 'c' && [8, 16, 32].includes(x.off) ? { k: 'c', v: U(BigInt.asIntN(x.off, s.v)) } : { k: 'u' };
    else if ((op === BPF_ADD || op === BPF_SUB) && !isX) {
      const delta = op === BPF_ADD ? sext32(x.imm) : U(-BigInt(x.imm));
      if (d.k === 'c') out = { k: 'c', v: U(d.v + delta) };
      else if (d.k === 'mv') out = { k: 'mv', m: d.m, off: U(d.off + delta) };
    } else if (op === BPF_AND && !isX) {
      if (d.k === 'c') out = { k: 'c', v: d.v & sext32(x.imm) };
      else if (x.imm === 0) out = { k: 'c', v: 0n };
    } else if (op === BPF_AND) {
      if (d.k === 'c' && d.v === 0n) out = d;
      else if (s.k === 'c' && s.v === 0n) out = { k: 'c', v: 0n };
      else if (d.k === 'c' && s.k === 'c') out = { k: 'c', v: d.v & s.v };
    }
    if (cls === 4) out = out.k === 'c' ? { k: 'c', v: out.v & 0xffffffffn } : { k: 'u' };
    R[x.dst] = out;
  }
  return R;
}

describe('transfer arithmetic vs a BigInt model', () => {
  const dreg = fc.integer({ min: 0, max: 3 });
  const insnArb: fc.Arbitrary<Insn[]> = fc.oneof(
    fc.tuple(dreg, imm32).map(([d, i]) => [b.mov64Imm(d, i)]),
    fc.tuple(dreg, imm32).map(([d, i]) => [b.mov32Imm(d, i)]),
    fc.tuple(dreg, fc.bigInt({ min: 0n, max: (1n << 64n) - 1n })).map(([d, v]) => b.ldImm64(d, v)),
    fc.tuple(dreg, fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 0xffffffff })).map(([d, m, o]) => b.ldImm64(d, (BigInt(o) << 32n) | BigInt(m), BPF_PSEUDO_MAP_VALUE)),
    fc.tuple(dreg, fc.integer({ min: 0, max: 2 })).map(([d, m]) => b.ldImm64(d, BigInt(m), BPF_PSEUDO_MAP_FD)),
    fc.tuple(fc.constantFrom(BPF_ADD, BPF_SUB, BPF_AND), dreg, imm32, fc.boolean()).map(([op, d, i, w]) => [w ? b.alu32Imm(op, d, i) : b.alu64Imm(op, d, i)]),
    fc.tuple(fc.constantFrom(BPF_AND, BPF_MOV), dreg, dreg, fc.boolean()).map(([op, d, s, w]) => [w ? b.alu32Reg(op, d, s) : b.alu64Reg(op, d, s)]),
    fc.tuple(dreg, dreg, fc.constantFrom(8, 16, 32), fc.boolean()).map(([d, s, o, w]) => [w && o !== 32 ? b.alu32Reg(BPF_MOV, d, s, o) : b.alu64Reg(BPF_MOV, d, s, o)]),
  );
  test('every register after a random straight-line sequence', () => {
    fc.assert(
      fc.property(fc.array(insnArb, { minLength: 1, maxLength: 12 }), (parts) => {
        const insns = parts.flat();
        const p = Program.fromInsns([...insns, b.exit()]);
        const res = computeConstFold(p);
        const want = model(insns);
        const at = insns.length;
        for (let r = 0; r < 4; r++) {
          const w = want[r]!;
          const got = w.k === 'c' ? res.regConst(at, r) : w.k === 'mp' ? res.mapIndexAt(at, r) : w.k === 'mv' ? [res.mapIndexAt(at, r), res.mapValueOffset(at, r)] : res.regState(at, r);
          expect(got).toEqual(w.k === 'c' ? w.v : w.k === 'mp' ? w.m : w.k === 'mv' ? [w.m, w.off] : CONST_ARG_UNKNOWN);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('r11 forms vs ordinary memory accesses (why there is no stack-args=false switch)', () => {
  test('spelling every r11 store/load as an ordinary one through r10 changes no state', () => {
    fc.assert(
      fc.property(programArb, (p) => {
        const plain = p.insns().map((x): Insn => {
          if (isStackArgLdx(x.code, x.dst, x.src, x.off)) return { ...x, src: 10 };
          if (isStackArgStx(x.code, x.dst, x.src, x.off) || isStackArgSt(x.code, x.dst, x.off)) return { ...x, dst: 10 };
          return x;
        });
        const q = Program.fromInsns(plain, { funcs: p.meta });
        const a = computeConstFold(p);
        const c = computeConstFold(q);
        const dump = (r: ReturnType<typeof computeConstFold>) => {
          const out: string[] = [];
          for (let i = 0; i < r.length; i++) for (let reg = 0; reg < TRACKED_REGS; reg++) out.push(`${r.regState(i, reg)}:${r.regConst(i, reg)}:${r.mapIndexAt(i, reg)}`);
          return out;
        };
        expect(dump(c)).toEqual(dump(a));
      }),
      { numRuns: 200 },
    );
  });
});

describe('prune-dead-branches', () => {
  const prune = (p: Program) => runStandalone(pruneDeadBranches, p);
  const JA = BPF_JMP | BPF_JA;

  test('rewrites only decided conditional jumps, to goto (same offset) or goto +0; everything else intact', () => {
    fc.assert(
      fc.property(programArb, (p) => {
        const res = computeConstFold(p);
        const r = prune(p);
        const q = r.program;
        // A valid Program again: same arrays rebuilt, same functions.
        const rebuilt = new Program({ code: q.code, dst: q.dst, src: q.src, off: q.off, imm: q.imm }, { funcs: q.meta });
        expect(rebuilt.funcs).toEqual(p.funcs);
        expect(q.funcs).toEqual(p.funcs);
        expect(q.length).toBe(p.length);
        let changed = 0;
        for (let i = 0; i < p.length; i++) {
          const a = p.insn(i);
          const c = q.insn(i);
          if (a.code === c.code && a.dst === c.dst && a.src === c.src && a.off === c.off && a.imm === c.imm) continue;
          changed++;
          expect(isCondJump(a.code) && !isMayGoto(a.code)).toBe(true);
          expect(c.code).toBe(JA);
          expect([a.off, 0]).toContain(c.off);
          expect(res.constRegMask[i]! & (1 << a.dst)).not.toBe(0);
        }
        expect(r.preserved).toBe(changed > 0 ? 'none' : 'all');
        if (changed === 0) expect(q).toBe(p);
      }),
      { numRuns: 300 },
    );
  });

  test('idempotent for fixed facts: nothing const-fold decided is left conditional', () => {
    fc.assert(
      fc.property(programArb, (p) => {
        const res = computeConstFold(p);
        const q = prune(p).program;
        for (let i = 0; i < q.length; i += q.code[i] === BPF_LD_IMM64 ? 2 : 1) {
          const c = q.code[i]!;
          if (!isCondJump(c) || isMayGoto(c)) continue;
          const m = res.constRegMask[i]!;
          const dstKnown = (m & (1 << q.dst[i]!)) !== 0;
          const srcKnown = (c & 8) === 0 || (m & (1 << q.src[i]!)) !== 0;
          expect(dstKnown && srcKnown).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  test('iterated pruning reaches a fixed point, where prune returns the same Program (preserved all)', () => {
    fc.assert(
      fc.property(programArb, (p) => {
        let condJumps = 0;
        for (let i = 0; i < p.length; i++) if (isCondJump(p.code[i]!) && !p.isSecondHalf(i)) condJumps++;
        let cur = p;
        for (let round = 0; ; round++) {
          expect(round).toBeLessThanOrEqual(condJumps + 1);
          const r = prune(cur);
          if (r.program === cur) {
            expect(r.preserved).toBe('all');
            const again = prune(cur);
            expect(again.program).toBe(cur);
            break;
          }
          cur = r.program;
        }
      }),
      { numRuns: 200 },
    );
  });

  test('one run is the kernel\'s single pass: it is not idempotent in general (a dead edge hid a constant)', () => {
    // 0: r1 = 1; 1: r2 = 0; 2: if r1 == 1 goto +1; 3: r2 = 7; 4: if r2 == 0 goto +1; 5: r0 = 1; 6: exit
    const p = Program.fromInsns([
      b.mov64Imm(1, 1), b.mov64Imm(2, 0), b.jmpImm(0x10, 1, 1, 1), b.mov64Imm(2, 7), b.jmpImm(0x10, 2, 0, 1), b.mov64Imm(0, 1), b.exit(),
    ]);
    const once = prune(p).program;
    expect(once.insn(2)).toEqual({ code: JA, dst: 0, src: 0, off: 1, imm: 0 });
    expect(isCondJump(once.code[4]!)).toBe(true); // r2 joined 0 and 7 through the dead edge 3 -> 4
    const twice = prune(once).program;
    expect(twice.insn(4)).toEqual({ code: JA, dst: 0, src: 0, off: 1, imm: 0 });
    expect(prune(twice).program).toBe(twice);
  });
});
