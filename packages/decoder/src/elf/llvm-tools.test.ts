// Our view of the examples must agree with LLVM's: sections and every symbol against
// `llvm-readelf-19 -S -s`, and each linked function's bytes against `llvm-objdump-19 -d -r`
// (only relocated slots and re-based pc-relative calls may differ, in src_reg/imm only).
// Without the LLVM 19 tools these tests are skipped with a console warning.
import { describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { BPF_PSEUDO_CALL } from '@bpfkit/ir';
import { encode } from '../encode.js';
import { parseElf } from './elf-file.js';
import { loadObject } from './load-object.js';
import { parseSymbols, SHN_UNDEF } from './symbols.js';
import { exampleNames, exampleObject, examplesDir } from './test-support/examples.js';

const available = (tool: string): boolean => spawnSync(tool, ['--version'], { encoding: 'utf8' }).status === 0;
const READELF = 'llvm-readelf-19';
const OBJDUMP = 'llvm-objdump-19';
const haveReadelf = available(READELF);
const haveObjdump = available(OBJDUMP);
if (!haveReadelf) console.warn(`llvm-tools.test: ${READELF} not found; skipping the readelf agreement tests`);
if (!haveObjdump) console.warn(`llvm-tools.test: ${OBJDUMP} not found; skipping the objdump agreement tests`);

function run(tool: string, args: string[]): string {
  const r = spawnSync(tool, args, { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${tool} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const path = (name: string): string => join(examplesDir(), `${name}.o`);
const TYPE_NAMES = ['NOTYPE', 'OBJECT', 'FUNC', 'SECTION', 'FILE'];
const BIND_NAMES = ['LOCAL', 'GLOBAL', 'WEAK'];

describe.each(exampleNames())('%s.o', (name) => {
  (haveReadelf ? test : test.skip)('sections and symbols agree with llvm-readelf', () => {
    const elf = parseElf(exampleObject(name));
    const sections: string[] = [];
    for (const line of run(READELF, ['-S', '-W', path(name)]).split('\n')) {
      const m = /^\s*\[\s*(\d+)\]\s(.*)$/.exec(line);
      if (!m || m[1] === '0') continue;
      sections.push(m[2]!.trim().split(/\s+/)[0]!);
    }
    expect(sections).toEqual(elf.sections.slice(1).map((s) => s.name));

    const { symbols } = parseSymbols(elf);
    const rows: string[][] = [];
    for (const line of run(READELF, ['-s', '-W', path(name)]).split('\n')) {
      const m = /^\s*(\d+):\s+([0-9a-f]+)\s+(\d+)\s+(\w+)\s+(\w+)\s+\w+\s+(\w+)\s*(.*)$/.exec(line);
      if (m) rows.push(m.slice(1));
    }
    expect(rows).toHaveLength(symbols.length);
    for (const [num, value, size, type, bind, ndx, symName] of rows) {
      const s = symbols[Number(num)]!;
      const ours = [
        s.value, s.size, TYPE_NAMES[s.type], BIND_NAMES[s.bind],
        s.shndx === SHN_UNDEF ? 'UND' : s.shndx === 0xfff1 ? 'ABS' : String(s.shndx),
      ];
      expect(ours).toEqual([parseInt(value!, 16), Number(size), type, bind, ndx]);
      if (type !== 'SECTION') expect(s.name).toBe(symName);
      else expect(elf.sections[s.shndx]!.name).toBe(symName);
    }
    // Our programs: exactly the FUNC symbols of non-.text code sections, in section/offset order.
    const progs = rows
      .filter((r) => r[3] === 'FUNC' && elf.sections[Number(r[5])]!.name !== '.text')
      .map((r) => [r[6], elf.sections[Number(r[5])]!.name, Number(r[5]), parseInt(r[1]!, 16)] as const)
      .sort((a, b) => a[2] - b[2] || a[3] - b[3])
      .map(([n, s]) => [n, s]);
    expect(loadObject(exampleObject(name)).programs.map((p) => [p.name, p.section])).toEqual(progs);
  });

  (haveObjdump ? test : test.skip)('linked functions match llvm-objdump bytes outside relocated slots', () => {
    // Per function: its slots' bytes and which slots carry a relocation.
    const funcs = new Map<string, { bytes: number[][]; relocated: Set<number> }>();
    let cur: { bytes: number[][]; relocated: Set<number>; base: number } | undefined;
    for (const line of run(OBJDUMP, ['-d', '-r', path(name)]).split('\n')) {
      const head = /^([0-9a-f]+) <(\w+)>:$/.exec(line);
      if (head) {
        cur = { bytes: [], relocated: new Set(), base: parseInt(head[1]!, 16) / 8 };
        funcs.set(head[2]!, cur);
        continue;
      }
      const insn = /^\s+(\d+):\t([0-9a-f]{2}(?: [0-9a-f]{2})*)/.exec(line);
      if (insn && cur) {
        const all = insn[2]!.trim().split(' ').map((h) => parseInt(h, 16));
        for (let k = 0; k < all.length; k += 8) cur.bytes.push(all.slice(k, k + 8));
        continue;
      }
      const rel = /^\s+([0-9a-f]+):\s+R_BPF_\w+\s/.exec(line);
      if (rel && cur) cur.relocated.add(parseInt(rel[1]!, 16) / 8 - cur.base);
    }
    expect(funcs.size).toBeGreaterThan(0);
    for (const p of loadObject(exampleObject(name)).programs) {
      const out = encode(p.program);
      for (const f of p.program.funcs) {
        const theirs = funcs.get(f.name!);
        if (!theirs) throw new Error(`objdump has no function ${f.name}`);
        expect(f.end - f.start).toBe(theirs.bytes.length);
        for (let k = 0; k < theirs.bytes.length; k++) {
          const ours = Array.from(out.subarray((f.start + k) * 8, (f.start + k + 1) * 8));
          const want = theirs.bytes[k]!;
          const pcRelCall = want[0] === 0x85 && want[1]! >> 4 === BPF_PSEUDO_CALL;
          // The second half of a relocated ld_imm64 may take a global-data offset.
          const secondHalf = theirs.relocated.has(k - 1) && theirs.bytes[k - 1]![0] === 0x18;
          if (secondHalf) expect(ours.slice(0, 4)).toEqual(want.slice(0, 4));
          else if (theirs.relocated.has(k) || pcRelCall) expect([ours[0], ours[1]! & 0xf, ours[2], ours[3]]).toEqual([want[0], want[1]! & 0xf, want[2], want[3]]);
          else expect(ours).toEqual(want);
        }
      }
    }
  });
});
