// Random *valid* programs for property tests and benchmarks: every opcode the ISA defines,
// with field values the validator accepts, jump/call targets inside the program and never
// into an ld_imm64 second half, and r11 only in its three stack-argument forms. Driven by a
// caller-supplied random source so fast-check can shrink and benchmarks can be seeded.
import { BPF_REG_PARAMS, Program, type Insn } from '@bpfkit/ir';
import { OPCODE_SHAPE, Shape } from './opcode-table.js';

/** A source of random integers in [0, n). */
export type RandomInt = (n: number) => number;

const VALID_CODES: number[] = [];
for (let c = 0; c < 256; c++) if (OPCODE_SHAPE[c]) VALID_CODES.push(c);

const ATOMIC_WD_IMMS = [0x00, 0x01, 0x40, 0x41, 0x50, 0x51, 0xa0, 0xa1, 0xe1, 0xf1, 0x100, 0x110];
const I32 = (r: RandomInt): number => (r(0x10000) << 16) | r(0x10000);
const OFF = (r: RandomInt): number => ((r(0x10000) << 16) >> 16);
const reg = (r: RandomInt): number => r(11);

/** One random valid instruction (two slots for ld_imm64). Jump displacements are placeholders. */
export function randomInsn(r: RandomInt): Insn[] {
  const code = VALID_CODES[r(VALID_CODES.length)]!;
  const sh = OPCODE_SHAPE[code]!;
  const d = reg(r);
  const s = reg(r);
  switch (sh) {
    case Shape.AluK: return [{ code, dst: d, src: 0, off: 0, imm: I32(r) }];
    case Shape.AluX: return [{ code, dst: d, src: s, off: 0, imm: 0 }];
    case Shape.DivModK: return [{ code, dst: d, src: 0, off: r(2), imm: I32(r) }];
    case Shape.DivModX: return [{ code, dst: d, src: s, off: r(2), imm: 0 }];
    case Shape.Neg: return [{ code, dst: d, src: 0, off: 0, imm: 0 }];
    case Shape.EndAlu:
    case Shape.Bswap: return [{ code, dst: d, src: 0, off: 0, imm: [16, 32, 64][r(3)]! }];
    case Shape.MovK: return [{ code, dst: d, src: 0, off: 0, imm: I32(r) }];
    case Shape.MovX: return [{ code, dst: d, src: s, off: code === 0xbf ? [0, 8, 16, 32][r(4)]! : [0, 8, 16][r(3)]!, imm: 0 }];
    case Shape.LdxMem:
      if (r(8) === 0 && code === 0x79) return [{ code, dst: r(10), src: BPF_REG_PARAMS, off: 8 * (1 + r(7)), imm: 0 }];
      return [{ code, dst: d, src: s, off: OFF(r), imm: 0 }];
    case Shape.LdxMemSx: return [{ code, dst: d, src: s, off: OFF(r), imm: 0 }];
    case Shape.StMem:
      if (r(8) === 0 && code === 0x7a) return [{ code, dst: BPF_REG_PARAMS, src: 0, off: -8 * (1 + r(7)), imm: I32(r) }];
      return [{ code, dst: d, src: 0, off: OFF(r), imm: I32(r) }];
    case Shape.StxMem:
      if (r(8) === 0 && code === 0x7b) return [{ code, dst: BPF_REG_PARAMS, src: s, off: -8 * (1 + r(7)), imm: 0 }];
      return [{ code, dst: d, src: s, off: OFF(r), imm: 0 }];
    case Shape.AtomicWD: return [{ code, dst: d, src: s, off: OFF(r), imm: ATOMIC_WD_IMMS[r(ATOMIC_WD_IMMS.length)]! }];
    case Shape.AtomicBH: return [{ code, dst: d, src: s, off: OFF(r), imm: [0x100, 0x110][r(2)]! }];
    case Shape.LdImm64: {
      const kind = [0, 0, 0, 1, 2, 3, 5, 6][r(8)]!; // PSEUDO_FUNC (4) is made by the caller with a real target
      return [{ code, dst: d, src: kind, off: 0, imm: I32(r) }, { code: 0, dst: 0, src: 0, off: 0, imm: I32(r) }];
    }
    case Shape.LdAbs: return [{ code, dst: 0, src: 0, off: 0, imm: I32(r) }];
    case Shape.LdInd: return [{ code, dst: 0, src: s, off: 0, imm: I32(r) }];
    case Shape.Ja: case Shape.Gotol: case Shape.MayGoto: return [{ code, dst: 0, src: 0, off: 0, imm: 0 }];
    case Shape.JcondK: return [{ code, dst: d, src: 0, off: 0, imm: I32(r) }];
    case Shape.JcondX: return [{ code, dst: d, src: s, off: 0, imm: 0 }];
    case Shape.Call: {
      const kind = r(3);
      return [{ code, dst: 0, src: kind, off: kind === 2 ? r(4) : 0, imm: kind === 1 ? 0 : r(1000) }];
    }
    case Shape.Callx: return [{ code, dst: d, src: 0, off: 0, imm: 0 }];
    case Shape.Exit: return [{ code, dst: 0, src: 0, off: 0, imm: 0 }];
    default: throw new Error(`unhandled shape ${sh}`);
  }
}

/**
 * A random valid program of about `count` slots. Jump targets are random valid slots within
 * `jumpRange` slots of the jump (default: anywhere), as compiled code jumps locally; call and
 * pseudo-func targets may be anywhere.
 */
export function randomProgram(r: RandomInt, count: number, jumpRange = Infinity): Program {
  const insns: Insn[] = [];
  while (insns.length < count) insns.push(...randomInsn(r));
  const starts: number[] = [];
  const isStart = new Uint8Array(insns.length + 1);
  for (let i = 0; i < insns.length; i++) {
    starts.push(i);
    isStart[i] = 1;
    if (insns[i]!.code === 0x18) i++;
  }
  for (const i of starts) {
    const x = insns[i]!;
    const sh = OPCODE_SHAPE[x.code]!;
    const target = starts[r(starts.length)]!;
    let disp = target - i - 1;
    if (jumpRange < Infinity && sh !== Shape.Call) {
      disp = r(2 * jumpRange + 1) - jumpRange;
      if (i + 1 + disp < 0 || i + 1 + disp >= insns.length || !isStart[i + 1 + disp]) disp = 0;
    }
    if (sh === Shape.Ja || sh === Shape.JcondK || sh === Shape.JcondX || sh === Shape.MayGoto) {
      disp = Math.max(-32768, Math.min(32767, disp));
      if (!isStart[i + 1 + disp]) disp = 0;
      insns[i] = { ...x, off: disp };
    } else if (sh === Shape.Gotol || (sh === Shape.Call && x.src === 1)) insns[i] = { ...x, imm: disp };
  }
  return Program.fromInsns(insns);
}
