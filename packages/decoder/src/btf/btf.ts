// A parsed .BTF blob: the type table (id 0 = void) and the string section, with the
// lookups the loader needs — names, modifier skipping, sizes and function prototypes.
// Corresponds to libbpf's struct btf with btf__type_by_id(), btf__name_by_offset(),
// btf__resolve_size() and skip_mods_and_typedefs(). Every walk is bounded by the type count.
import { objectError } from '../elf/bytes.js';
import type { ByteView } from '../elf/bytes.js';
import {
  BTF_KIND_ARRAY, BTF_KIND_CONST, BTF_KIND_DATASEC, BTF_KIND_DECL_TAG, BTF_KIND_ENUM, BTF_KIND_ENUM64, BTF_KIND_FLOAT,
  BTF_KIND_FUNC, BTF_KIND_FUNC_PROTO, BTF_KIND_INT, BTF_KIND_PTR, BTF_KIND_RESTRICT, BTF_KIND_STRUCT, BTF_KIND_TYPEDEF,
  BTF_KIND_TYPE_TAG, BTF_KIND_UNION, BTF_KIND_VAR, BTF_KIND_VOLATILE, type BtfFuncProto, type BtfType, btfKindName,
} from './btf-types.js';

/** Size of a pointer on BPF. */
const PTR_SIZE = 8;
/** Largest size resolveSize() reports (the kernel's BTF_MAX_SIZE is 2^29 - 1; u32 is the hard limit here). */
const MAX_SIZE = 0xffff_ffff;

export class Btf {
  /** Types by id; `types[0]` is void. */
  readonly types: readonly BtfType[];
  readonly #strings: ByteView;

  constructor(types: readonly BtfType[], strings: ByteView) {
    this.types = types;
    this.#strings = strings;
  }

  #fail(message: string): never {
    throw objectError('BTF', `.BTF: ${message}`);
  }

  /** The type with id `id`; BpfError 'BTF' when out of range. */
  type(id: number): BtfType {
    const t = Number.isInteger(id) ? this.types[id] : undefined;
    if (t === undefined) this.#fail(`type id ${id} out of range (${this.types.length} types)`);
    return t;
  }

  /** The type's own name: 'void' for id 0, '' for anonymous types. */
  typeName(id: number): string {
    return id === 0 ? 'void' : this.type(id).name;
  }

  /** The string at `offset` of the string section; BpfError 'BTF' when out of range. */
  string(offset: number): string {
    return this.#strings.cstring(offset, 'string');
  }

  /** The string at `offset`, or undefined when the offset is outside the string section. */
  stringAt(offset: number): string | undefined {
    return this.#strings.has(offset, 1) ? this.#strings.cstring(offset, 'string') : undefined;
  }

  /** First type called `name` (of kind `kind`, when given). */
  findByName(name: string, kind?: number): number | undefined {
    for (const t of this.types) if (t.id !== 0 && t.name === name && (kind === undefined || t.kind === kind)) return t.id;
    return undefined;
  }

  /** Follow typedefs and const/volatile/restrict/type_tag modifiers to the underlying type id. */
  skipModifiers(id: number): number {
    let cur = id;
    for (let steps = 0; steps <= this.types.length; steps++) {
      const t = this.type(cur);
      switch (t.kind) {
        case BTF_KIND_TYPEDEF: case BTF_KIND_VOLATILE: case BTF_KIND_CONST: case BTF_KIND_RESTRICT: case BTF_KIND_TYPE_TAG:
          cur = t.type;
          break;
        default:
          return cur;
      }
    }
    return this.#fail(`type loop through modifiers/typedefs starting at type id ${id}`);
  }

  /** Size in bytes of type `id` (pointers are 8 bytes); BpfError for sizeless types and loops. */
  resolveSize(id: number): number {
    let cur = id;
    let mult = 1;
    for (let steps = 0; steps <= this.types.length; steps++) {
      const t = this.type(cur);
      switch (t.kind) {
        case BTF_KIND_INT: case BTF_KIND_ENUM: case BTF_KIND_ENUM64: case BTF_KIND_STRUCT: case BTF_KIND_UNION:
        case BTF_KIND_FLOAT: case BTF_KIND_DATASEC:
          return this.#checkSize(id, mult * t.size);
        case BTF_KIND_PTR:
          return this.#checkSize(id, mult * PTR_SIZE);
        case BTF_KIND_TYPEDEF: case BTF_KIND_VOLATILE: case BTF_KIND_CONST: case BTF_KIND_RESTRICT: case BTF_KIND_TYPE_TAG:
        case BTF_KIND_VAR: case BTF_KIND_DECL_TAG:
          cur = t.type;
          break;
        case BTF_KIND_ARRAY:
          mult *= t.nelems;
          if (mult > MAX_SIZE) this.#checkSize(id, mult);
          cur = t.type;
          break;
        default:
          return this.#fail(`type id ${cur} (${btfKindName(t.kind)}${t.name ? ` '${t.name}'` : ''}) has no size (resolving type id ${id})`);
      }
    }
    return this.#fail(`type loop while resolving the size of type id ${id}`);
  }

  #checkSize(id: number, size: number): number {
    if (size > MAX_SIZE) this.#fail(`size of type id ${id} (${size} bytes) is too large`);
    return size;
  }

  /** The FUNC_PROTO of a FUNC (or the FUNC_PROTO itself). */
  funcProto(id: number): BtfFuncProto {
    let t = this.type(id);
    if (t.kind === BTF_KIND_FUNC) t = this.type(t.type);
    if (t.kind !== BTF_KIND_FUNC_PROTO)
      this.#fail(`type id ${id} is ${btfKindName(this.type(id).kind)}, expected FUNC or FUNC_PROTO${t.id !== id ? ` (FUNC points at ${btfKindName(t.kind)})` : ''}`);
    return t;
  }

  /** Is `id` a pointer (after modifiers)? Returns the pointee, or undefined. */
  pointee(id: number): number | undefined {
    const t = this.type(this.skipModifiers(id));
    return t.kind === BTF_KIND_PTR ? t.type : undefined;
  }

  /** Array element count of `id` (after modifiers), or undefined when it is not an array. */
  arrayLength(id: number): number | undefined {
    const t = this.type(this.skipModifiers(id));
    return t.kind === BTF_KIND_ARRAY ? t.nelems : undefined;
  }
}
