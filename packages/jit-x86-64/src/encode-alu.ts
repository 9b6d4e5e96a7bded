// Pure encoders for the register and immediate x86-64 forms the JIT emits: ALU group 1
// (add/or/and/sub/xor/cmp) reg-reg and reg-imm (imm8 when it fits, the short rax form as the
// kernel's is_axreg() path does), mov reg/imm/imm64, imul, the F7 group (neg/mul/div/idiv),
// shifts by imm/1/cl, test, movzx/movsx/movsxd, rol16, bswap, cqo/cdq. Each appends its
// bytes to the CodeBuffer and, when a listing is recorded, its AT&T text (llvm-mc's
// `-print-imm-hex` spelling). One function per form; operands are hardware register numbers.
import { isImm8, type CodeBuffer } from '@bpfkit/jit-common';
import { immS, immU32, modrmReg, rexRR, rn, sfx } from './encode-core.js';
import { regName } from './registers.js';

/** ALU group-1 operations: the ModRM /digit of 0x81/0x83 and (×8+1) the reg-reg opcode. */
export const ALU_ADD = 0, ALU_OR = 1, ALU_AND = 4, ALU_SUB = 5, ALU_XOR = 6, ALU_CMP = 7;
const ALU_NAMES = ['add', 'or', 'adc', 'sbb', 'and', 'sub', 'xor', 'cmp'];

/** `op src, dst` (reg-reg): opcode op*8+1, ModRM.reg = src, ModRM.rm = dst. */
export function aluRR(b: CodeBuffer, op: number, w: boolean, dst: number, src: number): void {
  const at = b.pos;
  rexRR(b, w, src, dst);
  b.byte(op * 8 + 1);
  modrmReg(b, src, dst);
  if (b.notes) b.note(at, `${ALU_NAMES[op]}${sfx(w)}\t${rn(src, w)}, ${rn(dst, w)}`);
}

/** `op $imm, dst`: 83 /op ib when imm fits in 8 bits, else the rax short form or 81 /op id. */
export function aluRI(b: CodeBuffer, op: number, w: boolean, dst: number, imm: number): void {
  const at = b.pos;
  rexRR(b, w, 0, dst);
  if (isImm8(imm)) {
    b.byte(0x83);
    modrmReg(b, op, dst);
    b.byte(imm);
  } else if (dst === 0) {
    b.byte(op * 8 + 5);
    b.u32(imm);
  } else {
    b.byte(0x81);
    modrmReg(b, op, dst);
    b.u32(imm);
  }
  if (b.notes) b.note(at, `${ALU_NAMES[op]}${sfx(w)}\t${isImm8(imm) || w ? immS(imm) : immU32(imm)}, ${rn(dst, w)}`);
}

/** `mov src, dst` (89 /r). */
export function movRR(b: CodeBuffer, w: boolean, dst: number, src: number): void {
  const at = b.pos;
  rexRR(b, w, src, dst);
  b.byte(0x89);
  modrmReg(b, src, dst);
  if (b.notes) b.note(at, `mov${sfx(w)}\t${rn(src, w)}, ${rn(dst, w)}`);
}

/** `test src, dst` (85 /r). */
export function testRR(b: CodeBuffer, w: boolean, dst: number, src: number): void {
  const at = b.pos;
  rexRR(b, w, src, dst);
  b.byte(0x85);
  modrmReg(b, src, dst);
  if (b.notes) b.note(at, `test${sfx(w)}\t${rn(src, w)}, ${rn(dst, w)}`);
}

/** `test $imm32, dst` (A9 id for rax, else F7 /0 id). */
export function testRI(b: CodeBuffer, w: boolean, dst: number, imm: number): void {
  const at = b.pos;
  rexRR(b, w, 0, dst);
  if (dst === 0) b.byte(0xa9);
  else {
    b.byte(0xf7);
    modrmReg(b, 0, dst);
  }
  b.u32(imm);
  if (b.notes) b.note(at, `test${sfx(w)}\t${w ? immS(imm) : immU32(imm)}, ${rn(dst, w)}`);
}

