// Call targets by name: which names are helpers (src_reg 0) and which are kfuncs (src_reg 2).
// The kernel prints `call <name>#<imm>` for both; a helper name comes from the uapi table
// (or a caller-supplied table when a custom helperName callback printed the text), `unknown`
// is the kernel's name for a helper id outside the table, and any other name is a kfunc (the
// verifier log prints the kfunc's BTF name; `kernel-function` when it has none).
import { HELPER_NAMES } from '@bpfkit/ir';

/** A kfunc's BTF id and its `off` field (0 = vmlinux BTF, else an fd_array index). */
export interface KfuncRef {
  readonly btfId: number;
  readonly off?: number;
}

export interface CallNameTables {
  /** Extra helper names -> helper id, beside the uapi table (`bpf_map_lookup_elem` = 1, …). */
  readonly helpers?: Readonly<Record<string, number>>;
  /** kfunc names -> BTF id (or {btfId, off}); lets `call name` omit `#id` and carries `off`. */
  readonly kfuncs?: Readonly<Record<string, number | KfuncRef>>;
}

const UAPI_HELPERS: ReadonlyMap<string, number> = new Map(HELPER_NAMES.map((n, i) => [n, i]));

/** Helper id for `name` (uapi `bpf_*` names and `tables.helpers`), else undefined. */
export function helperIdForName(name: string, tables: CallNameTables): number | undefined {
  const own = tables.helpers;
  if (own !== undefined && Object.hasOwn(own, name)) {
    const id = own[name];
    if (typeof id === 'number') return id;
  }
  return UAPI_HELPERS.get(name);
}

/** Is `name` printed for a helper call (a helper name, or the kernel's `unknown`)? */
export const isHelperCallName = (name: string, tables: CallNameTables): boolean =>
  name === 'unknown' || helperIdForName(name, tables) !== undefined;

/** The kfunc `tables.kfuncs` gives for `name`, else undefined. */
export function kfuncForName(name: string, tables: CallNameTables): { btfId: number; off: number } | undefined {
  const own = tables.kfuncs;
  if (own === undefined || !Object.hasOwn(own, name)) return undefined;
  const k = own[name];
  if (typeof k === 'number') return { btfId: k, off: 0 };
  if (k !== null && typeof k === 'object' && typeof k.btfId === 'number') return { btfId: k.btfId, off: k.off ?? 0 };
  return undefined;
}
