/**
 * Sentence vectors stored small: int8 per component with one scale per vector (a unit vector's
 * largest component maps to 127). Cosines from stored vectors move by under 0.005; 512 bytes
 * plus 4 for a sentence instead of 2,048. Used for corpus vectors (index, persistent caches).
 */

export interface QuantizedVector {
  q: Int8Array;
  scale: number;
}

export function quantizeVector(v: Float32Array): QuantizedVector {
  let max = 0;
  for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(v[i] ?? 0));
  const scale = max > 0 ? max / 127 : 1;
  const q = new Int8Array(v.length);
  for (let i = 0; i < v.length; i++) q[i] = Math.round((v[i] ?? 0) / scale);
  return { q, scale };
}

/** Back to a unit-length float vector (renormalised: rounding shortens it a little). */
export function dequantizeVector(v: QuantizedVector): Float32Array {
  const out = new Float32Array(v.q.length);
  let s = 0;
  for (let i = 0; i < v.q.length; i++) {
    const x = (v.q[i] ?? 0) * v.scale;
    out[i] = x;
    s += x * x;
  }
  const k = s > 0 ? 1 / Math.sqrt(s) : 0;
  for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) * k;
  return out;
}

/** Many vectors of one dimension as one byte array (scales first, then the int8 rows). */
export function packVectors(vs: readonly Float32Array[], dim: number): Uint8Array {
  const out = new Uint8Array(4 + vs.length * 4 + vs.length * dim);
  const view = new DataView(out.buffer);
  view.setUint32(0, vs.length, true);
  vs.forEach((v, i) => {
    const { q, scale } = quantizeVector(v);
    view.setFloat32(4 + i * 4, scale, true);
    out.set(new Uint8Array(q.buffer, q.byteOffset, q.byteLength), 4 + vs.length * 4 + i * dim);
  });
  return out;
}

export function unpackVectors(bytes: Uint8Array, dim: number): Float32Array[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getUint32(0, true);
  if (bytes.byteLength !== 4 + n * 4 + n * dim) throw new Error('vectors: wrong length for the count');
  const out: Float32Array[] = [];
  for (let i = 0; i < n; i++) {
    const scale = view.getFloat32(4 + i * 4, true);
    const q = new Int8Array(bytes.buffer, bytes.byteOffset + 4 + n * 4 + i * dim, dim);
    out.push(dequantizeVector({ q, scale }));
  }
  return out;
}

/** A short key of a list of sentences (FNV-1a): stored vectors are used only for the same text. */
export function sentencesKey(sentences: readonly string[]): string {
  let h = 2166136261;
  for (const s of sentences) {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 16777619);
    }
    h ^= 10;
    h = Math.imul(h, 16777619);
  }
  return `${sentences.length}:${(h >>> 0).toString(16)}`;
}

/** Vectors stored per article id, with the key of the sentences they were computed from. */
export interface StoredVectors {
  dim: number;
  articles: Record<string, { key: string; vectors: string }>;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function toBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]!;
    out += b === undefined ? '=' : B64[(n >> 6) & 63]!;
    out += c === undefined ? '=' : B64[n & 63]!;
  }
  return out;
}

export function fromBase64(s: string): Uint8Array {
  const clean = s.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const n =
      (B64.indexOf(clean[i] ?? 'A') << 18) |
      (B64.indexOf(clean[i + 1] ?? 'A') << 12) |
      (B64.indexOf(clean[i + 2] ?? 'A') << 6) |
      B64.indexOf(clean[i + 3] ?? 'A');
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

/** Looks up stored vectors for an article whose sentences are `sentences` (same text only). */
export function storedLookup(
  stored: StoredVectors,
): (id: string, sentences: readonly string[]) => Float32Array[] | undefined {
  const memo = new Map<string, Float32Array[]>();
  return (id, sentences) => {
    const e = stored.articles[id];
    if (!e || e.key !== sentencesKey(sentences)) return undefined;
    let v = memo.get(id);
    if (!v) memo.set(id, (v = unpackVectors(fromBase64(e.vectors), stored.dim)));
    return v;
  };
}
