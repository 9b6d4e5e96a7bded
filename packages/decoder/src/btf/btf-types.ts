// BTF type kinds (uapi linux/btf.h numbering, 1..19) and the parsed form of each type
// record, a discriminated union on `kind`. The record layouts mirror struct btf_type and
// the per-kind trailers (btf_array, btf_member, btf_param, btf_enum, btf_var_secinfo …).

export const BTF_KIND_UNKN = 0;
export const BTF_KIND_INT = 1;
export const BTF_KIND_PTR = 2;
export const BTF_KIND_ARRAY = 3;
export const BTF_KIND_STRUCT = 4;
export const BTF_KIND_UNION = 5;
export const BTF_KIND_ENUM = 6;
export const BTF_KIND_FWD = 7;
export const BTF_KIND_TYPEDEF = 8;
export const BTF_KIND_VOLATILE = 9;
export const BTF_KIND_CONST = 10;
export const BTF_KIND_RESTRICT = 11;
export const BTF_KIND_FUNC = 12;
export const BTF_KIND_FUNC_PROTO = 13;
export const BTF_KIND_VAR = 14;
export const BTF_KIND_DATASEC = 15;
export const BTF_KIND_FLOAT = 16;
export const BTF_KIND_DECL_TAG = 17;
export const BTF_KIND_TYPE_TAG = 18;
export const BTF_KIND_ENUM64 = 19;
export const BTF_KIND_MAX = BTF_KIND_ENUM64;

/** Kind names as the kernel prints them (`[3] STRUCT 'foo' size=8 vlen=2`). */
export const BTF_KIND_NAMES: readonly string[] = [
  'UNKN', 'INT', 'PTR', 'ARRAY', 'STRUCT', 'UNION', 'ENUM', 'FWD', 'TYPEDEF', 'VOLATILE', 'CONST', 'RESTRICT',
  'FUNC', 'FUNC_PROTO', 'VAR', 'DATASEC', 'FLOAT', 'DECL_TAG', 'TYPE_TAG', 'ENUM64',
];

export const btfKindName = (kind: number): string => BTF_KIND_NAMES[kind] ?? `kind ${kind}`;

/** INT encoding bits (BTF_INT_SIGNED …). */
export const BTF_INT_SIGNED = 1;
export const BTF_INT_CHAR = 2;
export const BTF_INT_BOOL = 4;

/** FUNC / VAR linkage. */
export const BTF_FUNC_STATIC = 0;
export const BTF_FUNC_GLOBAL = 1;
export const BTF_FUNC_EXTERN = 2;

interface Common {
  /** Type id (index in `Btf.types`). */
  readonly id: number;
  /** Resolved name; '' when anonymous. */
  readonly name: string;
  /** Byte offset of the record in the .BTF section (0 for void). */
  readonly offset: number;
}

export interface BtfVoid extends Common { readonly kind: typeof BTF_KIND_UNKN }
export interface BtfInt extends Common {
  readonly kind: typeof BTF_KIND_INT;
  readonly size: number;
  /** BTF_INT_SIGNED | BTF_INT_CHAR | BTF_INT_BOOL. */
  readonly encoding: number;
  readonly bitOffset: number;
  readonly bits: number;
}
/** PTR, TYPEDEF, VOLATILE, CONST, RESTRICT, TYPE_TAG: a name (maybe) and the type referred to. */
export interface BtfRef extends Common {
  readonly kind:
    | typeof BTF_KIND_PTR | typeof BTF_KIND_TYPEDEF | typeof BTF_KIND_VOLATILE | typeof BTF_KIND_CONST
    | typeof BTF_KIND_RESTRICT | typeof BTF_KIND_TYPE_TAG;
  readonly type: number;
}
export interface BtfArray extends Common {
  readonly kind: typeof BTF_KIND_ARRAY;
  /** Element type. */
  readonly type: number;
  readonly indexType: number;
  readonly nelems: number;
}
export interface BtfMember {
  readonly name: string;
  readonly type: number;
  readonly bitOffset: number;
  /** Bitfield width, 0 when not a bitfield (or when the kind flag is clear). */
  readonly bitfieldSize: number;
}
export interface BtfComposite extends Common {
  readonly kind: typeof BTF_KIND_STRUCT | typeof BTF_KIND_UNION;
  readonly size: number;
  readonly members: readonly BtfMember[];
}
export interface BtfEnum extends Common {
  readonly kind: typeof BTF_KIND_ENUM;
  readonly size: number;
  readonly signed: boolean;
  readonly values: readonly { readonly name: string; readonly value: number }[];
}
export interface BtfEnum64 extends Common {
  readonly kind: typeof BTF_KIND_ENUM64;
  readonly size: number;
  readonly signed: boolean;
  readonly values: readonly { readonly name: string; readonly value: bigint }[];
}
export interface BtfFwd extends Common {
  readonly kind: typeof BTF_KIND_FWD;
  /** Forward declaration of a union (kind flag) rather than a struct. */
  readonly union: boolean;
}
export interface BtfFunc extends Common {
  readonly kind: typeof BTF_KIND_FUNC;
  /** The FUNC_PROTO. */
  readonly type: number;
  readonly linkage: number;
}
export interface BtfParam {
  readonly name: string;
  readonly type: number;
}
export interface BtfFuncProto extends Common {
  readonly kind: typeof BTF_KIND_FUNC_PROTO;
  /** Return type. */
  readonly type: number;
  readonly params: readonly BtfParam[];
}
export interface BtfVar extends Common {
  readonly kind: typeof BTF_KIND_VAR;
  readonly type: number;
  readonly linkage: number;
}
export interface BtfVarSecinfo {
  /** The VAR (or FUNC, for .ksyms). */
  readonly type: number;
  readonly offset: number;
  readonly size: number;
}
export interface BtfDatasec extends Common {
  readonly kind: typeof BTF_KIND_DATASEC;
  readonly size: number;
  readonly vars: readonly BtfVarSecinfo[];
}
export interface BtfFloat extends Common {
  readonly kind: typeof BTF_KIND_FLOAT;
  readonly size: number;
}
export interface BtfDeclTag extends Common {
  readonly kind: typeof BTF_KIND_DECL_TAG;
  readonly type: number;
  /** Member/parameter index the tag applies to, -1 for the type itself. */
  readonly componentIdx: number;
}

export type BtfType =
  | BtfVoid | BtfInt | BtfRef | BtfArray | BtfComposite | BtfEnum | BtfEnum64 | BtfFwd | BtfFunc | BtfFuncProto
  | BtfVar | BtfDatasec | BtfFloat | BtfDeclTag;

/** Every type id a record refers to (members, params, element and index types …). */
export function referencedTypes(t: BtfType): number[] {
  switch (t.kind) {
    case BTF_KIND_ARRAY: return [t.type, t.indexType];
    case BTF_KIND_STRUCT: case BTF_KIND_UNION: return t.members.map((m) => m.type);
    case BTF_KIND_FUNC_PROTO: return [t.type, ...t.params.map((p) => p.type)];
    case BTF_KIND_DATASEC: return t.vars.map((v) => v.type);
    case BTF_KIND_PTR: case BTF_KIND_TYPEDEF: case BTF_KIND_VOLATILE: case BTF_KIND_CONST: case BTF_KIND_RESTRICT:
    case BTF_KIND_TYPE_TAG: case BTF_KIND_FUNC: case BTF_KIND_VAR: case BTF_KIND_DECL_TAG:
      return [t.type];
    default: return [];
  }
}
