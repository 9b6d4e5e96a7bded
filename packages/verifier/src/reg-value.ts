// The verifier's struct bpf_reg_state, reduced to what checks without value tracking need:
// the *set of kinds* a register (or outgoing stack-argument slot) may hold on some path —
// not initialised, scalar, pointer, stack pointer (with its frame offset when constant),
// pointer-or-null (with the id that a null check resolves), function pointer (with the
// subprogram) or unknown (loaded from memory). Ranges, tnums and pointer offsets other than
// the frame offset are not tracked. Kinds are a bitmask so that joining two paths is an OR.

/** NOT_INIT: never written on some path (reading it is "R%d !read_ok"). */
export const K_UNINIT = 1;
/** SCALAR_VALUE. */
export const K_SCALAR = 2;
/** A valid (non-null) pointer other than the frame's own stack: ctx, map, map value, socket … */
export const K_PTR = 4;
/** PTR_TO_STACK of the current frame; `fp` holds the offset from R10 when constant. */
export const K_STACK = 8;
/** A pointer that may be NULL (…_OR_NULL); `nid` is the id a null check resolves. */
export const K_NULLABLE = 16;
/** PTR_TO_FUNC (ld_imm64 BPF_PSEUDO_FUNC); `fn` is the subprogram index. */
export const K_FUNC = 32;
/** Loaded from memory or returned by a call: any valid value (never reported as an error). */
export const K_ANY = 64;
/** Outgoing stack-argument slot never allocated on some path (only slots use this). */
export const K_ABSENT = 128;

/** Offset/id/subprogram unknown or different on different paths. */
export const NONE = 0x7fffffff;

/** One register or slot: kinds plus the facts that go with them. */
export interface RegValue {
  kinds: number;
  /** Frame offset when K_STACK (else NONE). */
  fp: number;
  /** Subprogram index when K_FUNC (else NONE). */
  fn: number;
  /** Null-check id when K_NULLABLE (else NONE). */
  nid: number;
}

export const value = (kinds: number, fp = NONE, fn = NONE, nid = NONE): RegValue => ({ kinds, fp, fn, nid });
export const uninit = (): RegValue => value(K_UNINIT);
export const scalar = (): RegValue => value(K_SCALAR);
export const anyValue = (): RegValue => value(K_ANY);
export const absent = (): RegValue => value(K_ABSENT);
export const copyValue = (v: RegValue): RegValue => ({ kinds: v.kinds, fp: v.fp, fn: v.fn, nid: v.nid });

/** Is the value a scalar on every path (and initialised)? */
export const isScalarOnly = (v: RegValue): boolean => v.kinds === K_SCALAR;

/** Facts join: equal or unknown; a side without the kind contributes nothing. */
function joinFact(a: number, aHas: boolean, b: number, bHas: boolean): number {
  if (!aHas) return b;
  if (!bHas) return a;
  return a === b ? a : NONE;
}

/** `into` ∪= `from`; returns true when `into` changed. */
export function joinInto(into: RegValue, from: RegValue): boolean {
  const kinds = into.kinds | from.kinds;
  const fp = joinFact(into.fp, (into.kinds & K_STACK) !== 0, from.fp, (from.kinds & K_STACK) !== 0);
  const fn = joinFact(into.fn, (into.kinds & K_FUNC) !== 0, from.fn, (from.kinds & K_FUNC) !== 0);
  const nid = joinFact(into.nid, (into.kinds & K_NULLABLE) !== 0, from.nid, (from.kinds & K_NULLABLE) !== 0);
  if (kinds === into.kinds && fp === into.fp && fn === into.fn && nid === into.nid) return false;
  into.kinds = kinds;
  into.fp = fp;
  into.fn = fn;
  into.nid = nid;
  return true;
}

/** reg_type_str() of the kind a memory access through `v` fails on, or undefined if none does. */
export function badPointerKind(v: RegValue, nullName: (nid: number) => string): string | undefined {
  if (v.kinds & K_SCALAR) return 'scalar';
  if (v.kinds & K_NULLABLE) return nullName(v.nid);
  if (v.kinds & K_FUNC) return 'func';
  return undefined;
}

/** A caller's value as the callee sees it: the caller's stack pointer is no longer "this frame's". */
export function passedToCallee(v: RegValue): RegValue {
  if ((v.kinds & K_STACK) === 0) return copyValue(v);
  return value((v.kinds & ~K_STACK) | K_PTR, NONE, v.fn, v.nid);
}
