// do_check(), do_check_main() and do_check_subprogs(), as a path-insensitive emulation: each
// function *instance* (a subprogram entered with a given call-site context — argument kinds,
// the caller's outgoing stack-argument slots, the frame depth) is solved as a forward
// dataflow problem over its instructions, joining paths at merge points (frame-state.ts),
// and then checked instruction by instruction in index order. A bpf-to-bpf call or a callback
// is checked where the kernel checks it — when the call is reached — by descending into the
// callee instance, so errors come out in nearly the kernel's order. Global subprograms are
// verified afterwards on their own (frame 0, arguments of unknown kind), as the kernel does.
//
// Checks: "R%d !read_ok" (reads of registers not written on some path), "frame pointer is
// read only", "R%d invalid mem access '%s'" (through a scalar, a NULL-able pointer or a
// function pointer), every stack-argument rule (stack-arg-rules.ts), call depth at call
// sites, callbacks with stack arguments, global subprograms with more than five arguments.
// Approximation direction: a check fires when the bad kind is possible on *some* path of the
// abstract program — the kernel's verdict on each path it explores — so branches the kernel
// would prune as dead (from known constants) can make us reject a program it accepts.
import {
  BPF_ADD, BPF_ALU, BPF_ALU64, BPF_ATOMIC, BPF_CLASS, BPF_CMPXCHG, BPF_END, BPF_FETCH, BPF_IND, BPF_JEQ, BPF_JMP,
  BPF_JNE, BPF_LD, BPF_LDX, BPF_LOAD_ACQ, BPF_MEMSX, BPF_MODE, BPF_MOV, BPF_NEG, BPF_OP, BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC,
  BPF_PSEUDO_KFUNC_CALL, BPF_PSEUDO_MAP_FD, BPF_PSEUDO_MAP_IDX, BPF_SRC, BPF_ST, BPF_STORE_REL, BPF_STX, BPF_SUB, BPF_X,
  MAX_BPF_FUNC_REG_ARGS, MAX_CALL_FRAMES, type Program, inStackArgCount, isCall, isCondJump, isExit, isGoto, isGotol,
  isMayGoto, isStackArgLdx, isStackArgSt, isStackArgStx, jumpDisplacement,
} from '@bpfkit/ir';
import { reject } from './errors.js';
import { FrameState } from './frame-state.js';
import { ASYNC_CALLBACK_HELPERS, nullableReturn } from './helper-protos.js';
import type { ResolvedOptions } from './options.js';
import {
  K_ANY, K_FUNC, K_NULLABLE, K_PTR, K_SCALAR, K_STACK, K_UNINIT, NONE, type RegValue, absent, anyValue, badPointerKind,
  copyValue, isScalarOnly, passedToCallee, scalar, value,
} from './reg-value.js';
import { checkOutgoingStackArgs, invalidateOutgoingStackArgs, stackArgRead, stackArgWrite } from './stack-arg-rules.js';

/** Per-subprogram facts gathered while checking (the kernel's subprog_info fields). */
export interface CheckEnv {
  readonly p: Program;
  readonly opts: ResolvedOptions;
  readonly log: (line: string) => void;
  /** max_out_stack_arg_cnt. */
  readonly maxOut: number[];
  /** stack_arg_cnt - in: the largest incoming count of any callee. */
  readonly reqOut: number[];
  readonly stackDepth: number[];
  readonly verified: boolean[];
  readonly isCallback: boolean[];
  readonly isAsync: boolean[];
  /** First r11 store of each slot, per subprogram (-1 = none). */
  readonly firstStore: Int32Array[];
  processed: number;
}

export function newCheckEnv(p: Program, opts: ResolvedOptions, log: (line: string) => void): CheckEnv {
  const n = p.funcs.length;
  return {
    p, opts, log,
    maxOut: new Array<number>(n).fill(0),
    reqOut: new Array<number>(n).fill(0),
    stackDepth: new Array<number>(n).fill(0),
    verified: new Array<boolean>(n).fill(false),
    isCallback: new Array<boolean>(n).fill(false),
    isAsync: new Array<boolean>(n).fill(false),
    firstStore: Array.from({ length: n }, () => new Int32Array(7).fill(-1)),
    processed: 0,
  };
}

