// Hex text <-> bytes for programs and memory images, as the bpf_conformance plugin contract
// and the CLI exchange them: whitespace and an optional 0x prefix per token are tolerated;
// anything else is a BpfError with the character position.
import { BpfError } from '@bpfkit/ir';

export function hexToBytes(text: string): Uint8Array {
  const clean = text.replace(/0x/gi, '').replace(/[\s,]+/g, '');
  if (clean.length % 2 !== 0) throw new BpfError('PARSE', `hex text has an odd number of digits (${clean.length})`, { pass: 'hex' });
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) {
    const hi = digit(clean.charCodeAt(2 * i));
    const lo = digit(clean.charCodeAt(2 * i + 1));
    if (hi < 0 || lo < 0)
      throw new BpfError('PARSE', `invalid hex digit '${clean[hi < 0 ? 2 * i : 2 * i + 1]}' at digit ${hi < 0 ? 2 * i : 2 * i + 1}`, { pass: 'hex' });
    out[i] = (hi << 4) | lo;
  }
  return out;
}

function digit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export function bytesToHex(bytes: Uint8Array, separator = ''): string {
  const parts: string[] = new Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) parts[i] = HEX[bytes[i]!]!;
  return parts.join(separator);
}
