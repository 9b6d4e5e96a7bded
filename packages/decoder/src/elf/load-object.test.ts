// loadObject() on the clang-built examples (examples/*.o from examples/c/*.c): programs and
// sections, function names and argument counts from BTF func_info, map definitions exactly
// as written in the C, relocated calls / ld_imm64 (src_reg and targets), line_info text
// against the C sources, and the fall-backs when .BTF.ext is missing.
import { describe, expect, test } from '@jest/globals';
import {
  BPF_LD_IMM64, BPF_PSEUDO_CALL, BPF_PSEUDO_FUNC, BPF_PSEUDO_MAP_IDX, BPF_PSEUDO_MAP_IDX_VALUE, BpfError, type Program,
  isHelperCall, isPseudoCall,
} from '@bpfkit/ir';
import { encode } from '../encode.js';
import { loadObject } from './load-object.js';
import { exampleNames, exampleObject, sourceLine } from './test-support/examples.js';
import { findSection } from './test-support/elf-writer.js';
import type { BpfObject, ObjectProgram } from './object-types.js';

const load = (name: string): BpfObject => loadObject(exampleObject(name), { file: `${name}.o` });
const prog = (o: BpfObject, name: string): ObjectProgram => {
  const p = o.programs.find((x) => x.name === name);
  if (!p) throw new Error(`no program ${name}`);
  return p;
};

/** Slots of every ld_imm64 with the given src_reg. */
const ldImm64s = (p: Program, src: number): number[] => {
  const out: number[] = [];
  for (let i = 0; i < p.length; i++) if (p.code[i] === BPF_LD_IMM64 && p.src[i] === src) out.push(i);
  return out;
};
const helperCalls = (p: Program): number[] => {
  const out: number[] = [];
  for (let i = 0; i < p.length; i++) if (isHelperCall(p.code[i]!, p.src[i]!)) out.push(p.imm[i]!);
  return out;
};
const funcSummary = (p: Program): [string | undefined, number | undefined, number][] =>
  p.funcs.map((f) => [f.name, f.argCount, f.start]);

/** The slot whose line_info source contains `text`. */
function slotWithSource(p: ObjectProgram, text: string): number {
  const i = p.lineInfo.findIndex((l) => l?.source.includes(text));
  if (i < 0) throw new Error(`no line_info containing ${text}`);
  return i;
}

