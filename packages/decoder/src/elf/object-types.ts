// The public shape of a loaded BPF object file: programs ready for the rest of bpfkit,
// map definitions, license and BTF. The counterpart of libbpf's struct bpf_object /
// bpf_program / bpf_map after bpf_object__open() (nothing is created in a kernel).
import type { Program } from '@bpfkit/ir';
import type { Btf } from '../btf/btf.js';

export interface LoadObjectOptions {
  /** File name, used as the prefix of error messages. */
  readonly file?: string;
}

/** Source position of an instruction, from .BTF.ext line_info. */
export interface LineInfo {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** Text of the source line. */
  readonly source: string;
}

export interface MapDef {
  readonly name: string;
  /** enum bpf_map_type (BPF_MAP_TYPE_HASH = 1, ARRAY = 2 …). */
  readonly type: number;
  readonly keySize: number;
  readonly valueSize: number;
  readonly maxEntries: number;
  readonly flags: number;
  /** Global-data maps: the initial value (zeros for .bss); a private copy. */
  readonly initial?: Uint8Array;
  /** ELF section the map comes from (".maps", ".data", ".rodata", ".bss" …). */
  readonly section: string;
}

export interface ObjectProgram {
  /** Symbol name of the entry function. */
  readonly name: string;
  /** ELF section name ("tc", "xdp", "socket", "kprobe/…"). */
  readonly section: string;
  /** Entry function, then every subprogram it transitively calls, relocated. */
  readonly program: Program;
  /** Per instruction slot: the line_info record that starts there; [] without line_info. */
  readonly lineInfo: readonly (LineInfo | undefined)[];
}

export interface BpfObject {
  readonly license: string | undefined;
  readonly programs: readonly ObjectProgram[];
  /** BTF-defined maps (.maps) in declaration order, then global-data maps in section order. */
  readonly maps: readonly MapDef[];
  readonly btf: Btf | undefined;
}
