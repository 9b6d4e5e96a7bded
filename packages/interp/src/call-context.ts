// The CallContext handed to helpers and kfuncs: bounds-checked access to BPF memory by BPF
// address (so a helper such as memfrob or strcmp works on the program's pointers exactly as
// the C helpers of the kernel or uBPF do on raw pointers), plus the early-exit request used
// by the bpf_conformance "unwind" helper. One instance per Interpreter, re-aimed at each call
// site; faults are BpfErrors naming the call instruction.
import { BpfError } from '@bpfkit/ir';
import type { MemoryMap } from './memory.js';
import type { CallContext } from './options.js';

export class HostCallContext implements CallContext {
  insn = -1;
  frame = 0;
  id = 0;
  kind = 0;
  exitRequested = false;
  exitValue = 0n;
  /** Runs a BPF callback; installed by the Interpreter. */
  invoker: ((fn: bigint, args: readonly bigint[]) => bigint) | null = null;
  readonly #mem: MemoryMap;

  constructor(mem: MemoryMap) {
    this.#mem = mem;
  }

  read(addr: bigint, len: number): Uint8Array {
    return this.view(addr, len, false).slice();
  }

  view(addr: bigint, len: number, writable = false): Uint8Array {
    const { slot, off } = this.#mem.resolve(addr, len, writable, this.insn);
    return this.#mem.bytes[slot]!.subarray(off, off + len);
  }

  write(addr: bigint, bytes: Uint8Array): void {
    this.view(addr, bytes.length, true).set(bytes);
  }

  load(addr: bigint, size: 1 | 2 | 4 | 8): bigint {
    const { slot, off } = this.#mem.resolve(addr, checkSize(size, this.insn), false, this.insn);
    const v = this.#mem.views[slot]!;
    switch (size) {
      case 1: return BigInt(v.getUint8(off));
      case 2: return BigInt(v.getUint16(off, true));
      case 4: return BigInt(v.getUint32(off, true));
      default: return v.getBigUint64(off, true);
    }
  }

  store(addr: bigint, size: 1 | 2 | 4 | 8, value: bigint): void {
    const { slot, off } = this.#mem.resolve(addr, checkSize(size, this.insn), true, this.insn);
    const v = this.#mem.views[slot]!;
    const x = BigInt.asUintN(64, BigInt(value));
    switch (size) {
      case 1: v.setUint8(off, Number(x & 0xffn)); break;
      case 2: v.setUint16(off, Number(x & 0xffffn), true); break;
      case 4: v.setUint32(off, Number(x & 0xffffffffn), true); break;
      default: v.setBigUint64(off, x, true);
    }
  }

  cString(addr: bigint, max = 4096): Uint8Array {
    // Resolve the first byte, then scan within that region only.
    const { slot, off } = this.#mem.resolve(addr, 1, false, this.insn);
    const bytes = this.#mem.bytes[slot]!;
    const end = Math.min(this.#mem.limit[slot]!, off + max);
    for (let i = off; i < end; i++) if (bytes[i] === 0) return bytes.slice(off, i);
    throw new BpfError('MEM_OOB', `no NUL terminator within ${end - off} bytes of the string at 0x${BigInt.asUintN(64, addr).toString(16)}`, {
      insn: this.insn, pass: 'interp', errno: 'EACCES',
    });
  }

  call(fn: bigint, ...args: bigint[]): bigint {
    if (this.invoker === null) throw new BpfError('INTERNAL', 'no interpreter to run the callback', { insn: this.insn, pass: 'interp' });
    return this.invoker(fn, args);
  }

  exit(r0: bigint): void {
    this.exitRequested = true;
    this.exitValue = BigInt.asUintN(64, BigInt(r0));
  }
}

function checkSize(size: number, insn: number): number {
  if (size !== 1 && size !== 2 && size !== 4 && size !== 8)
    throw new BpfError('OPTION', `load/store size must be 1, 2, 4 or 8, not ${size}`, { insn, pass: 'interp' });
  return size;
}
