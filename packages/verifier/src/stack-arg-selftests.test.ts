// Every row of kernel-semantics §7.3 (verifier_stack_arg.c) and §7.4
// (verifier_stack_arg_order.c), written here as our own programs: same verdict, exactly the
// same message. Accepted programs also run on the reference interpreter for their result.
import { describe, expect, test } from '@jest/globals';
import { parseKernel } from '@bpfkit/asm';
import { runProgram } from '@bpfkit/interp';
import type { Program } from '@bpfkit/ir';
import { type VerifierOptions, verify } from './index.js';

const prog = (text: string): Program => parseKernel(text);

function accepted(text: string, opts: VerifierOptions = {}): Program {
  const p = prog(text);
  const r = verify(p, opts);
  if (!r.ok) throw new Error(`expected acceptance, got: ${r.error!.message} at insn ${r.error!.insn}`);
  return p;
}

function rejected(text: string, opts: VerifierOptions = {}): { message: string; insn: number; errno: string | undefined } {
  const r = verify(prog(text), opts);
  if (r.ok) throw new Error('expected rejection, program was accepted');
  expect(r.log[r.log.length - 1]).toBe(r.error!.message);
  return { message: r.error!.message, insn: r.error!.insn, errno: r.error!.errno };
}

/** A 6-argument static subprogram returning the sum of its arguments. */
const SUM6 = `
.func sum6, args=6
  r0 = *(u64 *)(r11 +8)
  r0 += r1
  r0 += r2
  r0 += r3
  r0 += r4
  r0 += r5
  exit
`;
/** A 7-argument one. */
const SUM7 = `
.func sum7, args=7
  r0 = *(u64 *)(r11 +8)
  r6 = *(u64 *)(r11 +16)
  r0 += r6
  r0 += r1
  r0 += r2
  r0 += r3
  r0 += r4
  r0 += r5
  exit
`;
/** A 6-argument one that dereferences its sixth argument. */
const DEREF6 = `
.func deref6, args=6
  r1 = *(u64 *)(r11 +8)
  r0 = *(u64 *)(r1 +0)
  exit
`;
const ARGS15 = `
  r1 = 1
  r2 = 2
  r3 = 3
  r4 = 4
  r5 = 5
`;

