// fast-check arbitraries for valid multi-function programs: every jump stays inside its
// function and lands on an instruction head, every function ends in exit, calls and
// PSEUDO_FUNC pointers name real function starts. Built with ir's build helpers.
import fc from 'fast-check';
import {
  BPF_ADD, BPF_AND, BPF_DW, BPF_JEQ, BPF_JGE, BPF_JGT, BPF_JLE, BPF_JLT, BPF_JNE, BPF_JSET, BPF_JSGE, BPF_JSGT, BPF_JSLE,
  BPF_JSLT, BPF_LSH, BPF_MOV, BPF_OR, BPF_PSEUDO_FUNC, BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_VALUE, BPF_SUB, Program,
  build as b, type Insn,
} from '@bpfkit/ir';

export type Item =
  | { readonly k: 'insns'; readonly insns: readonly Insn[] }
  | { readonly k: 'jump'; readonly make: (off: number) => Insn; readonly to: number; readonly pre?: Insn }
  | { readonly k: 'call'; readonly func: number }
  | { readonly k: 'funcptr'; readonly dst: number; readonly func: number };

export const COND_OPS = [BPF_JEQ, BPF_JNE, BPF_JGT, BPF_JGE, BPF_JLT, BPF_JLE, BPF_JSGT, BPF_JSGE, BPF_JSLT, BPF_JSLE, BPF_JSET];

export const imm32 = fc.oneof(
  fc.constantFrom(0, 1, -1, 2, 3, 5, 0x7f, 0x80, 0xff, 0x7fffffff, -0x80000000, -8, 0x8000),
  fc.integer({ min: -0x80000000, max: 0x7fffffff }),
);
/** Few distinct small values, so joins often meet equal constants and jumps often decide. */
const smallImm = fc.constantFrom(0, 1, 2, 3, -1);
// Few registers, mostly callee-saved ones (calls clobber R0..R5), so constants meet jumps.
const dreg = fc.constantFrom(0, 1, 6, 7, 8);
const sreg = fc.constantFrom(0, 1, 6, 7, 8, 10);

/** One straight-line instruction (or ld_imm64 pair). */
export const straightInsn: fc.Arbitrary<readonly Insn[]> = fc.oneof(
  fc.tuple(dreg, fc.oneof(smallImm, imm32)).map(([d, i]) => [b.mov64Imm(d, i)]),
  fc.tuple(dreg, fc.oneof(smallImm, imm32)).map(([d, i]) => [b.mov32Imm(d, i)]),
  fc.tuple(dreg, sreg).map(([d, s]) => [b.mov64Reg(d, s)]),
  fc.tuple(dreg, sreg).map(([d, s]) => [b.mov32Reg(d, s)]),
  fc.tuple(dreg, sreg, fc.constantFrom(8, 16, 32)).map(([d, s, o]) => [b.alu64Reg(BPF_MOV, d, s, o)]),
  fc.tuple(dreg, sreg, fc.constantFrom(8, 16)).map(([d, s, o]) => [b.alu32Reg(BPF_MOV, d, s, o)]),
  fc.tuple(fc.constantFrom(BPF_ADD, BPF_SUB, BPF_AND, BPF_OR, BPF_LSH), dreg, fc.oneof(smallImm, imm32)).map(([op, d, i]) => [b.alu64Imm(op, d, i)]),
  fc.tuple(fc.constantFrom(BPF_ADD, BPF_SUB, BPF_AND), dreg, fc.oneof(smallImm, imm32)).map(([op, d, i]) => [b.alu32Imm(op, d, i)]),
  fc.tuple(fc.constantFrom(BPF_AND, BPF_ADD), dreg, sreg).map(([op, d, s]) => [b.alu64Reg(op, d, s)]),
  fc.tuple(dreg, sreg).map(([d, s]) => [b.alu32Reg(BPF_AND, d, s)]),
  fc.tuple(dreg, fc.bigInt({ min: 0n, max: (1n << 64n) - 1n })).map(([d, v]) => b.ldImm64(d, v)),
  fc.tuple(dreg, fc.integer({ min: 0, max: 3 })).map(([d, m]) => b.ldImm64(d, BigInt(m), BPF_PSEUDO_MAP_FD)),
  fc.tuple(dreg, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 64 })).map(([d, m, o]) => b.ldImm64(d, (BigInt(o) << 32n) | BigInt(m), BPF_PSEUDO_MAP_VALUE)),
  fc.tuple(dreg, sreg).map(([d, s]) => [b.ldxMem(BPF_DW, d, s, 0)]),
  fc.tuple(dreg).map(([d]) => [b.stackArgLoad(d, 6)]),
  fc.tuple(sreg).map(([s]) => [b.stackArgStore(6, s)]),
  fc.tuple(fc.integer({ min: 6, max: 12 }), imm32).map(([a, i]) => [b.stackArgStoreImm(a, i)]),
  fc.constant([b.callHelper(7)]),
);

