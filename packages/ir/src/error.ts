// BpfError: the one error type every bpfkit package throws for bad input (bytes, text, ELF,
// options). It carries a stable machine-readable code, the instruction index (kernel
// numbering, ld_imm64 = two slots) or -1, the pass that raised it, and the message — the
// kernel's own text wherever the kernel has one. Text inputs add line/column (1-based).

/** Stable error codes. Adding a code is fine; renaming one is a breaking change. */
export type BpfErrorCode =
  | 'BAD_LENGTH'
  | 'UNKNOWN_OPCODE'
  | 'RESERVED_FIELD'
  | 'INVALID_REGISTER'
  | 'LD_IMM64_TRUNCATED'
  | 'LD_IMM64_INVALID'
  | 'JUMP_OUT_OF_RANGE'
  | 'JUMP_INTO_LD_IMM64'
  | 'CALL_OUT_OF_RANGE'
  | 'STACK_ARG_OFFSET'
  | 'TOO_MANY_ARGS'
  | 'PARSE'
  | 'UNKNOWN_LABEL'
  | 'DUPLICATE_LABEL'
  | 'OFFSET_RANGE'
  | 'IMM_RANGE'
  | 'REWRITE'
  | 'PASS_UNKNOWN'
  | 'PASS_CYCLE'
  | 'PIPELINE_SYNTAX'
  | 'OPTION'
  | 'IO'
  | 'INTERNAL'
  | 'ELF' | 'BTF'
  | (string & {});

export interface BpfErrorInit {
  /** Instruction index (kernel numbering) the error is about; -1 when none. */
  insn?: number;
  /** Name of the pass (or package stage) that found it: `decoder`, `asm`, `liveness`, … */
  pass?: string;
  /** 1-based source line/column for errors in text input. */
  line?: number;
  column?: number;
  /** The kernel's errno name where one applies (EINVAL, EACCES, …). */
  errno?: string;
  cause?: unknown;
}

export class BpfError extends Error {
  override readonly name = 'BpfError';
  readonly code: BpfErrorCode;
  readonly insn: number;
  readonly pass: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly errno: string | undefined;

  constructor(code: BpfErrorCode, message: string, init: BpfErrorInit = {}) {
    super(message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = code;
    this.insn = init.insn ?? -1;
    this.pass = init.pass;
    this.line = init.line;
    this.column = init.column;
    this.errno = init.errno;
  }

  /** One line for a terminal: `decoder: insn 3: unknown opcode 8e [UNKNOWN_OPCODE]`. */
  format(): string {
    const where: string[] = [];
    if (this.pass) where.push(this.pass);
    if (this.line !== undefined) where.push(`line ${this.line}${this.column !== undefined ? `:${this.column}` : ''}`);
    if (this.insn >= 0) where.push(`insn ${this.insn}`);
    return `${where.length ? where.join(': ') + ': ' : ''}${this.message} [${this.code}]`;
  }
}

export const isBpfError = (e: unknown): e is BpfError => e instanceof BpfError;
