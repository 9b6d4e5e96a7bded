// Integer literals shared by both dialects: optional sign, decimal or 0x-hex digits, read as
// BigInt so that 64-bit ld_imm64 values are exact, plus the range checks that turn a value
// into an instruction field (imm32 accepts the signed and the unsigned 32-bit spelling, so the
// kernel's u32-hex `0xfffffff8` and LLVM's `-8` assemble to the same imm).

/** Longest literal we read; anything longer is out of every field's range anyway. */
export const MAX_LITERAL_LENGTH = 40;

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isWordChar = (c: number): boolean =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/** Result of scanning a literal at a position: its value (undefined when malformed) and end. */
export interface ScannedInteger {
  readonly value: bigint | undefined;
  readonly end: number;
  /** The literal's text, for messages. */
  readonly text: string;
  /** The literal was written in hex (`0x…`). */
  readonly hex: boolean;
}

/**
 * Scan `[+-]?(0x[0-9a-f]+|[0-9]+)` at `pos` of `s` (no leading spaces). Returns undefined when
 * no digit starts there; `value` is undefined when the word is not a well-formed literal
 * (e.g. `12ab`) or is longer than MAX_LITERAL_LENGTH.
 */
export function scanInteger(s: string, pos: number, end: number): ScannedInteger | undefined {
  let p = pos;
  let negative = false;
  const c0 = s.charCodeAt(p);
  if (c0 === 43 /* + */ || c0 === 45 /* - */) {
    negative = c0 === 45;
    p++;
  }
  if (p >= end || !isDigit(s.charCodeAt(p))) return undefined;
  const digitsStart = p;
  while (p < end && isWordChar(s.charCodeAt(p))) p++;
  const text = s.slice(pos, p);
  const digits = s.slice(digitsStart, p);
  const hex = digits.length > 2 && digits[0] === '0' && (digits[1] === 'x' || digits[1] === 'X');
  if (digits.length > MAX_LITERAL_LENGTH) return { value: undefined, end: p, text, hex };
  let value: bigint | undefined;
  if (hex) value = /^[0-9a-fA-F]+$/.test(digits.slice(2)) ? BigInt(`0x${digits.slice(2)}`) : undefined;
  else value = /^[0-9]+$/.test(digits) ? BigInt(digits) : undefined;
  if (value !== undefined && negative) value = -value;
  return { value, end: p, text, hex };
}

const I32_MIN = -(1n << 31n);
const U32_MAX = (1n << 32n) - 1n;
const I64_MIN = -(1n << 63n);
const U64_MAX = (1n << 64n) - 1n;

/** Does `v` fit a 32-bit immediate written signed (−2^31…2^31−1) or unsigned (…2^32−1)? */
export const fitsImm32 = (v: bigint): boolean => v >= I32_MIN && v <= U32_MAX;
/** The imm field (signed 32-bit) for a value that fitsImm32. */
export const toImm32 = (v: bigint): number => Number(BigInt.asIntN(32, v));
/** Does `v` fit a signed 16-bit offset? */
export const fitsOff16 = (v: bigint): boolean => v >= -32768n && v <= 32767n;
/** Does `v` fit a 64-bit immediate written signed or unsigned? */
export const fitsImm64 = (v: bigint): boolean => v >= I64_MIN && v <= U64_MAX;
/** The two imm fields (low, high; each signed 32-bit) of a 64-bit value. */
export const splitImm64 = (v: bigint): [number, number] => {
  const u = BigInt.asUintN(64, v);
  return [Number(BigInt.asIntN(32, u)), Number(BigInt.asIntN(32, u >> 32n))];
};
