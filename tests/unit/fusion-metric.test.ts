import { describe, expect, it } from 'vitest';
import { cosine } from '../../lib/encoder';
import { FEATURES, METRIC, metricScore, pairFeatures, specificsOf, type FusionText } from '../../lib/fusion';
import { prepareText } from '../../lib/align';
import { trainMetric, type MetricRow } from '../../scripts/train';

/** A unit vector from raw values. */
function unit(xs: readonly number[]): Float32Array {
  const n = Math.sqrt(xs.reduce((s, x) => s + x * x, 0));
  return Float32Array.from(xs, (x) => x / n);
}

/** A deterministic pseudo-random stream (mulberry32), so the synthetic data is fixed. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
}

describe('diagonal metric on the encoder vectors', () => {
  it('ships one weight per dimension of the 512-d encoder, and is a feature of the fusion', () => {
    expect(METRIC.weights).toHaveLength(512);
    expect(METRIC.weights.every(Number.isFinite)).toBe(true);
    expect(FEATURES).toContain('metric');
  });

  it('is a weighted cosine: unit weights and no bias give the cosine', () => {
    const u = unit([1, 2, 3, 4]);
    const v = unit([4, 3, 2, 1]);
    expect(metricScore(u, v, { weights: [1, 1, 1, 1], bias: 0 })).toBeCloseTo(cosine(u, v), 6);
    // Weight on the dimensions the two share, none on those where they differ.
    expect(metricScore(u, v, { weights: [0, 1, 1, 0], bias: 0.5 })).toBeCloseTo(
      0.5 + u[1]! * v[1]! + u[2]! * v[2]!,
      6,
    );
  });

  it('with the trained weights ranks a vector with itself above a vector with its opposite', () => {
    const r = rng(7);
    const u = unit(Array.from({ length: 512 }, r));
    const w = unit(Array.from({ length: 512 }, r));
    const neg = Float32Array.from(u, (x) => -x);
    expect(metricScore(u, u)).toBeGreaterThan(metricScore(u, w));
    expect(metricScore(u, w)).toBeGreaterThan(metricScore(u, neg));
  });

  it('pairFeatures carries the metric of the two vectors', () => {
    const text = (t: string, v: Float32Array): FusionText => ({
      prepared: prepareText(t),
      vector: v,
      specifics: specificsOf(t),
    });
    const u = unit(Array.from({ length: 512 }, (_, i) => Math.sin(i)));
    const v = unit(Array.from({ length: 512 }, (_, i) => Math.cos(i)));
    const f = pairFeatures(
      text('Troops were sent to the border.', u),
      text('The border got more troops.', v),
    );
    expect(f).toHaveLength(FEATURES.length);
    expect(f[FEATURES.indexOf('metric')]).toBeCloseTo(metricScore(u, v), 6);
  });

  it('learns which dimensions carry sameness (synthetic pairs, target from dimensions 0-3 only)', () => {
    const r = rng(11);
    const d = 16;
    const rows: MetricRow[] = Array.from({ length: 400 }, (_, k) => {
      const u = unit(Array.from({ length: d }, r));
      const v = unit(Array.from({ length: d }, r));
      let y = 0.5;
      for (let i = 0; i < 4; i++) y += 2 * u[i]! * v[i]!;
      return { u, v, y, key: `row${k}`, select: true };
    });
    const { metric, oof, cv } = trainMetric(rows);
    expect(oof).toHaveLength(rows.length);
    expect(cv.every((x) => x > 0.5)).toBe(true);
    const informative = metric.weights.slice(0, 4);
    const rest = metric.weights.slice(4);
    expect(Math.min(...informative)).toBeGreaterThan(Math.max(...rest));
  });
});
