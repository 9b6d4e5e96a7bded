// The region table behind the address space of layout.ts, indexed by window (hi word -
// REGION_HI_BASE): a DataView, the readable size and the writable size (0 for guard windows,
// dead frames and read-only regions), so the hot path checks an access with two array loads
// and one compare. Frames' stacks are switched
// live/dead as calls push and pop (a pointer into a returned frame faults instead of reading
// the next callee's data). This is the run-time counterpart of the verifier's
// check_mem_access()/check_stack_access_within_bounds(): the kernel proves accesses safe
// before running; the interpreter checks each one and turns a bad one into a BpfError.
import { BpfError, MAX_CALL_FRAMES } from '@bpfkit/ir';
import {
  CODE_HI, FIRST_USER_REGION, MAX_REGION_SIZE, MEM_REGION, REGION_HI_BASE, STACK_REGION_FIRST, STACK_SIZE, formatAddress, regionWindow,
} from './layout.js';
import type { RegionSpec } from './options.js';

const EMPTY = new Uint8Array(0);

const GUARD = new DataView(new ArrayBuffer(0));

export class MemoryMap {
  /** Number of windows (regions and the guards between them). */
  readonly count: number;
  /** Readable bytes per window (0: guard, dead or absent). */
  readonly limit: Int32Array;
  /** Writable bytes per window (0: guard, dead, absent or read-only). */
  readonly wlimit: Int32Array;
  readonly views: DataView[];
  readonly bytes: Uint8Array[];
  readonly names: string[];
  /** All frame stacks, contiguous (frame k at k * STACK_SIZE); regions are views into it. */
  readonly stack: Uint8Array;

  constructor(user: readonly RegionSpec[] = []) {
    this.count = regionWindow(FIRST_USER_REGION + user.length);
    if (REGION_HI_BASE + this.count >= CODE_HI)
      throw new BpfError('OPTION', `too many regions (${user.length})`, { pass: 'interp' });
    this.limit = new Int32Array(this.count);
    this.wlimit = new Int32Array(this.count);
    this.views = new Array<DataView>(this.count).fill(GUARD);
    this.bytes = new Array<Uint8Array>(this.count).fill(EMPTY);
    this.names = new Array<string>(this.count).fill('');
    this.stack = new Uint8Array(MAX_CALL_FRAMES * STACK_SIZE);
    for (let k = 0; k < MAX_CALL_FRAMES; k++) {
      const b = this.stack.subarray(k * STACK_SIZE, (k + 1) * STACK_SIZE);
      this.set(STACK_REGION_FIRST + k, b, `stack of frame ${k}`, false, 0);
    }
    this.set(MEM_REGION, EMPTY, 'input memory', true, 0);
    user.forEach((r, i) => {
      if (!(r?.bytes instanceof Uint8Array))
        throw new BpfError('OPTION', `region ${i}: bytes must be a Uint8Array`, { pass: 'interp' });
      if (r.bytes.length > MAX_REGION_SIZE)
        throw new BpfError('OPTION', `region ${i}: ${r.bytes.length} bytes exceed the region size limit (${MAX_REGION_SIZE})`, { pass: 'interp' });
      this.set(FIRST_USER_REGION + i, r.bytes, r.name ?? `region ${i}`, r.writable ?? true, r.bytes.length);
    });
  }

  private set(region: number, bytes: Uint8Array, name: string, writable: boolean, live: number): void {
    const slot = regionWindow(region);
    this.bytes[slot] = bytes;
    this.views[slot] = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.names[slot] = name;
    this.limit[slot] = live;
    this.wlimit[slot] = writable ? live : 0;
  }

  /** Install the input memory for a run. */
  setMem(bytes: Uint8Array | undefined, writable: boolean): void {
    const b = bytes ?? EMPTY;
    if (b.length > MAX_REGION_SIZE) throw new BpfError('OPTION', `input memory exceeds the region size limit (${MAX_REGION_SIZE})`, { pass: 'interp' });
    this.set(MEM_REGION, b, 'input memory', writable, b.length);
  }

  /** Make frame `k`'s stack live (zero-filled) or dead. */
  frameLive(k: number, live: boolean): void {
    const slot = regionWindow(STACK_REGION_FIRST + k);
    if (live) {
      this.stack.fill(0, k * STACK_SIZE, (k + 1) * STACK_SIZE);
      this.limit[slot] = this.wlimit[slot] = STACK_SIZE;
    } else this.limit[slot] = this.wlimit[slot] = 0;
  }

  /** Kill every frame's stack (between runs). */
  reset(): void {
    for (let k = 0; k < MAX_CALL_FRAMES; k++) this.frameLive(k, false);
  }

  /** Readable bytes of region `region` (0 when dead). */
  size(region: number): number {
    return this.limit[regionWindow(region)]!;
  }

  /**
   * Slow path: the window and offset of `len` bytes at `addr`, or a BpfError. Used by helper
   * memory access; the interpreter loop inlines the same arithmetic on 32-bit halves.
   */
  resolve(addr: bigint, len: number, write: boolean, insn: number): { slot: number; off: number } {
    const a = BigInt.asUintN(64, addr);
    const hi = Number(a >> 32n);
    const lo = Number(a & 0xffffffffn);
    const slot = hi - REGION_HI_BASE;
    if (!Number.isInteger(len) || len < 0) throw new BpfError('OPTION', `invalid length ${len}`, { pass: 'interp', insn });
    if (slot < 0 || slot >= this.count || lo + len > (write ? this.wlimit[slot]! : this.limit[slot]!))
      throw this.fault(write ? 'write' : 'read', a, len, insn);
    return { slot, off: lo };
  }

  /** The BpfError for a rejected access of `size` bytes at `address`. */
  fault(kind: 'read' | 'write' | 'atomic', address: bigint, size: number, insn: number): BpfError {
    const hi = Number(address >> 32n);
    const lo = Number(address & 0xffffffffn);
    const addr = formatAddress(hi, lo);
    const slot = hi - REGION_HI_BASE;
    let why: string;
    let code = 'MEM_OOB';
    if (hi === CODE_HI) why = 'a code pointer is not readable or writable memory';
    else if (slot < 0 || slot >= this.count || (slot & 1) !== 0) why = 'the address is in no region';
    else {
      const name = this.names[slot]!;
      const lim = this.limit[slot]!;
      const stack = slot < regionWindow(MAX_CALL_FRAMES);
      if (stack && lim === 0) why = `${name} is not live`;
      else if (lo + size > lim) {
        why = stack
          ? `${name}: invalid stack off=${lo - STACK_SIZE} size=${size}`
          : `${name} has ${lim} bytes, access at offset ${lo}`;
      } else {
        why = `${name} is read-only`;
        code = 'MEM_RDONLY';
      }
    }
    return new BpfError(code, `invalid ${kind} of ${size} byte${size === 1 ? '' : 's'} at ${addr}: ${why}`, { insn, pass: 'interp', errno: 'EACCES' });
  }
}