/** `movl $imm32, r32` (B8+r id): zero-extends into the 64-bit register. */
export function movRI32(b: CodeBuffer, dst: number, imm: number): void {
  const at = b.pos;
  if (dst >= 8) b.byte(0x41);
  b.byte(0xb8 + (dst & 7));
  b.u32(imm);
  if (b.notes) b.note(at, `movl\t${immU32(imm)}, ${rn(dst, false)}`);
}

/** `movq $simm32, r64` (REX.W C7 /0 id): sign-extends. */
export function movRI64sx(b: CodeBuffer, dst: number, imm: number): void {
  const at = b.pos;
  rexRR(b, true, 0, dst);
  b.byte(0xc7);
  modrmReg(b, 0, dst);
  b.u32(imm);
  if (b.notes) b.note(at, `movq\t${immS(imm)}, ${rn(dst, true)}`);
}

/** `movabsq $imm64, r64` (REX.W B8+r io), the 64-bit value given as two 32-bit halves. */
export function movabs(b: CodeBuffer, dst: number, lo: number, hi: number): void {
  const at = b.pos;
  b.byte(dst >= 8 ? 0x49 : 0x48);
  b.byte(0xb8 + (dst & 7));
  b.u32(lo);
  b.u32(hi);
  if (b.notes) b.note(at, `movabsq\t$${hexS64(lo, hi)}, ${rn(dst, true)}`);
}

/** Signed hex of a 64-bit value from its halves (llvm prints movabs immediates signed). */
export function hexS64(lo: number, hi: number): string {
  const v = BigInt.asIntN(64, (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0));
  return v < 0n ? `-0x${(-v).toString(16)}` : `0x${v.toString(16)}`;
}

/** `imul src, dst` (0F AF /r). */
export function imulRR(b: CodeBuffer, w: boolean, dst: number, src: number): void {
  const at = b.pos;
  rexRR(b, w, dst, src);
  b.byte(0x0f);
  b.byte(0xaf);
  modrmReg(b, dst, src);
  if (b.notes) b.note(at, `imul${sfx(w)}\t${rn(src, w)}, ${rn(dst, w)}`);
}

/** `imul $imm, src, dst` (6B /r ib or 69 /r id). */
export function imulRRI(b: CodeBuffer, w: boolean, dst: number, src: number, imm: number): void {
  const at = b.pos;
  rexRR(b, w, dst, src);
  const short = isImm8(imm);
  b.byte(short ? 0x6b : 0x69);
  modrmReg(b, dst, src);
  if (short) b.byte(imm);
  else b.u32(imm);
  if (b.notes) b.note(at, `imul${sfx(w)}\t${short || w ? immS(imm) : immU32(imm)}, ${rn(src, w)}, ${rn(dst, w)}`);
}

/** F7 group: /2 not, /3 neg, /4 mul, /6 div, /7 idiv. */
export const F7_NOT = 2, F7_NEG = 3, F7_MUL = 4, F7_DIV = 6, F7_IDIV = 7;
const F7_NAMES: Record<number, string> = { 2: 'not', 3: 'neg', 4: 'mul', 6: 'div', 7: 'idiv' };

/** `neg/div/idiv… r` (F7 /digit). */
export function unaryR(b: CodeBuffer, digit: number, w: boolean, r: number): void {
  const at = b.pos;
  rexRR(b, w, 0, r);
  b.byte(0xf7);
  modrmReg(b, digit, r);
  if (b.notes) b.note(at, `${F7_NAMES[digit]}${sfx(w)}\t${rn(r, w)}`);
}

/** Shift group 2: /0 rol, /4 shl, /5 shr, /7 sar. */
export const SH_ROL = 0, SH_SHL = 4, SH_SHR = 5, SH_SAR = 7;
const SH_NAMES: Record<number, string> = { 0: 'rol', 4: 'shl', 5: 'shr', 7: 'sar' };

