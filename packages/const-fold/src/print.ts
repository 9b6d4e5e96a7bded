// printConstFold(): the const-fold result as a kernel-styled log (what `print<const-fold>`
// shows). Each instruction prints as in the verifier log, `%d: (xx) text`, followed — at the
// column vlog_alignment() gives — by `;` and the registers after it. Modelled on the
// verifier's per-instruction state lines (print_verifier_state after each insn; see
// kernel/bpf/log.c), with const-fold's lattice instead of bpf_reg_state. Format (README):
//
//   func#N @S                       before each subprogram (entry: every register unknown)
//   S: R1=5 R2=unknown              before an instruction whose entry state differs from the
//                                   state carried down from the line above (a join)
//   I: (xx) text      ; R1=5 …      registers after the instruction: every register that is
//                                   not UNKNOWN, plus any that this instruction (or the join)
//                                   turned UNKNOWN, printed `=unknown`
//   I: (xx) text      ; unvisited   instruction not reachable from its subprogram's entry
//
// Values: constants as verbose_snum() (decimal in [-32768, 32767], else 0x…), map_ptr(M),
// map_value(M,+OFF), subprog#N. ld_imm64 second halves are not printed.
import { BPF_LD_IMM64, printKernelInsn, type Program } from '@bpfkit/ir';
import type { ConstFoldResult } from './const-fold-result.js';
import { CONST_ARG_CONST, CONST_ARG_MAP_PTR, CONST_ARG_MAP_VALUE, CONST_ARG_SUBPROG, CONST_ARG_UNKNOWN, RegFile, TRACKED_REGS } from './lattice.js';
import { transfer } from './transfer.js';
import { formatConst, formatOffset, withState } from './vlog.js';

/** ` R1=5 R3=map_ptr(0)`: registers of `shown` that are not UNKNOWN, or that were not UNKNOWN in `before`. */
export function formatRegs(shown: RegFile, before: RegFile): string {
  let out = '';
  for (let r = 0; r < TRACKED_REGS; r++) {
    if (shown.state(r) === CONST_ARG_UNKNOWN && before.state(r) === CONST_ARG_UNKNOWN) continue;
    out += ` R${r}=${formatValue(shown, r)}`;
  }
  return out;
}

function formatValue(rf: RegFile, r: number): string {
  const lo = rf.lo[r]!;
  const hi = rf.hi[r]!;
  switch (rf.state(r)) {
    case CONST_ARG_CONST:
      return formatConst(lo, hi);
    case CONST_ARG_MAP_PTR:
      return `map_ptr(${rf.aux[r]})`;
    case CONST_ARG_MAP_VALUE:
      return `map_value(${rf.aux[r]},${formatOffset(lo, hi)})`;
    case CONST_ARG_SUBPROG:
      return `subprog#${lo}`;
    case CONST_ARG_UNKNOWN:
      return 'unknown';
    default:
      return 'unvisited';
  }
}

export function printConstFold(result: ConstFoldResult, program: Program = result.program): string {
  const lines: string[] = [];
  const code = program.code;
  const cur = new RegFile();
  const after = new RegFile();
  const carried = new RegFile();
  for (const f of program.funcs) {
    lines.push(`func#${f.index} @${f.start}`);
    carried.setAllUnknown();
    for (let b = result.blockOf(f.start); b < result.blockCount && result.blockStart[b]! < f.end; b++) {
      const visited = result.loadEntry(b, cur);
      const end = result.blockStart[b + 1]!;
      for (let j = result.blockStart[b]!; j < end; j += code[j] === BPF_LD_IMM64 ? 2 : 1) {
        const text = `${j}: ${printKernelInsn(program, j)}`;
        if (!visited) {
          lines.push(withState(text, ' unvisited'));
          carried.setAllUnknown();
          continue;
        }
        if (!cur.equals(carried)) lines.push(`${j}:${formatRegs(cur, carried)}`);
        after.copyFrom(cur);
        transfer(result.env, j, after);
        const regs = formatRegs(after, cur);
        lines.push(regs === '' ? text : withState(text, regs));
        cur.copyFrom(after);
        carried.copyFrom(after);
      }
    }
  }
  return lines.length === 0 ? '' : lines.join('\n') + '\n';
}
