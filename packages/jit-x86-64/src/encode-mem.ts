// Pure encoders for the x86-64 memory forms the JIT emits: zero- and sign-extending loads
// (movzb/movzw/movl/movq, movsb/movsw/movslq), stores from registers and immediates, the
// lock-prefixed read-modify-write forms (add/or/and/xor, xadd, cmpxchg) and xchg, lea
// (base+disp and rip-relative), ALU reg, mem (cmp/sub/add with a memory source), compares,
// inc/dec and push/pop of memory, and the indexed load used by callx's helper table. Memory
// operands are `disp(%base)` with an explicit displacement (encode-core.ts). Mirrors the
// kernel's emit_ldx(), emit_ldsx(), emit_stx(), emit_st_*() and emit_atomic_rmw() bytes.
import type { CodeBuffer } from '@bpfkit/jit-common';
import { hexS, immS, immU16, immU32, memIndexText, memText, modrmMem, modrmMemIndex, rexMem, rn, sfx } from './encode-core.js';
import { ALU_ADD, ALU_AND, ALU_OR, ALU_XOR } from './encode-alu.js';
import { regName } from './registers.js';

const SIZE_SFX: Record<number, string> = { 1: 'b', 2: 'w', 4: 'l', 8: 'q' };
const bitsOf = (size: number): 8 | 16 | 32 | 64 => (size === 1 ? 8 : size === 2 ? 16 : size === 4 ? 32 : 64);

/** Zero-extending load of 1/2/4/8 bytes: movzbl, movzwl, movl, movq. */
export function loadZx(b: CodeBuffer, size: 1 | 2 | 4 | 8, dst: number, base: number, disp: number): void {
  const at = b.pos;
  rexMem(b, size === 8, dst, base);
  if (size === 1) {
    b.byte(0x0f);
    b.byte(0xb6);
  } else if (size === 2) {
    b.byte(0x0f);
    b.byte(0xb7);
  } else b.byte(0x8b);
  modrmMem(b, dst, base, disp);
  if (b.notes) {
    const m = size === 1 ? 'movzbl' : size === 2 ? 'movzwl' : size === 4 ? 'movl' : 'movq';
    b.note(at, `${m}\t${memText(base, disp)}, ${rn(dst, size === 8)}`);
  }
}

/** Sign-extending load into 64 bits: movsbq, movswq, movslq. */
export function loadSx(b: CodeBuffer, size: 1 | 2 | 4, dst: number, base: number, disp: number): void {
  const at = b.pos;
  rexMem(b, true, dst, base);
  if (size === 4) b.byte(0x63);
  else {
    b.byte(0x0f);
    b.byte(size === 1 ? 0xbe : 0xbf);
  }
  modrmMem(b, dst, base, disp);
  if (b.notes) b.note(at, `${size === 1 ? 'movsbq' : size === 2 ? 'movswq' : 'movslq'}\t${memText(base, disp)}, ${rn(dst, true)}`);
}

/** Store the low 1/2/4/8 bytes of a register: movb, movw, movl, movq. */
export function store(b: CodeBuffer, size: 1 | 2 | 4 | 8, base: number, disp: number, src: number): void {
  const at = b.pos;
  if (size === 2) b.byte(0x66);
  rexMem(b, size === 8, src, base, 0, size === 1);
  b.byte(size === 1 ? 0x88 : 0x89);
  modrmMem(b, src, base, disp);
  if (b.notes) b.note(at, `mov${SIZE_SFX[size]}\t${regName(src, bitsOf(size))}, ${memText(base, disp)}`);
}

/** Store an immediate: movb $imm8, movw $imm16, movl $imm32, movq $simm32. */
export function storeImm(b: CodeBuffer, size: 1 | 2 | 4 | 8, base: number, disp: number, imm: number): void {
  const at = b.pos;
  if (size === 2) b.byte(0x66);
  rexMem(b, size === 8, 0, base);
  b.byte(size === 1 ? 0xc6 : 0xc7);
  modrmMem(b, 0, base, disp);
  if (size === 1) b.byte(imm);
  else if (size === 2) b.u16(imm);
  else b.u32(imm);
  if (b.notes) {
    const t = size === 1 ? immS((imm << 24) >> 24) : size === 2 ? immU16(imm) : size === 4 ? immU32(imm) : immS(imm);
    b.note(at, `mov${SIZE_SFX[size]}\t${t}, ${memText(base, disp)}`);
  }
}

const LOCK_ALU_NAMES: Record<number, string> = { [ALU_ADD]: 'add', [ALU_OR]: 'or', [ALU_AND]: 'and', [ALU_XOR]: 'xor' };

/** `lock add/or/and/xor src, disp(base)` (F0 [REX] op*8+1 /r). */
export function lockAluMR(b: CodeBuffer, op: number, w: boolean, base: number, disp: number, src: number): void {
  const at = b.pos;
  b.byte(0xf0);
  rexMem(b, w, src, base);
  b.byte(op * 8 + 1);
  modrmMem(b, src, base, disp);
  if (b.notes) b.note(at, `lock ${LOCK_ALU_NAMES[op]}${sfx(w)}\t${rn(src, w)}, ${memText(base, disp)}`);
}

