// check_subprogs(): every jump stays inside the subprogram it is in ("jump out of range from
// insn %d to %d"), and a subprogram's last instruction is an exit or an unconditional jump so
// execution never falls into the next one ("last insn is not an exit or jmp"). Calls and exits
// are not jumps here; bpf-to-bpf call targets are function starts by construction (Program
// discovers subprograms from them).
import { type Program, isCondJump, isExit, isGoto, isGotol, jumpDisplacement } from '@bpfkit/ir';
import { reject } from './errors.js';

export function checkSubprogs(p: Program, log: (line: string) => void): void {
  for (const f of p.funcs) log(`func#${f.index} @${f.start}`);
  for (const f of p.funcs) {
    for (let i = f.start; i < f.end; i++) {
      const code = p.code[i]!;
      if (p.isSecondHalf(i)) continue;
      if (isGoto(code) || isGotol(code) || isCondJump(code)) {
        const t = i + 1 + jumpDisplacement(code, p.off[i]!, p.imm[i]!);
        if (t < f.start || t >= f.end) reject('JUMP_OUT_OF_RANGE', `jump out of range from insn ${i} to ${t}`, i);
      }
    }
    const last = f.end - 1;
    const code = p.code[last]!;
    if (!(isExit(code) || isGoto(code) || isGotol(code)) || p.isSecondHalf(last))
      reject('LAST_INSN', 'last insn is not an exit or jmp', last);
  }
}
