// One bpf_conformance `.data` file (text-formats §2.3) as the conformance loader needs it:
// @bpfkit/asm's splitConformanceDataFile() gives the licence header and the `-- <name>`
// sections; this module checks the file's shape strictly (an `asm` section, no stray text
// before the first section, no section twice) and decodes `-- mem` (asm's
// conformanceMemoryBytes), `-- result` (0x… u64) and `-- raw` (one 64-bit word per slot).
// Malformed files are BpfError 'PARSE' with the file name and line.
import { BpfError } from '@bpfkit/ir';
import { conformanceMemoryBytes, splitConformanceDataFile, type ConformanceSection } from '@bpfkit/asm';

export interface ConformanceData {
  /** Leading `#` lines before the first section (licence header), verbatim. */
  readonly header: readonly string[];
  /** The SPDX-License-Identifier from the header, if any. */
  readonly license: string | undefined;
  /** Text of `-- asm` (comments and labels kept), newline-terminated. */
  readonly asm: string;
  /** `-- mem` decoded; undefined without the section. */
  readonly dataMem: Uint8Array | undefined;
  /** `-- result` as an unsigned 64-bit value; undefined without the section. */
  readonly result: bigint | undefined;
  /** `-- raw` words (one per instruction slot); undefined without the section. */
  readonly raw: readonly bigint[] | undefined;
  /** Every section's text by name, in file order, newline-terminated. */
  readonly sections: ReadonlyMap<string, string>;
}

export function parseConformanceData(text: string, name = '<data>'): ConformanceData {
  const fail = (msg: string, line: number): never => {
    throw new BpfError('PARSE', `${name}:${line}: ${msg}`, { pass: 'conformance', line });
  };
  const file = splitConformanceDataFile(text);
  const stray = file.header.find((h) => !h.startsWith('#'));
  if (stray !== undefined) fail(`text before the first '-- ' section: ${JSON.stringify(stray)}`, text.split('\n').indexOf(stray) + 1);
  const sections = new Map<string, string>();
  for (const s of file.sections) {
    if (sections.has(s.name)) fail(`section '-- ${s.name}' appears twice`, s.headerLine);
    sections.set(s.name, s.lines.length > 0 ? s.text + '\n' : '');
  }
  if (!sections.has('asm')) fail("no '-- asm' section", 1);

  /** Non-blank, non-comment body lines with their file line numbers. */
  const values = (s: ConformanceSection): { text: string; line: number }[] =>
    s.lines.map((l, i) => ({ text: l.trim(), line: s.firstLine + i })).filter((v) => v.text !== '' && !v.text.startsWith('#'));
  const u64 = (v: { text: string; line: number }, what: string): bigint => {
    if (!/^(0x[0-9a-f]+|-?\d+)$/i.test(v.text)) fail(`bad ${what} value '${v.text}'`, v.line);
    return BigInt.asUintN(64, BigInt(v.text));
  };

  let result: bigint | undefined;
  const resultSec = file.section('result');
  if (resultSec) {
    const vals = values(resultSec);
    if (vals.length !== 1) fail(`'-- result' must hold one value, found ${vals.length}`, resultSec.headerLine);
    result = u64(vals[0]!, 'result');
  }
  const rawSec = file.section('raw');
  const raw = rawSec && values(rawSec).map((v) => u64(v, 'raw'));
  const memSec = file.section('mem');
  let dataMem: Uint8Array | undefined;
  if (memSec) {
    try {
      dataMem = conformanceMemoryBytes(memSec);
    } catch (e) {
      fail(`bad '-- mem' section: ${(e as Error).message}`, (e as BpfError).line ?? memSec.headerLine);
    }
  }
  const license = file.header.map((h) => /SPDX-License-Identifier:\s*(\S.*?)\s*$/.exec(h)?.[1]).find((x) => x !== undefined);
  return { header: file.header, license, asm: sections.get('asm')!, dataMem, result, raw, sections };
}
