// x86-64 register numbers and names, and the BPF -> x86-64 register map of the kernel's JIT
// (arch/x86/net/bpf_jit_comp.c: reg2hex[] / is_ereg(), kernel-semantics §5.1). R1..R5 sit in
// the SysV argument registers and R0 in rax, so helper calls need no marshalling; arg6
// travels in r9 and args 7-12 on the stack. r10 (the kernel's BPF_REG_AX) and r11 (AUX_REG)
// are the JIT's scratch registers; r12 holds bpfkit's runtime context pointer for the whole
// run (the kernel uses it for the arena base; nothing else in BPF code touches it).

/** Hardware register numbers (ModRM/REX encoding). */
export const RAX = 0, RCX = 1, RDX = 2, RBX = 3, RSP = 4, RBP = 5, RSI = 6, RDI = 7;
export const R8 = 8, R9 = 9, R10 = 10, R11 = 11, R12 = 12, R13 = 13, R14 = 14, R15 = 15;

/** Scratch registers (kernel names). */
export const AX_REG = R10;
export const AUX_REG = R11;
/** bpfkit: pointer to the runtime context block (ctx-layout.ts) for the whole run. */
export const CTX_REG = R12;

/** BPF register -> x86-64 register (BPF_REG_0 .. BPF_REG_10). */
export const BPF_TO_X86: readonly number[] = [RAX, RDI, RSI, RDX, RCX, R8, RBX, R13, R14, R15, RBP];

/** The same map as a Uint8Array (the lowering's hot lookups). */
export const BPF_TO_X86_U8: Uint8Array = Uint8Array.from(BPF_TO_X86);

/** Callee-saved x86 registers that hold BPF R6..R9. */
export const CALLEE_SAVED_BPF: readonly number[] = [RBX, R13, R14, R15];

const NAMES64 = ['rax', 'rcx', 'rdx', 'rbx', 'rsp', 'rbp', 'rsi', 'rdi', 'r8', 'r9', 'r10', 'r11', 'r12', 'r13', 'r14', 'r15'];
const NAMES32 = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi', 'r8d', 'r9d', 'r10d', 'r11d', 'r12d', 'r13d', 'r14d', 'r15d'];
const NAMES16 = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di', 'r8w', 'r9w', 'r10w', 'r11w', 'r12w', 'r13w', 'r14w', 'r15w'];
const NAMES8 = ['al', 'cl', 'dl', 'bl', 'spl', 'bpl', 'sil', 'dil', 'r8b', 'r9b', 'r10b', 'r11b', 'r12b', 'r13b', 'r14b', 'r15b'];

/** AT&T register operand, e.g. `%rax`, `%r9d`, `%sil`. */
export function regName(r: number, bits: 8 | 16 | 32 | 64): string {
  const t = bits === 64 ? NAMES64 : bits === 32 ? NAMES32 : bits === 16 ? NAMES16 : NAMES8;
  return `%${t[r]}`;
}

/** Needs a REX prefix bit (r8..r15). */
export const isExt = (r: number): boolean => r >= 8;
