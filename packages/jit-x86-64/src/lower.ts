// The lowering switch: one BPF instruction -> x86-64 code, do_jit()'s `switch (insn->code)`.
// Covers RFC 9669 v1–v4 and the Linux extensions bpfkit's interpreter runs: ALU/ALU64 with
// division and modulo by zero (x/0 = 0, x%0 = x) and signed INT_MIN/-1 handled without a #DE
// trap, shifts through cl, movsx, MEMSX loads, le/be/bswap, every atomic (lock add/or/and/xor,
// lock xadd, a cmpxchg loop for fetch and/or/xor, xchg, cmpxchg, load-acquire/store-release as
// plain movs — x86 is TSO), JMP/JMP32 with short jumps where they fit, gotol, may_goto (a per
// frame counter, the interpreter's semantics), ld_imm64 (pseudo func via rip-relative lea),
// legacy LD_ABS/LD_IND, bpf-to-bpf calls with stack arguments (kernel-semantics §5.3:
// r11-8 <-> r9, r11-16.. <-> [rsp+0..] / [rbp+16..]), helper and kfunc calls through a
// relocated absolute address, callx. The sandbox's bounds check precedes every memory access.
import { BpfError, MAX_STACK_ARG_SLOTS } from '@bpfkit/ir';
import type { CodeBuffer } from '@bpfkit/jit-common';
import {
  ALU_ADD, ALU_CMP, ALU_SUB, ALU_XOR, F7_DIV, F7_IDIV, F7_NEG, SH_SAR, SH_SHL, SH_SHR, aluRI, aluRR, bswap, cqo, imulRR,
  imulRRI, movRI32, movRR, movabs, movsxdRR, movzxRR, rol16, shiftRCl, shiftRI, testRI, testRR, unaryR, xchgRax, ALU_AND,
} from './encode-alu.js';
import {
  CC_A, CC_AE, CC_B, CC_BE, CC_E, CC_G, CC_GE, CC_L, CC_LE, CC_NE, CC_S, TARGET_LABEL, callR, jccRel32, jccRel8, jmpRel32,
  jmpRel8, pop, push,
} from './encode-control.js';
import { aluRM, cmpMI8, incDecM, lea, leaRip, loadZx, lockCmpxchg, store, storeImm } from './encode-mem.js';
import {
  CTX_CALLX_BRIDGE, CTX_CUR_ID, CTX_CUR_INSN, CTX_MEM_BASE, CTX_MEM_LEN, CTX_MEM_RLIM, CTX_MEM_WLIM, CTX_STATUS, FRAME_STACK,
  sizeIndex,
} from './ctx-layout.js';
import {
  bpfAluToX86, emitAtomicRmw, emitLdsx, emitLdx, emitMovImm32, emitMovImm64, emitMovReg, emitMovsxReg, emitSt, emitStx,
} from './emit.js';
import { accessSize } from './func-scan.js';
import { JMP_ALWAYS, PASS, type X86Jit } from './jit.js';
import { BPF_TO_X86_U8 as X, CTX_REG, R10, R11, R9, RAX, RBP, RCX, RDX, RSP } from './registers.js';

// uapi constants used by the switches below, as module-local consts: V8 compiles a `switch`
// over imported bindings (live module cells) into a chain of loads and compares, over local
// consts into compares with immediates — a third of the lowering's time on ALU-heavy code.
// Values are the kernel's (include/uapi/linux/bpf.h), names kept for grep.
const BPF_LD = 0x00, BPF_LDX = 0x01, BPF_ST = 0x02, BPF_STX = 0x03, BPF_ALU = 0x04, BPF_JMP = 0x05, BPF_JMP32 = 0x06, BPF_ALU64 = 0x07;
const BPF_MEM = 0x60, BPF_MEMSX = 0x80, BPF_ATOMIC = 0xc0;
const BPF_ADD = 0x00, BPF_SUB = 0x10, BPF_MUL = 0x20, BPF_DIV = 0x30, BPF_OR = 0x40, BPF_AND = 0x50, BPF_LSH = 0x60;
const BPF_RSH = 0x70, BPF_NEG = 0x80, BPF_MOD = 0x90, BPF_XOR = 0xa0, BPF_MOV = 0xb0, BPF_ARSH = 0xc0, BPF_END = 0xd0;
const BPF_JEQ = 0x10, BPF_JGT = 0x20, BPF_JGE = 0x30, BPF_JSET = 0x40, BPF_JNE = 0x50, BPF_JSGT = 0x60, BPF_JSGE = 0x70;
const BPF_JLT = 0xa0, BPF_JLE = 0xb0, BPF_JSLT = 0xc0, BPF_JSLE = 0xd0;
const BPF_FETCH = 0x01, BPF_XCHG = 0xe1, BPF_CMPXCHG = 0xf1, BPF_LOAD_ACQ = 0x100, BPF_STORE_REL = 0x110;
const BPF_PSEUDO_CALL = 1, BPF_PSEUDO_KFUNC_CALL = 2, BPF_PSEUDO_FUNC = 4, BPF_REG_PARAMS = 11;

