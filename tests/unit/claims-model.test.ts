import { describe, expect, it } from 'vitest';
import model from '../../lib/discrepancies/model.json';
import { MIN_CONFIDENCE } from '../../lib/discrepancies';
import { MODEL_FITS, MODEL_READY, probability } from '../../lib/discrepancies/decision';
import { FEATURE_NAMES } from '../../lib/discrepancies/features';

describe('the learned discrepancy decision', () => {
  it('has weights for exactly the features the engine computes (else: npm run train:claims)', () => {
    expect(MODEL_FITS).toBe(true);
    expect(model.features).toEqual(FEATURE_NAMES);
  });
  it('reports at the threshold of whichever decision won on the tune half', () => {
    expect(MIN_CONFIDENCE).toBe(MODEL_READY ? model.threshold : 0.6);
    expect(['model', 'rules']).toContain(model.use);
  });
  it('is a logistic function of the features', () => {
    expect(probability([0, 0], [1, 1])).toBeCloseTo(0.5);
    expect(probability([1, 2], [1, 1])).toBeCloseTo(1 / (1 + Math.exp(-3)));
  });
});