/** How a function instance is entered. */
interface Entry {
  readonly subprog: number;
  /** Frame index (curframe) of the instance. */
  readonly depth: number;
  /** R1..R5 at entry (index 0 = R1). */
  readonly args: readonly RegValue[];
  /** The caller's outgoing stack-argument slots (what r11 loads read). */
  readonly incoming: readonly RegValue[];
  /** The program's entry (R1 = ctx). */
  readonly main: boolean;
}

const keyOf = (e: Entry): string =>
  JSON.stringify([e.subprog, e.depth, e.main, e.args.map((v) => [v.kinds, v.fp, v.fn, v.nid]), e.incoming.map((v) => [v.kinds, v.fp, v.fn, v.nid])]);

/** Verify the program from insn 0, then every global subprogram it calls. */
export function doCheck(env: CheckEnv): void {
  const done = new Set<string>();
  const globals: number[] = [];
  const noArgs = Array.from({ length: MAX_BPF_FUNC_REG_ARGS }, anyValue);
  const noSlots = Array.from({ length: 7 }, absent);
  checkInstance(env, { subprog: 0, depth: 0, args: noArgs, incoming: noSlots, main: true }, done, globals);
  for (let g = 0; g < globals.length; g++)
    checkInstance(env, { subprog: globals[g]!, depth: 0, args: noArgs, incoming: noSlots, main: false }, done, globals);
}

function checkInstance(env: CheckEnv, e: Entry, done: Set<string>, globals: number[]): void {
  const key = keyOf(e);
  if (done.has(key)) return;
  done.add(key);
  const p = env.p;
  const f = p.funcs[e.subprog]!;
  env.verified[e.subprog] = true;
  const init = FrameState.entry();
  for (let r = 1; r <= 5; r++) init.regs[r] = copyValue(e.args[r - 1]!);
  if (e.main) init.regs[1] = value(K_PTR);
  init.regs[10] = value(K_STACK, 0);
  const states = solve(env, e, f.start, f.end, init);
  const ctx: StepContext = { env, e, check: true, done, globals };
  for (let i = f.start; i < f.end; i++) {
    const s = states[i - f.start];
    if (s !== undefined) step(ctx, i, s);
  }
}

/** Forward dataflow to a fixpoint over [start, end): the state before each instruction. */
function solve(env: CheckEnv, e: Entry, start: number, end: number, init: FrameState): (FrameState | undefined)[] {
  const states: (FrameState | undefined)[] = new Array(end - start);
  states[0] = init;
  const work: number[] = [start];
  const queued = new Uint8Array(end - start);
  queued[0] = 1;
  const ctx: StepContext = { env, e, check: false, done: new Set(), globals: [] };
  while (work.length > 0) {
    const i = work.pop()!;
    queued[i - start] = 0;
    for (const [t, s] of step(ctx, i, states[i - start]!)) {
      if (t < start || t >= end) continue; // check_subprogs() rejected such jumps already
      const k = t - start;
      const cur = states[k];
      let changed: boolean;
      if (cur === undefined) {
        states[k] = s;
        changed = true;
      } else changed = cur.joinFrom(s);
      if (changed && !queued[k]) {
        queued[k] = 1;
        work.push(t);
      }
    }
  }
  return states;
}

interface StepContext {
  readonly env: CheckEnv;
  readonly e: Entry;
  /** Check mode: raise errors and descend into callees (else: just compute states). */
  readonly check: boolean;
  readonly done: Set<string>;
  readonly globals: number[];
}

const stripUninit = (v: RegValue): RegValue => {
  const r = copyValue(v);
  r.kinds &= ~K_UNINIT;
  if (r.kinds === 0) r.kinds = K_SCALAR;
  return r;
};