const fail = (code: string, msg: string, insn: number): never => {
  throw new BpfError(code, msg, { insn, pass: PASS, errno: 'EINVAL' });
};

/** BPF ALU op >> 4 -> x86 group-1 /digit (add, sub, or, and, xor; others unused). */
const ALU_X86 = Int8Array.from([ALU_ADD, ALU_SUB, -1, -1, 1 /* or */, 4 /* and */, -1, -1, -1, -1, ALU_XOR, -1, -1, -1, -1, -1]);

/** BPF jump op -> x86 condition code. */
function jmpCond(op: number): number {
  switch (op) {
    case BPF_JEQ: return CC_E;
    case BPF_JNE: return CC_NE;
    case BPF_JGT: return CC_A;
    case BPF_JGE: return CC_AE;
    case BPF_JLT: return CC_B;
    case BPF_JLE: return CC_BE;
    case BPF_JSGT: return CC_G;
    case BPF_JSGE: return CC_GE;
    case BPF_JSLT: return CC_L;
    case BPF_JSLE: return CC_LE;
    case BPF_JSET: return CC_NE;
    default: return -2;
  }
}

/** Lower instruction `i`; returns the slots it occupies (2 for ld_imm64). */
export function lowerInsn(j: X86Jit, i: number): number {
  const code = j.pc[i]!;
  switch (code & 0x07) {
    case BPF_ALU:
    case BPF_ALU64:
      lowerAlu(j, i, code);
      return 1;
    case BPF_LDX:
      lowerLdx(j, i, code);
      return 1;
    case BPF_ST:
    case BPF_STX:
      lowerStore(j, i, code);
      return 1;
    case BPF_LD:
      return lowerLd(j, i, code);
    default:
      lowerJmp(j, i, code);
      return 1;
  }
}

// ------------------------------------------------------------------------------------ ALU

function lowerAlu(j: X86Jit, i: number, code: number): void {
  const b = j.b;
  const w = (code & 0x07) === BPF_ALU64;
  const op = code & 0xf0;
  const isX = (code & 0x08) !== 0;
  const D = X[j.pd[i]!]!;
  const S = X[j.ps[i]!]!;
  const imm = j.pi[i]!;
  const off = j.po[i]!;
  switch (op >> 4) {
    case BPF_ADD >> 4:
    case BPF_SUB >> 4:
    case BPF_AND >> 4:
    case BPF_OR >> 4:
    case BPF_XOR >> 4:
      if (isX) aluRR(b, ALU_X86[op >> 4]!, w, D, S); // {add,sub,and,or,xor} src, dst
      else aluRI(b, ALU_X86[op >> 4]!, w, D, imm); // {add,sub,and,or,xor} $imm, dst
      return;
    case BPF_MUL >> 4:
      if (isX) imulRR(b, w, D, S); // imul src, dst
      else imulRRI(b, w, D, D, imm); // imul $imm, dst, dst
      return;
    case BPF_DIV >> 4:
    case BPF_MOD >> 4:
      emitDivMod(j, w, op === BPF_MOD, off === 1, D, isX ? S : -1, imm);
      return;
    case BPF_LSH >> 4:
    case BPF_RSH >> 4:
    case BPF_ARSH >> 4: {
      const digit = op === BPF_LSH ? SH_SHL : op === BPF_RSH ? SH_SHR : SH_SAR;
      if (!isX) {
        const n = imm & (w ? 63 : 31);
        if (n !== 0) shiftRI(b, digit, w, D, n); // sh{l,r}/sar $n, dst
        else if (!w) movRR(b, false, D, D); // movl dst, dst (a 32-bit op zero-extends)
        return;
      }
      if (S === RCX) shiftRCl(b, digit, w, D); // shl %cl, dst
      else if (D === RCX) {
        movRR(b, true, R11, RCX); // movq %rcx, %r11
        movRR(b, true, RCX, S); // movq src, %rcx
        shiftRCl(b, digit, w, R11); // shl %cl, %r11
        movRR(b, true, RCX, R11); // movq %r11, %rcx
      } else {
        movRR(b, true, R11, RCX); // movq %rcx, %r11 (save R4)
        movRR(b, true, RCX, S); // movq src, %rcx
        shiftRCl(b, digit, w, D); // shl %cl, dst
        movRR(b, true, RCX, R11); // movq %r11, %rcx (restore R4)
      }
      return;
    }
    case BPF_NEG >> 4:
      unaryR(b, F7_NEG, w, D); // neg dst
      return;
    case BPF_MOV >> 4:
      if (!isX) {
        emitMovImm32(b, w, D, imm); // mov $imm, dst
        return;
      }
      if (off === 0) emitMovReg(b, w, D, S); // mov src, dst
      else if (off === 8 || off === 16 || (off === 32 && w)) emitMovsxReg(b, off, w, D, S); // movs* src, dst
      else fail('UNSUPPORTED', off === 1 ? 'addr_space_cast (arena pointers) is not supported by the x86-64 JIT' : `invalid movsx offset ${off}`, i);
      return;
    case BPF_END >> 4: {
      const bits = imm;
      const swap = w || (code & 0x08) !== 0;
      if (swap) {
        if (bits === 16) {
          rol16(b, D, 8); // rolw $8, dst16
          movzxRR(b, 16, D, D); // movzwl dst16, dst32
        } else bswap(b, bits === 64, D); // bswap{l,q} dst
      } else if (bits === 16) movzxRR(b, 16, D, D); // movzwl dst16, dst32
      else if (bits === 32) movRR(b, false, D, D); // movl dst, dst
      return;
    }
    default:
      fail('UNKNOWN_OPCODE', `unknown opcode ${code.toString(16).padStart(2, '0')}`, i);
  }
}

