// Arbitrary machine code made executable — for native helpers written as bytes (tests use a
// tiny routine that checks the stack alignment the SysV ABI promises at every call) and for
// tools. mmap read-write, copy, mprotect read-execute; dispose() unmaps.
import { Mapping } from './native.js';

export class ExecutableCode {
  readonly #map: Mapping;
  readonly size: number;

  constructor(code: Uint8Array) {
    this.#map = new Mapping(code.length);
    try {
      this.#map.write(0, code);
      this.#map.protectExec();
    } catch (e) {
      this.#map.free();
      throw e;
    }
    this.size = code.length;
  }

  /** Address of byte `offset` of the code. */
  address(offset = 0): bigint {
    return this.#map.address + BigInt(offset);
  }

  dispose(): void {
    this.#map.free();
  }
}
