// The three instruction shapes that may name BPF_REG_PARAMS (r11), mirroring the kernel's
// is_stack_arg_stx()/is_stack_arg_st()/is_stack_arg_ldx() predicates (filter.h), and the
// offset <-> stack-argument slot (spi) mapping of kernel-semantics §1.2.
import { BPF_DW, BPF_LDX, BPF_MEM, BPF_ST, BPF_STX } from './opcodes.js';
import { BPF_REG_PARAMS, MAX_BPF_REG } from './registers.js';

const STX_MEM_DW = BPF_STX | BPF_MEM | BPF_DW; // 0x7b
const ST_MEM_DW = BPF_ST | BPF_MEM | BPF_DW; // 0x7a
const LDX_MEM_DW = BPF_LDX | BPF_MEM | BPF_DW; // 0x79

/** `*(u64 *)(r11 - 8k) = rS`: outgoing stack argument stored from a register. */
export const isStackArgStx = (code: number, dst: number, src: number, off: number): boolean =>
  code === STX_MEM_DW && dst === BPF_REG_PARAMS && src < MAX_BPF_REG && off < 0 && (off & 7) === 0;

/** `*(u64 *)(r11 - 8k) = imm`: outgoing stack argument stored from an immediate. */
export const isStackArgSt = (code: number, dst: number, off: number): boolean =>
  code === ST_MEM_DW && dst === BPF_REG_PARAMS && off < 0 && (off & 7) === 0;

/** `rD = *(u64 *)(r11 + 8k)`: incoming stack argument loaded by a callee. */
export const isStackArgLdx = (code: number, dst: number, src: number, off: number): boolean =>
  code === LDX_MEM_DW && src === BPF_REG_PARAMS && dst <= 9 && off > 0 && (off & 7) === 0;

/** Outgoing slot index of a store offset: r11-8 -> 0 … r11-56 -> 6. */
export const outgoingStackArgSlot = (off: number): number => -off / 8 - 1;

/** Incoming slot index of a load offset: r11+8 -> 0 … r11+56 -> 6. */
export const incomingStackArgSlot = (off: number): number => off / 8 - 1;

/** Number of incoming stack-argument slots for a function with `argCount` arguments. */
export const inStackArgCount = (argCount: number): number => (argCount > 5 ? argCount - 5 : 0);
