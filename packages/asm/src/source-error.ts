// Errors in assembly text: every parser failure is a BpfError (code PARSE, UNKNOWN_LABEL,
// DUPLICATE_LABEL, IMM_RANGE or OFFSET_RANGE) that carries the 1-based line and column of
// the offending token, so editors and the CLI can point at it.
import { BpfError, type BpfErrorCode } from '@bpfkit/ir';

/** Error codes the asm parsers raise. */
export type AsmErrorCode = Extract<BpfErrorCode, 'PARSE' | 'UNKNOWN_LABEL' | 'DUPLICATE_LABEL' | 'IMM_RANGE' | 'OFFSET_RANGE'>;

/** A BpfError located at `line`:`column` (both 1-based) of the source text. */
export function sourceError(code: AsmErrorCode, message: string, line: number, column: number): BpfError {
  return new BpfError(code, message, { pass: 'asm', line, column });
}
