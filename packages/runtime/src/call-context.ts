// What a JS helper or kfunc sees of a native run: the call site, and memory access by BPF
// (= native) address, checked against the run's allowed regions before any byte is touched —
// the input memory, the user regions, and the stack: every live frame's 512 bytes in the
// sandbox (the JIT keeps that list in the context block), or a window around the entry
// trampoline's stack pointer otherwise. Plus the early-exit request (the bpf_conformance
// "unwind" helper) and callbacks into the program (bpf_loop-style). Same contract as
// @bpfkit/interp's CallContext; faults are BpfErrors naming the call instruction.
import { BpfError } from '@bpfkit/ir';
import { nativeView } from './native.js';
import type { NativeCallContext } from './options.js';

/** Where memory may be touched during a run, and how to run callbacks. */
export interface MemoryPolicy {
  /** Allowed ranges: [base, readable length, writable length]. */
  ranges(): Iterable<readonly [bigint, number, number]>;
  /** Run the BPF function at code address `fn` (validated) with R1..R5. */
  invoke(fn: bigint, args: readonly bigint[], insn: number): bigint;
}

const hex = (a: bigint): string => `0x${BigInt.asUintN(64, a).toString(16)}`;

export class NativeCallContextImpl implements NativeCallContext {
  exitRequested = false;
  exitValue = 0n;

  constructor(
    readonly insn: number,
    readonly frame: number,
    readonly id: number,
    readonly kind: number,
    private readonly policy: MemoryPolicy,
  ) {}

  /** Throws unless `len` bytes at `addr` lie in one allowed range (writable ones when `write`). */
  check(addr: bigint, len: number, write: boolean): bigint {
    if (!Number.isSafeInteger(len) || len < 0) throw new BpfError('OPTION', `invalid length ${len}`, { pass: 'runtime', insn: this.insn });
    const a = BigInt.asUintN(64, BigInt(addr));
    const n = BigInt(len);
    let readable = false;
    for (const [base, rlen, wlen] of this.policy.ranges()) {
      if (a < base) continue;
      const off = a - base;
      if (off + n <= BigInt(write ? wlen : rlen)) return a;
      if (write && off + n <= BigInt(rlen)) readable = true;
    }
    if (readable)
      throw new BpfError('MEM_RDONLY', `invalid write of ${len} byte${len === 1 ? '' : 's'} at ${hex(a)}: read-only region`, { insn: this.insn, pass: 'runtime', errno: 'EACCES' });
    throw new BpfError('MEM_OOB', `invalid ${write ? 'write' : 'read'} of ${len} byte${len === 1 ? '' : 's'} at ${hex(a)}: outside every region`, {
      insn: this.insn, pass: 'runtime', errno: 'EACCES',
    });
  }

  read(addr: bigint, len: number): Uint8Array {
    return this.view(addr, len, false).slice();
  }

  view(addr: bigint, len: number, writable = false): Uint8Array {
    return nativeView(this.check(addr, len, writable), len);
  }

  write(addr: bigint, bytes: Uint8Array): void {
    this.view(addr, bytes.length, true).set(bytes);
  }

  load(addr: bigint, size: 1 | 2 | 4 | 8): bigint {
    const v = new DataView(this.view(addr, checkSize(size, this.insn), false).slice().buffer);
    switch (size) {
      case 1: return BigInt(v.getUint8(0));
      case 2: return BigInt(v.getUint16(0, true));
      case 4: return BigInt(v.getUint32(0, true));
      default: return v.getBigUint64(0, true);
    }
  }

  store(addr: bigint, size: 1 | 2 | 4 | 8, value: bigint): void {
    const bytes = new Uint8Array(8);
    new DataView(bytes.buffer).setBigUint64(0, BigInt.asUintN(64, BigInt(value)), true);
    this.view(addr, checkSize(size, this.insn), true).set(bytes.subarray(0, size));
  }

  cString(addr: bigint, max = 4096): Uint8Array {
    const a = this.check(addr, 1, false);
    // Scan within the range that holds the first byte.
    let limit = 0;
    for (const [base, rlen] of this.policy.ranges()) if (a >= base && a - base < BigInt(rlen)) limit = Math.max(limit, Number(BigInt(rlen) - (a - base)));
    const end = Math.min(limit, max);
    const bytes = nativeView(a, end);
    for (let i = 0; i < end; i++) if (bytes[i] === 0) return bytes.slice(0, i);
    throw new BpfError('MEM_OOB', `no NUL terminator within ${end} bytes of the string at ${hex(a)}`, { insn: this.insn, pass: 'runtime', errno: 'EACCES' });
  }

  exit(r0: bigint): void {
    this.exitRequested = true;
    this.exitValue = BigInt.asUintN(64, BigInt(r0));
  }

  call(fn: bigint, ...args: bigint[]): bigint {
    return this.policy.invoke(fn, args, this.insn);
  }
}

function checkSize(size: number, insn: number): number {
  if (size !== 1 && size !== 2 && size !== 4 && size !== 8)
    throw new BpfError('OPTION', `load/store size must be 1, 2, 4 or 8, not ${size}`, { insn, pass: 'runtime' });
  return size;
}
