// Robustness of loadObject() (fast-check): every example truncated at every length, and
// thousands of corruptions aimed at the ELF header, section headers, symbols, relocations,
// code, .BTF and .BTF.ext. Each load returns a sane object or throws a decoder BpfError
// (never TypeError/RangeError), leaves the input untouched, and finishes quickly.
import { describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { BpfError } from '@bpfkit/ir';
import { loadObject } from './load-object.js';
import { parseElf, isCodeSection, SHT_REL } from './elf-file.js';
import { exampleNames, exampleObject } from './test-support/examples.js';

/** Every code a load may legitimately fail with: the loader's own, and decode()'s. */
const ALLOWED = new Set([
  'ELF', 'BTF', 'BAD_LENGTH', 'UNKNOWN_OPCODE', 'RESERVED_FIELD', 'INVALID_REGISTER', 'LD_IMM64_TRUNCATED', 'LD_IMM64_INVALID',
  'JUMP_OUT_OF_RANGE', 'JUMP_INTO_LD_IMM64', 'CALL_OUT_OF_RANGE', 'TOO_MANY_ARGS',
]);
/** Per-load time limit (ms): generous for a loaded CI machine, far below any hang. */
const SLOW_MS = 1000;

interface Region {
  readonly name: string;
  readonly start: number;
  readonly size: number;
}

const examples = exampleNames().map((name) => {
  const bytes = exampleObject(name);
  const elf = parseElf(bytes);
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shoff = Number(dv.getBigUint64(40, true));
  const regions: Region[] = [
    { name: 'ELF header', start: 0, size: 64 },
    { name: 'section headers', start: shoff, size: elf.sections.length * 64 },
  ];
  for (const s of elf.sections) {
    const target = elf.sections[s.info];
    const interesting =
      ['.symtab', '.strtab', '.BTF', '.BTF.ext', '.maps', 'license'].includes(s.name) ||
      isCodeSection(s) || (s.type === SHT_REL && target !== undefined && isCodeSection(target));
    if (interesting && s.size > 0) regions.push({ name: s.name, start: s.offset, size: s.size });
  }
  return { name, bytes, regions };
});

const counts = new Map<string, number>();

/** Load `bytes`; return 'ok' or the error code. Throws (failing the test) on anything else. */
function attempt(bytes: Uint8Array, what: string): string {
  const before = bytes.slice();
  const t0 = performance.now();
  let outcome = 'ok';
  try {
    const o = loadObject(bytes);
    for (const p of o.programs) {
      if (p.program.length === 0 || (p.lineInfo.length !== 0 && p.lineInfo.length !== p.program.length))
        throw new Error(`${what}: inconsistent program ${p.name}`);
    }
    for (const m of o.maps)
      for (const v of [m.type, m.keySize, m.valueSize, m.maxEntries, m.flags])
        if (!Number.isInteger(v) || v < 0) throw new Error(`${what}: map ${m.name} has field ${v}`);
  } catch (e) {
    if (!(e instanceof BpfError)) throw new Error(`${what}: threw ${String(e)}${e instanceof Error ? `\n${e.stack}` : ''}`);
    if (!ALLOWED.has(e.code) || e.pass !== 'decoder') throw new Error(`${what}: unexpected ${e.code} / ${e.pass}: ${e.message}`);
    outcome = e.code;
  }
  const ms = performance.now() - t0;
  if (ms > SLOW_MS) throw new Error(`${what}: took ${ms.toFixed(0)} ms`);
  if (Buffer.compare(before, bytes) !== 0) throw new Error(`${what}: the input was modified`);
  counts.set(outcome, (counts.get(outcome) ?? 0) + 1);
  return outcome;
}

describe('loadObject fuzzing', () => {
  test('truncation at every length of every example', () => {
    let n = 0;
    for (const ex of examples) {
      for (let len = 0; len < ex.bytes.length; len++) {
        expect(attempt(ex.bytes.slice(0, len), `${ex.name} truncated to ${len}`)).not.toBe('ok');
        n++;
      }
      expect(attempt(ex.bytes.slice(), ex.name)).toBe('ok');
    }
    expect(n).toBeGreaterThan(25000);
  });

  // An edit: a byte, or a 32-bit word of a value that tends to matter (0, 1, -1, sizes, ids).
  const edit = fc.oneof(
    fc.record({ pos: fc.nat(), width: fc.constant(1 as const), value: fc.integer({ min: 0, max: 255 }) }),
    fc.record({
      pos: fc.nat(),
      width: fc.constant(4 as const),
      value: fc.oneof(
        fc.constantFrom(0, 1, 2, 4, 7, 8, 12, 16, 24, 0x7f, 0x80, 0xff, 0xffff, 0x7fffffff, 0x80000000, 0xffffffff),
        fc.integer({ min: 0, max: 0xffffffff }),
      ),
    }),
  );
  const caseArb = fc.record({
    example: fc.nat(examples.length - 1),
    region: fc.nat(),
    edits: fc.array(edit, { minLength: 1, maxLength: 6 }),
  });

  test('random corruption of headers, tables, relocations, code, .BTF and .BTF.ext', () => {
    const outcomes = new Map<string, number>();
    fc.assert(
      fc.property(caseArb, ({ example, region, edits }) => {
        const ex = examples[example]!;
        const r = ex.regions[region % ex.regions.length]!;
        const bytes = ex.bytes.slice();
        const dv = new DataView(bytes.buffer);
        for (const e of edits) {
          const at = r.start + (e.pos % Math.max(1, r.size - e.width + 1));
          if (e.width === 1) bytes[at] = e.value;
          else if (at + 4 <= bytes.length) dv.setUint32(at, e.value, true);
        }
        const key = `${r.name}: ${attempt(bytes, `${ex.name} ${r.name} ${JSON.stringify(edits)}`)}`;
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }),
      { numRuns: 4000, seed: 0x5eed },
    );
    // The corruption reaches the checks it is aimed at, not just one early exit.
    const codes = new Set([...outcomes.keys()].map((k) => k.split(': ')[1]));
    for (const c of ['ok', 'ELF', 'BTF']) expect(codes).toContain(c);
    expect(outcomes.get('.BTF: BTF') ?? 0).toBeGreaterThan(50);
    expect(outcomes.get('.BTF.ext: BTF') ?? 0).toBeGreaterThan(50);
    expect(outcomes.get('section headers: ELF') ?? 0).toBeGreaterThan(50);
  });

  test('random truncation combined with corruption anywhere', () => {
    fc.assert(
      fc.property(fc.nat(examples.length - 1), fc.nat(), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 16 }), (example, cut, edits) => {
        const ex = examples[example]!;
        const bytes = ex.bytes.slice(0, cut % (ex.bytes.length + 1));
        for (const [pos, v] of edits) if (bytes.length > 0) bytes[pos % bytes.length] = v;
        attempt(bytes, `${ex.name} cut ${bytes.length} ${JSON.stringify(edits)}`);
      }),
      { numRuns: 1500, seed: 0xc0ffee },
    );
  });

  test('outcome summary', () => {
    // Printed for whoever tunes the fuzzer; the real assertions are above.
    expect(counts.get('ok') ?? 0).toBeGreaterThan(0);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(30000);
  });
});
