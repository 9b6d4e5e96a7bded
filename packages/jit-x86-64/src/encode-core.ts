// The byte-level pieces every x86-64 instruction form is made of: the REX prefix, ModRM for
// register and memory operands (SIB when the base is rsp/r12, an index when asked), the
// displacement, and the AT&T text of those operands. Mirrors the kernel JIT's add_1mod(),
// add_2mod(), add_1reg(), add_2reg() and emit_insn_suffix(): memory operands always carry an
// explicit disp8 or disp32 (never mod=00), exactly as emit_insn_suffix() does, so the size
// of a memory instruction depends only on its displacement. Operand text follows
// `llvm-mc --disassemble -print-imm-hex` (what the kernel selftests match against).
import { isImm8, type CodeBuffer } from '@bpfkit/jit-common';
import { regName } from './registers.js';

/** `0x1f` / `-0x8` (AT&T hex as llvm prints it). */
export const hexS = (v: number): string => (v < 0 ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`);
/** `$-0x8`: a signed immediate. */
export const immS = (v: number): string => `$${hexS(v)}`;
/** `$0xffffffff`: a 32-bit immediate printed unsigned (32-bit operand size). */
export const immU32 = (v: number): string => `$0x${(v >>> 0).toString(16)}`;
/** `$0xffff`: a 16-bit immediate printed unsigned. */
export const immU16 = (v: number): string => `$0x${(v & 0xffff).toString(16)}`;

/** AT&T memory operand `disp(%base)` (zero displacement prints as `(%base)`). */
export const memText = (base: number, disp: number): string => `${disp === 0 ? '' : hexS(disp)}(${regName(base, 64)})`;
/** AT&T memory operand with an index: `disp(%base,%index,scale)`. */
export const memIndexText = (base: number, index: number, scale: number, disp: number): string =>
  `${disp === 0 ? '' : hexS(disp)}(${regName(base, 64)},${regName(index, 64)},${scale})`;

/**
 * Optional REX prefix for a register-register form: W for 64-bit operand size, R extends the
 * ModRM.reg register, B the ModRM.rm register. `byteRegs` forces REX when an 8-bit operand
 * is spl/bpl/sil/dil (without REX those encodings mean ah/ch/dh/bh).
 */
export function rexRR(b: CodeBuffer, w: boolean, reg: number, rm: number, byteRegs = false): void {
  const v = (w ? 8 : 0) | (reg >= 8 ? 4 : 0) | (rm >= 8 ? 1 : 0);
  if (v !== 0 || (byteRegs && ((reg >= 4 && reg < 8) || (rm >= 4 && rm < 8)))) b.byte(0x40 | v);
}

/** REX for a memory form: R extends ModRM.reg, X the SIB index, B the base. */
export function rexMem(b: CodeBuffer, w: boolean, reg: number, base: number, index = 0, byteReg = false): void {
  const v = (w ? 8 : 0) | (reg >= 8 ? 4 : 0) | (index >= 8 ? 2 : 0) | (base >= 8 ? 1 : 0);
  if (v !== 0 || (byteReg && reg >= 4 && reg < 8)) b.byte(0x40 | v);
}

/** ModRM with mod=11: register `rm`, `reg` field (a register or an opcode extension /digit). */
export function modrmReg(b: CodeBuffer, reg: number, rm: number): void {
  b.byte(0xc0 | ((reg & 7) << 3) | (rm & 7));
}

/**
 * ModRM (+SIB) + displacement for `disp(%base)`: disp8 when it fits, else disp32; a SIB byte
 * when the base is rsp or r12 (emit_insn_suffix()).
 */
export function modrmMem(b: CodeBuffer, reg: number, base: number, disp: number): void {
  const short = isImm8(disp);
  const mod = short ? 0x40 : 0x80;
  if ((base & 7) === 4) {
    b.byte(mod | ((reg & 7) << 3) | 4);
    b.byte(0x24);
  } else b.byte(mod | ((reg & 7) << 3) | (base & 7));
  if (short) b.byte(disp);
  else b.u32(disp);
}

/** ModRM + SIB + displacement for `disp(%base,%index,scale)` (index must not be rsp). */
export function modrmMemIndex(b: CodeBuffer, reg: number, base: number, index: number, scale: 1 | 2 | 4 | 8, disp: number): void {
  const short = isImm8(disp);
  b.byte((short ? 0x40 : 0x80) | ((reg & 7) << 3) | 4);
  const ss = scale === 1 ? 0 : scale === 2 ? 1 : scale === 4 ? 2 : 3;
  b.byte((ss << 6) | ((index & 7) << 3) | (base & 7));
  if (short) b.byte(disp);
  else b.u32(disp);
}

/** AT&T operand-size suffix. */
export const sfx = (w: boolean): string => (w ? 'q' : 'l');
/** Register text at the operand size. */
export const rn = (r: number, w: boolean): string => regName(r, w ? 64 : 32);
