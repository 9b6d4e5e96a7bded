// The native layer of the runtime: koffi bindings for mmap/mprotect/munmap/memcpy,
// page-granular mappings (code pages become read-execute after the code is copied in — W^X,
// never writable and executable at once), a process-wide pool of context blocks with
// persistent views, the process-wide entry trampoline (the JIT's `entry` stub, which depends on
// no program: it calls ctx->entry_target), the `u64 -> void *` routine that turns a BPF
// address into a koffi pointer for memory views, and the function-pointer prototypes used to
// call into JIT'd code and back. What the kernel does with bpf_jit_alloc_exec() +
// bpf_jit_binary_lock_ro(), done from user space. Bytes move with memcpy (cheap through koffi)
// rather than koffi.view (an external ArrayBuffer per mapping costs tens of microseconds).
import koffi from 'koffi';
import { BpfError } from '@bpfkit/ir';
import { ctxLayout, jitX8664EntryStub } from '@bpfkit/jit-x86-64';

const PROT_READ = 1;
const PROT_WRITE = 2;
const PROT_EXEC = 4;
const MAP_PRIVATE = 0x02;
const MAP_ANONYMOUS = 0x20;

type Fn = (...args: unknown[]) => unknown;

interface Libc {
  mmap: Fn;
  mprotect: Fn;
  munmap: Fn;
  memcpyIn: Fn;
  memcpyOut: Fn;
}

let libc: Libc | undefined;

function getLibc(): Libc {
  if (libc !== undefined) return libc;
  if (process.platform !== 'linux' || process.arch !== 'x64')
    throw new BpfError('UNSUPPORTED', `native execution needs linux/x64 (this is ${process.platform}/${process.arch})`, { pass: 'runtime' });
  const lib = koffi.load('libc.so.6');
  libc = {
    mmap: lib.func('void *mmap(void *addr, size_t len, int prot, int flags, int fd, int64_t off)') as Fn,
    mprotect: lib.func('int mprotect(void *addr, size_t len, int prot)') as Fn,
    munmap: lib.func('int munmap(void *addr, size_t len)') as Fn,
    memcpyIn: lib.func('void *memcpy(uint64_t dst, const uint8_t *src, size_t n)') as Fn,
    memcpyOut: lib.func('void *memcpy(_Out_ uint8_t *dst, uint64_t src, size_t n)') as Fn,
  };
  return libc;
}

export const PAGE_SIZE = 4096;
export const roundPages = (n: number): number => Math.max(PAGE_SIZE, Math.ceil(n / PAGE_SIZE) * PAGE_SIZE);

/** An anonymous private read-write mapping, freed deterministically by free(). */
export class Mapping {
  readonly size: number;
  readonly address: bigint;
  readonly #ptr: unknown;
  #freed = false;

