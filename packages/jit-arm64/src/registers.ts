// The 2026 arm64 register map (kernel-semantics §6.1, after patch 16): BPF R0 lives in x8 —
// the AAPCS64 indirect-result register, never an argument — so x0–x7 can carry eight
// arguments; R1–R5 = x0–x4, R6–R9 = x19–x22, R10 = x25; x5–x7 carry stack arguments 6–8;
// x9 (AX) and x10–x12 are temporaries; x28 holds the runtime context block (bpfkit's own
// choice: the helper/kfunc tables, input memory and may_goto budget, see ctx-layout.ts).
export const X0 = 0;
export const X5 = 5;
export const X8 = 8;
export const AX = 9;
export const TMP1 = 10;
export const TMP2 = 11;
export const TMP3 = 12;
export const X25 = 25;
export const CTX = 28;
export const FP = 29;
export const LR = 30;
export const SP = 31;
export const ZR = 31;

/** BPF register -> A64 register (index = BPF register number, R0..R10). */
export const BPF_TO_A64: readonly number[] = [8, 0, 1, 2, 3, 4, 19, 20, 21, 22, 25];
/** Registers carrying stack arguments 6, 7, 8 (kernel: stack_arg_reg[]). */
export const STACK_ARG_REGS: readonly number[] = [5, 6, 7];
/** Number of stack arguments passed in registers (NR_STACK_ARG_REGS). */
export const NR_STACK_ARG_REGS = 3;

export const regName = (r: number, sf = true): string => (r === 31 ? (sf ? 'sp' : 'wsp') : `${sf ? 'x' : 'w'}${r}`);
