// Bounds-checked little-endian reads over one region of an object file (the whole file, or
// one section), shared by the ELF and BTF parsers; every failure is a BpfError 'ELF'/'BTF'
// naming the region and byte offset, never a RangeError from a DataView. This plays the
// part of libelf's elf_getdata()/elf_strptr() range checks in libbpf's loader.
import { BpfError } from '@bpfkit/ir';

export type ObjectErrorCode = 'ELF' | 'BTF';

/** `0x` and lower-case hex. */
export const hex = (n: number): string => (n < 0 ? '-0x' + (-n).toString(16) : '0x' + n.toString(16));

/** A loader error: `code` 'ELF' or 'BTF', pass 'decoder', and `insn` when it is about an instruction. */
export function objectError(code: ObjectErrorCode, message: string, insn?: number): BpfError {
  return new BpfError(code, message, { pass: 'decoder', errno: 'EINVAL', ...(insn !== undefined ? { insn } : {}) });
}

const UTF8 = new TextDecoder('utf-8', { fatal: false });

/** Decode `bytes[start, end)` as UTF-8 (invalid sequences become U+FFFD). */
export const utf8 = (bytes: Uint8Array, start: number, end: number): string => UTF8.decode(bytes.subarray(start, end));

/**
 * A read-only window on `bytes` named `region` (".BTF", "ELF header", ".reltc" …). Offsets
 * are relative to the window. The bytes are only ever read.
 */
export class ByteView {
  readonly bytes: Uint8Array;
  readonly length: number;
  readonly region: string;
  readonly code: ObjectErrorCode;
  readonly #dv: DataView;

  constructor(bytes: Uint8Array, region: string, code: ObjectErrorCode) {
    this.bytes = bytes;
    this.length = bytes.length;
    this.region = region;
    this.code = code;
    this.#dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Throw `region: what at offset 0x..: message`. */
  fail(message: string, offset?: number, insn?: number): never {
    const where = offset === undefined ? this.region : `${this.region} at offset ${hex(offset)}`;
    throw objectError(this.code, `${where}: ${message}`, insn);
  }

  /** Is `[offset, offset + size)` inside the window? (Safe for huge or fractional inputs.) */
  has(offset: number, size: number): boolean {
    return Number.isSafeInteger(offset) && Number.isSafeInteger(size) && offset >= 0 && size >= 0 && offset + size <= this.length;
  }

  /** Throw unless `[offset, offset + size)` is inside the window; `what` names the thing read. */
  need(offset: number, size: number, what: string): void {
    if (!this.has(offset, size))
      this.fail(`${what} (${size} bytes) runs past the end of ${this.region} (${this.length} bytes)`, offset);
  }

  u8(offset: number): number {
    if (!this.has(offset, 1)) this.need(offset, 1, 'u8');
    return this.bytes[offset]!;
  }

  u16(offset: number): number {
    if (!this.has(offset, 2)) this.need(offset, 2, 'u16');
    return this.#dv.getUint16(offset, true);
  }

  i16(offset: number): number {
    if (!this.has(offset, 2)) this.need(offset, 2, 'i16');
    return this.#dv.getInt16(offset, true);
  }

  u32(offset: number): number {
    if (!this.has(offset, 4)) this.need(offset, 4, 'u32');
    return this.#dv.getUint32(offset, true);
  }

  i32(offset: number): number {
    if (!this.has(offset, 4)) this.need(offset, 4, 'i32');
    return this.#dv.getInt32(offset, true);
  }

  /**
   * An unsigned 64-bit field as a number. Values above 2^53 lose precision, which is harmless:
   * every such offset, size or address is out of range for an object that fits in memory.
   */
  u64(offset: number): number {
    if (!this.has(offset, 8)) this.need(offset, 8, 'u64');
    return this.#dv.getUint32(offset + 4, true) * 0x1_0000_0000 + this.#dv.getUint32(offset, true);
  }

  /** A sub-window `[offset, offset + size)` named `region`; throws when it does not fit. */
  slice(offset: number, size: number, region: string, code: ObjectErrorCode = this.code): ByteView {
    this.need(offset, size, region);
    return new ByteView(this.bytes.subarray(offset, offset + size), region, code);
  }

  /** The NUL-terminated string at `offset`; `what` names it in errors. */
  cstring(offset: number, what: string): string {
    if (!this.has(offset, 1)) this.fail(`${what}: string offset ${hex(offset)} is outside ${this.region} (${this.length} bytes)`);
    const end = this.bytes.indexOf(0, offset);
    if (end < 0) this.fail(`${what}: string at offset ${hex(offset)} is not NUL-terminated`);
    return utf8(this.bytes, offset, end);
  }
}