/** x / 0 = 0; x % 0 = x (32-bit: zero-extended). */
function divZeroCase(b: CodeBuffer, w: boolean, isMod: boolean, D: number): void {
  if (!isMod) aluRR(b, ALU_XOR, false, D, D); // xorl dst, dst: x / 0 = 0
  else if (!w) movRR(b, false, D, D); // movl dst, dst: x % 0 = x (zero-extended)
}

/** signed x / -1 = -x; x % -1 = 0. */
function divNegOneCase(b: CodeBuffer, w: boolean, isMod: boolean, D: number): void {
  if (!isMod) unaryR(b, F7_NEG, w, D); // neg dst: x / -1 = -x
  else aluRR(b, ALU_XOR, false, D, D); // xorl dst, dst: x % -1 = 0
}

/** The division itself: dividend dst, divisor r11 (non-zero, not -1 when signed). */
function divCore(b: CodeBuffer, w: boolean, isMod: boolean, signed: boolean, D: number): void {
  // Dividend into rax, quotient/remainder back into dst, R0 and R3 (rax, rdx) intact:
  // a 64-bit xchg parks R0 in dst's register (a 32-bit one would truncate it).
  if (D === RAX) {
    push(b, RDX); // pushq %rdx
    if (signed) cqo(b, w); // cqto / cltd
    else aluRR(b, ALU_XOR, false, RDX, RDX); // xorl %edx, %edx
    unaryR(b, signed ? F7_IDIV : F7_DIV, w, R11); // {i,}div %r11
    if (isMod) movRR(b, w, RAX, RDX); // mov %rdx, %rax
    pop(b, RDX); // popq %rdx
  } else if (D === RDX) {
    push(b, RAX); // pushq %rax
    movRR(b, w, RAX, RDX); // mov %rdx, %rax
    if (signed) cqo(b, w); // cqto / cltd
    else aluRR(b, ALU_XOR, false, RDX, RDX); // xorl %edx, %edx
    unaryR(b, signed ? F7_IDIV : F7_DIV, w, R11); // {i,}div %r11
    if (!isMod) movRR(b, w, RDX, RAX); // mov %rax, %rdx (a 32-bit div already zero-extended edx)
    pop(b, RAX); // popq %rax
  } else {
    push(b, RDX); // pushq %rdx
    xchgRax(b, D); // xchgq dst, %rax
    if (signed) cqo(b, w); // cqto / cltd
    else aluRR(b, ALU_XOR, false, RDX, RDX); // xorl %edx, %edx
    unaryR(b, signed ? F7_IDIV : F7_DIV, w, R11); // {i,}div %r11
    if (isMod) movRR(b, w, RAX, RDX); // mov %rdx, %rax
    xchgRax(b, D); // xchgq dst, %rax
    pop(b, RDX); // popq %rdx
  }
}