/** `lock xadd src, disp(base)` (F0 [REX] 0F C1 /r): src receives the old value. */
export function lockXadd(b: CodeBuffer, w: boolean, base: number, disp: number, src: number): void {
  const at = b.pos;
  b.byte(0xf0);
  rexMem(b, w, src, base);
  b.byte(0x0f);
  b.byte(0xc1);
  modrmMem(b, src, base, disp);
  if (b.notes) b.note(at, `lock xadd${sfx(w)}\t${rn(src, w)}, ${memText(base, disp)}`);
}

/** `lock cmpxchg src, disp(base)` (F0 [REX] 0F B1 /r): compares with rax/eax. */
export function lockCmpxchg(b: CodeBuffer, w: boolean, base: number, disp: number, src: number): void {
  const at = b.pos;
  b.byte(0xf0);
  rexMem(b, w, src, base);
  b.byte(0x0f);
  b.byte(0xb1);
  modrmMem(b, src, base, disp);
  if (b.notes) b.note(at, `lock cmpxchg${sfx(w)}\t${rn(src, w)}, ${memText(base, disp)}`);
}

/** `xchg src, disp(base)` ([REX] 87 /r; locked implicitly). */
export function xchgMR(b: CodeBuffer, w: boolean, base: number, disp: number, src: number): void {
  const at = b.pos;
  rexMem(b, w, src, base);
  b.byte(0x87);
  modrmMem(b, src, base, disp);
  if (b.notes) b.note(at, `xchg${sfx(w)}\t${rn(src, w)}, ${memText(base, disp)}`);
}

/** `leaq disp(base), dst` (REX.W 8D /r). */
export function lea(b: CodeBuffer, dst: number, base: number, disp: number): void {
  const at = b.pos;
  rexMem(b, true, dst, base);
  b.byte(0x8d);
  modrmMem(b, dst, base, disp);
  if (b.notes) b.note(at, `leaq\t${memText(base, disp)}, ${rn(dst, true)}`);
}

/**
 * `leaq disp32(%rip), dst` (REX.W 8D /r, mod=00 rm=101). `target` is the absolute code offset
 * it designates (for the listing; the caller computes disp from it).
 */
export function leaRip(b: CodeBuffer, dst: number, disp: number, target = -1): void {
  const at = b.pos;
  b.byte(dst >= 8 ? 0x4c : 0x48);
  b.byte(0x8d);
  b.byte(((dst & 7) << 3) | 5);
  b.u32(disp);
  if (b.notes) b.note(at, target >= 0 ? `leaq\t{T}(%rip), ${rn(dst, true)}` : `leaq\t${disp === 0 ? '' : hexS(disp)}(%rip), ${rn(dst, true)}`, target);
}

const ALU_RM_NAMES: Record<number, string> = { 0: 'add', 5: 'sub', 7: 'cmp' };

/** `add/sub/cmp disp(base), dst` (op*8+3 /r): register destination, memory source. */
export function aluRM(b: CodeBuffer, op: 0 | 5 | 7, w: boolean, dst: number, base: number, disp: number): void {
  const at = b.pos;
  rexMem(b, w, dst, base);
  b.byte(op * 8 + 3);
  modrmMem(b, dst, base, disp);
  if (b.notes) b.note(at, `${ALU_RM_NAMES[op]}${sfx(w)}\t${memText(base, disp)}, ${rn(dst, w)}`);
}

/** `cmp{l,q} $imm8, disp(base)` (83 /7 ib). */
export function cmpMI8(b: CodeBuffer, w: boolean, base: number, disp: number, imm: number): void {
  const at = b.pos;
  rexMem(b, w, 0, base);
  b.byte(0x83);
  modrmMem(b, 7, base, disp);
  b.byte(imm);
  if (b.notes) b.note(at, `cmp${sfx(w)}\t${immS(imm)}, ${memText(base, disp)}`);
}

/** `inc{l,q}` / `dec{l,q} disp(base)` (FF /0, FF /1). */
export function incDecM(b: CodeBuffer, dec: boolean, w: boolean, base: number, disp: number): void {
  const at = b.pos;
  rexMem(b, w, 0, base);
  b.byte(0xff);
  modrmMem(b, dec ? 1 : 0, base, disp);
  if (b.notes) b.note(at, `${dec ? 'dec' : 'inc'}${sfx(w)}\t${memText(base, disp)}`);
}

/** `pushq disp(base)` (FF /6). */
export function pushM(b: CodeBuffer, base: number, disp: number): void {
  const at = b.pos;
  rexMem(b, false, 0, base);
  b.byte(0xff);
  modrmMem(b, 6, base, disp);
  if (b.notes) b.note(at, `pushq\t${memText(base, disp)}`);
}

/** `popq disp(base)` (8F /0). */
export function popM(b: CodeBuffer, base: number, disp: number): void {
  const at = b.pos;
  rexMem(b, false, 0, base);
  b.byte(0x8f);
  modrmMem(b, 0, base, disp);
  if (b.notes) b.note(at, `popq\t${memText(base, disp)}`);
}

/** `movq disp(base,index,scale), dst` (REX.W 8B /r with SIB). */
export function loadIndexed(b: CodeBuffer, dst: number, base: number, index: number, scale: 1 | 2 | 4 | 8, disp: number): void {
  const at = b.pos;
  rexMem(b, true, dst, base, index);
  b.byte(0x8b);
  modrmMemIndex(b, dst, base, index, scale, disp);
  if (b.notes) b.note(at, `movq\t${memIndexText(base, index, scale, disp)}, ${rn(dst, true)}`);
}
