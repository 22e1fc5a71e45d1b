import { describe, expect, it } from 'vitest';
import model from '../../lib/discrepancies/model.json';
import { compareSentences, MIN_CONFIDENCE } from '../../lib/discrepancies';
import { decisionFor, MODEL_FITS, probability, RULE_THRESHOLD } from '../../lib/discrepancies/decision';
import { FEATURE_NAMES, SEMANTIC_FEATURE_NAMES } from '../../lib/discrepancies/features';

describe('the learned discrepancy decisions', () => {
  it('have weights for exactly the features the engine computes (else: npm run train:claims)', () => {
    expect(MODEL_FITS).toBe(true);
    expect(model.lexical.features).toEqual(FEATURE_NAMES);
    expect(model.semantic.features).toEqual(SEMANTIC_FEATURE_NAMES);
  });
  it('report at the threshold of whichever decision won on the tune half', () => {
    expect(MIN_CONFIDENCE).toBe(decisionFor(false)?.threshold ?? RULE_THRESHOLD);
    expect(['model', 'rules']).toContain(model.lexical.use);
    expect(['model', 'rules']).toContain(model.semantic.use);
  });
  it('have weights of a sane size (a constant feature once got ~1e13, cancelled by the bias)', () => {
    for (const m of [model.lexical, model.semantic]) {
      expect(m.weights.length).toBe(m.features.length);
      expect(Math.max(...m.weights.map(Math.abs))).toBeLessThan(1000);
    }
  });
  it('are logistic functions of the features', () => {
    expect(probability([0, 0], [1, 1])).toBeCloseTo(0.5);
    expect(probability([1, 2], [1, 1])).toBeCloseTo(1 / (1 + Math.exp(-3)));
  });
  it('give every candidate its features, with the encoder ones only when a similarity is passed', () => {
    const page = 'The council voted 7-2 to approve the new budget on Tuesday.';
    const ref = 'The council voted 6-3 to approve the new budget on Tuesday.';
    const plain = compareSentences(page, ref, { candidates: true });
    expect(plain.diffs.length).toBeGreaterThan(0);
    expect(plain.features?.[0]?.lexical).toHaveLength(FEATURE_NAMES.length);
    expect(plain.features?.[0]?.semantic).toBeUndefined();
    const asked: string[] = [];
    const sem = compareSentences(page, ref, {
      candidates: true,
      similarity: (a, b) => {
        asked.push(`${a} | ${b}`);
        return 0.9;
      },
    });
    expect(sem.features?.[0]?.semantic).toHaveLength(SEMANTIC_FEATURE_NAMES.length);
    expect(asked).toContain(`${page} | ${ref}`);
    expect(asked).toContain('7-2 | 6-3');
  });
});