/** Transfer function of insn i: the successor states (and, in check mode, every check). */
function step(ctx: StepContext, i: number, before: FrameState): [number, FrameState][] {
  const { env, e, check } = ctx;
  if (++env.processed > env.opts.complexityLimit)
    reject('TOO_COMPLEX', `BPF program is too large. Processed ${env.processed} insn`, i, 'E2BIG');
  const p = env.p;
  const code = p.code[i]!;
  const dst = p.dst[i]!;
  const src = p.src[i]!;
  const off = p.off[i]!;
  const imm = p.imm[i]!;
  const cls = BPF_CLASS(code);
  const s = before.clone();
  const sub = e.subprog;

  const read = (r: number): void => {
    if (check && s.regs[r]!.kinds & K_UNINIT) reject('UNINIT_REG', `R${r} !read_ok`, i, 'EACCES');
  };
  const write = (r: number, v: RegValue): void => {
    if (r === 10) {
      if (check) reject('FP_READ_ONLY', 'frame pointer is read only', i, 'EACCES');
      return;
    }
    s.regs[r] = v;
  };
  /** A memory access through register r at offset o (check_mem_access). */
  const access = (r: number, o: number): void => {
    read(r);
    const v = s.regs[r]!;
    if (!check) return;
    const bad = badPointerKind(v, (nid) => (nid === NONE ? 'ptr_or_null_' : nullableReturn(p.imm[nid]!) ?? 'ptr_or_null_'));
    if (bad !== undefined) reject('INVALID_MEM_ACCESS', `R${r} invalid mem access '${bad}'`, i, 'EACCES');
    if (v.kinds & K_STACK && v.fp !== NONE && v.fp + o < 0) env.stackDepth[sub] = Math.max(env.stackDepth[sub]!, -(v.fp + o));
  };
  const next = (t: number): [number, FrameState][] => [[t, s]];

  switch (cls) {
    case BPF_ALU:
    case BPF_ALU64: {
      const op = BPF_OP(code);
      const isX = BPF_SRC(code) === BPF_X;
      const is64 = cls === BPF_ALU64;
      if (op === BPF_END || op === BPF_NEG) {
        read(dst);
        write(dst, value(isScalarOnly(stripUninit(s.regs[dst]!)) ? K_SCALAR : K_ANY));
      } else if (op === BPF_MOV) {
        if (isX) {
          read(src);
          const v = stripUninit(s.regs[src]!);
          write(dst, is64 && off === 0 ? v : value(isScalarOnly(v) ? K_SCALAR : K_ANY));
        } else write(dst, scalar());
      } else {
        if (isX) read(src);
        read(dst);
        const d = stripUninit(s.regs[dst]!);
        const v = isX ? stripUninit(s.regs[src]!) : scalar();
        let r: RegValue;
        if (isScalarOnly(d) && isScalarOnly(v)) r = scalar();
        else if (!is64) r = anyValue();
        else if ((op === BPF_ADD || op === BPF_SUB) && isScalarOnly(v)) {
          r = d;
          if (r.kinds & K_STACK)
            r.fp = !isX && r.fp !== NONE && Math.abs(r.fp) < 1 << 20 ? r.fp + (op === BPF_ADD ? imm : -imm) : NONE;
        } else if (op === BPF_ADD && isScalarOnly(d)) {
          r = v;
          if (r.kinds & K_STACK) r.fp = NONE;
        } else if (op === BPF_SUB && (d.kinds & (K_SCALAR | K_ANY)) === 0 && (v.kinds & (K_SCALAR | K_ANY)) === 0) r = scalar();
        else r = anyValue();
        write(dst, r);
      }
      return next(i + 1);
    }
    case BPF_LDX: {
      if (isStackArgLdx(code, dst, src, off)) {
        const f = p.funcs[sub]!;
        s.regs[dst] = stackArgRead(s, off, f.argCount, e.incoming, i, check);
        return next(i + 1);
      }
      access(src, off);
      write(dst, value(BPF_MODE(code) === BPF_MEMSX ? K_SCALAR : K_ANY));
      return next(i + 1);
    }
    case BPF_ST:
    case BPF_STX: {
      if (isStackArgSt(code, dst, off) || isStackArgStx(code, dst, src, off)) {
        const isStx = cls === BPF_STX;
        const spi = -off / 8 - 1;
        if (spi < 7 && isStx) read(src);
        const w = stackArgWrite(s, off, isStx ? stripUninit(s.regs[src]!) : undefined, i, check);
        if (check && w >= 0) {
          env.maxOut[sub] = Math.max(env.maxOut[sub]!, w + 1);
          const fs = env.firstStore[sub]!;
          if (fs[w] === -1) fs[w] = i;
        }
        return next(i + 1);
      }
      if (cls === BPF_STX && BPF_MODE(code) === BPF_ATOMIC) {
        if (imm === BPF_LOAD_ACQ) {
          access(src, off);
          write(dst, anyValue());
        } else if (imm === BPF_STORE_REL) {
          read(src);
          access(dst, off);
        } else {
          read(src);
          access(dst, off);
          if (imm === BPF_CMPXCHG) {
            read(0);
            s.regs[0] = anyValue();
          } else if (imm & BPF_FETCH) write(src, anyValue());
        }
        return next(i + 1);
      }
      if (cls === BPF_STX) read(src);
      access(dst, off);
      return next(i + 1);
    }
    case BPF_LD: {
      const mode = BPF_MODE(code);
      if (mode === 0) {
        // ld_imm64: the value's kind depends on the pseudo source.
        let v: RegValue;
        if (src === 0) v = scalar();
        else if (src === BPF_PSEUDO_FUNC) v = value(K_FUNC, NONE, p.funcAt(i + 1 + imm)?.index ?? NONE);
        else if (src === BPF_PSEUDO_MAP_FD || src === BPF_PSEUDO_MAP_IDX) v = value(K_PTR);
        else v = value(K_PTR);
        write(dst, v);
        return next(i + 2);
      }
      // LD_ABS / LD_IND: skb in R6, result in R0, R1..R5 clobbered.
      read(6);
      if (mode === BPF_IND) read(src);
      s.regs[0] = scalar();
      s.clobberCallerSaved();
      return next(i + 1);
    }
    default:
      return jump(ctx, i, s, read);
  }
}

