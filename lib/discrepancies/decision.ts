/**
 * The learned decision: logistic regressions over features.ts, trained by `npm run train:claims`
 * (scripts/train-claims.ts) on the tune halves of the eval data, their weights and thresholds in
 * model.json (small, reviewed, committed). Two models: `lexical` (the engine alone) and `semantic`
 * (with the encoder cosines, used when the caller passes a similarity). Each ships only if it beat
 * the rule scores on the tune half ("use": "model"); otherwise the rule scores decide at 0.6.
 */
import model from './model.json';
import { FEATURE_NAMES, SEMANTIC_FEATURE_NAMES } from './features';
import { sigmoid } from '../logistic';

export interface TrainedModel {
  /** "model" when the trained weights beat the rule scores on the tune half, else "rules". */
  use: string;
  /** Which candidates the model decides: all, or the lexical claims only ("open"). */
  scope: string;
  features: string[];
  weights: number[];
  threshold: number;
}

export interface ClaimModels {
  lexical: TrainedModel;
  semantic: TrainedModel;
}

const loaded: ClaimModels = model;

const fits = (m: TrainedModel, names: string[]) =>
  m.features.join() === names.join() && m.weights.length === names.length;

/**
 * Whether model.json was trained on today's features. If not (a feature was added and the model
 * not retrained), the rule scores are reported as they are, at 0.6, and
 * tests/unit/claims-model.test.ts fails.
 */
export const MODEL_FITS =
  fits(loaded.lexical, FEATURE_NAMES) && fits(loaded.semantic, SEMANTIC_FEATURE_NAMES);

/** The rule scores' reporting threshold (chosen on the tune half, ADR 003). */
export const RULE_THRESHOLD = 0.6;

export interface Decision {
  weights: number[];
  threshold: number;
  /** Only lexical claims (a replaced word block without a typed fact or a claim check). */
  openOnly: boolean;
}

/** The decision in force, with sentence vectors or without; undefined: the rule scores at 0.6. */
export function decisionFor(semantic: boolean): Decision | undefined {
  const m = semantic ? loaded.semantic : loaded.lexical;
  if (!MODEL_FITS || m.use !== 'model') return undefined;
  return { weights: m.weights, threshold: m.threshold, openOnly: m.scope === 'open' };
}

/**
 * The reporting threshold. A model's probability is shifted so that its own threshold lands here
 * (confidence = p - threshold + 0.6): one scale for the candidates it decides and the others.
 */
export const MODEL_THRESHOLD = RULE_THRESHOLD;

export function probability(x: number[], weights: number[]): number {
  let z = 0;
  for (let i = 0; i < x.length; i++) z += (weights[i] ?? 0) * (x[i] ?? 0);
  return sigmoid(z);
}