describe('§7.3 verifier_stack_arg.c', () => {
  test('subprog with 6 args: success, retval 21', () => {
    const p = accepted(`.func main\n${ARGS15}  *(u64 *)(r11 -8) = 6\n  call sum6\n  exit\n${SUM6}`);
    expect(runProgram(p)).toBe(21n);
  });

  test('two subprogs with >5 args: success, retval 90', () => {
    const p = accepted(`
.func main
${ARGS15}
  *(u64 *)(r11 -8) = 6
  call sum6
  r6 = r0
  r1 = 5
  r2 = 6
  r3 = 7
  r4 = 8
  r5 = 9
  *(u64 *)(r11 -16) = 18
  *(u64 *)(r11 -8) = 16
  call sum7
  r0 += r6
  exit
${SUM6}${SUM7}`);
    expect(runProgram(p)).toBe(90n);
  });

  test('read from uninitialized stack arg slot', () => {
    expect(rejected(`
  r0 = *(u64 *)(r11 +8)
  exit
`)).toEqual({ message: 'invalid read from stack arg off 8 depth 0', insn: 0, errno: 'EACCES' });
  });

  test('gap at offset -8', () => {
    expect(rejected(`${ARGS15}  *(u64 *)(r11 -16) = 7\n  call sum7\n  exit\n${SUM7}`)).toEqual({
      message: 'callee expects 7 args, stack arg1 is not initialized', insn: 6, errno: 'EFAULT',
    });
  });

  test('pruning with different stack arg types: the pointer and the scalar path are not merged', () => {
    expect(rejected(`
  call bpf_get_prandom_u32
  r6 = r10
  r6 += -8
  r7 = 0
  *(u64 *)(r10 -8) = r7
  if r0 == 0x0 goto scalar
  *(u64 *)(r11 -8) = r6
  goto call
scalar:
  *(u64 *)(r11 -8) = 42
call:
${ARGS15}
  call deref6
  r0 = 0
  exit
${DEREF6}`).message).toBe("R1 invalid mem access 'scalar'");
  });

  test('release_reference invalidates stack arg slot', () => {
    expect(rejected(`
  r6 = r1
  r1 = r6
  r2 = r10
  r2 += -16
  r3 = 0
  *(u64 *)(r10 -16) = r3
  *(u64 *)(r10 -8) = r3
  r3 = 16
  r4 = 0
  r5 = 0
  call bpf_sk_lookup_tcp
  if r0 == 0x0 goto out
  r7 = r0
  *(u64 *)(r11 -8) = r7
  r1 = r7
  call bpf_sk_release
${ARGS15}
  call sum6
out:
  r0 = 0
  exit
${SUM6}`)).toEqual({ message: 'callee expects 6 args, stack arg1 is not initialized', insn: 21, errno: 'EFAULT' });
  });

  test('pkt pointer invalidated after pull_data', () => {
    expect(rejected(`
  r6 = r1
  r2 = *(u32 *)(r6 +76)
  *(u64 *)(r11 -8) = r2
  r1 = r6
  r2 = 0
  call bpf_skb_pull_data
${ARGS15}
  call sum6
  exit
${SUM6}`).message).toBe('callee expects 6 args, stack arg1 is not initialized');
  });

  test('null propagation: a NULL map value parked in a slot is a scalar in the callee', () => {
    expect(rejected(`
  r1 = map[id:1]
  r2 = r10
  r2 += -8
  r3 = 0
  *(u64 *)(r10 -8) = r3
  call bpf_map_lookup_elem
  *(u64 *)(r11 -8) = r0
  if r0 != 0x0 goto out
${ARGS15}
  call deref6
out:
  r0 = 0
  exit
${DEREF6}`)).toEqual({ message: "R1 invalid mem access 'scalar'", insn: 18, errno: 'EACCES' });
  });

  test('null propagation: the non-NULL side is a valid pointer', () => {
    accepted(`
  r1 = map[id:1]
  r2 = r10
  r2 += -8
  r3 = 0
  *(u64 *)(r10 -8) = r3
  call bpf_map_lookup_elem
  *(u64 *)(r11 -8) = r0
  if r0 == 0x0 goto out
${ARGS15}
  call deref6
out:
  r0 = 0
  exit
${DEREF6}`);
  });

  test('missing store on one branch', () => {
    expect(rejected(`
  call bpf_get_prandom_u32
  *(u64 *)(r11 -16) = 7
  if r0 == 0x0 goto skip
  *(u64 *)(r11 -8) = 6
skip:
${ARGS15}
  call sum7
  exit
${SUM7}`)).toEqual({ message: 'callee expects 7 args, stack arg1 is not initialized', insn: 9, errno: 'EFAULT' });
  });

  test('share a store for both branches', () => {
    accepted(`
  call bpf_get_prandom_u32
  *(u64 *)(r11 -16) = 7
  if r0 == 0x0 goto other
  *(u64 *)(r11 -8) = 6
  goto join
other:
  *(u64 *)(r11 -8) = 60
join:
${ARGS15}
  call sum7
  exit
${SUM7}`);
  });

  test('write beyond max outgoing depth', () => {
    expect(rejected(`
  *(u64 *)(r11 -80) = 99
  r0 = 0
  exit
`)).toEqual({ message: 'stack arg write offset -80 exceeds max 7 stack args', insn: 0, errno: 'EINVAL' });
  });

  test('write unused stack arg slot', () => {
    expect(rejected(`
  *(u64 *)(r11 -40) = 10
  *(u64 *)(r11 -16) = 7
  *(u64 *)(r11 -8) = 6
${ARGS15}
  call sum7
  exit
${SUM7}`)).toEqual({ message: 'func#0 writes 5 stack arg slots, but calls only require 2', insn: 0, errno: 'EINVAL' });
  });

  test('sequential calls reuse slots', () => {
    expect(rejected(`
  *(u64 *)(r11 -16) = 7
  *(u64 *)(r11 -8) = 6
${ARGS15}
  call sum7
  r6 = r0
${ARGS15}
  call sum7
  r0 += r6
  exit
${SUM7}`)).toEqual({ message: 'callee expects 7 args, stack arg1 is not initialized', insn: 14, errno: 'EFAULT' });
  });
});