function itemArb(funcCount: number, self: number, len: number): fc.Arbitrary<Item> {
  const to = fc.integer({ min: 0, max: len });
  const others = [...Array(funcCount).keys()].filter((f) => f !== self);
  const arbs: fc.Arbitrary<Item>[] = [
    straightInsn.map((insns): Item => ({ k: 'insns', insns })),
    straightInsn.map((insns): Item => ({ k: 'insns', insns })),
    fc.tuple(dreg, smallImm).map(([d, i]): Item => ({ k: 'insns', insns: [b.mov64Imm(d, i)] })),
    fc.tuple(fc.constantFrom(...COND_OPS), dreg, fc.oneof(smallImm, smallImm, imm32), fc.boolean(), to).map(
      ([op, d, i, w, t]): Item => ({ k: 'jump', make: (off) => (w ? b.jmp32Imm(op, d, i, off) : b.jmpImm(op, d, i, off)), to: t }),
    ),
    fc.tuple(fc.constantFrom(...COND_OPS), dreg, dreg, fc.boolean(), to).map(
      ([op, d, s, w, t]): Item => ({ k: 'jump', make: (off) => (w ? b.jmp32Reg(op, d, s, off) : b.jmpReg(op, d, s, off)), to: t }),
    ),
    // A constant set right before the jump that tests it: decidable unless a join interferes.
    fc.tuple(fc.constantFrom(...COND_OPS), dreg, smallImm, smallImm, fc.boolean(), to).map(
      ([op, d, a, i, w, t]): Item => ({ k: 'jump', pre: b.mov64Imm(d, a), make: (off) => (w ? b.jmp32Imm(op, d, i, off) : b.jmpImm(op, d, i, off)), to: t }),
    ),
    to.map((t): Item => ({ k: 'jump', make: (off) => b.mayGoto(off), to: t })),
    to.map((t): Item => ({ k: 'jump', make: (off) => b.ja(off), to: t })),
  ];
  if (others.length > 0) {
    arbs.push(fc.constantFrom(...others).map((f): Item => ({ k: 'call', func: f })));
    arbs.push(fc.tuple(dreg, fc.constantFrom(...others)).map(([d, f]): Item => ({ k: 'funcptr', dst: d, func: f })));
  }
  return fc.oneof(...arbs);
}

/** Functions as item lists (each gets a final exit when laid out). */
export const functionsArb: fc.Arbitrary<Item[][]> = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.array(fc.integer({ min: 1, max: 14 }), { minLength: 3, maxLength: 3 }))
  .chain(([count, lens]) => fc.tuple(...[...Array(count).keys()].map((f) => fc.array(itemArb(count, f, lens[f]!), { minLength: lens[f]!, maxLength: lens[f]! }))));

const size = (it: Item): number => (it.k === 'insns' ? it.insns.length : it.k === 'funcptr' ? 2 : it.k === 'jump' && it.pre ? 2 : 1);

/** Lay the functions out one after another; item index `len` of a function is its final exit. */
export function layout(funcs: readonly (readonly Item[])[]): Program {
  const starts: number[] = [];
  const slots: number[][] = [];
  let at = 0;
  for (const items of funcs) {
    starts.push(at);
    const s: number[] = [];
    for (const it of items) {
      s.push(at);
      at += size(it);
    }
    s.push(at++); // the final exit
    slots.push(s);
  }
  const out: Insn[] = [];
  funcs.forEach((items, f) => {
    items.forEach((it, j) => {
      const here = slots[f]![j]!;
      if (it.k === 'insns') out.push(...it.insns);
      else if (it.k === 'jump') {
        // A jump to item `to` lands on that item's first slot (its `pre` move, if any).
        if (it.pre) out.push(it.pre);
        const at = it.pre ? here + 1 : here;
        out.push(it.make(slots[f]![it.to]! - at - 1));
      }
      else if (it.k === 'call') out.push(b.callPseudo(starts[it.func]! - here - 1));
      else out.push(...b.ldImm64(it.dst, BigInt(starts[it.func]! - here - 1), BPF_PSEUDO_FUNC));
    });
    out.push(b.exit());
  });
  return Program.fromInsns(out, { funcs: starts.map((start) => ({ start })) });
}

export const programArb: fc.Arbitrary<Program> = functionsArb.map(layout);
