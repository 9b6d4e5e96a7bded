import { parseKernel } from '@bpfkit/asm';
import { callTablesFrom } from './call-protos.js';
import { computePostorder, computeScc, subprogTopoOrder } from './cfg-order.js';
import { computeLiveRegs, formatLiveRegs, insnUseDef } from './live-regs.js';

const tables = callTablesFrom({ 'kfunc.9': 'k8(s,s,s,s,s,s,s,s)', 'kfunc.3': 'k2(s,s)' });
const ud = (text: string): [string, string] => {
  const p = parseKernel(text);
  const v = insnUseDef(p, 0, tables);
  const regs = (m: number): string => [...Array(16).keys()].filter((r) => m & (1 << r)).join(',');
  return [regs(v & 0xffff), regs(v >>> 16)];
};

describe('compute_insn_live_regs', () => {
  test.each([
    ['r1 = 1', '', '1'],
    ['r1 = r2', '2', '1'],
    ['r1 += r2', '1,2', '1'],
    ['r1 += 1', '1', '1'],
    ['r1 = be16 r1', '1', '1'],
    ['r1 = *(u64 *)(r2 +0)', '2', '1'],
    ['*(u64 *)(r1 +0) = r2', '1,2', ''],
    ['*(u64 *)(r1 +0) = 1', '1', ''],
    ['r0 = atomic64_cmpxchg((u64 *)(r1 +0), r0, r2)', '0,1,2', '0'],
    ['r2 = atomic64_fetch_add((u64 *)(r1 +0), r2)', '1,2', '2'],
    ['lock *(u64 *)(r1 +0) += r2', '1,2', ''],
    ['exit', '0', ''],
    ['goto +0', '', ''],
    ['if r1 > r2 goto +0', '1,2', ''],
    ['if r1 > 0x1 goto +0', '1', ''],
    ['may_goto +0', '', ''],
    ['call bpf_get_prandom_u32', '', '0,1,2,3,4,5'],
    ['call bpf_map_lookup_elem', '1,2', '0,1,2,3,4,5'],
    ['call 999', '1,2,3,4,5', '0,1,2,3,4,5'],
    ['call k8#9', '1,2,3,4,5', '0,1,2,3,4,5'],
    ['call k2#3', '1,2', '0,1,2,3,4,5'],
    ['call unknown_kfunc#4', '1,2,3,4,5', '0,1,2,3,4,5'],
    ['callx r7', '1,2,3,4,5,7', '0,1,2,3,4,5'],
    ['r0 = *(u8 *)skb[1]', '0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15', ''],
    ['r1 = 0x1 ll', '', '1'],
    ['*(u64 *)(r11 -8) = r1', '1,11', ''],
    ['r1 = *(u64 *)(r11 +8)', '11', '1'],
  ])('%s: use %s def %s', (text, use, def) => expect(ud(text)).toEqual([use, def]));
  test('a bpf-to-bpf call has no call summary: R1-R5 used', () => {
    expect(ud('call f\nexit\nf:\nexit')).toEqual(['1,2,3,4,5', '0,1,2,3,4,5']);
  });
});

describe('bpf_compute_live_registers and its table', () => {
  test('loop with SCC ids, ld_imm64 printed once', () => {
    const p = parseKernel(`
      r1 = 0x5 ll
      r0 = 0
    l1:
      r0 += r1
      if r0 < 0x10 goto l1
      exit`);
    const live = computeLiveRegs(p, computePostorder(p), tables);
    expect(formatLiveRegs(p, live)).toEqual([
      'Live regs before insn:',
      '      0: .......... (18) r1 = 0x5',
      '      2: .1........ (b7) r0 = 0',
      '  1   3: 01........ (0f) r0 += r1',
      '  1   4: 01........ (a5) if r0 < 0x10 goto pc-2',
      '      5: 0......... (95) exit',
    ]);
  });
  test('SCCs: self loops and callback-calling calls; topo order callees first', () => {
    const p = parseKernel(`
      goto +0
    self:
      goto self
      call bpf_loop
      call f
      exit
    f:
      exit`);
    expect([...computeScc(p)]).toEqual([0, 1, 2, 0, 0, 0]); // the self loop completes first
    expect([...subprogTopoOrder(p)]).toEqual([1, 0]);
  });
});