function jump(ctx: StepContext, i: number, s: FrameState, read: (r: number) => void): [number, FrameState][] {
  const { env } = ctx;
  const p = env.p;
  const code = p.code[i]!;
  const dst = p.dst[i]!;
  const src = p.src[i]!;
  const imm = p.imm[i]!;
  if (isExit(code)) {
    read(0);
    return [];
  }
  if (isGoto(code) || isGotol(code)) return [[i + 1 + jumpDisplacement(code, p.off[i]!, imm), s]];
  if (isMayGoto(code)) return [[i + 1, s], [i + 1 + p.off[i]!, s.clone()]];
  if (isCall(code)) {
    call(ctx, i, s);
    return [[i + 1, s]];
  }
  if (isCondJump(code)) {
    if (BPF_SRC(code) === BPF_X) read(src);
    read(dst);
    const taken = s.clone();
    const v = s.regs[dst]!;
    const op = BPF_OP(code);
    if (BPF_CLASS(code) === BPF_JMP && BPF_SRC(code) !== BPF_X && imm === 0 && (op === BPF_JEQ || op === BPF_JNE) &&
      v.kinds & K_NULLABLE && v.nid !== NONE) {
      const nid = v.nid;
      taken.resolveNull(nid, op === BPF_JEQ);
      s.resolveNull(nid, op !== BPF_JEQ);
    }
    return [[i + 1, s], [i + 1 + p.off[i]!, taken]];
  }
  // Unknown jump-class opcodes were rejected by checkInsns().
  return [[i + 1, s]];
}

