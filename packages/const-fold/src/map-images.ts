// Read-only map images for the LDX fold: when a load reads through a MAP_VALUE pointer into
// a map whose contents are frozen, const-fold may replace the loaded value by the bytes
// themselves. Mirrors the kernel's use of bpf_map_direct_read() in const_fold.c
// (kernel-semantics §2.2 step 4). We have no maps, so the caller supplies the images:
// programmatically (ConstFoldOptions.mapImages) or as pass options
// `map-image.<index>=hex:<bytes>` (e.g. `set map-image.0=hex:2a00000000000000`).
// Supplying an image asserts what the kernel checks itself: the map is read-only (frozen,
// BPF_F_RDONLY_PROG), has direct value access and is not an instruction-array map.
import { BpfError, type PassOptions } from '@bpfkit/ir';

/** Map index (the ld_imm64 imm: fd or fd_array index) → the map's value bytes. */
export type MapImages = ReadonlyMap<number, Uint8Array>;

export const MAP_IMAGE_OPTION_PREFIX = 'map-image.';

/** The `map-image.<index>=hex:<bytes>` entries of a pass-options object. */
export function mapImagesFromOptions(options: PassOptions): MapImages | undefined {
  let images: Map<number, Uint8Array> | undefined;
  for (const key of Object.keys(options)) {
    if (!key.startsWith(MAP_IMAGE_OPTION_PREFIX)) continue;
    const idxText = key.slice(MAP_IMAGE_OPTION_PREFIX.length);
    if (!/^\d+$/.test(idxText) || Number(idxText) > 0xffffffff)
      throw new BpfError('OPTION', `option ${key}: expected map-image.<index> with a u32 map index`, { pass: 'const-fold' });
    const value = options[key];
    const m = typeof value === 'string' ? /^hex:((?:[0-9a-fA-F]{2})*)$/.exec(value) : null;
    if (!m) throw new BpfError('OPTION', `option ${key}: expected hex:<bytes> (an even number of hex digits), found '${String(value)}'`, { pass: 'const-fold' });
    const hex = m[1]!;
    const bytes = new Uint8Array(hex.length / 2);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    (images ??= new Map()).set(Number(idxText), bytes);
  }
  return images;
}

/**
 * Little-endian read of `size` bytes (1, 2, 4, 8) at byte offset lo/hi (u64) of `image`,
 * sign-extended when `signExtend`; the result goes to out[0] (low 32 bits) and out[1] (high).
 * Returns false when [off, off+size) is not inside the image.
 */
export function mapDirectRead(image: Uint8Array, offLo: number, offHi: number, size: number, signExtend: boolean, out: Uint32Array): boolean {
  if (offHi !== 0 || offLo + size > image.length) return false;
  let lo = 0;
  let hi = 0;
  const n = size < 4 ? size : 4;
  for (let k = n - 1; k >= 0; k--) lo = (lo * 256 + image[offLo + k]!) >>> 0;
  if (size === 8) for (let k = 7; k >= 4; k--) hi = (hi * 256 + image[offLo + k]!) >>> 0;
  if (signExtend && size < 8) {
    const shift = 32 - 8 * size;
    const v = size === 4 ? lo | 0 : (lo << shift) >> shift;
    lo = v >>> 0;
    hi = v < 0 ? 0xffffffff : 0;
  }
  out[0] = lo;
  out[1] = hi;
  return true;
}
