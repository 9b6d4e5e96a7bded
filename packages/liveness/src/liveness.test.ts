import { readdirSync, readFileSync } from 'node:fs';
import { parseKernel } from '@bpfkit/asm';
import { BpfError, runStandalone, type PassOptions } from '@bpfkit/ir';
import { createLiveness, liveness } from './liveness-pass.js';
import { parseProto } from './call-protos.js';

const filetestDir = new URL('../filetests/', import.meta.url);

/** A filetest's program text and `set` options (the format of packages/testing). */
function loadFiletest(name: string): { text: string; options: Record<string, string | number | boolean> } {
  const options: Record<string, string | number | boolean> = {};
  const prog: string[] = [];
  for (const line of readFileSync(new URL(name, filetestDir), 'utf8').split('\n')) {
    const t = line.trim();
    if (t.startsWith(';') || t.startsWith('test ')) continue;
    if (t.startsWith('set ')) {
      for (const kv of t.slice(4).trim().split(/\s+/)) {
        const [k, v] = kv.split('=') as [string, string];
        options[k] = v === 'false' ? false : v === 'true' ? true : /^\d+$/.test(v) ? Number(v) : v;
      }
      continue;
    }
    prog.push(line);
  }
  return { text: prog.join('\n'), options };
}

const run = (text: string, options: PassOptions = {}) => {
  const p = parseKernel(text);
  return { p, r: runStandalone(liveness, p, options) };
};
const printed = (text: string, options: PassOptions = {}): string => {
  const { p, r } = run(text, options);
  return liveness.print!(r, p);
};

const FP_ARG6 = `
.func main
  *(u64 *)(r10 -8) = 0
  *(u64 *)(r10 -16) = 0
  r6 = r10
  r6 += -8
  *(u64 *)(r11 -8) = r6
  call callee6
  r0 = 0
  exit
.func callee6, args=6
  r1 = *(u64 *)(r11 +8)
  r0 = *(u64 *)(r1 +0)
  exit`;

describe('liveness pass', () => {
  test('usable alone: runStandalone(liveness, program)', () => {
    const { r } = run('r1 = *(u64 *)(r10 -8)\nr0 = 0\nexit');
    expect(liveness.name).toBe('liveness');
    expect([...r.liveRegsBefore]).toEqual([1 << 10, 0, 1]); // r10 (not printed), nothing, r0
    expect(r.instance(0, 0)!.depth).toBe(0);
    expect(r.masksAt(r.instance(0, 0)!, 0, 0)).toEqual({ mayRead: 0b11n, mustWrite: 0n, liveBefore: 0b11n });
  });

  test('a frame pointer in a stack-argument slot keeps the caller slot alive at the call (bpf_stack_slot_alive)', () => {
    const { r } = run(FP_ARG6);
    const call = 5;
    const callee = r.instance(call, 1)!;
    expect(callee.subprog).toBe(1);
    // at the call, frame 0: fp-8 (half slots 0 and 1) alive, fp-16 dead
    expect([0, 1, 2, 3].map((h) => r.stackSlotAlive(call, 0, h))).toEqual([true, true, false, false]);
    // inside the callee (state: frame 1 at insn 9, called from insn 5), before and after the read
    expect(r.stackSlotAlive(9, 0, 1, [call])).toBe(true);
    expect(r.stackSlotAlive(10, 0, 1, [call])).toBe(false);
  });

  test('pre-series (stack-arg-tracking=false): the frame pointer is lost, the caller slot is dead ("poisoned") at the call', () => {
    const { r } = run(FP_ARG6, { 'stack-arg-tracking': false });
    expect(r.stackArgTracking).toBe(false);
    expect(r.instance(5, 1)).toBeUndefined();
    expect(r.instance(8, 0)!.subprog).toBe(1); // the callee analysed alone
    expect([0, 1].map((h) => r.stackSlotAlive(5, 0, h))).toEqual([false, false]);
    expect(printed(FP_ARG6, { 'stack-arg-tracking': 'false' })).not.toMatch(/call pc\+\d+ +; use/);
  });

  test('every stack-argument filetest depends on stack-argument tracking', () => {
    const files = readdirSync(filetestDir).filter((f) => f.startsWith('stack-arg-') && f !== 'stack-arg-pre-series.bpf.s');
    expect(files.length).toBeGreaterThanOrEqual(7);
    for (const f of files) {
      const { text, options } = loadFiletest(f);
      const out = (tracking: boolean): string => {
        try {
          return printed(text, { ...options, 'stack-arg-tracking': tracking });
        } catch (e) {
          return `error: ${(e as Error).message}`;
        }
      };
      expect({ f, same: out(true) === out(false) }).toEqual({ f, same: false });
    }
  });

  test('log-level=2 keeps the trace in the result and sends it to ctx.log', () => {
    const lines: string[] = [];
    const p = parseKernel(FP_ARG6);
    const r = runStandalone(liveness, p, { 'log-level': 2 }, (l) => lines.push(l));
    expect(lines.slice(0, r.trace!.length)).toEqual(r.trace);
    expect(lines.join('\n') + '\n').toBe(liveness.print!(r, p)); // ctx.log gets the whole kernel log
    expect(lines).toContain('subprog#1: analyzing (depth 1)...');
    expect(lines).toContain('  4: (7b) *(u64 *)(r11 -8) = r6\tsa0: _ -> fp0-8');
    expect(runStandalone(liveness, p).trace).toBeUndefined();
  });

  test('errors: recursion deeper than 8 frames (EINVAL), complexity limit (E2BIG)', () => {
    const rec = `
      r1 = r10
      r1 += -8
      call rec
      exit
    rec:
      call rec
      exit`;
    expect(() => run(rec)).toThrow(expect.objectContaining({ code: 'LIVENESS_CALL_DEPTH', errno: 'EINVAL', insn: 4 }));
    const { text } = loadFiletest('complexity-limit.bpf.s');
    let err: unknown;
    try {
      run(text);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BpfError);
    expect(err).toMatchObject({ code: 'LIVENESS_COMPLEXITY', errno: 'E2BIG', message: 'liveness analysis exceeded complexity limit (10001 calls)' });
  });

  test('createLiveness() takes kfunc prototypes programmatically', () => {
    const pass = createLiveness({ kfuncs: { 77: parseProto('bpf_reads16(r16)', false, 'test') } });
    const p = parseKernel('r1 = r10\nr1 += -16\ncall bpf_reads16#77\nexit');
    const out = pass.print!(runStandalone(pass, p), p);
    expect(out).toContain('  2: (85) call bpf_reads16#77          ; use: fp0-8 fp0-16');
  });
});
