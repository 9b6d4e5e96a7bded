// Pure encoders for x86-64 control transfer and frame forms: jmp/jcc with rel8 and rel32,
// call rel32, indirect call through a register, ret, leave, push/pop of registers, nop
// padding. Branch encoders take the displacement (target - end of the instruction) and, for
// the listing, the absolute target offset. Mirrors the kernel's emit_jump(), emit_call(),
// EMIT2(X86_JE, …)/EMIT2_off32(0x0F, jmp_cond + 0x10, …), push_callee_regs() bytes.
import type { CodeBuffer } from '@bpfkit/jit-common';
import { hexS, modrmReg, rexRR } from './encode-core.js';
import { regName } from './registers.js';

/** x86 condition codes (the low nibble of 0x70+cc / 0x0F 0x80+cc). */
export const CC_B = 0x2, CC_AE = 0x3, CC_E = 0x4, CC_NE = 0x5, CC_BE = 0x6, CC_A = 0x7, CC_S = 0x8, CC_NS = 0x9;
export const CC_L = 0xc, CC_GE = 0xd, CC_LE = 0xe, CC_G = 0xf;
const CC_NAMES: Record<number, string> = {
  0: 'o', 1: 'no', 2: 'b', 3: 'ae', 4: 'e', 5: 'ne', 6: 'be', 7: 'a', 8: 's', 9: 'ns', 10: 'p', 11: 'np', 12: 'l', 13: 'ge', 14: 'le', 15: 'g',
};

/** Target value for a branch whose label is resolved later (LabelTable fills the note's target). */
export const TARGET_LABEL = -2;

/** Text of a branch operand: `{T}` (resolved by the listing) when a target is or will be known, else the displacement. */
const branchText = (disp: number, target: number): string => (target === -1 ? hexS(disp) : '{T}');

/** `jmp rel8` (EB cb). */
export function jmpRel8(b: CodeBuffer, disp: number, target = -1): void {
  const at = b.pos;
  b.byte(0xeb);
  b.byte(disp);
  if (b.notes) b.note(at, `jmp\t${branchText(disp, target)}`, target);
}

/** `jmp rel32` (E9 cd). */
export function jmpRel32(b: CodeBuffer, disp: number, target = -1): void {
  const at = b.pos;
  b.byte(0xe9);
  b.u32(disp);
  if (b.notes) b.note(at, `jmp\t${branchText(disp, target)}`, target);
}

/** `jcc rel8` (70+cc cb). */
export function jccRel8(b: CodeBuffer, cc: number, disp: number, target = -1): void {
  const at = b.pos;
  b.byte(0x70 + cc);
  b.byte(disp);
  if (b.notes) b.note(at, `j${CC_NAMES[cc]}\t${branchText(disp, target)}`, target);
}

/** `jcc rel32` (0F 80+cc cd). */
export function jccRel32(b: CodeBuffer, cc: number, disp: number, target = -1): void {
  const at = b.pos;
  b.byte(0x0f);
  b.byte(0x80 + cc);
  b.u32(disp);
  if (b.notes) b.note(at, `j${CC_NAMES[cc]}\t${branchText(disp, target)}`, target);
}

/** `call rel32` (E8 cd). */
export function callRel32(b: CodeBuffer, disp: number, target = -1): void {
  const at = b.pos;
  b.byte(0xe8);
  b.u32(disp);
  if (b.notes) b.note(at, `callq\t${branchText(disp, target)}`, target);
}

/** `call *r64` (FF /2). */
export function callR(b: CodeBuffer, r: number): void {
  const at = b.pos;
  rexRR(b, false, 0, r);
  b.byte(0xff);
  modrmReg(b, 2, r);
  if (b.notes) b.note(at, `callq\t*${regName(r, 64)}`);
}

/** `retq` (C3). */
export function ret(b: CodeBuffer): void {
  const at = b.pos;
  b.byte(0xc3);
  if (b.notes) b.note(at, 'retq');
}

/** `leave` (C9): mov %rbp, %rsp; pop %rbp. */
export function leave(b: CodeBuffer): void {
  const at = b.pos;
  b.byte(0xc9);
  if (b.notes) b.note(at, 'leave');
}

/** `pushq r64` (50+r, REX.B for r8..r15). */
export function push(b: CodeBuffer, r: number): void {
  const at = b.pos;
  if (r >= 8) b.byte(0x41);
  b.byte(0x50 + (r & 7));
  if (b.notes) b.note(at, `pushq\t${regName(r, 64)}`);
}

/** `popq r64` (58+r, REX.B for r8..r15). */
export function pop(b: CodeBuffer, r: number): void {
  const at = b.pos;
  if (r >= 8) b.byte(0x41);
  b.byte(0x58 + (r & 7));
  if (b.notes) b.note(at, `popq\t${regName(r, 64)}`);
}

/** `nop` (90), one byte; padding repeats it. */
export function nop(b: CodeBuffer): void {
  const at = b.pos;
  b.byte(0x90);
  if (b.notes) b.note(at, 'nop');
}

/** `int3` (CC): a trap, used to fill unreachable padding. */
export function int3(b: CodeBuffer): void {
  const at = b.pos;
  b.byte(0xcc);
  if (b.notes) b.note(at, 'int3');
}
