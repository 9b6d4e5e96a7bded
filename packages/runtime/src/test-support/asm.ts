// Test-only: a tiny label-resolving builder over @bpfkit/ir's instruction builders, so tests
// and the fuzz generator can write programs with forward jumps, loops and calls to named
// functions without counting offsets by hand.
import { BPF_JMP, BPF_JMP32, BPF_K, BPF_X, Program, build as B, type FuncMeta, type Insn } from '@bpfkit/ir';

type Fix = { at: number; label: string; kind: 'off' | 'call' };

export class Asm {
  readonly insns: Insn[] = [];
  readonly #labels = new Map<string, number>();
  readonly #fixes: Fix[] = [];
  readonly #funcs: FuncMeta[] = [];

  get pc(): number {
    return this.insns.length;
  }

  emit(...xs: (Insn | readonly Insn[])[]): this {
    for (const x of xs) {
      if (Array.isArray(x)) this.insns.push(...(x as Insn[]));
      else this.insns.push(x as Insn);
    }
    return this;
  }

  label(name: string): this {
    if (this.#labels.has(name)) throw new Error(`duplicate label ${name}`);
    this.#labels.set(name, this.insns.length);
    return this;
  }

  /** Start a function (a label plus metadata). */
  func(name: string, argCount?: number): this {
    this.#funcs.push({ start: this.insns.length, name, argCount });
    return this.label(name);
  }

  /** Conditional jump `if dst <op> imm/src goto label` (JMP or JMP32). */
  jcc(op: number, dst: number, operand: { imm: number } | { reg: number }, label: string, jmp32 = false): this {
    const cls = jmp32 ? BPF_JMP32 : BPF_JMP;
    const code = cls | op | ('imm' in operand ? BPF_K : BPF_X);
    this.#fixes.push({ at: this.insns.length, label, kind: 'off' });
    this.insns.push({ code, dst, src: 'reg' in operand ? operand.reg : 0, off: 0, imm: 'imm' in operand ? operand.imm : 0 });
    return this;
  }

  ja(label: string): this {
    this.#fixes.push({ at: this.insns.length, label, kind: 'off' });
    this.insns.push(B.ja(0));
    return this;
  }

  gotol(label: string): this {
    this.#fixes.push({ at: this.insns.length, label, kind: 'call' }); // displacement in imm
    this.insns.push(B.gotol(0));
    return this;
  }

  mayGoto(label: string): this {
    this.#fixes.push({ at: this.insns.length, label, kind: 'off' });
    this.insns.push(B.mayGoto(0));
    return this;
  }

  call(label: string): this {
    this.#fixes.push({ at: this.insns.length, label, kind: 'call' });
    this.insns.push(B.callPseudo(0));
    return this;
  }

  /** `rD = &func` (ld_imm64 BPF_PSEUDO_FUNC). */
  funcPtr(dst: number, label: string): this {
    this.#fixes.push({ at: this.insns.length, label, kind: 'call' });
    this.insns.push(...B.ldImm64(dst, 0n, 4));
    return this;
  }

  program(): Program {
    const insns = this.insns.map((x) => ({ ...x }));
    for (const f of this.#fixes) {
      const t = this.#labels.get(f.label);
      if (t === undefined) throw new Error(`unknown label ${f.label}`);
      const d = t - (f.at + 1);
      const x = insns[f.at]!;
      insns[f.at] = f.kind === 'off' ? { ...x, off: d } : { ...x, imm: d };
    }
    return Program.fromInsns(insns, { funcs: this.#funcs });
  }
}
