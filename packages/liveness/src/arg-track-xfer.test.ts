import { parseKernel } from '@bpfkit/asm';
import { computePostorder } from './cfg-order.js';
import { AnalysisState } from './analysis-state.js';
import { argTrackXfer, fpOffToSlot, stackArgOffToSlot } from './arg-track-xfer.js';
import { AT_NONE } from './arg-track.js';
import { callTablesFrom } from './call-protos.js';
import { emptyConstFacts } from './const-facts.js';

/** Apply instruction 0 of `text` to a state where `regs` / `slots` hold the given tracks. */
function xfer(text: string, init: (st: AnalysisState, out: Uint32Array, stack: Uint32Array, entry: Uint32Array) => void, opts: { depth?: number; tracking?: boolean } = {}) {
  const program = parseKernel(`${text}\nexit`);
  const st = new AnalysisState({
    program, postorder: computePostorder(program), tables: callTablesFrom({}), facts: emptyConstFacts(program.length),
    stackArgTracking: opts.tracking ?? true, printOptions: {},
  });
  const out = new Uint32Array(18).fill(AT_NONE);
  const stack = new Uint32Array(64).fill(AT_NONE);
  const entry = new Uint32Array(7).fill(AT_NONE);
  out[10] = st.at.single(opts.depth ?? 0, 0);
  init(st, out, stack, entry);
  argTrackXfer(st, 0, out, stack, entry, opts.depth ?? 0);
  const f = (id: number): string => st.at.format(id);
  return { r: (i: number) => f(out[i]!), sa: (i: number) => f(out[11 + i]!), slot: (i: number) => f(stack[i]!), st };
}
const fp = (st: AnalysisState, frame: number, ...offs: number[]): number => st.at.precise(frame, offs, offs.length);

