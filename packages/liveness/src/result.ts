// LivenessResult: what the liveness pass publishes — register liveness per instruction, the
// function instances with their interned stack masks, and the bpf_stack_slot_alive() query.
import type { Program } from '@bpfkit/ir';
import { AT_UNVISITED, type ArgTrackPool } from './arg-track.js';
import { AT_SA0, MAX_AT_TRACK_REGS, MAX_STACK_ARG_SLOTS } from './constants.js';
import type { CallTables } from './call-protos.js';
import { LIVE_BEFORE, MAY_READ, MUST_WRITE, type FuncInstance } from './instance.js';
import type { SpisPool } from './spis.js';
import { stackSlotAlive } from './stack-query.js';

export interface LivenessResult {
  readonly program: Program;
  /** insn_aux.live_regs_before: bit r set = R r may be read before being written (bits 0-10 for R0..R10 — R10 is always live — and bit 11 where an r11 stack-argument form reads it). */
  readonly liveRegsBefore: Uint16Array;
  /** Function instances keyed internally by (callsite, depth), in creation order. */
  readonly instances: readonly FuncInstance[];
  /** Pool of the 128-bit half-slot masks the instances refer to by id. */
  readonly masks: SpisPool;
  /** Interned arg_track values (kept for inspection and tests). */
  readonly argTracks: ArgTrackPool;
  readonly tables: CallTables;
  /** Whether stack-argument slots were tracked (option stack-arg-tracking). */
  readonly stackArgTracking: boolean;
  /** BPF_LOG_LEVEL2 arg-tracking trace (only with option log-level=2), as the kernel logs it. */
  readonly trace: readonly string[] | undefined;
  /** The instance analysed for (callsite, depth), if any (depth 0: callsite = subprogram start). */
  instance(callsite: number, depth: number): FuncInstance | undefined;
  /**
   * bpf_stack_slot_alive(): may half slot `halfSlot` (0..127; bit 2k is fp-(8k+4)..fp-(8k+1),
   * bit 2k+1 is fp-(8k+8)..fp-(8k+5)) of frame `frame` be read, for a state at `insn` whose
   * call chain is `callsites` (callsites[f] = call insn in frame f; default: frame 0 only)?
   */
  stackSlotAlive(insn: number, frame: number, halfSlot: number, callsites?: readonly number[]): boolean;
  /**
   * Argument tracking on entry to `insn`: the registers (r0..r9) and stack-argument slots
   * (sa0..sa6) that hold a frame-derived pointer, as the BPF_LOG_LEVEL2 listing annotates
   * them (`r1=fp0-8 sa0=fp0-8`); '' when none, or when the instruction is unreachable. The
   * converged state of the function's last analysed instance. Needs the option
   * arg-track-state=true (or log-level=2); otherwise always ''.
   */
  fpArgsAt(insn: number): string;
  /** The three masks of an instance at an instruction, as bigints (tests, tools). */
  masksAt(inst: FuncInstance, frame: number, insn: number): { mayRead: bigint; mustWrite: bigint; liveBefore: bigint };
}

export function makeResult(init: {
  program: Program; liveRegsBefore: Uint16Array; instances: ReadonlyMap<number, FuncInstance>; masks: SpisPool;
  argTracks: ArgTrackPool; tables: CallTables; stackArgTracking: boolean; trace: readonly string[] | undefined;
  /** Per subprogram: the converged arg_track state on entry to each of its instructions (MAX_AT_TRACK_REGS per slot). */
  argTrackIn: readonly (Uint32Array | null)[];
}): LivenessResult {
  const { program, masks, instances } = init;
  return {
    program,
    liveRegsBefore: init.liveRegsBefore,
    instances: [...instances.values()],
    masks,
    argTracks: init.argTracks,
    tables: init.tables,
    stackArgTracking: init.stackArgTracking,
    trace: init.trace,
    instance(callsite, depth) {
      return instances.get(callsite * 8 + depth);
    },
    fpArgsAt(insn) {
      if (!Number.isInteger(insn) || insn < 0 || insn >= program.length) return '';
      const f = program.func(insn);
      const atIn = init.argTrackIn[f.index];
      if (!atIn) return '';
      const base = (insn - f.start) * MAX_AT_TRACK_REGS;
      if (atIn[base] === AT_UNVISITED) return '';
      const at = init.argTracks;
      const out: string[] = [];
      for (let r = 0; r < 10; r++) if (at.isFp(atIn[base + r]!)) out.push(`r${r}=${at.format(atIn[base + r]!)}`);
      if (init.stackArgTracking)
        for (let s = 0; s < MAX_STACK_ARG_SLOTS; s++) if (at.isFp(atIn[base + AT_SA0 + s]!)) out.push(`sa${s}=${at.format(atIn[base + AT_SA0 + s]!)}`);
      return out.join(' ');
    },
    stackSlotAlive(insn, frame, halfSlot, callsites = []) {
      return stackSlotAlive(program, masks, instances, insn, frame, halfSlot, callsites);
    },
    masksAt(inst, frame, insn) {
      return {
        mayRead: masks.toBigInt(inst.mask(frame, insn, MAY_READ)),
        mustWrite: masks.toBigInt(inst.mask(frame, insn, MUST_WRITE)),
        liveBefore: masks.toBigInt(inst.mask(frame, insn, LIVE_BEFORE)),
      };
    },
  };
}
