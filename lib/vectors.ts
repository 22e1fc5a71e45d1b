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
