/**
 * The learned decision: a logistic regression over featuresOf(), trained by
 * `npm run train:claims` (scripts/train-claims.ts) on the tune halves of the eval data, its weights
 * and threshold in model.json (small, reviewed, committed). The probability is the confidence a
 * discrepancy reports; `MIN_CONFIDENCE` is the threshold chosen on the tune half.
 */
import model from './model.json';
import { FEATURE_NAMES } from './features';

export interface ClaimModel {
  /** "model" when the trained weights beat the rule scores on the tune half, else "rules". */
  use: string;
  features: string[];
  weights: number[];
  threshold: number;
}

const loaded: ClaimModel = model;

/**
 * Whether model.json was trained on today's features. If not (a feature was added and the model
 * not retrained), the rule scores are reported as they are, at 0.6, and
 * tests/unit/claims-model.test.ts fails.
 */
export const MODEL_FITS =
  loaded.features.join() === FEATURE_NAMES.join() && loaded.weights.length === FEATURE_NAMES.length;

/** Whether the decision is the trained model (else the rule scores at 0.6). */
export const MODEL_READY = MODEL_FITS && loaded.use === 'model';

export const MODEL_THRESHOLD = MODEL_READY ? loaded.threshold : 0.6;

export function probability(x: number[], weights: number[] = loaded.weights): number {
  let z = 0;
  for (let i = 0; i < x.length; i++) z += (weights[i] ?? 0) * (x[i] ?? 0);
  return 1 / (1 + Math.exp(-z));
}
