// Constants of kernel/bpf/liveness.c and bpf_verifier.h that the stack-liveness analysis is
// built on: half-slot granularity, spill-slot and stack-argument-slot counts, the arg_track
// array layout (R0..R10 then sa0..sa6, MAX_AT_TRACK_REGS) and the complexity limits.
import { MAX_BPF_REG, MAX_CALL_FRAMES, MAX_STACK_ARG_SLOTS } from '@bpfkit/ir';

/** Bytes per liveness "half slot" (STACK_SLOT_SZ); 128 half slots cover fp-512..fp-1. */
export const STACK_SLOT_SZ = 4;
/** Number of half slots in a spis_t mask. */
export const STACK_HALF_SLOTS = 128;
/** Tracked 8-byte spill slots of the current frame, fp-8 (slot 0) .. fp-512 (slot 63). */
export const MAX_ARG_SPILL_SLOTS = 64;
/** at[] entries: R0..R10 at 0..10, outgoing stack-argument slots sa0..sa6 at 11..17. */
export const MAX_AT_TRACK_REGS = MAX_BPF_REG + MAX_STACK_ARG_SLOTS;
/** First at[] index of the stack-argument slots (the kernel reuses BPF_REG_PARAMS = 11). */
export const AT_SA0 = MAX_BPF_REG;
/** Maximum distinct candidate offsets of a precise arg_track (MAX_ARG_OFFSETS). */
export const MAX_ARG_OFFSETS = 4;
/** analyze_subprog() invocations allowed before "liveness analysis exceeded complexity limit". */
export const LIVENESS_MAX_SUBPROG_CALLS = 10000;
/** Size of struct bpf_dynptr on the stack (BPF_DYNPTR_SIZE). */
export const BPF_DYNPTR_SIZE = 16;
/** The verifier's per-frame stack size (MAX_BPF_STACK), a safe upper bound for reads. */
export const MAX_BPF_STACK_BYTES = 512;
/** "Unknown access size" (S64_MIN in the kernel): read from the offset up to fp+0. */
export const S64_MIN = -9223372036854775808;
export { MAX_CALL_FRAMES, MAX_STACK_ARG_SLOTS };