/** `shl $imm, r` (D1 /digit for 1, else C1 /digit ib). */
export function shiftRI(b: CodeBuffer, digit: number, w: boolean, r: number, imm: number): void {
  const at = b.pos;
  rexRR(b, w, 0, r);
  if (imm === 1) {
    b.byte(0xd1);
    modrmReg(b, digit, r);
    if (b.notes) b.note(at, `${SH_NAMES[digit]}${sfx(w)}\t${rn(r, w)}`);
    return;
  }
  b.byte(0xc1);
  modrmReg(b, digit, r);
  b.byte(imm);
  if (b.notes) b.note(at, `${SH_NAMES[digit]}${sfx(w)}\t${immS(imm)}, ${rn(r, w)}`);
}

/** `shl %cl, r` (D3 /digit). */
export function shiftRCl(b: CodeBuffer, digit: number, w: boolean, r: number): void {
  const at = b.pos;
  rexRR(b, w, 0, r);
  b.byte(0xd3);
  modrmReg(b, digit, r);
  if (b.notes) b.note(at, `${SH_NAMES[digit]}${sfx(w)}\t%cl, ${rn(r, w)}`);
}

/** `rolw $imm8, r16` (66 C1 /0 ib): the byte swap of a 16-bit value when imm = 8. */
export function rol16(b: CodeBuffer, r: number, imm: number): void {
  const at = b.pos;
  b.byte(0x66);
  rexRR(b, false, 0, r);
  b.byte(0xc1);
  modrmReg(b, 0, r);
  b.byte(imm);
  if (b.notes) b.note(at, `rolw\t${immS(imm)}, ${regName(r, 16)}`);
}

/** `bswapl r32` / `bswapq r64` (0F C8+r). */
export function bswap(b: CodeBuffer, w: boolean, r: number): void {
  const at = b.pos;
  rexRR(b, w, 0, r);
  b.byte(0x0f);
  b.byte(0xc8 + (r & 7));
  if (b.notes) b.note(at, `bswap${sfx(w)}\t${rn(r, w)}`);
}

/** `movzbl r8, r32` (0F B6) / `movzwl r16, r32` (0F B7): zero-extends into 64 bits. */
export function movzxRR(b: CodeBuffer, bits: 8 | 16, dst: number, src: number): void {
  const at = b.pos;
  rexRR(b, false, dst, src, bits === 8);
  b.byte(0x0f);
  b.byte(bits === 8 ? 0xb6 : 0xb7);
  modrmReg(b, dst, src);
  if (b.notes) b.note(at, `movz${bits === 8 ? 'b' : 'w'}l\t${regName(src, bits)}, ${rn(dst, false)}`);
}

/** `movsb{l,q}` / `movsw{l,q}` (0F BE / 0F BF): sign-extend an 8/16-bit register. */
export function movsxRR(b: CodeBuffer, w: boolean, bits: 8 | 16, dst: number, src: number): void {
  const at = b.pos;
  rexRR(b, w, dst, src, bits === 8);
  b.byte(0x0f);
  b.byte(bits === 8 ? 0xbe : 0xbf);
  modrmReg(b, dst, src);
  if (b.notes) b.note(at, `movs${bits === 8 ? 'b' : 'w'}${sfx(w)}\t${regName(src, bits)}, ${rn(dst, w)}`);
}

/** `movslq r32, r64` (REX.W 63 /r). */
export function movsxdRR(b: CodeBuffer, dst: number, src: number): void {
  const at = b.pos;
  rexRR(b, true, dst, src);
  b.byte(0x63);
  modrmReg(b, dst, src);
  if (b.notes) b.note(at, `movslq\t${rn(src, false)}, ${rn(dst, true)}`);
}

/** `cqto` (48 99) / `cltd` (99): sign-extend rax into rdx:rax (eax into edx:eax). */
export function cqo(b: CodeBuffer, w: boolean): void {
  const at = b.pos;
  if (w) b.byte(0x48);
  b.byte(0x99);
  if (b.notes) b.note(at, w ? 'cqto' : 'cltd');
}


/** `xchgq r64, %rax` (REX.W 90+r): swaps a register with rax (r != rax). */
export function xchgRax(b: CodeBuffer, r: number): void {
  const at = b.pos;
  b.byte(r >= 8 ? 0x49 : 0x48);
  b.byte(0x90 + (r & 7));
  if (b.notes) b.note(at, `xchgq\t${rn(r, true)}, %rax`);
}