/**
 * DIV/MOD, unsigned or signed (off = 1), 32 or 64 bits, with the verifier's run-time rules:
 * x / 0 = 0, x % 0 = x (32-bit: zero-extended), signed x / -1 = -x and x % -1 = 0 (so
 * INT_MIN / -1 never reaches idiv). The divisor goes to r11; rdx is saved around div/idiv
 * and rax swapped with dst (xchg) unless they are dst. Constant divisors 1 and (unsigned)
 * powers of two become a move, shift or mask.
 */
function emitDivMod(j: X86Jit, w: boolean, isMod: boolean, signed: boolean, D: number, S: number, imm: number): void {
  const b = j.b;
  const lt = j.lt;
  if (S < 0) {
    // Immediate divisor: the special cases are decided at compile time.
    if (imm === 0) return divZeroCase(b, w, isMod, D);
    if (signed && imm === -1) return divNegOneCase(b, w, isMod, D);
    if (imm === 1) {
      if (isMod) aluRR(b, ALU_XOR, false, D, D); // xorl dst, dst: x % 1 = 0
      else if (!w) movRR(b, false, D, D); // movl dst, dst: x / 1 = x (zero-extended)
      return;
    }
    if (!signed && imm > 0 && (imm & (imm - 1)) === 0) {
      // Unsigned division by a power of two: a shift or a mask.
      if (isMod) aluRI(b, ALU_AND, w, D, imm - 1); // and $(2^k - 1), dst
      else shiftRI(b, SH_SHR, w, D, 31 - Math.clz32(imm)); // shr $k, dst
      return;
    }
    if (w) emitMovImm32(b, true, R11, imm); // movq $imm, %r11 (sign-extended, as BPF does)
    else movRI32(b, R11, imm); // movl $imm, %r11d
    divCore(b, w, isMod, signed, D);
    return;
  }
  lt.clear();
  const zero = lt.newLabel();
  const negOne = lt.newLabel();
  const done = lt.newLabel();
  movRR(b, w, R11, S); // mov src, %r11
  testRR(b, w, R11, R11); // test %r11, %r11
  jccRel8(b, CC_E, 0, TARGET_LABEL); // je zero
  lt.refer(zero, 1);
  if (signed) {
    aluRI(b, ALU_CMP, w, R11, -1); // cmp $-1, %r11
    jccRel8(b, CC_E, 0, TARGET_LABEL); // je neg_one
    lt.refer(negOne, 1);
  }
  divCore(b, w, isMod, signed, D);
  jmpRel8(b, 0, TARGET_LABEL); // jmp done
  lt.refer(done, 1);
  lt.bind(zero);
  divZeroCase(b, w, isMod, D);
  if (signed) {
    jmpRel8(b, 0, TARGET_LABEL); // jmp done
    lt.refer(done, 1);
    lt.bind(negOne);
    divNegOneCase(b, w, isMod, D);
  }
  lt.bind(done);
  lt.resolve();
}

// ------------------------------------------------------------------------------------ memory

/**
 * Sandbox bounds check of a `size`-byte access at disp(base): fast paths for the input memory
 * and the current frame's stack, else the stub that scans every region (and fails the run).
 */
function sandboxCheck(j: X86Jit, write: boolean, size: number, base: number, disp: number, atomic = false): void {
  if (!j.sandbox) return;
  const b = j.b;
  const lt = j.lt;
  lt.clear();
  const ok = lt.newLabel();
  const si = sizeIndex(size);
  lea(b, R11, base, disp); // leaq disp(base), %r11
  movRR(b, true, R10, R11); // movq %r11, %r10
  aluRM(b, ALU_SUB, true, R10, CTX_REG, CTX_MEM_BASE); // subq mem_base(%r12), %r10
  aluRM(b, ALU_CMP, true, R10, CTX_REG, (write ? CTX_MEM_WLIM : CTX_MEM_RLIM) + 8 * si); // cmpq lim(%r12), %r10
  jccRel8(b, CC_B, 0, TARGET_LABEL); // jb ok
  lt.refer(ok, 1);
  lea(b, R10, R11, FRAME_STACK); // leaq 0x200(%r11), %r10
  aluRR(b, ALU_SUB, true, R10, RBP); // subq %rbp, %r10   (addr - (rbp - 512))
  aluRI(b, ALU_CMP, true, R10, FRAME_STACK - size); // cmpq $(512 - size), %r10
  jccRel8(b, CC_BE, 0, TARGET_LABEL); // jbe ok
  lt.refer(ok, 1);
  j.callStub(write ? j.stubs.sbWrite[si]! : j.stubs.sbRead[si]!); // callq <sb_*>
  lt.bind(ok);
  if (atomic && size > 1) {
    // Atomics must be naturally aligned (the verifier's rule; lock on a split line is not atomic everywhere).
    const aligned = lt.newLabel();
    testRI(b, false, R11, size - 1); // testl $(size-1), %r11d
    jccRel8(b, CC_E, 0, TARGET_LABEL); // je aligned
    lt.refer(aligned, 1);
    movRI32(b, R10, write ? size | 0x100 : size); // movl $size, %r10d
    j.callStub(j.stubs.errMisaligned); // callq <err_misaligned>
    lt.bind(aligned);
  }
  lt.resolve();
}

