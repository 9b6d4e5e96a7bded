// Register numbers. R0–R10 are the ISA's registers; BPF_REG_PARAMS (11) is the stack-argument
// base introduced by the 2026 stack-argument series, legal only in the three forms of
// kernel-semantics §1.2 (see stack-args.ts); BPF_REG_AX (12) is the JIT's hidden scratch.

export const BPF_REG_0 = 0;
export const BPF_REG_1 = 1;
export const BPF_REG_2 = 2;
export const BPF_REG_3 = 3;
export const BPF_REG_4 = 4;
export const BPF_REG_5 = 5;
export const BPF_REG_6 = 6;
export const BPF_REG_7 = 7;
export const BPF_REG_8 = 8;
export const BPF_REG_9 = 9;
export const BPF_REG_10 = 10;
export const BPF_REG_FP = BPF_REG_10;
export const MAX_BPF_REG = 11;
export const BPF_REG_PARAMS = 11;
export const BPF_REG_AX = 12;
export const MAX_BPF_EXT_REG = MAX_BPF_REG + 2;

/** Function-argument limits (include/linux/bpf.h, bpf_verifier.h). */
export const MAX_BPF_FUNC_ARGS = 12;
export const MAX_BPF_FUNC_REG_ARGS = 5;
export const MAX_STACK_ARG_SLOTS = MAX_BPF_FUNC_ARGS - MAX_BPF_FUNC_REG_ARGS;

/** Stack and call limits (kernel-semantics §8.8). */
export const MAX_BPF_STACK = 512;
export const MAX_CALL_FRAMES = 8;
export const MAX_TAIL_CALL_CNT = 33;
