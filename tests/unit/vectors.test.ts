import { describe, expect, it } from 'vitest';
import {
  dequantizeVector,
  fromBase64,
  packVectors,
  quantizeVector,
  sentencesKey,
  storedLookup,
  toBase64,
  unpackVectors,
} from '../../lib/vectors';

function unit(xs: number[]): Float32Array {
  const n = Math.hypot(...xs);
  return Float32Array.from(xs, (x) => x / n);
}

describe('stored sentence vectors', () => {
  const a = unit([0.3, -0.1, 0.8, 0.05]);
  const b = unit([-0.5, 0.2, 0.1, 0.7]);

  it('keep a vector within rounding of the original, at one byte a component', () => {
    const q = quantizeVector(a);
    expect(q.q.byteLength).toBe(4);
    const back = dequantizeVector(q);
    a.forEach((x, i) => expect(back[i]).toBeCloseTo(x, 2));
  });

  it('pack, base64 and unpack round trip', () => {
    const bytes = packVectors([a, b], 4);
    expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    const [x, y] = unpackVectors(fromBase64(toBase64(bytes)), 4);
    expect(x![2]).toBeCloseTo(a[2]!, 2);
    expect(y![3]).toBeCloseTo(b[3]!, 2);
  });

  it('are used only for the very sentences they were made from', () => {
    const sentences = ['One sentence.', 'Another one.'];
    const lookup = storedLookup({
      dim: 4,
      articles: { x: { key: sentencesKey(sentences), vectors: toBase64(packVectors([a, b], 4)) } },
    });
    expect(lookup('x', sentences)).toHaveLength(2);
    expect(lookup('x', ['One sentence.', 'Another one, changed.'])).toBeUndefined();
    expect(lookup('y', sentences)).toBeUndefined();
  });
});
