// 64-bit arithmetic on the split register file: each register is two int32 words
// (r[2n] = low, r[2n + 1] = high) in an Int32Array that a BigUint64Array/BigInt64Array alias.
// Shifts, multiply and byte swaps stay in int32/double arithmetic (no BigInt allocation);
// 64-bit division uses a double fast path when both operands fit, BigInt otherwise. The
// division and modulo rules are Linux's (the verifier's BPF_DIV/BPF_MOD fixups in
// do_misc_fixups() plus ___bpf_prog_run()'s div64_u64/div64_s64): x / 0 = 0, x % 0 = x,
// signed x / -1 = -x, signed x % -1 = 0; results wrap modulo 2^64.

const TWO32 = 4294967296;

/** High 32 bits of the unsigned 64-bit product of two u32 values (exact: partial sums < 2^50). */
export function mulhiU32(x: number, y: number): number {
  const xl = x & 0xffff;
  const xh = x >>> 16;
  const yl = y & 0xffff;
  const yh = y >>> 16;
  const cross = xh * yl + xl * yh;
  return xh * yh + Math.floor((cross * 65536 + xl * yl) / TWO32);
}

/** r[d2..] *= (bhi:blo), modulo 2^64. */
export function mul64(r: Int32Array, d2: number, blo: number, bhi: number): void {
  const alo = r[d2]!;
  const ahi = r[d2 + 1]!;
  r[d2 + 1] = (mulhiU32(alo >>> 0, blo >>> 0) + Math.imul(alo, bhi) + Math.imul(ahi, blo)) | 0;
  r[d2] = Math.imul(alo, blo);
}

/** Logical left shift by n in [0, 63]. */
export function shl64(r: Int32Array, d2: number, n: number): void {
  if (n === 0) return;
  if (n < 32) {
    r[d2 + 1] = (r[d2 + 1]! << n) | (r[d2]! >>> (32 - n));
    r[d2] = r[d2]! << n;
  } else {
    r[d2 + 1] = r[d2]! << (n - 32);
    r[d2] = 0;
  }
}

/** Logical right shift by n in [0, 63]. */
export function shr64(r: Int32Array, d2: number, n: number): void {
  if (n === 0) return;
  if (n < 32) {
    r[d2] = (r[d2]! >>> n) | (r[d2 + 1]! << (32 - n));
    r[d2 + 1] = r[d2 + 1]! >>> n;
  } else {
    r[d2] = r[d2 + 1]! >>> (n - 32);
    r[d2 + 1] = 0;
  }
}

/** Arithmetic right shift by n in [0, 63]. */
export function sar64(r: Int32Array, d2: number, n: number): void {
  if (n === 0) return;
  if (n < 32) {
    r[d2] = (r[d2]! >>> n) | (r[d2 + 1]! << (32 - n));
    r[d2 + 1] = r[d2 + 1]! >> n;
  } else {
    r[d2] = r[d2 + 1]! >> (n - 32);
    r[d2 + 1] = r[d2 + 1]! >> 31;
  }
}

/** Byte-reverse a 32-bit word. */
export const bswap32 = (x: number): number =>
  ((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24);

/**
 * 64-bit DIV/MOD of register d (index, not doubled) by (bhi:blo): unsigned (sdiv = false) or
 * signed (BPF_SDIV/BPF_SMOD, off = 1), quotient or remainder (mod).
 */
export function divmod64(
  r: Int32Array, r64: BigUint64Array, rs64: BigInt64Array, d: number, blo: number, bhi: number, signed: boolean, mod: boolean,
): void {
  const d2 = d << 1;
  const alo = r[d2]!;
  const ahi = r[d2 + 1]!;
  if (!signed) {
    if (ahi === 0 && bhi === 0) {
      const a = alo >>> 0;
      const b = blo >>> 0;
      if (b === 0) {
        if (!mod) r[d2] = 0;
      } else r[d2] = mod ? a % b : Math.floor(a / b);
      return;
    }
    const b = (BigInt(bhi >>> 0) << 32n) | BigInt(blo >>> 0);
    if (b === 0n) {
      if (!mod) r64[d] = 0n;
    } else r64[d] = mod ? r64[d]! % b : r64[d]! / b;
    return;
  }
  if (ahi === alo >> 31 && bhi === blo >> 31) {
    // Both operands are sign-extended int32: exact in doubles.
    if (blo === 0) {
      if (!mod) r[d2] = r[d2 + 1] = 0;
      return;
    }
    const q = mod ? (blo === -1 ? 0 : alo % blo) : blo === -1 ? -alo : Math.trunc(alo / blo);
    r[d2] = q;
    r[d2 + 1] = q < 0 ? -1 : 0;
    return;
  }
  const b = BigInt.asIntN(64, (BigInt(bhi) << 32n) | BigInt(blo >>> 0));
  if (b === 0n) {
    if (!mod) r64[d] = 0n;
  } else if (b === -1n) rs64[d] = mod ? 0n : -rs64[d]!;
  else rs64[d] = mod ? rs64[d]! % b : rs64[d]! / b;
}

/**
 * 32-bit DIV/MOD (ALU class) of the low word of register d2 by b: the result is
 * zero-extended; x / 0 = 0 and x % 0 = x (low 32 bits kept), INT_MIN / -1 = INT_MIN.
 */
export function divmod32(r: Int32Array, d2: number, b: number, signed: boolean, mod: boolean): void {
  const a = r[d2]!;
  r[d2 + 1] = 0;
  if (b === 0) {
    if (!mod) r[d2] = 0;
    return;
  }
  if (signed) r[d2] = mod ? (b === -1 ? 0 : a % b) : (a / b) | 0;
  else r[d2] = mod ? (a >>> 0) % (b >>> 0) : Math.floor((a >>> 0) / (b >>> 0));
}