function stackArgSlot(i: number, off: number, load: boolean): number {
  const spi = load ? off / 8 - 1 : -off / 8 - 1;
  if (!Number.isInteger(spi) || spi < 0 || spi >= MAX_STACK_ARG_SLOTS) {
    if (load) fail('STACK_ARG_READ', `invalid read from stack arg off ${off}`, i);
    fail('STACK_ARG_OFFSET', `stack arg write offset ${off} exceeds max ${MAX_STACK_ARG_SLOTS} stack args`, i);
  }
  return spi;
}

function lowerLdx(j: X86Jit, i: number, code: number): void {
  const b = j.b;
  const mode = code & 0xe0;
  const size = accessSize(code);
  const off = j.po[i]!;
  const D = X[j.pd[i]!]!;
  const srcB = j.ps[i]!;
  if (srcB === BPF_REG_PARAMS) {
    // Incoming stack argument: arg6 is still in r9, args 7.. sit above the return address.
    if (mode !== BPF_MEM || size !== 8) fail('INVALID_REGISTER', 'R11 is invalid', i);
    const spi = stackArgSlot(i, off, true);
    if (spi === 0) movRR(b, true, D, R9); // movq %r9, dst
    else emitLdx(b, 8, D, RBP, off); // movq off(%rbp), dst
    return;
  }
  const S = X[srcB]!;
  sandboxCheck(j, false, size, S, off);
  if (mode === BPF_MEM) emitLdx(b, size, D, S, off); // mov* off(src), dst
  else if (mode === BPF_MEMSX && size !== 8) emitLdsx(b, size, D, S, off); // movs*q off(src), dst
  else fail('UNKNOWN_OPCODE', `unknown opcode ${code.toString(16).padStart(2, '0')}`, i);
}

function lowerStore(j: X86Jit, i: number, code: number): void {
  const b = j.b;
  const mode = code & 0xe0;
  const size = accessSize(code);
  const off = j.po[i]!;
  const dstB = j.pd[i]!;
  const isSt = (code & 0x07) === BPF_ST;
  const imm = j.pi[i]!;
  if (dstB === BPF_REG_PARAMS) {
    // Outgoing stack argument (kernel-semantics §5.3): arg6 -> r9, arg7.. -> [rsp + 8*(k-7)].
    if (mode !== BPF_MEM || size !== 8) fail('INVALID_REGISTER', 'R11 is invalid', i);
    const spi = stackArgSlot(i, off, false);
    if (isSt) {
      // Exactly one instruction: the regression the kernel once had appended the generic store here.
      if (spi === 0) emitMovImm64(b, R9, imm, imm >> 31); // mov $imm, %r9
      else emitSt(b, 8, RSP, (spi - 1) * 8, imm); // movq $imm, slot(%rsp)
    } else {
      const S = X[j.ps[i]!]!;
      if (spi === 0) movRR(b, true, R9, S); // movq src, %r9
      else emitStx(b, 8, RSP, (spi - 1) * 8, S); // movq src, slot(%rsp)
    }
    return;
  }
  const D = X[dstB]!;
  if (mode === BPF_MEM) {
    sandboxCheck(j, true, size, D, off);
    if (isSt) emitSt(b, size, D, off, imm); // mov* $imm, off(dst)
    else emitStx(b, size, D, off, X[j.ps[i]!]!); // mov* src, off(dst)
    return;
  }
  if (mode === BPF_ATOMIC && !isSt) {
    lowerAtomic(j, i, size, D, X[j.ps[i]!]!, off, imm);
    return;
  }
  fail('UNKNOWN_OPCODE', `unknown opcode ${code.toString(16).padStart(2, '0')}`, i);
}