describe('arg_track_xfer per instruction class', () => {
  test('ALU64 K: mov -> NONE, add/sub move offsets, other ops lose the offset', () => {
    expect(xfer('r1 = 5', (st, o) => (o[1] = fp(st, 0, -8))).r(1)).toBe('_');
    expect(xfer('r1 += -8', (st, o) => (o[1] = fp(st, 0, 0))).r(1)).toBe('fp0-8');
    expect(xfer('r1 -= 8', (st, o) => (o[1] = fp(st, 0, -8, 0))).r(1)).toBe('fp0-16|fp0-8');
    expect(xfer('r1 &= -8', (st, o) => (o[1] = fp(st, 0, -8))).r(1)).toBe('fp0 ?');
    expect(xfer('r1 += 8', (st, o) => (o[1] = st.at.imprecise(3))).r(1)).toBe('IMP3');
  });
  test('ALU64 X: mov copies, addr_space_cast / movsx destroy, other ops via arg_track_alu64', () => {
    expect(xfer('r2 = r10', () => {}).r(2)).toBe('fp0+0');
    expect(xfer('r2 = (s32)r1', (st, o) => (o[1] = fp(st, 0, -8))).r(2)).toBe('_');
    expect(xfer('r1 += r2', (st, o) => (o[1] = fp(st, 0, -8))).r(1)).toBe('fp0 ?');
    expect(xfer('r2 += r1', (st, o) => (o[1] = fp(st, 1, -8)), { depth: 1 }).r(2)).toBe('fp1 ?');
  });
  test('ALU (32-bit) destroys the pointer', () => {
    expect(xfer('w1 += 0', (st, o) => (o[1] = fp(st, 0, -8))).r(1)).toBe('_');
  });
  test('calls clobber R0-R5 but keep R6-R9 and the spill slots', () => {
    const x = xfer('call bpf_get_prandom_u32', (st, o, s) => {
      for (let r = 0; r <= 9; r++) o[r] = fp(st, 0, -8);
      s[0] = fp(st, 0, -16);
    });
    expect([0, 1, 5, 6, 9].map(x.r)).toEqual(['_', '_', '_', 'fp0-8', 'fp0-8']);
    expect(x.slot(0)).toBe('fp0-16');
  });
  test('8-byte fills from the local frame, narrower loads give NONE', () => {
    expect(xfer('r1 = *(u64 *)(r10 -16)', (st, _o, s) => (s[1] = fp(st, 0, -40))).r(1)).toBe('fp0-40');
    expect(xfer('r1 = *(u32 *)(r10 -16)', (st, _o, s) => (s[1] = fp(st, 0, -40))).r(1)).toBe('_');
    expect(xfer('r1 = *(u64 *)(r10 -12)', () => {}).r(1)).toBe('IMP1');
    // through a two-offset pointer: join of both slots (starting from NONE)
    expect(xfer('r1 = *(u64 *)(r2 +0)', (st, o, s) => {
      o[2] = fp(st, 0, -16, -8);
      s[0] = fp(st, 0, -24);
      s[1] = fp(st, 0, -32);
    }).r(1)).toBe('fp0-32|fp0-24|fp0+0');
    expect(xfer('r1 = *(u64 *)(r2 +0)', (st, o) => (o[2] = st.at.offsetImprecise(1)), { depth: 1 }).r(1)).toBe('IMP3');
  });
  test('fills through an ancestor pointer read the callsite snapshot; imprecise ancestors pass through', () => {
    expect(xfer('r1 = *(u64 *)(r2 +0)', (st, o) => {
      o[2] = fp(st, 0, -8);
      st.callsites[0] = 7;
      const snap = new Uint32Array(64).fill(AT_NONE);
      snap[0] = fp(st, 0, -24);
      st.callsiteAtStack.set(7, snap);
    }, { depth: 1 }).r(1)).toBe('fp0-24|fp0+0'); // result starts from NONE, so the fake fp+0 joins in
    expect(xfer('r1 = *(u64 *)(r2 +0)', (st, o) => (o[2] = st.at.imprecise(1)), { depth: 1 }).r(1)).toBe('IMP1');
  });
  test('spills: 8-byte store copies the track, narrower stores NONE, multi-offset stores join', () => {
    expect(xfer('*(u64 *)(r10 -8) = r1', (st, o) => (o[1] = fp(st, 0, -24))).slot(0)).toBe('fp0-24');
    expect(xfer('*(u32 *)(r10 -8) = r1', (st, o, s) => ((o[1] = fp(st, 0, -24)), (s[0] = fp(st, 0, -16)))).slot(0)).toBe('_');
    const x = xfer('*(u64 *)(r2 +0) = r1', (st, o, s) => {
      o[1] = fp(st, 0, -40);
      o[2] = fp(st, 0, -16, -8);
      s[0] = fp(st, 0, -24);
    });
    expect([x.slot(0), x.slot(1)]).toEqual(['fp0-40|fp0-24', 'fp0-40|fp0+0']);
  });
  test('BPF_ST clears overlapping slots (single offset) or joins them with NONE', () => {
    expect(xfer('*(u32 *)(r10 -4) = 0', (st, _o, s) => (s[0] = fp(st, 0, -16))).slot(0)).toBe('_');
    const x = xfer('*(u64 *)(r1 +0) = 0', (st, o, s) => {
      o[1] = fp(st, 0, -16, -8);
      s[0] = fp(st, 0, -24);
      s[1] = fp(st, 0, -32);
    });
    expect([x.slot(0), x.slot(1)]).toEqual(['fp0-24|fp0+0', 'fp0-32|fp0+0']);
  });
  test('atomics clear the slot and kill the loaded register', () => {
    const x = xfer('r1 = atomic64_fetch_add((u64 *)(r10 -8), r1)', (st, o, s) => ((o[1] = fp(st, 0, -24)), (s[0] = fp(st, 0, -16))));
    expect([x.r(1), x.slot(0)]).toEqual(['_', '_']);
    expect(xfer('r0 = atomic64_cmpxchg((u64 *)(r1 +0), r0, r2)', (st, o) => (o[0] = fp(st, 0, -8))).r(0)).toBe('_');
  });
  test('ld_imm64 is not a pointer', () => {
    expect(xfer('r1 = 0x1234 ll', (st, o) => (o[1] = fp(st, 0, -8))).r(1)).toBe('_');
  });
  test('r11 store copies into the sa slot; r11 load takes the incoming track', () => {
    expect(xfer('*(u64 *)(r11 -16) = r1', (st, o) => (o[1] = fp(st, 0, -8))).sa(1)).toBe('fp0-8');
    expect(xfer('*(u64 *)(r11 -8) = 42', (st, o) => (o[11] = fp(st, 0, -8))).sa(0)).toBe('_');
    expect(xfer('r3 = *(u64 *)(r11 +56)', (st, _o, _s, e) => (e[6] = fp(st, 0, -40)), { depth: 1 }).r(3)).toBe('fp0-40');
  });
  test('without stack-argument tracking (pre-series) r11 stores do nothing and loads give NONE', () => {
    expect(xfer('*(u64 *)(r11 -16) = r1', (st, o) => (o[1] = fp(st, 0, -8)), { tracking: false }).sa(1)).toBe('_');
    expect(xfer('r3 = *(u64 *)(r11 +8)', (st, _o, _s, e) => (e[0] = fp(st, 0, -40)), { depth: 1, tracking: false }).r(3)).toBe('_');
  });
  test('slot helpers', () => {
    expect([fpOffToSlot(-8), fpOffToSlot(-512), fpOffToSlot(-520), fpOffToSlot(-4), fpOffToSlot(0)]).toEqual([0, 63, -1, -1, -1]);
    expect([stackArgOffToSlot(-8), stackArgOffToSlot(56), stackArgOffToSlot(-64)]).toEqual([0, 6, -1]);
  });
});
