// A BTF-defined map's attributes from the struct type of its .maps variable: numbers are
// encoded as `int (*name)[N]` (PTR to ARRAY with nelems N), key/value as `T *name` (size of
// T). Corresponds to libbpf's parse_btf_map_def() and get_map_field_int().
import { objectError } from '../elf/bytes.js';
import type { Btf } from './btf.js';
import { BTF_KIND_PTR, BTF_KIND_STRUCT, btfKindName } from './btf-types.js';

export interface BtfMapAttrs {
  type: number;
  keySize: number;
  valueSize: number;
  maxEntries: number;
  flags: number;
}

/** Integer-valued fields; pinning/numa_node/map_extra are understood but not reported. */
const INT_FIELDS = new Set(['type', 'max_entries', 'map_flags', 'key_size', 'value_size', 'pinning', 'numa_node', 'map_extra']);

export function parseMapDef(btf: Btf, mapName: string, typeId: number): BtfMapAttrs {
  const fail = (msg: string): never => {
    throw objectError('BTF', `.maps: map '${mapName}': ${msg}`);
  };
  const def = btf.type(btf.skipModifiers(typeId));
  if (def.kind !== BTF_KIND_STRUCT) return fail(`definition type id ${typeId} is ${btfKindName(def.kind)}, not a struct`);
  const attrs: BtfMapAttrs = { type: 0, keySize: 0, valueSize: 0, maxEntries: 0, flags: 0 };
  let keyFromType: number | undefined;
  let valueFromType: number | undefined;
  let keySize: number | undefined;
  let valueSize: number | undefined;
  for (const m of def.members) {
    const field = m.name;
    const ptr = btf.type(btf.skipModifiers(m.type));
    if (INT_FIELDS.has(field)) {
      const n = ptr.kind === BTF_KIND_PTR ? btf.arrayLength(ptr.type) : undefined;
      if (n === undefined) return fail(`field '${field}' is not a pointer to an array (__uint)`);
      if (field === 'type') attrs.type = n;
      else if (field === 'max_entries') attrs.maxEntries = n;
      else if (field === 'map_flags') attrs.flags = n;
      else if (field === 'key_size') keySize = n;
      else if (field === 'value_size') valueSize = n;
    } else if (field === 'key' || field === 'value') {
      if (ptr.kind !== BTF_KIND_PTR) return fail(`field '${field}' is not a pointer (__type)`);
      const size = btf.resolveSize(ptr.type);
      if (field === 'key') keyFromType = size;
      else valueFromType = size;
    } else if (field === 'values') {
      // Initial contents of map-in-map / prog-array maps: not represented in MapDef.
    } else {
      return fail(`unknown field '${field || '(anonymous)'}'`);
    }
  }
  if (keySize !== undefined && keyFromType !== undefined && keySize !== keyFromType)
    fail(`key_size ${keySize} conflicts with the key type's size ${keyFromType}`);
  if (valueSize !== undefined && valueFromType !== undefined && valueSize !== valueFromType)
    fail(`value_size ${valueSize} conflicts with the value type's size ${valueFromType}`);
  attrs.keySize = keySize ?? keyFromType ?? 0;
  attrs.valueSize = valueSize ?? valueFromType ?? 0;
  return attrs;
}
