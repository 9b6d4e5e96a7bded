// Property tests (fast-check): printers and parsers round-trip random valid programs, and no
// input string — random, or a valid listing with random edits — makes a parser throw
// anything but a located BpfError with one of the asm error codes (no TypeError, no hang).
import { describe, test, expect } from '@jest/globals';
import fc from 'fast-check';
import { BpfError, Program, printKernelProgram, type Insn } from '@bpfkit/ir';
import { randomProgram } from '@bpfkit/decoder';
import { parseKernel } from './parse-kernel.js';
import { parseConformance } from './parse-conformance.js';
import { printConformance } from './print-conformance.js';
import { printLlvm } from './print-llvm.js';

const ASM_CODES = new Set(['PARSE', 'UNKNOWN_LABEL', 'DUPLICATE_LABEL', 'IMM_RANGE', 'OFFSET_RANGE']);

/** A deterministic RandomInt from a seed (mulberry32), for the decoder's generator. */
function seeded(seed: number): (n: number) => number {
  let x = seed >>> 0;
  return (n: number) => {
    x = (x + 0x6d2b79f5) >>> 0;
    let t = x;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

const programArb = fc.record({ seed: fc.integer(), size: fc.integer({ min: 1, max: 60 }) }).map(({ seed, size }) => randomProgram(seeded(seed), size));

/** Rebuild `p` with some fields normalised (to what a lossy syntax can express). */
function normalise(p: Program, fix: (x: Insn, i: number, p: Program) => Insn): Program {
  return Program.fromInsns(p.insns().map((x, i) => fix(x, i, p)));
}

/** Fields the kernel's own text does not print: ld_imm64 pseudo kinds (verifier style) and a kfunc's off. */
const kernelVisible = (p: Program): Program =>
  normalise(p, (x, i) => {
    if (x.code === 0x18 && !p.isSecondHalf(i)) return { ...x, src: 0 };
    if (x.code === 0x85 && x.src === 2) return { ...x, off: 0 };
    return x;
  });

/** Fields llvm-objdump does not print: call kinds, ld_ind's imm, ld_pseudo's second imm. */
const llvmVisible = (p: Program): Program =>
  normalise(p, (x, i) => {
    if (x.code === 0x85) return { ...x, src: 0, off: 0 };
    if ((x.code & 0xe7) === 0x40) return { ...x, imm: 0 };
    if (i > 0 && p.code[i - 1] === 0x18 && p.src[i - 1] !== 0 && !p.isSecondHalf(i - 1)) return { ...x, imm: 0 };
    return x;
  });

const expectSame = (got: Program, want: Program): void => {
  expect(got.insns()).toEqual(want.insns());
};

/** Call `parse`; only a located asm BpfError may escape. */
function onlyAsmErrors(parse: () => unknown): void {
  try {
    parse();
  } catch (e) {
    if (!(e instanceof BpfError) || !ASM_CODES.has(e.code) || !(e.line! >= 1) || !(e.column! >= 1)) throw e;
  }
}

const ALPHABET = [
  ...'rw0123456789abcdefx+-*/=<>!&|^%()[]{}:;,.#_ \t\nsulpcgotifl', 'r1', 'w2', 'r10', 'r11', '%r1', 'goto ', 'if ',
  'call ', 'exit', 'lock ', '*(u64 *)', '(r10 -8)', '[%r10-8]', 'pc+', 'pc-', '0x', 'll', 'L:', 'L', '.func ', 'args=',
  'lddw', 'mov', 'ja ', 'ja32 ', 'jeq ', 'local ', 'helper ', '.raw ', 'skb[', 'subprog[', 'map[id:', 'atomic64_fetch_add(',
  'xchg_64(', 'load_acquire(', 'bswap16 ', '(s8)', '9999999999999999999999', '-2147483649', '4294967296', '32768',
];
const stringArb = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 60 }).map((a) => a.join(''));

/** Random edits (insert / delete / replace) of a valid listing. */
const mutatedArb = (print: (p: Program) => string) =>
  fc
    .tuple(programArb, fc.array(fc.tuple(fc.nat(), fc.nat({ max: 4 }), fc.constantFrom(...ALPHABET)), { minLength: 1, maxLength: 6 }))
    .map(([p, edits]) => {
      let s = print(p);
      for (const [pos, del, ins] of edits) {
        const at = pos % (s.length + 1);
        s = s.slice(0, at) + ins + s.slice(at + del);
      }
      return s;
    });

describe('round trips of random valid programs', () => {
  test('printKernelProgram -> parseKernel', () => {
    fc.assert(
      fc.property(programArb, (p0) => {
        const p = kernelVisible(p0);
        expectSame(parseKernel(printKernelProgram(p)), p);
        expectSame(parseKernel(printKernelProgram(p, { style: 'bpftool' })), p);
      }),
      { numRuns: 300 },
    );
  });

  test('printConformance -> parseConformance (no normalisation: .raw covers the rest)', () => {
    fc.assert(
      fc.property(programArb, (p) => {
        expectSame(parseConformance(printConformance(p)), p);
      }),
      { numRuns: 300 },
    );
  });

  test('printLlvm -> parseKernel (raw bytes on and off)', () => {
    fc.assert(
      fc.property(programArb, (p0) => {
        const p = llvmVisible(p0);
        expectSame(parseKernel(printLlvm(p)), p);
        expectSame(parseKernel(printLlvm(p, { rawBytes: false }), { hexMove: 'mov' }), p);
        expectSame(parseKernel(printLlvm(p, { rawBytes: false, immediates: 'decimal' }), { hexMove: 'mov' }), p);
      }),
      { numRuns: 300 },
    );
  });
});

describe('no input makes a parser throw anything but a located asm BpfError', () => {
  test('random strings', () => {
    fc.assert(
      fc.property(fc.oneof(stringArb, fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 40 })), (s) => {
        onlyAsmErrors(() => parseKernel(s));
        onlyAsmErrors(() => parseKernel(s, { hexMove: 'mov', kfuncs: { constructor: 1 }, helpers: { toString: 2 } }));
        onlyAsmErrors(() => parseConformance(s));
      }),
      { numRuns: 3000 },
    );
  });

  test('mutated kernel listings', () => {
    fc.assert(fc.property(mutatedArb((p) => printKernelProgram(p)), (s) => onlyAsmErrors(() => parseKernel(s))), { numRuns: 1500 });
  });

  test('mutated llvm listings', () => {
    fc.assert(fc.property(mutatedArb((p) => printLlvm(p)), (s) => onlyAsmErrors(() => parseKernel(s))), { numRuns: 1000 });
  });

  test('mutated conformance listings', () => {
    fc.assert(fc.property(mutatedArb((p) => printConformance(p)), (s) => onlyAsmErrors(() => parseConformance(s))), { numRuns: 1500 });
  });

  test('the property can fail: a TypeError is not accepted', () => {
    expect(() => onlyAsmErrors(() => { throw new TypeError('x'); })).toThrow(TypeError);
    expect(() => onlyAsmErrors(() => { throw new BpfError('PARSE', 'no position'); })).toThrow(BpfError);
  });
});