/** Any call: helper, kfunc or bpf-to-bpf (check_helper_call / check_kfunc_call / check_func_call). */
function call(ctx: StepContext, i: number, s: FrameState): void {
  const { env, e, check } = ctx;
  const p = env.p;
  const src = p.src[i]!;
  const imm = p.imm[i]!;
  const sub = e.subprog;
  if (check)
    for (let r = 1; r <= 5; r++) {
      const v = s.regs[r]!;
      if (v.kinds & K_STACK && v.fp !== NONE && v.fp < 0) env.stackDepth[sub] = Math.max(env.stackDepth[sub]!, -v.fp);
    }
  let r0: RegValue = anyValue();
  if (src === BPF_PSEUDO_CALL) {
    const callee = p.funcAt(i + 1 + imm)!;
    if (check) {
      if (e.depth + 1 >= MAX_CALL_FRAMES)
        reject('CALL_DEPTH', `the call stack of ${e.depth + 2} frames is too deep`, i, 'E2BIG');
      if (env.opts.isGlobal[callee.index]) {
        const n = callee.argCount ?? 0;
        const name = callee.name ?? `func#${callee.index}`;
        if (n > MAX_BPF_FUNC_REG_ARGS)
          reject('TOO_MANY_ARGS', `Global function ${name}() with ${n} > ${MAX_BPF_FUNC_REG_ARGS} args. Buggy compiler.`, i);
        env.log(`Func#${callee.index} ('${name}') is global and assumed valid.`);
        if (!ctx.globals.includes(callee.index)) ctx.globals.push(callee.index);
      } else {
        if (callee.argCount !== undefined && !env.opts.unreliable[callee.index]) checkOutgoingStackArgs(s, callee.argCount, i);
        env.reqOut[sub] = Math.max(env.reqOut[sub]!, inStackArgCount(callee.argCount ?? 0));
        const args = s.regs.slice(1, 6).map(passedToCallee);
        const incoming = s.out.map(passedToCallee);
        checkInstance(env, { subprog: callee.index, depth: e.depth + 1, args, incoming, main: false }, ctx.done, ctx.globals);
      }
    }
    if (env.opts.isGlobal[callee.index]) r0 = scalar();
  } else {
    const isKfunc = src === BPF_PSEUDO_KFUNC_CALL;
    if (check) {
      if (isKfunc) {
        const n = env.opts.kfuncArgs.get(imm);
        if (n !== undefined && n > MAX_BPF_FUNC_REG_ARGS) {
          checkOutgoingStackArgs(s, n, i);
          env.reqOut[sub] = Math.max(env.reqOut[sub]!, inStackArgCount(n));
        }
      }
      callbacks(ctx, i, s, !isKfunc && ASYNC_CALLBACK_HELPERS.has(imm));
    }
    if (!isKfunc) {
      const nullable = nullableReturn(imm);
      if (nullable !== undefined) r0 = value(K_NULLABLE, NONE, NONE, i);
    }
  }
  s.regs[0] = r0;
  s.clobberCallerSaved();
  invalidateOutgoingStackArgs(s);
  s.noLoad = true;
}

/** push_callback_call(): a function pointer handed to a helper/kfunc is a callback, verified in a new frame. */
function callbacks(ctx: StepContext, i: number, s: FrameState, async: boolean): void {
  const { env, e } = ctx;
  for (let r = 1; r <= 5; r++) {
    const v = s.regs[r]!;
    if ((v.kinds & K_FUNC) === 0 || v.fn === NONE) continue;
    const cb = env.p.funcs[v.fn]!;
    env.isCallback[cb.index] = true;
    if (async) env.isAsync[cb.index] = true;
    if (!async && e.depth + 1 >= MAX_CALL_FRAMES)
      reject('CALL_DEPTH', `the call stack of ${e.depth + 2} frames is too deep`, i, 'E2BIG');
    if (inStackArgCount(cb.argCount ?? 0) > 0) reject('STACK_ARG_CALLBACK', 'callback subprog cannot have stack args', i);
    const args = Array.from({ length: MAX_BPF_FUNC_REG_ARGS }, anyValue);
    const incoming = Array.from({ length: 7 }, absent);
    checkInstance(env, { subprog: cb.index, depth: async ? 0 : e.depth + 1, args, incoming, main: false }, ctx.done, ctx.globals);
  }
}

