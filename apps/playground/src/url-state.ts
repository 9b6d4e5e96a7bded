// Shareable state in the URL fragment (never sent to a server): `#example=<id>` loads an
// example; `#s=<data>` carries the source, format, run memory, options and precision
// question — and the maps of a program loaded from a .o — as deflate-raw-compressed JSON in
// base64url (`#j=` is the uncompressed fallback when CompressionStream is missing).
import { DEFAULT_OPTIONS, type AnalyzeOptions, type MapSpec, type PrecisionQuestion, type SourceFormat } from './protocol.js';

export interface SharedState {
  readonly text: string;
  readonly format: SourceFormat;
  readonly mem: string;
  readonly options: AnalyzeOptions;
  readonly precision: PrecisionQuestion;
  /** Maps of the object the program came from (the run pane simulates them); null when not from an object. */
  readonly maps: readonly MapSpec[] | null;
}

export type HashState = { readonly kind: 'example'; readonly id: string } | { readonly kind: 'state'; readonly state: SharedState } | { readonly kind: 'none' };

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(s: string): Uint8Array {
  const b = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  const out = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) out[i] = b.charCodeAt(i);
  return out;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const out = new Response(new Blob([bytes as BlobPart]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

const compact = (s: SharedState): unknown => ({
  t: s.text, f: s.format, m: s.mem || undefined,
  o: [s.options.allowLoops ? 1 : 0, s.options.stackArgTracking ? 1 : 0, s.options.jit ? 1 : 0],
  p: [s.precision.insn, s.precision.reg],
  x: s.maps ? s.maps.map((m) => [m.name, m.type, m.keySize, m.valueSize, m.maxEntries, m.flags, m.section, m.initial]) : undefined,
});

const nat = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Maps from the URL: malformed entries are dropped (the run pane then reports the missing map). */
function expandMaps(x: unknown): MapSpec[] | null {
  if (!Array.isArray(x)) return null;
  const out: MapSpec[] = [];
  for (const m of x) {
    if (!Array.isArray(m)) continue;
    const [name, type, keySize, valueSize, maxEntries, flags, section, initial] = m as unknown[];
    if (typeof name !== 'string' || !nat(type) || !nat(keySize) || !nat(valueSize) || !nat(maxEntries) || !nat(flags) || typeof section !== 'string') continue;
    const hasInitial = initial !== undefined && initial !== null; // JSON turns a missing entry into null
    if (hasInitial && (typeof initial !== 'string' || !/^[0-9a-f]*$/.test(initial))) continue;
    out.push({ name, type, keySize, valueSize, maxEntries, flags, section, ...(hasInitial ? { initial: initial as string } : {}) });
  }
  return out;
}

function expand(j: { t?: unknown; f?: unknown; m?: unknown; o?: unknown; p?: unknown; x?: unknown }): SharedState {
  const o = Array.isArray(j.o) ? j.o : [];
  const p = Array.isArray(j.p) ? j.p : [];
  const formats: SourceFormat[] = ['auto', 'kernel', 'conformance', 'hex'];
  return {
    text: typeof j.t === 'string' ? j.t : '',
    format: formats.includes(j.f as SourceFormat) ? (j.f as SourceFormat) : 'auto',
    mem: typeof j.m === 'string' ? j.m : '',
    options: {
      allowLoops: o[0] === undefined ? DEFAULT_OPTIONS.allowLoops : !!o[0],
      stackArgTracking: o[1] === undefined ? DEFAULT_OPTIONS.stackArgTracking : !!o[1],
      jit: o[2] === undefined ? DEFAULT_OPTIONS.jit : !!o[2],
    },
    precision: { insn: typeof p[0] === 'number' ? p[0] : null, reg: typeof p[1] === 'number' && p[1] >= 0 && p[1] <= 9 ? p[1] : 0 },
    maps: expandMaps(j.x),
  };
}

/** The fragment (without '#') for a state. */
export async function encodeState(s: SharedState): Promise<string> {
  const json = new TextEncoder().encode(JSON.stringify(compact(s)));
  if (typeof CompressionStream === 'function') return `s=${toBase64Url(await pipe(json, new CompressionStream('deflate-raw')))}`;
  return `j=${toBase64Url(json)}`;
}

/** Read `location.hash` (with or without '#'). Malformed data reads as 'none'. */
export async function decodeHash(hash: string): Promise<HashState> {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const example = params.get('example');
  if (example) return { kind: 'example', id: example };
  try {
    const s = params.get('s');
    if (s) return { kind: 'state', state: expand(JSON.parse(new TextDecoder().decode(await pipe(fromBase64Url(s), new DecompressionStream('deflate-raw'))))) };
    const j = params.get('j');
    if (j) return { kind: 'state', state: expand(JSON.parse(new TextDecoder().decode(fromBase64Url(j)))) };
  } catch {
    return { kind: 'none' };
  }
  return { kind: 'none' };
}