function lowerAtomic(j: X86Jit, i: number, size: 1 | 2 | 4 | 8, D: number, S: number, off: number, imm: number): void {
  const b = j.b;
  const w = size === 8;
  if (imm === BPF_LOAD_ACQ) {
    sandboxCheck(j, false, size, S, off, true);
    emitLdx(b, size, D, S, off); // mov* off(src), dst (x86 loads are acquire)
    return;
  }
  sandboxCheck(j, true, size, D, off, true);
  if (imm === BPF_STORE_REL) {
    emitStx(b, size, D, off, S); // mov* src, off(dst) (x86 stores are release)
    return;
  }
  if (size !== 4 && size !== 8) fail('RESERVED_FIELD', `BPF_ATOMIC uses invalid atomic opcode ${(imm & 0xff).toString(16)}`, i);
  switch (imm) {
    case BPF_ADD:
    case BPF_OR:
    case BPF_AND:
    case BPF_XOR:
    case BPF_ADD | BPF_FETCH:
    case BPF_XCHG:
      emitAtomicRmw(b, imm, w, D, off, S); // lock op / lock xadd / xchg
      return;
    case BPF_CMPXCHG:
      emitAtomicRmw(b, imm, w, D, off, S); // lock cmpxchg src, off(dst)
      if (!w) movRR(b, false, RAX, RAX); // movl %eax, %eax: R0 = old value, zero-extended
      return;
    case BPF_OR | BPF_FETCH:
    case BPF_AND | BPF_FETCH:
    case BPF_XOR | BPF_FETCH: {
      // A cmpxchg loop, as the kernel emits it: R0 is parked in r10 while rax is the comparand.
      const lt = j.lt;
      lt.clear();
      const loop = lt.newLabel();
      const realSrc = S === RAX ? R10 : S;
      const realDst = D === RAX ? R10 : D;
      movRR(b, true, R10, RAX); // movq %rax, %r10 (save R0)
      lt.bind(loop);
      emitLdx(b, size, RAX, realDst, off); // mov off(dst), %rax (old value)
      movRR(b, w, R11, RAX); // mov %rax, %r11
      aluRR(b, bpfAluToX86(imm & ~BPF_FETCH), w, R11, realSrc); // {or,and,xor} src, %r11
      lockCmpxchg(b, w, realDst, off, R11); // lock cmpxchg %r11, off(dst)
      jccRel8(b, CC_NE, 0, TARGET_LABEL); // jne loop (lost the race)
      lt.refer(loop, 1);
      lt.resolve();
      movRR(b, w, realSrc, RAX); // mov %rax, src (fetched old value)
      movRR(b, true, RAX, R10); // movq %r10, %rax (restore R0)
      return;
    }
    default:
      fail('RESERVED_FIELD', `BPF_ATOMIC uses invalid atomic opcode ${(imm & 0xff).toString(16)}`, i);
  }
}

// ------------------------------------------------------------------------------------ LD

function lowerLd(j: X86Jit, i: number, code: number): number {
  const b = j.b;
  const p = j.p;
  if (code === 0x18) {
    const D = X[j.pd[i]!]!;
    const kind = j.ps[i]!;
    const lo = j.pi[i]!;
    const hi = i + 1 < p.length ? j.pi[i + 1]! : 0;
    if (kind === 0) {
      emitMovImm64(b, D, lo, hi); // mov $imm64, dst
      return 2;
    }
    if (kind === BPF_PSEUDO_FUNC) {
      const fn = p.funcAt(i + 1 + lo)!;
      const { disp, target } = j.ripDispToFunc(fn.index, 7);
      leaRip(b, D, disp, target); // leaq func(%rip), dst
      return 2;
    }
    const resolve = j.opts.ldImm64;
    if (resolve === undefined) fail('LD_IMM64_UNRESOLVED', `ld_imm64 src ${kind} imm ${lo} needs an ldImm64 resolver`, i);
    let v: unknown;
    try {
      v = resolve!(kind, lo, hi, i);
    } catch (e) {
      throw new BpfError('LD_IMM64_UNRESOLVED', `resolving ld_imm64 failed: ${e instanceof Error ? e.message : String(e)}`, { insn: i, pass: PASS, cause: e });
    }
    if (typeof v !== 'bigint') fail('LD_IMM64_UNRESOLVED', `ld_imm64 resolver returned ${typeof v}, not a bigint`, i);
    const u = BigInt.asUintN(64, v as bigint);
    emitMovImm64(b, D, Number(BigInt.asIntN(32, u)), Number(BigInt.asIntN(32, u >> 32n))); // mov $value, dst
    return 2;
  }
  const mode = code & 0xe0;
  if (mode !== 0x20 && mode !== 0x40) fail('UNKNOWN_OPCODE', `unknown opcode ${code.toString(16).padStart(2, '0')}`, i);
  const size = accessSize(code);
  if (size === 8) fail('UNKNOWN_OPCODE', `unknown opcode ${code.toString(16).padStart(2, '0')}`, i);
  // Legacy packet load: R0 = big-endian value at packet offset; out of bounds -> return 0.
  const lt = j.lt;
  lt.clear();
  const bad = lt.newLabel();
  const done = lt.newLabel();
  const imm = j.pi[i]!;
  if (mode === 0x20) emitMovImm32(b, true, R11, imm); // movq $imm, %r11
  else {
    movRR(b, false, R11, X[j.ps[i]!]!); // movl src32, %r11d
    if (imm !== 0) aluRI(b, ALU_ADD, false, R11, imm); // addl $imm, %r11d
    movsxdRR(b, R11, R11); // movslq %r11d, %r11
  }
  testRR(b, true, R11, R11); // testq %r11, %r11
  jccRel8(b, CC_S, 0, TARGET_LABEL); // js bad
  lt.refer(bad, 1);
  lea(b, R10, R11, size); // leaq size(%r11), %r10
  aluRM(b, ALU_CMP, true, R10, CTX_REG, CTX_MEM_LEN); // cmpq mem_len(%r12), %r10
  jccRel8(b, CC_A, 0, TARGET_LABEL); // ja bad
  lt.refer(bad, 1);
  aluRM(b, ALU_ADD, true, R11, CTX_REG, CTX_MEM_BASE); // addq mem_base(%r12), %r11
  if (size === 1) loadZx(b, 1, RAX, R11, 0); // movzbl (%r11), %eax
  else if (size === 2) {
    loadZx(b, 2, RAX, R11, 0); // movzwl (%r11), %eax
    rol16(b, RAX, 8); // rolw $8, %ax
  } else {
    loadZx(b, 4, RAX, R11, 0); // movl (%r11), %eax
    bswap(b, false, RAX); // bswapl %eax
  }
  jmpRel8(b, 0, TARGET_LABEL); // jmp done
  lt.refer(done, 1);
  lt.bind(bad);
  aluRR(b, ALU_XOR, false, RAX, RAX); // xorl %eax, %eax
  j.branchPrev(JMP_ALWAYS, j.prevAt(j.epilogueIdx(j.f))); // jmp <epilogue>
  lt.bind(done);
  lt.resolve();
  return 1;
}

