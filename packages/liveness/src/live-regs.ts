// Register liveness: compute_insn_live_regs() (per-instruction use/def masks) and the backward
// fixed point of bpf_compute_live_registers() over the postorder, producing
// insn_aux.live_regs_before; plus the "Live regs before insn:" table it logs.
//   CALL: def R0–R5, use R1..R(min(num_params,5)) when a call summary exists (helper proto or
//   kfunc prototype), else R1–R5 (bpf-to-bpf calls have no summary); EXIT uses R0; LD_ABS/IND
//   and any unknown encoding use everything; gotox uses dst; may_goto uses nothing; the r11
//   stack-argument forms use/define only their R0–R10 operand.
import {
  BPF_ALU, BPF_ALU64, BPF_ATOMIC, BPF_CALL, BPF_CMPXCHG, BPF_DW, BPF_END, BPF_EXIT, BPF_FETCH, BPF_IMM, BPF_JA,
  BPF_JCOND, BPF_JMP, BPF_JMP32, BPF_K, BPF_LD, BPF_LDX, BPF_LOAD_ACQ, BPF_MEM, BPF_MEMSX, BPF_MOV, BPF_PSEUDO_KFUNC_CALL,
  BPF_ST, BPF_STORE_REL, BPF_STX, BPF_X, BPF_CLASS, BPF_MODE, BPF_OP, BPF_SIZE, BPF_SRC, printKernelInsn,
  type KernelPrintOptions, type Program,
} from '@bpfkit/ir';
import type { CallTables } from './call-protos.js';
import { computeScc, insnSuccessors, type Postorder } from './cfg-order.js';

const ALL_CALLER_SAVED_REGS = 0x3f; // R0..R5

/** num_params of bpf_get_call_summary(), or -1 when the call has no summary. */
export function callNumParams(p: Program, i: number, tables: CallTables): number {
  if (p.code[i] !== (BPF_JMP | BPF_CALL)) return -1;
  const src = p.src[i]!;
  if (src === 0) {
    const proto = tables.helpers.get(p.imm[i]!);
    return proto ? proto.args.length : -1;
  }
  if (src === BPF_PSEUDO_KFUNC_CALL) {
    const proto = tables.kfuncs.get(p.imm[i]!);
    return proto ? proto.args.length : -1;
  }
  return -1;
}

/** compute_insn_live_regs(): use (low 16 bits) and def (high 16 bits) of instruction i. */
export function insnUseDef(p: Program, i: number, tables: CallTables): number {
  const code = p.code[i]!;
  const cls = BPF_CLASS(code);
  const op = BPF_OP(code);
  const mode = BPF_MODE(code);
  const src = 1 << p.src[i]!;
  const dst = 1 << p.dst[i]!;
  let def = 0;
  let use = 0xffff;
  switch (cls) {
    case BPF_LD:
      if (mode === BPF_IMM && BPF_SIZE(code) === BPF_DW) {
        def = dst;
        use = 0;
      }
      break;
    case BPF_LDX:
      if (mode === BPF_MEM || mode === BPF_MEMSX) {
        def = dst;
        use = src;
      }
      break;
    case BPF_ST:
      if (mode === BPF_MEM) {
        def = 0;
        use = dst;
      }
      break;
    case BPF_STX:
      if (mode === BPF_MEM) {
        def = 0;
        use = dst | src;
      } else if (mode === BPF_ATOMIC) {
        const imm = p.imm[i]!;
        if (imm === BPF_CMPXCHG) {
          use = 1 | dst | src;
          def = 1;
        } else if (imm === BPF_LOAD_ACQ) {
          def = dst;
          use = src;
        } else if (imm === BPF_STORE_REL) {
          def = 0;
          use = dst | src;
        } else {
          use = dst | src;
          def = imm & BPF_FETCH ? src : 0;
        }
      }
      break;
    case BPF_ALU:
    case BPF_ALU64:
      if (op === BPF_END) {
        use = dst;
        def = dst;
      } else if (op === BPF_MOV) {
        def = dst;
        use = BPF_SRC(code) === BPF_K ? 0 : src;
      } else {
        def = dst;
        use = BPF_SRC(code) === BPF_K ? dst : dst | src;
      }
      break;
    case BPF_JMP:
    case BPF_JMP32:
      if (op === BPF_JA) {
        def = 0;
        use = BPF_SRC(code) === BPF_X ? dst : 0;
      } else if (op === BPF_JCOND) {
        def = 0;
        use = 0;
      } else if (op === BPF_EXIT) {
        def = 0;
        use = 1;
      } else if (op === BPF_CALL) {
        def = ALL_CALLER_SAVED_REGS;
        use = def & ~1;
        const n = callNumParams(p, i, tables);
        if (n >= 0) use = ((1 << (Math.min(n, 5) + 1)) - 1) & ~1;
        if (BPF_SRC(code) === BPF_X) use |= dst; // callx reads its target register
      } else {
        def = 0;
        use = BPF_SRC(code) === BPF_K ? dst : dst | src;
      }
      break;
  }
  return (use & 0xffff) | ((def & 0xffff) << 16);
}

/** bpf_compute_live_registers(): live_regs_before of every slot (bit r = R r may be read later). */
export function computeLiveRegs(p: Program, po: Postorder, tables: CallTables): Uint16Array {
  const n = p.length;
  const use = new Uint16Array(n);
  const def = new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const ud = insnUseDef(p, i, tables);
    use[i] = ud & 0xffff;
    def[i] = ud >>> 16;
  }
  const liveIn = new Uint16Array(n);
  const liveOut = new Uint16Array(n);
  const order = po.order;
  const m = order.length;
  const succ = new Int32Array(2);
  let changed = true;
  while (changed) {
    changed = false;
    for (let k = 0; k < m; k++) {
      const i = order[k]!;
      let out = 0;
      const c = insnSuccessors(p, i, succ);
      for (let s = 0; s < c; s++) {
        const t = succ[s]!;
        if (t >= 0 && t < n) out |= liveIn[t]!;
      }
      const inn = (out & ~def[i]!) | use[i]!;
      if (out !== liveOut[i] || inn !== liveIn[i]) {
        liveIn[i] = inn;
        liveOut[i] = out;
        changed = true;
      }
    }
  }
  return liveIn;
}

/** The "Live regs before insn:" table (one line per instruction, ld_imm64 once). */
export function formatLiveRegs(p: Program, liveRegsBefore: Uint16Array, opts: KernelPrintOptions = {}): string[] {
  const scc = computeScc(p);
  const lines = ['Live regs before insn:'];
  for (let i = 0; i < p.length; i++) {
    let s = scc[i] ? `${String(scc[i]).padStart(3)} ` : '    ';
    s += `${String(i).padStart(3)}: `;
    const live = liveRegsBefore[i]!;
    for (let r = 0; r < 10; r++) s += live & (1 << r) ? String(r) : '.';
    lines.push(`${s} ${printKernelInsn(p, i, opts)}`);
    if (p.code[i] === 0x18) i++;
  }
  return lines;
}
