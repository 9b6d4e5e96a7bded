// check_and_resolve_insns() (the pass formerly resolve_pseudo_ldimm64()) plus do_check()'s
// per-instruction field checks: register numbers — r11 only in the three stack-argument shapes
// of kernel-semantics §1.2, everything else "R%d is invalid" —, reserved fields, unknown
// opcodes and ld_imm64 pairs, all with the kernel's messages as @bpfkit/decoder's validate()
// reports them, and `callx`, which the kernel's verifier does not accept ("BPF_CALL uses
// reserved fields").
import { validate } from '@bpfkit/decoder';
import { BpfError, type Program, isCallx } from '@bpfkit/ir';
import { PASS, reject } from './errors.js';

export function checkInsns(p: Program): void {
  try {
    validate(p);
  } catch (e) {
    if (e instanceof BpfError) throw new BpfError(e.code, e.message, { insn: e.insn, pass: PASS, errno: e.errno ?? 'EINVAL', cause: e });
    throw e;
  }
  for (let i = 0; i < p.length; i++) if (isCallx(p.code[i]!)) reject('RESERVED_FIELD', 'BPF_CALL uses reserved fields', i);
}