// ------------------------------------------------------------------------------------ JMP

function lowerJmp(j: X86Jit, i: number, code: number): void {
  const b = j.b;
  const p = j.p;
  const cls = code & 0x07;
  const op = code & 0xf0;
  const off = j.po[i]!;
  const imm = j.pi[i]!;
  if (code === 0x05 || code === 0x06) {
    // goto / gotol
    const disp = code === 0x05 ? off : imm;
    if (disp === 0) return; // a jump to the next instruction is a nop
    const t = i + 1 + disp;
    if (j.budget && t <= i) j.emitBudgetCheck();
    j.branchPrev(JMP_ALWAYS, j.prevAt(t)); // jmp target
    return;
  }
  if (code === 0x95) {
    // exit: fall into the epilogue when it follows, else jump to it.
    const fn = p.funcs[j.f]!;
    if (i + 1 === fn.end && !j.fallsOff[j.f]) return;
    j.branchPrev(JMP_ALWAYS, j.prevAt(j.epilogueIdx(j.f))); // jmp <epilogue>
    return;
  }
  if (code === 0x85) {
    lowerCall(j, i);
    return;
  }
  if (code === 0x8d) {
    lowerCallx(j, i);
    return;
  }
  if (code === 0xe5) {
    // may_goto: taken once the frame's counter is exhausted, else count down and fall through.
    if (j.ps[i] !== 0) fail('UNKNOWN_OPCODE', 'unknown JCOND kind', i);
    const t = i + 1 + off;
    const slot = j.plans[j.f]!.mayGotoOff;
    if (j.budget && t <= i) j.emitBudgetCheck();
    cmpMI8(b, true, RBP, slot, 0); // cmpq $0, counter(%rbp)
    j.branchPrev(CC_E, j.prevAt(t)); // je target
    incDecM(b, true, true, RBP, slot); // decq counter(%rbp)
    return;
  }
  if (code === 0x0d) fail('UNSUPPORTED', 'gotox (indirect jump through a jump table) is not supported by the x86-64 JIT', i);
  const cc = jmpCond(op);
  if (cc === -2 || (cls !== BPF_JMP && cls !== BPF_JMP32)) fail('UNKNOWN_OPCODE', `unknown opcode ${code.toString(16).padStart(2, '0')}`, i);
  if (off === 0) return; // both ways lead to the next instruction; compares have no other effect
  const w = cls === BPF_JMP;
  const D = X[j.pd[i]!]!;
  const t = i + 1 + off;
  if (j.budget && t <= i) j.emitBudgetCheck();
  if ((code & 0x08) !== 0) {
    const S = X[j.ps[i]!]!;
    if (op === BPF_JSET) testRR(b, w, D, S); // test src, dst
    else aluRR(b, ALU_CMP, w, D, S); // cmp src, dst
  } else if (op === BPF_JSET) testRI(b, w, D, imm); // test $imm, dst
  else if (imm === 0) testRR(b, w, D, D); // test dst, dst (same flags as cmp $0)
  else aluRI(b, ALU_CMP, w, D, imm); // cmp $imm, dst
  j.branchPrev(cc, j.prevAt(t)); // j<cc> target
}

