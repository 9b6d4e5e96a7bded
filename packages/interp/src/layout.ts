// The interpreter's address space: how a 64-bit BPF pointer names a byte of host memory.
// Every region (each call frame's 512-byte stack, the input memory/context, each region the
// user registers) owns one 4 GiB window: the upper 32 address bits are REGION_HI_BASE + the
// window number, the low 32 bits the byte offset inside the region. Region r sits in window
// 2r; the odd windows between regions are empty guards, so a pointer that runs off either
// end of a region by less than 4 GiB lands in no region. Translating an address is: hi word
// -> window (one subtraction), lo word -> offset (one bounds compare) — no search, no BigInt.
// Anything whose hi word names no live region (NULL, small scalars, pointers that wandered
// off a region, code pointers) faults.
// Code pointers made by `ld_imm64 BPF_PSEUDO_FUNC` live in their own window (CODE_HI) that is
// never readable; `callx` accepts them. This replaces the kernel's real kernel addresses
// (the verifier's PTR_TO_STACK / PTR_TO_CTX / PTR_TO_MAP_VALUE … become address windows).
import { MAX_BPF_STACK, MAX_CALL_FRAMES } from '@bpfkit/ir';

/** Upper 32 address bits of window 0 (region 0: the stack of frame 0). */
export const REGION_HI_BASE = 0x100;
/** Regions 0..7: the stack of call frame 0..7 (MAX_CALL_FRAMES). */
export const STACK_REGION_FIRST = 0;
/** Region of the input memory (the program's context / `mem`). */
export const MEM_REGION = MAX_CALL_FRAMES;
/** First user-registered region; user region i is region FIRST_USER_REGION + i. */
export const FIRST_USER_REGION = MAX_CALL_FRAMES + 1;
/** Upper 32 bits of a code pointer (`ld_imm64 rX, BPF_PSEUDO_FUNC`); low 32 bits = instruction index. */
export const CODE_HI = 0xc0de;
/** Bytes of stack per frame (MAX_BPF_STACK). */
export const STACK_SIZE = MAX_BPF_STACK;
/**
 * Largest region size (2 GiB - 64 KiB): offsets stay below 2^31 - 2^16, which lets the
 * interpreter compute addresses in int32 arithmetic (address.ts).
 */
export const MAX_REGION_SIZE = 0x7fff0000;

const TWO32 = 4294967296n;

/** Window (hi word - REGION_HI_BASE) of region `region`. */
export const regionWindow = (region: number): number => 2 * region;
/** Base address (offset 0) of region `region`. */
export const regionBase = (region: number): bigint => BigInt(REGION_HI_BASE + regionWindow(region)) * TWO32;
/** Address one past the top of frame `frame`'s stack: the value of R10 in that frame. */
export const stackTop = (frame: number): bigint => regionBase(STACK_REGION_FIRST + frame) + BigInt(STACK_SIZE);
/** Base address of the input memory (R1 at entry). */
export const memBase = (): bigint => regionBase(MEM_REGION);
/** Base address of the `index`-th user-registered region (order of `RunOptions.regions`). */
export const userRegionBase = (index: number): bigint => regionBase(FIRST_USER_REGION + index);
/** The code pointer `ld_imm64 BPF_PSEUDO_FUNC` produces for the function starting at `insn`. */
export const codePointer = (insn: number): bigint => BigInt(CODE_HI) * TWO32 + BigInt(insn);

/** 0x-prefixed 16-digit hex of a 64-bit address given as its two 32-bit halves. */
export const formatAddress = (hi: number, lo: number): string =>
  '0x' + (hi >>> 0).toString(16).padStart(8, '0') + (lo >>> 0).toString(16).padStart(8, '0');
