/**
 * The one logistic model shape the engine learns (`npm run train` for the fused "same passage"
 * score, scripts/eval/relation.ts for same-story): weights over standardised features. Kept in
 * one place so that a weights file is read the same way by every step that uses one.
 */
export interface StandardisedLogistic {
  features: readonly string[];
  mean: readonly number[];
  std: readonly number[];
  weights: readonly number[];
  bias: number;
}

export const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** The model's probability for feature vector `f` (in the order of `m.features`). */
export function logisticScore(f: ArrayLike<number>, m: StandardisedLogistic): number {
  let z = m.bias;
  for (let i = 0; i < f.length; i++)
    z += (m.weights[i] ?? 0) * (((f[i] ?? 0) - (m.mean[i] ?? 0)) / (m.std[i] || 1));
  return sigmoid(z);
}
