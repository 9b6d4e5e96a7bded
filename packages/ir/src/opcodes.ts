// Opcode constants with their uapi names (include/uapi/linux/bpf.h, bpf_common.h) and the
// field accessors BPF_CLASS/BPF_SIZE/BPF_MODE/BPF_OP/BPF_SRC. Covers RFC 9669 v1–v4 plus the
// Linux extensions (may_goto, load-acquire/store-release, pseudo ld_imm64 kinds, kfunc calls).
// Names are kept exactly as in the kernel so a grep against it works.

// Instruction classes (low 3 bits).
export const BPF_LD = 0x00;
export const BPF_LDX = 0x01;
export const BPF_ST = 0x02;
export const BPF_STX = 0x03;
export const BPF_ALU = 0x04;
export const BPF_JMP = 0x05;
export const BPF_JMP32 = 0x06;
export const BPF_ALU64 = 0x07;

// Load/store sizes (bits 4-3).
export const BPF_W = 0x00;
export const BPF_H = 0x08;
export const BPF_B = 0x10;
export const BPF_DW = 0x18;

// Load/store modes (bits 7-5).
export const BPF_IMM = 0x00;
export const BPF_ABS = 0x20;
export const BPF_IND = 0x40;
export const BPF_MEM = 0x60;
export const BPF_MEMSX = 0x80;
export const BPF_ATOMIC = 0xc0;

// Source operand (bit 3).
export const BPF_K = 0x00;
export const BPF_X = 0x08;

// ALU operations (bits 7-4).
export const BPF_ADD = 0x00;
export const BPF_SUB = 0x10;
export const BPF_MUL = 0x20;
export const BPF_DIV = 0x30;
export const BPF_OR = 0x40;
export const BPF_AND = 0x50;
export const BPF_LSH = 0x60;
export const BPF_RSH = 0x70;
export const BPF_NEG = 0x80;
export const BPF_MOD = 0x90;
export const BPF_XOR = 0xa0;
export const BPF_MOV = 0xb0;
export const BPF_ARSH = 0xc0;
export const BPF_END = 0xd0;

// Byte-order conversion direction for BPF_END in the BPF_ALU class (source bit).
export const BPF_TO_LE = 0x00;
export const BPF_TO_BE = 0x08;
export const BPF_FROM_LE = BPF_TO_LE;
export const BPF_FROM_BE = BPF_TO_BE;

// Jump operations (bits 7-4).
export const BPF_JA = 0x00;
export const BPF_JEQ = 0x10;
export const BPF_JGT = 0x20;
export const BPF_JGE = 0x30;
export const BPF_JSET = 0x40;
export const BPF_JNE = 0x50;
export const BPF_JSGT = 0x60;
export const BPF_JSGE = 0x70;
export const BPF_CALL = 0x80;
export const BPF_EXIT = 0x90;
export const BPF_JLT = 0xa0;
export const BPF_JLE = 0xb0;
export const BPF_JSLT = 0xc0;
export const BPF_JSLE = 0xd0;
export const BPF_JCOND = 0xe0;

// src_reg of a BPF_JCOND instruction.
export const BPF_MAY_GOTO = 0;

// Atomic operations (imm of STX|ATOMIC).
export const BPF_FETCH = 0x01;
export const BPF_XCHG = 0xe0 | BPF_FETCH;
export const BPF_CMPXCHG = 0xf0 | BPF_FETCH;
export const BPF_LOAD_ACQ = 0x100;
export const BPF_STORE_REL = 0x110;

// src_reg of BPF_LD|BPF_IMM|BPF_DW (ld_imm64).
export const BPF_PSEUDO_MAP_FD = 1;
export const BPF_PSEUDO_MAP_VALUE = 2;
export const BPF_PSEUDO_BTF_ID = 3;
export const BPF_PSEUDO_FUNC = 4;
export const BPF_PSEUDO_MAP_IDX = 5;
export const BPF_PSEUDO_MAP_IDX_VALUE = 6;

// src_reg of BPF_JMP|BPF_CALL.
export const BPF_PSEUDO_CALL = 1;
export const BPF_PSEUDO_KFUNC_CALL = 2;

// off of ALU64 MOV X (arena pointer cast) — the kernel's BPF_ADDR_SPACE_CAST.
export const BPF_ADDR_SPACE_CAST = 1;

// Full opcode bytes used often enough to deserve a name.
export const BPF_LD_IMM64 = BPF_LD | BPF_DW | BPF_IMM; // 0x18
export const BPF_CALL_OPCODE = BPF_JMP | BPF_CALL; // 0x85
export const BPF_EXIT_OPCODE = BPF_JMP | BPF_EXIT; // 0x95
export const BPF_JA_OPCODE = BPF_JMP | BPF_JA; // 0x05
export const BPF_GOTOL_OPCODE = BPF_JMP32 | BPF_JA; // 0x06
export const BPF_MAY_GOTO_OPCODE = BPF_JMP | BPF_JCOND; // 0xe5

export const BPF_CLASS = (code: number): number => code & 0x07;
export const BPF_SIZE = (code: number): number => code & 0x18;
export const BPF_MODE = (code: number): number => code & 0xe0;
export const BPF_OP = (code: number): number => code & 0xf0;
export const BPF_SRC = (code: number): number => code & 0x08;

/** Bytes moved by a load/store of the given BPF_SIZE. */
export const bpfSizeBytes = (size: number): number =>
  size === BPF_DW ? 8 : size === BPF_W ? 4 : size === BPF_H ? 2 : 1;

/** Byte length of one encoded instruction slot. */
export const BPF_INSN_SIZE = 8;
