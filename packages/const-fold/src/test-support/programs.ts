// Test helpers: programs from ir's build helpers, and a hand-checkable description of one
// register's lattice value read through the public accessors (not through the printer).
import { Program, type FuncMeta, type Insn } from '@bpfkit/ir';
import { CONST_ARG_CONST, CONST_ARG_MAP_PTR, CONST_ARG_MAP_VALUE, CONST_ARG_SUBPROG, CONST_ARG_UNKNOWN, CONST_ARG_UNVISITED } from '../lattice.js';
import type { ConstFoldResult } from '../const-fold-result.js';

export const P = (...xs: (Insn | readonly Insn[])[]): Program => Program.fromInsns(xs.flat());
export const PF = (funcs: readonly FuncMeta[], ...xs: (Insn | readonly Insn[])[]): Program => Program.fromInsns(xs.flat(), { funcs });

/** `const 0x5`, `map_ptr 3`, `map_value 3 -8`, `subprog 1`, `unknown`, `unvisited`. */
export function reg(res: ConstFoldResult, i: number, r: number): string {
  switch (res.regState(i, r)) {
    case CONST_ARG_UNVISITED:
      return 'unvisited';
    case CONST_ARG_UNKNOWN:
      return 'unknown';
    case CONST_ARG_CONST:
      return `const 0x${res.regConst(i, r)!.toString(16)}`;
    case CONST_ARG_MAP_PTR:
      return `map_ptr ${res.mapIndexAt(i, r)}`;
    case CONST_ARG_MAP_VALUE: {
      const off = BigInt.asIntN(64, res.mapValueOffset(i, r)!);
      return `map_value ${res.mapIndexAt(i, r)} ${off < 0n ? off : `+${off}`}`;
    }
    case CONST_ARG_SUBPROG:
      return `subprog ${res.subprogAt(i, r) ?? '?'}`;
  }
}