describe('examples/*.o', () => {
  test('every example loads, with GPL-compatible licenses and BTF', () => {
    expect(exampleNames()).toEqual(['five-args', 'global-data', 'hash-map', 'loop-callback', 'packet-counter']);
    for (const name of exampleNames()) {
      const o = load(name);
      expect(o.btf).toBeDefined();
      expect(o.license).toMatch(/GPL/);
      for (const p of o.programs) {
        expect(p.lineInfo).toHaveLength(p.program.length);
        expect(p.program.funcs[0]!.name).toBe(p.name);
      }
    }
  });

  test('the input bytes are not modified', () => {
    for (const name of exampleNames()) {
      const bytes = exampleObject(name);
      const copy = bytes.slice();
      loadObject(bytes);
      expect(bytes).toEqual(copy);
    }
  });

  test('an unaligned view inside a larger buffer loads the same', () => {
    for (const name of exampleNames()) {
      const bytes = exampleObject(name);
      const big = new Uint8Array(bytes.length + 7);
      big.set(bytes, 3);
      const a = loadObject(bytes);
      const b = loadObject(big.subarray(3, 3 + bytes.length));
      expect(b.programs.map((p) => [p.name, Array.from(encode(p.program)), p.program.funcs, p.lineInfo])).toEqual(
        a.programs.map((p) => [p.name, Array.from(encode(p.program)), p.program.funcs, p.lineInfo]),
      );
      expect(b.maps).toEqual(a.maps);
    }
  });

  test('packet-counter: ARRAY map, map ld_imm64, helper call, atomic add, line info', () => {
    const o = load('packet-counter');
    expect(o.programs.map((p) => [p.name, p.section])).toEqual([['count_packets', 'tc']]);
    expect(o.maps).toEqual([{ name: 'pkt_buckets', type: 2, keySize: 4, valueSize: 8, maxEntries: 4, flags: 0, section: '.maps' }]);
    const p = prog(o, 'count_packets');
    expect(funcSummary(p.program)).toEqual([['count_packets', 1, 0]]);
    const maps = ldImm64s(p.program, BPF_PSEUDO_MAP_IDX);
    expect(maps).toHaveLength(1);
    expect(p.program.imm[maps[0]!]).toBe(0);
    expect(p.program.imm[maps[0]! + 1]).toBe(0);
    expect(helperCalls(p.program)).toEqual([1]);
    expect(Array.from(p.program.code)).toContain(0xdb); // lock *(u64 *) += (atomic add)
    // The map load belongs to the bpf_map_lookup_elem line; its text is the C source line.
    const at = slotWithSource(p, 'bpf_map_lookup_elem(&pkt_buckets');
    const li = p.lineInfo[at]!;
    expect(li.file).toBe('./examples/c/packet-counter.c');
    expect(li.source).toBe(sourceLine('packet-counter.c', li.line));
    expect(li.source).toBe('  __u64 *count = bpf_map_lookup_elem(&pkt_buckets, &key);');
    expect(p.lineInfo[maps[0]!]?.line).toBe(li.line);
    // The first instruction starts the function's line.
    expect(p.lineInfo[0]!.source).toBe('int count_packets(struct __sk_buff *skb) {');
    expect(p.lineInfo[0]!.column).toBe(0);
  });

  test('loop-callback: the callback is appended and referenced with BPF_PSEUDO_FUNC', () => {
    const o = load('loop-callback');
    expect(o.maps).toEqual([]);
    const p = prog(o, 'sum_loop');
    expect(p.section).toBe('tc');
    expect(funcSummary(p.program)).toEqual([['sum_loop', 1, 0], ['add_index', 2, 14]]);
    const fns = ldImm64s(p.program, BPF_PSEUDO_FUNC);
    expect(fns).toHaveLength(1);
    const i = fns[0]!;
    expect(i + 1 + p.program.imm[i]!).toBe(p.program.funcs[1]!.start);
    expect(p.program.imm[i + 1]).toBe(0);
    expect(p.program.dst[i]).toBe(2); // the second bpf_loop argument
    expect(helperCalls(p.program)).toEqual([181]);
    const cb = p.program.funcs[1]!;
    expect(p.lineInfo[cb.start]!.source).toBe('  ctx->calls++;');
    expect(p.lineInfo.slice(cb.start, cb.end).map((l) => l?.source)).toContain('  ctx->sum += index + 1;');
    expect(slotWithSource(p, 'bpf_loop(n, add_index, &ctx, 0);')).toBeLessThan(p.program.funcs[1]!.start);
  });

  test('five-args: two entry programs, each with the 5-argument global subprogram and its static callee', () => {
    const o = load('five-args');
    expect(o.programs.map((p) => [p.name, p.section])).toEqual([['five_args', 'xdp'], ['five_args_tc', 'tc']]);
    for (const p of o.programs) {
      const entryLen = p.name === 'five_args' ? 13 : 7;
      expect(funcSummary(p.program)).toEqual([[p.name, 1, 0], ['weighted5', 5, entryLen], ['square', 1, entryLen + 15]]);
      const calls: [number, number][] = [];
      for (let i = 0; i < p.program.length; i++)
        if (isPseudoCall(p.program.code[i]!, p.program.src[i]!)) calls.push([i, i + 1 + p.program.imm[i]!]);
      // entry -> weighted5 (relocated R_BPF_64_32), weighted5 -> square (pc-relative in .text, re-based).
      expect(calls.map(([, t]) => t)).toEqual([entryLen, entryLen + 15]);
      expect(p.program.src[calls[0]![0]]).toBe(BPF_PSEUDO_CALL);
      expect(p.lineInfo[entryLen]!.source).toBe('__noinline int weighted5(int a, int b, int c, int d, int e) {');
      expect(p.lineInfo[entryLen + 15]!.source).toBe('static __noinline int square(int x) {');
    }
  });

  test('global-data: .rodata/.data/.bss maps with initial values and BPF_PSEUDO_MAP_IDX_VALUE loads', () => {
    const o = load('global-data');
    expect(o.license).toBe('Dual MIT/GPL');
    expect(o.maps.map((m) => [m.name, m.type, m.keySize, m.valueSize, m.maxEntries, m.flags, m.section])).toEqual([
      ['.rodata', 2, 4, 16, 1, 0x480, '.rodata'],
      ['.data', 2, 4, 8, 1, 0x400, '.data'],
      ['.bss', 2, 4, 4, 1, 0x400, '.bss'],
    ]);
    expect(Array.from(new Uint32Array(o.maps[0]!.initial!.slice().buffer))).toEqual([3, 5, 7, 11]);
    expect(Array.from(o.maps[1]!.initial!)).toEqual([100, 0, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(o.maps[2]!.initial!)).toEqual([0, 0, 0, 0]);
    const p = prog(o, 'use_globals');
    expect(p.section).toBe('socket');
    const loads = ldImm64s(p.program, BPF_PSEUDO_MAP_IDX_VALUE);
    // packets_seen (.data), last_mark (.bss), scale_table (.rodata), in code order, offset 0 each.
    expect(loads.map((i) => [p.program.imm[i], p.program.imm[i + 1]])).toEqual([[1, 0], [2, 0], [0, 0]]);
    expect(p.lineInfo[loads[0]!]!.source).toBe('  __u64 before = packets_seen;');
    expect(ldImm64s(p.program, 0)).toEqual([]);
  });

  test('hash-map: HASH map with a struct key and map_flags, referenced twice', () => {
    const o = load('hash-map');
    expect(o.maps).toEqual([{ name: 'last_len', type: 1, keySize: 8, valueSize: 4, maxEntries: 1024, flags: 1, section: '.maps' }]);
    const p = prog(o, 'track_len');
    const maps = ldImm64s(p.program, BPF_PSEUDO_MAP_IDX);
    expect(maps.map((i) => p.program.imm[i])).toEqual([0, 0]);
    expect(helperCalls(p.program)).toEqual([1, 2]);
    expect(p.lineInfo[maps[1]!]!.source).toBe('  bpf_map_update_elem(&last_len, &key, &len, BPF_ANY);');
    // BTF of the key type.
    const btf = o.btf!;
    const key = btf.findByName('flow_key');
    expect(key).toBeDefined();
    expect(btf.resolveSize(key!)).toBe(8);
  });

  test('relocated slots are the only ones that differ from the section bytes', () => {
    const bytes = exampleObject('hash-map');
    const sec = findSection(bytes, 'tc');
    const p = prog(loadObject(bytes), 'track_len');
    const out = encode(p.program);
    const maps = new Set(ldImm64s(p.program, BPF_PSEUDO_MAP_IDX));
    for (let i = 0; i < p.program.length; i++) {
      const a = Array.from(out.subarray(i * 8, i * 8 + 8));
      const b = Array.from(bytes.subarray(sec.offset + i * 8, sec.offset + i * 8 + 8));
      if (maps.has(i)) expect([a[0], a[1]! >> 4]).toEqual([b[0], BPF_PSEUDO_MAP_IDX]);
      else expect(a).toEqual(b);
    }
  });

  test('without .BTF.ext: names from symbols, no argument counts, no line info', () => {
    const bytes = exampleObject('five-args');
    const ext = findSection(bytes, '.BTF.ext');
    // Rename the section (".BTF.ext" -> ".BTF.exX") in a copy of the object.
    bytes[ext.nameAt + 7] = 'X'.charCodeAt(0);
    const o = loadObject(bytes);
    const p = prog(o, 'five_args');
    expect(funcSummary(p.program)).toEqual([['five_args', undefined, 0], ['weighted5', undefined, 13], ['square', undefined, 28]]);
    expect(p.lineInfo).toEqual([]);
    expect(o.btf).toBeDefined();
  });

  test('errors carry the file name, code and pass', () => {
    const bytes = exampleObject('packet-counter').subarray(0, 100);
    let err: unknown;
    try {
      loadObject(bytes, { file: 'packet-counter.o' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(BpfError);
    const e = err as BpfError;
    expect(e.code).toBe('ELF');
    expect(e.pass).toBe('decoder');
    expect(e.message).toMatch(/^packet-counter\.o: ELF header at offset 0x28: section header table .* runs past the end of the file \(100 bytes\)$/);
  });
});