  constructor(bytes: number) {
    const c = getLibc();
    this.size = roundPages(bytes);
    const p = c.mmap(null, this.size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    const addr = p === null ? 0n : koffi.address(p);
    if (addr === 0n || addr === 0xffffffffffffffffn) throw new BpfError('IO', `mmap of ${this.size} bytes failed`, { pass: 'runtime' });
    this.#ptr = p;
    this.address = addr;
  }

  get pointer(): unknown {
    return this.#ptr;
  }

  #check(offset: number, len: number): void {
    if (this.#freed) throw new BpfError('DISPOSED', 'the mapping was freed', { pass: 'runtime' });
    if (offset < 0 || offset + len > this.size) throw new BpfError('INTERNAL', `mapping access [${offset}, ${offset + len}) outside ${this.size} bytes`, { pass: 'runtime' });
  }

  /** Copy `bytes` to `offset` (the pages must still be writable). */
  write(offset: number, bytes: Uint8Array): void {
    this.#check(offset, bytes.length);
    if (bytes.length > 0) getLibc().memcpyIn(this.address + BigInt(offset), bytes, bytes.length);
  }

  /** Copy `into.length` bytes from `offset` into `into`. */
  read(offset: number, into: Uint8Array): void {
    this.#check(offset, into.length);
    if (into.length > 0) getLibc().memcpyOut(into, this.address + BigInt(offset), into.length);
  }

  /** Make the first `bytes` (rounded up to pages) read + execute. */
  protectExec(bytes = this.size): void {
    const r = getLibc().mprotect(this.#ptr, roundPages(bytes), PROT_READ | PROT_EXEC);
    if (r !== 0) throw new BpfError('IO', 'mprotect(PROT_READ|PROT_EXEC) failed', { pass: 'runtime' });
  }

  get freed(): boolean {
    return this.#freed;
  }

  /** munmap; idempotent. */
  free(): void {
    if (this.#freed) return;
    this.#freed = true;
    getLibc().munmap(this.#ptr, this.size);
  }
}

let entryProto: ReturnType<typeof koffi.proto> | undefined;
let helperProto: ReturnType<typeof koffi.proto> | undefined;

export function helperPrototype(): ReturnType<typeof koffi.proto> {
  // Anonymous prototypes: named koffi types are process-global, and test runners load this
  // module more than once per process.
  return (helperProto ??= koffi.proto('uint64_t', new Array<string>(12).fill('uint64_t')));
}

interface Support {
  readonly map: Mapping;
  readonly ptrFromU64: (a: bigint) => unknown;
  readonly entry: (...a: bigint[]) => number | bigint;
}
let support: Support | undefined;

/** The process-wide support page: `u64 -> void *` and the entry trampoline. */
function getSupport(): Support {
  if (support !== undefined) return support;
  getLibc();
  const stub = jitX8664EntryStub();
  const map = new Mapping(PAGE_SIZE);
  map.write(0, Uint8Array.from([0x48, 0x89, 0xf8, 0xc3])); // movq %rdi, %rax; retq
  map.write(16, stub);
  map.protectExec();
  const ptr = koffi.decode(map.pointer, koffi.proto('void *', ['uint64_t'])) as (a: bigint) => unknown;
  entryProto ??= koffi.proto('uint64_t', new Array<string>(6).fill('uint64_t'));
  const entry = koffi.decode(ptr(map.address + 16n), entryProto) as (...a: bigint[]) => number | bigint;
  support = { map, ptrFromU64: ptr, entry };
  return support;
}

/** A koffi pointer for a raw address (through `mov %rdi, %rax; ret`). */
export function pointerAt(address: bigint): unknown {
  return getSupport().ptrFromU64(address);
}

/** Call the entry trampoline: u64 entry(r1, r2, r3, r4, r5, ctx) — it runs ctx->entry_target. */
export function callEntry(r1: bigint, r2: bigint, r3: bigint, r4: bigint, r5: bigint, ctx: bigint): bigint {
  return BigInt(getSupport().entry(r1, r2, r3, r4, r5, ctx));
}

/** A live view of `len` bytes of native memory at `address` (no checks: callers check). */
export function nativeView(address: bigint, len: number): Uint8Array {
  if (len === 0) return new Uint8Array(0);
  return new Uint8Array(koffi.view(pointerAt(address), len));
}

/** Call native code at `address` as `u64 f(u64 × 12)`. */
export function callNative12(address: bigint, args: readonly bigint[]): bigint {
  const f = koffi.decode(pointerAt(address), helperPrototype()) as (...a: bigint[]) => number | bigint;
  const a = args.slice(0, 12);
  while (a.length < 12) a.push(0n);
  return BigInt(f(...a));
}

/** Register a JS function as a native callback with the helper prototype; returns its address. */
export function registerHelperCallback(fn: (...a: (number | bigint)[]) => bigint): { address: bigint; handle: unknown } {
  const handle = koffi.register(fn, koffi.pointer(helperPrototype()));
  return { address: koffi.address(handle), handle };
}

/** Context blocks, one per level of nested runs, with persistent views (allocated once). */
const CTX_POOL_BLOCKS = 64;
interface CtxPool {
  readonly map: Mapping;
  readonly views: DataView[];
}
let ctxPool: CtxPool | undefined;

export interface CtxBlock {
  readonly address: bigint;
  readonly view: DataView;
}

/** Context block for nesting level `depth` (0 = outermost run). */
export function ctxBlock(depth: number): CtxBlock {
  if (depth >= CTX_POOL_BLOCKS) throw new BpfError('CALL_DEPTH', `more than ${CTX_POOL_BLOCKS} nested native runs`, { pass: 'runtime' });
  if (ctxPool === undefined) {
    const map = new Mapping(CTX_POOL_BLOCKS * ctxLayout.CTX_SIZE);
    const ab = koffi.view(map.pointer, map.size);
    ctxPool = { map, views: Array.from({ length: CTX_POOL_BLOCKS }, (_, k) => new DataView(ab, k * ctxLayout.CTX_SIZE, ctxLayout.CTX_SIZE)) };
  }
  return { address: ctxPool.map.address + BigInt(depth * ctxLayout.CTX_SIZE), view: ctxPool.views[depth]! };
}
