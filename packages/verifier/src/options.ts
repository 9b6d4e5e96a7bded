// What bpf_prog_load() and the verifier environment know beyond the instructions: whether
// the program will be JITed (prog->jit_requested and bpf_jit_supports_stack_args()), whether
// the loader is bpf_capable (loops allowed), kfunc argument counts (from kernel BTF), which
// subprograms are global or have unreliable BTF (from the program's BTF), whether it is an
// freplace program, and the complexity limit. Parsed from pass options (`set k=v`) or given
// programmatically.
import { BpfError, type PassOptions, type Program } from '@bpfkit/ir';
import { PASS } from './errors.js';

export interface VerifierOptions {
  /** The program will be JITed by an arch with stack-argument support (x86-64, arm64). Default true. */
  readonly jit?: boolean;
  /** Accept back-edges as a bpf_capable loader does (check_cfg). Default false: report them. */
  readonly allowLoops?: boolean;
  /** Argument count (0–12) of each kfunc by BTF id; kfuncs not listed take at most 5. */
  readonly kfuncArgs?: ReadonlyMap<number, number> | Readonly<Record<number, number>>;
  /** Subprograms with global linkage, by index (`func#N`), name or start instruction. */
  readonly global?: readonly (number | string)[];
  /** Static subprograms whose BTF is unreliable (btf_prepare_func_args failed): no call-site argument check. */
  readonly unreliableBtf?: readonly (number | string)[];
  /** An freplace (BPF_PROG_TYPE_EXT) program: `true` takes the target's argument count from func#0, a number gives it. */
  readonly freplace?: boolean | number;
  /** Instructions processed before "BPF program is too large" (BPF_COMPLEXITY_LIMIT_INSNS). Default 1,000,000. */
  readonly complexityLimit?: number;
}

/** Options resolved against one program. */
export interface ResolvedOptions {
  readonly jit: boolean;
  readonly allowLoops: boolean;
  readonly kfuncArgs: ReadonlyMap<number, number>;
  /** Per subprogram. */
  readonly isGlobal: readonly boolean[];
  readonly unreliable: readonly boolean[];
  /** freplace target argument count, or undefined when not an freplace program. */
  readonly freplaceArgs: number | undefined;
  readonly complexityLimit: number;
}

const optionError = (msg: string): never => {
  throw new BpfError('OPTION', msg, { pass: PASS });
};

function list(v: unknown, name: string): (number | string)[] {
  if (v === undefined || v === '' || v === false) return [];
  if (typeof v === 'number') return [v];
  if (typeof v === 'string') return v.split(',').map((s) => s.trim()).filter((s) => s !== '').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  if (Array.isArray(v)) return v as (number | string)[];
  return optionError(`option ${name} must be a list of subprogram names or indices`);
}

function funcFlags(program: Program, names: readonly (number | string)[], what: string): boolean[] {
  const flags = program.funcs.map(() => false);
  for (const n of names) {
    let idx = -1;
    if (typeof n === 'number') idx = n;
    else if (/^func#\d+$/.test(n)) idx = Number(n.slice(5));
    else idx = program.funcs.findIndex((f) => f.name === n);
    if (!Number.isInteger(idx) || idx < 0 || idx >= program.funcs.length)
      optionError(`option ${what}: no subprogram ${JSON.stringify(n)} (have ${program.funcs.map((f) => f.name ?? `func#${f.index}`).join(', ')})`);
    flags[idx] = true;
  }
  return flags;
}

function kfuncTable(v: unknown): Map<number, number> {
  const m = new Map<number, number>();
  const put = (id: number, n: number): void => {
    if (!Number.isInteger(id) || !Number.isInteger(n) || n < 0 || n > 12) optionError(`kfunc-args: bad entry ${id}:${n} (argument counts are 0..12)`);
    m.set(id, n);
  };
  if (v === undefined || v === '') return m;
  if (v instanceof Map) for (const [k, n] of v) put(Number(k), Number(n));
  else if (typeof v === 'string')
    for (const part of v.split(',')) {
      const kv = /^\s*(-?\d+)\s*[:=]\s*(\d+)\s*$/.exec(part);
      if (!kv) optionError(`kfunc-args: expected BTF_ID:ARGS[,…], found ${JSON.stringify(part)}`);
      put(Number(kv![1]), Number(kv![2]));
    }
  else if (typeof v === 'object' && v !== null) for (const [k, n] of Object.entries(v)) put(Number(k), Number(n));
  else optionError('kfunc-args must be "BTF_ID:ARGS,…" or a map');
  return m;
}

function bool(v: unknown, name: string, dflt: boolean): boolean {
  if (v === undefined) return dflt;
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 1) return true;
  if (v === 'false' || v === 0) return false;
  return optionError(`option ${name} must be true or false, not ${JSON.stringify(v)}`);
}

export function resolveOptions(program: Program, o: VerifierOptions): ResolvedOptions {
  let freplaceArgs: number | undefined;
  if (typeof o.freplace === 'number') freplaceArgs = o.freplace;
  else if (o.freplace === true) freplaceArgs = program.funcs[0]?.argCount ?? 0;
  const limit = o.complexityLimit ?? 1_000_000;
  if (!Number.isSafeInteger(limit) || limit <= 0) optionError('complexity limit must be a positive integer');
  return {
    jit: o.jit ?? true,
    allowLoops: o.allowLoops ?? false,
    kfuncArgs: kfuncTable(o.kfuncArgs),
    isGlobal: funcFlags(program, o.global ?? [], 'global'),
    unreliable: funcFlags(program, o.unreliableBtf ?? [], 'unreliable-btf'),
    freplaceArgs,
    complexityLimit: limit,
  };
}

/** Pass options (`set jit=false allow-loops=true kfunc-args=1234:7 global=f unreliable-btf=g freplace=7`). */
export function verifierOptionsFrom(p: PassOptions): VerifierOptions {
  const known = new Set(['jit', 'allow-loops', 'kfunc-args', 'global', 'unreliable-btf', 'freplace', 'complexity-limit', 'target']);
  for (const k of Object.keys(p)) if (!known.has(k) && k.startsWith('verifier.')) optionError(`unknown verifier option ${k}`);
  const fr = p['freplace'];
  return {
    jit: bool(p['jit'], 'jit', true),
    allowLoops: bool(p['allow-loops'], 'allow-loops', false),
    kfuncArgs: kfuncTable(typeof p['kfunc-args'] === 'number' ? String(p['kfunc-args']) : p['kfunc-args']),
    global: list(p['global'], 'global'),
    unreliableBtf: list(p['unreliable-btf'], 'unreliable-btf'),
    freplace: fr === undefined ? undefined : typeof fr === 'number' ? fr : bool(fr, 'freplace', false),
    complexityLimit: p['complexity-limit'] === undefined ? undefined : Number(p['complexity-limit']),
  };
}
