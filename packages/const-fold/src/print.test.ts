// print<const-fold>: the verifier-log alignment (text-formats §2.1.3, checked against the
// two real log lines the spec quotes), value spellings, join lines, unvisited code.
import { describe, expect, test } from '@jest/globals';
import { BPF_JGT, BPF_PSEUDO_FUNC, BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_VALUE, build as b } from '@bpfkit/ir';
import { computeConstFold } from './compute.js';
import { constFold } from './const-fold-pass.js';
import { printConstFold } from './print.js';
import { formatConst, vlogAlignment, withState } from './vlog.js';
import { P } from './test-support/programs.js';

describe('vlog alignment', () => {
  test('matches real verifier lines', () => {
    expect(withState('0: (b7) r0 = 1', ' R0=1')).toBe('0: (b7) r0 = 1                        ; R0=1');
    expect(withState('3: (85) call bpf_obj_new_impl#25364', ' R0_w=x')).toBe('3: (85) call bpf_obj_new_impl#25364   ; R0_w=x');
  });
  test('short lines put ; at column 38, longer ones at the next multiple of 8 minus 2', () => {
    const col = (len: number) => len + vlogAlignment(len + 1);
    expect([1, 14, 35].map(col)).toEqual([38, 38, 38]);
    expect([36, 41, 43].map(col)).toEqual([46, 46, 46]);
    expect([44, 51].map(col)).toEqual([54, 54]);
  });
});

describe('constant spelling (verbose_snum)', () => {
  test.each([
    [0, 0, '0'],
    [32767, 0, '32767'],
    [32768, 0, '0x8000'],
    [0xffffffff, 0xffffffff, '-1'],
    [0xffff8000, 0xffffffff, '-32768'],
    [0xffff7fff, 0xffffffff, '0xffffffffffff7fff'],
    [0xffffffff, 0, '0xffffffff'],
    [0, 1, '0x100000000'],
  ])('lo %d hi %d -> %s', (lo, hi, text) => expect(formatConst(lo, hi)).toBe(text));
});

describe('printConstFold', () => {
  test('registers after each insn, a join line where the entry state changes, clobbers shown as unknown', () => {
    const p = P(
      b.mov64Imm(1, 5), //                            0
      b.ldImm64(2, 3n, BPF_PSEUDO_MAP_FD), //         1-2
      b.jmpImm(BPF_JGT, 1, 3, 1), //                  3 -> 5
      b.mov64Imm(1, 6), //                            4
      b.mov64Reg(3, 1), //                            5 (join)
      b.callHelper(5), //                             6
      b.exit(), //                                    7
    );
    const at = (s: string) => s.padEnd(38);
    expect(printConstFold(computeConstFold(p))).toBe(
      [
        'func#0 @0',
        at('0: (b7) r1 = 5') + '; R1=5',
        at('1: (18) r2 = 0x3') + '; R1=5 R2=map_ptr(3)',
        at('3: (25) if r1 > 0x3 goto pc+1') + '; R1=5 R2=map_ptr(3)',
        at('4: (b7) r1 = 6') + '; R1=6 R2=map_ptr(3)',
        '5: R1=unknown R2=map_ptr(3)',
        at('5: (bf) r3 = r1') + '; R2=map_ptr(3)',
        at('6: (85) call bpf_ktime_get_ns#5') + '; R2=unknown',
        '7: (95) exit',
        '',
      ].join('\n'),
    );
  });

  test('map values, subprogram pointers, negative constants, unvisited code, one header per subprogram', () => {
    const p = P(
      b.ldImm64(3, (16n << 32n) | 1n, BPF_PSEUDO_MAP_VALUE), // 0-1
      b.alu64Imm(0x00, 3, -24), //                               2
      b.ldImm64(4, 5n, BPF_PSEUDO_FUNC), //                      3-4 -> 9
      b.mov64Imm(5, -40000), //                                  5
      b.exit(), //                                               6
      b.mov64Imm(0, 1), //                                       7 (unreachable)
      b.exit(), //                                               8 (unreachable)
      b.mov64Imm(0, 0), //                                       9 func#1
      b.exit(), //                                               10
    );
    const at = (s: string) => s.padEnd(38);
    expect(printConstFold(computeConstFold(p))).toBe(
      [
        'func#0 @0',
        at('0: (18) r3 = 0x1000000001') + '; R3=map_value(1,+16)',
        at('2: (07) r3 += -24') + '; R3=map_value(1,-8)',
        at('3: (18) r4 = 0x5') + '; R3=map_value(1,-8) R4=subprog#1',
        at('5: (b7) r5 = -40000') + '; R3=map_value(1,-8) R4=subprog#1 R5=0xffffffffffff63c0',
        at('6: (95) exit') + '; R3=map_value(1,-8) R4=subprog#1 R5=0xffffffffffff63c0',
        at('7: (b7) r0 = 1') + '; unvisited',
        at('8: (95) exit') + '; unvisited',
        'func#1 @9',
        at('9: (b7) r0 = 0') + '; R0=0',
        at('10: (95) exit') + '; R0=0',
        '',
      ].join('\n'),
    );
  });

  test('the pass prints through printConstFold, and an empty program prints nothing', () => {
    const p = P(b.mov64Imm(0, 0), b.exit());
    expect(constFold.print!(computeConstFold(p), p)).toBe(printConstFold(computeConstFold(p)));
    expect(printConstFold(computeConstFold(P()))).toBe('');
  });
});