describe('§7.4 verifier_stack_arg_order.c', () => {
  const ORDER = 'r11 load must be before any r11 store or call insn';

  test('r11 load after r11 store', () => {
    expect(rejected(`${ARGS15}  *(u64 *)(r11 -8) = 6\n  call f\n  exit
.func f, args=6
  *(u64 *)(r11 -8) = 1
  r0 = *(u64 *)(r11 +8)
  exit
`)).toEqual({ message: ORDER, insn: 9, errno: 'EINVAL' });
  });

  test('r11 load after a call', () => {
    expect(rejected(`${ARGS15}  *(u64 *)(r11 -8) = 6\n  call f\n  exit
.func f, args=6
  call bpf_ktime_get_ns
  r0 = *(u64 *)(r11 +8)
  exit
`)).toEqual({ message: ORDER, insn: 9, errno: 'EINVAL' });
  });

  test('pruning keeps r11 load ordering (the helper is called on one branch only)', () => {
    expect(rejected(`${ARGS15}  *(u64 *)(r11 -8) = 6\n  call f\n  exit
.func f, args=6
  if r1 == 0x0 goto load
  call bpf_ktime_get_ns
load:
  r0 = *(u64 *)(r11 +8)
  exit
`).message).toBe(ORDER);
  });

  test('read without caller write (callee BTF unreliable)', () => {
    expect(rejected(`${ARGS15}  call f\n  exit
.func f, args=7
  r0 = *(u64 *)(r11 +8)
  r1 = *(u64 *)(r11 +16)
  r0 += r1
  exit
`, { unreliableBtf: ['f'] })).toEqual({ message: 'callee expects 7 args, stack arg1 is not initialized', insn: 7, errno: 'EFAULT' });
  });

  test('read with not-initialized caller write (second call reads invalidated slots)', () => {
    expect(rejected(`
  *(u64 *)(r11 -16) = 7
  *(u64 *)(r11 -8) = 6
${ARGS15}
  call f
${ARGS15}
  call f
  exit
.func f, args=7
  r1 = *(u64 *)(r11 +8)
  r0 = *(u64 *)(r11 +16)
  exit
`, { unreliableBtf: ['f'] })).toEqual({ message: 'R0 !read_ok', insn: 17, errno: 'EACCES' });
  });

  test('with reliable BTF the same program fails at the second call site', () => {
    expect(rejected(`
  *(u64 *)(r11 -16) = 7
  *(u64 *)(r11 -8) = 6
${ARGS15}
  call f
${ARGS15}
  call f
  exit
.func f, args=7
  r0 = *(u64 *)(r11 +8)
  r1 = *(u64 *)(r11 +16)
  r0 += r1
  exit
`).message).toBe('callee expects 7 args, stack arg1 is not initialized');
  });

  test('without BTF func info the incoming count is 0 (§7.7)', () => {
    const p = parseKernel(`${ARGS15}  *(u64 *)(r11 -8) = 6\n  call f\n  exit\nf:\n  r0 = *(u64 *)(r11 +8)\n  exit\n`);
    const r = verify(p);
    expect(r.error?.message).toBe('invalid read from stack arg off 8 depth 0');
  });
});

describe('§7.5 stack_arg_precision.c', () => {
  test('a scalar passed as argument 7 and used by the callee in a precision-requiring context verifies', () => {
    const p = accepted(`
  r6 = 40
  r6 += 2
  r7 = 5
  *(u64 *)(r11 -16) = r6
  *(u64 *)(r11 -8) = r7
${ARGS15}
  call f7
  exit
.func f7, args=7
  r0 = *(u64 *)(r11 +16)
  r0 &= 7
  r1 = r10
  r1 += -8
  r1 += r0
  r0 = 0
  exit
`);
    expect(runProgram(p)).toBe(0n);
  });
});
