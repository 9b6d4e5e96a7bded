// Which opcode bytes exist, and what shape of instruction each one is: a 256-entry table
// built once from the uapi constants, so validation is one array lookup plus a switch per
// instruction (the kernel's bpf_opcode_in_insntable() plus the per-class field checks).
import {
  BPF_ABS, BPF_ALU, BPF_ALU64, BPF_ATOMIC, BPF_B, BPF_CALL, BPF_DIV, BPF_DW, BPF_END, BPF_EXIT, BPF_H,
  BPF_IND, BPF_JA, BPF_JCOND, BPF_JMP, BPF_JMP32, BPF_K, BPF_LD, BPF_LD_IMM64, BPF_LDX, BPF_MEM, BPF_MEMSX, BPF_MOD,
  BPF_MOV, BPF_NEG, BPF_ST, BPF_STX, BPF_W, BPF_X,
} from '@bpfkit/ir';

/** Instruction shapes (values of OPCODE_SHAPE). */
export const Shape = {
  Invalid: 0,
  AluK: 1,
  AluX: 2,
  Neg: 3,
  EndAlu: 4,
  Bswap: 5,
  MovK: 6,
  MovX: 7,
  DivModK: 8,
  DivModX: 9,
  LdxMem: 10,
  LdxMemSx: 11,
  StMem: 12,
  StxMem: 13,
  AtomicWD: 14,
  AtomicBH: 15,
  LdImm64: 16,
  LdAbs: 17,
  LdInd: 18,
  Ja: 19,
  Gotol: 20,
  JcondK: 21,
  JcondX: 22,
  Call: 23,
  Callx: 24,
  Exit: 25,
  MayGoto: 26,
} as const;

const SIZES = [BPF_W, BPF_H, BPF_B, BPF_DW];

function build(): Uint8Array {
  const t = new Uint8Array(256);
  for (const cls of [BPF_ALU, BPF_ALU64]) {
    for (let op = 0; op <= 0xc0; op += 0x10) {
      if (op === BPF_NEG) continue;
      const isMov = op === BPF_MOV;
      const isDivMod = op === BPF_DIV || op === BPF_MOD;
      t[cls | op | BPF_K] = isMov ? Shape.MovK : isDivMod ? Shape.DivModK : Shape.AluK;
      t[cls | op | BPF_X] = isMov ? Shape.MovX : isDivMod ? Shape.DivModX : Shape.AluX;
    }
    t[cls | BPF_NEG | BPF_K] = Shape.Neg;
  }
  t[BPF_ALU | BPF_END | BPF_K] = Shape.EndAlu; // le
  t[BPF_ALU | BPF_END | BPF_X] = Shape.EndAlu; // be
  t[BPF_ALU64 | BPF_END | BPF_K] = Shape.Bswap;
  for (const sz of SIZES) {
    t[BPF_LDX | BPF_MEM | sz] = Shape.LdxMem;
    t[BPF_ST | BPF_MEM | sz] = Shape.StMem;
    t[BPF_STX | BPF_MEM | sz] = Shape.StxMem;
    t[BPF_STX | BPF_ATOMIC | sz] = sz === BPF_W || sz === BPF_DW ? Shape.AtomicWD : Shape.AtomicBH;
    if (sz !== BPF_DW) {
      t[BPF_LDX | BPF_MEMSX | sz] = Shape.LdxMemSx;
      t[BPF_LD | BPF_ABS | sz] = Shape.LdAbs;
      t[BPF_LD | BPF_IND | sz] = Shape.LdInd;
    }
  }
  t[BPF_LD_IMM64] = Shape.LdImm64;
  for (const cls of [BPF_JMP, BPF_JMP32]) {
    for (let op = 0x10; op <= 0xd0; op += 0x10) {
      if (op === BPF_CALL || op === BPF_EXIT) continue;
      t[cls | op | BPF_K] = Shape.JcondK;
      t[cls | op | BPF_X] = Shape.JcondX;
    }
  }
  t[BPF_JMP | BPF_JA] = Shape.Ja;
  t[BPF_JMP32 | BPF_JA] = Shape.Gotol;
  t[BPF_JMP | BPF_CALL] = Shape.Call;
  t[BPF_JMP | BPF_CALL | BPF_X] = Shape.Callx;
  t[BPF_JMP | BPF_EXIT] = Shape.Exit;
  t[BPF_JMP | BPF_JCOND] = Shape.MayGoto;
  return t;
}

/** Shape of every opcode byte; `Shape.Invalid` (0) for bytes the ISA does not define. */
export const OPCODE_SHAPE: Uint8Array = build();
