// Splitting a bpf_conformance `.data` test file into its sections (`-- asm`, `-- mem`,
// `-- result`, `-- raw`, `-- c`, `-- no register offset`, `-- error`, …) while keeping the
// leading licence/comment lines, so tools can re-emit a file with its SPDX header intact and
// can report parse errors at the line of the original file.
import { sourceError } from './source-error.js';

/** One `-- name` section: its body lines (verbatim, without line terminators). */
export interface ConformanceSection {
  /** Text after `-- `, e.g. `asm`, `mem`, `no register offset`. */
  readonly name: string;
  /** 1-based line number of the `-- name` header line. */
  readonly headerLine: number;
  /** 1-based line number of the first body line (headerLine + 1). */
  readonly firstLine: number;
  readonly lines: readonly string[];
  /** The body joined with `\n` (pass to parseConformance with `{ firstLine }`). */
  readonly text: string;
}

export interface ConformanceDataFile {
  /** Comment lines (`# …`) before the first section, verbatim: copyright and SPDX licence. */
  readonly header: readonly string[];
  readonly sections: readonly ConformanceSection[];
  /** First section with this name, if any. */
  section(name: string): ConformanceSection | undefined;
}

/**
 * Split a `.data` file. A section starts at a line `-- <name>` and runs to the next one.
 * Lines before the first section are the header; blank ones are dropped, the others kept
 * verbatim (non-comment text there is kept too, so nothing is lost).
 */
export function splitConformanceDataFile(text: string): ConformanceDataFile {
  const lines = text.split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const header: string[] = [];
  const sections: ConformanceSection[] = [];
  let current: { name: string; headerLine: number; lines: string[] } | undefined;
  const close = (): void => {
    if (current)
      sections.push({
        name: current.name,
        headerLine: current.headerLine,
        firstLine: current.headerLine + 1,
        lines: current.lines,
        text: current.lines.join('\n'),
      });
  };
  lines.forEach((line, i) => {
    const m = /^--\s*(.*?)\s*$/.exec(line);
    if (m) {
      close();
      current = { name: m[1]!, headerLine: i + 1, lines: [] };
    } else if (current) current.lines.push(line);
    else if (line.trim() !== '') header.push(line);
  });
  close();
  return {
    header,
    sections,
    section: (name: string) => sections.find((s) => s.name === name),
  };
}

/** Bytes of a `-- mem` section: blank-separated hex bytes (`0x` optional), as the runner reads them. */
export function conformanceMemoryBytes(section: ConformanceSection): Uint8Array {
  const out: number[] = [];
  section.lines.forEach((line, i) => {
    const re = /\S+/g;
    for (let m = re.exec(line); m !== null; m = re.exec(line)) {
      if (!/^(0[xX])?[0-9a-fA-F]{1,2}$/.test(m[0]))
        throw sourceError('PARSE', `'${m[0].slice(0, 16)}' is not a hex byte`, section.firstLine + i, m.index + 1);
      out.push(parseInt(m[0].replace(/^0[xX]/, ''), 16));
    }
  });
  return Uint8Array.from(out);
}