/** Call to a helper or kfunc (relocated absolute address) or a BPF subprogram (rel32). */
function lowerCall(j: X86Jit, i: number): void {
  const b = j.b;
  const p = j.p;
  const kind = j.ps[i]!;
  const imm = j.pi[i]!;
  if (kind === BPF_PSEUDO_CALL) {
    const fn = p.funcAt(i + 1 + imm);
    if (fn === undefined) fail('CALL_OUT_OF_RANGE', 'call to invalid destination', i);
    j.callFunc(fn!.index); // callq func#N
    return;
  }
  if (kind !== 0 && kind !== BPF_PSEUDO_KFUNC_CALL) fail('UNKNOWN_OPCODE', `unknown call kind ${kind}`, i);
  storeImm(b, 4, CTX_REG, CTX_CUR_INSN, i); // movl $insn, cur_insn(%r12)
  const at = b.pos;
  movabs(b, RAX, 0, 0); // movabsq $target, %rax (relocated by the loader)
  callR(b, RAX); // callq *%rax
  cmpMI8(b, false, CTX_REG, CTX_STATUS, 0); // cmpl $0, status(%r12)
  j.branchExact(CC_NE, j.stubs.exit); // jne <exit> (helper error or exit request)
  if (j.isFinal) {
    const k = kind === 0 ? 'helper' : 'kfunc';
    j.relocations.push({ offset: at + 2, kind: k, target: imm, insn: i });
    j.sites.push({ insn: i, kind: k, id: imm, outSlots: j.outAtCall.get(i) ?? 0, relocOffset: at + 2 });
  }
}

/**
 * callx rD: a value below 2^31 is a helper id (called through the runtime's bridge with the
 * id in the context block); otherwise it must be the address of a function whose address the
 * program took (ld_imm64 BPF_PSEUDO_FUNC), else the run ends with CALLX_TARGET.
 */
function lowerCallx(j: X86Jit, i: number): void {
  const b = j.b;
  const D = X[j.pd[i]!]!;
  const lt = j.lt;
  lt.clear();
  const notHelper = lt.newLabel();
  const isSub = lt.newLabel();
  const done = lt.newLabel();
  storeImm(b, 4, CTX_REG, CTX_CUR_INSN, i); // movl $insn, cur_insn(%r12)
  movRR(b, true, R11, D); // movq dst, %r11
  movRR(b, true, R10, R11); // movq %r11, %r10
  shiftRI(b, SH_SHR, true, R10, 31); // shrq $31, %r10
  jccRel32(b, CC_NE, 0, TARGET_LABEL); // jne not_helper
  lt.refer(notHelper, 4);
  store(b, 8, CTX_REG, CTX_CUR_ID, R11); // movq %r11, cur_id(%r12)
  loadZx(b, 8, R11, CTX_REG, CTX_CALLX_BRIDGE); // movq callx_bridge(%r12), %r11
  callR(b, R11); // callq *%r11
  cmpMI8(b, false, CTX_REG, CTX_STATUS, 0); // cmpl $0, status(%r12)
  j.branchExact(CC_NE, j.stubs.exit); // jne <exit>
  jmpRel32(b, 0, TARGET_LABEL); // jmp done
  lt.refer(done, 4);
  lt.bind(notHelper);
  for (const fi of j.addressTaken) {
    const { disp, target } = j.ripDispToFunc(fi, 7);
    leaRip(b, R10, disp, target); // leaq func(%rip), %r10
    aluRR(b, ALU_CMP, true, R11, R10); // cmpq %r10, %r11
    jccRel32(b, CC_E, 0, TARGET_LABEL); // je is_sub
    lt.refer(isSub, 4);
  }
  j.callStub(j.stubs.errCallx); // callq <err_callx>
  lt.bind(isSub);
  callR(b, R11); // callq *%r11
  lt.bind(done);
  lt.resolve();
  if (j.isFinal) j.sites.push({ insn: i, kind: 'callx', id: 0, outSlots: j.outAtCall.get(i) ?? 0, relocOffset: -1 });
}
