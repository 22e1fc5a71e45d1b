import { describe, expect, it } from 'vitest';
import { prepareText } from '../../lib/align';
import { specificsOf, type FusionText } from '../../lib/fusion';
import {
  decideRelation,
  isStatement,
  outletWords,
  RELATION_THRESHOLDS,
  sameStoryScore,
  semanticEvidence,
} from '../../lib/relation';

const text = (t: string): FusionText => ({
  prepared: prepareText(t),
  vector: new Float32Array(4),
  specifics: specificsOf(t),
});

describe('two-tier relation', () => {
  const t = RELATION_THRESHOLDS;
  it('calls a story told on a good share of the text same-story, a few shared facts shared-facts', () => {
    expect(decideRelation({ pairs: 10, coverage: 0.9, facts: 10, strength: 0.6, names: 0.4 })).toBe(
      'same-story',
    );
    expect(
      decideRelation(
        { pairs: 2, coverage: 0.05, facts: t.sharedFacts.facts, strength: 0.5, names: 0.1 },
        { ...t, sameStory: { ...t.sameStory, threshold: 2 } },
      ),
    ).toBe('shared-facts');
    expect(decideRelation({ pairs: 0, coverage: 0, facts: 0, strength: 0, names: 0 })).toBeNull();
  });

  it('scores more of the story told, and more of the same names, as more likely the same story', () => {
    const base = { pairs: 3, coverage: 0.2, facts: 2, strength: 0.55, names: 0.1 };
    const m = t.sameStory;
    expect(sameStoryScore({ ...base, coverage: 0.6 }, m)).toBeGreaterThan(sameStoryScore(base, m));
    expect(sameStoryScore({ ...base, names: 0.5 }, m)).toBeGreaterThan(sameStoryScore(base, m));
  });

  it('takes the names of statements only: a byline or a dateline line is not one', () => {
    expect(isStatement(text('By TTOA Staff · 2025-02-18'))).toBe(false);
    expect(isStatement(text('EXCLUSIVE'))).toBe(false);
    expect(isStatement(text('Sheinbaum agreed on Feb. 3 to deploy 10,000 troops.'))).toBe(true);
    const page = [
      text('By Maria Lopez · 2025-02-18'),
      text('Sheinbaum agreed to deploy 10,000 troops to the border.'),
    ];
    const ref = [text('Mexico is deploying 10,000 troops to the border, Sheinbaum said.')];
    const pairs = [{ page: [1], ref: [0], similarity: 0.6 }];
    const noByline = semanticEvidence(page.slice(1), ref, [{ ...pairs[0]!, page: [0] }], 1, new Set());
    expect(semanticEvidence(page, ref, pairs, 1, new Set()).names).toBe(noByline.names);
    expect(noByline.names).toBeGreaterThan(0);
  });

  it('never counts an outlet name as a shared fact', () => {
    const page = [text('The New York Times reported the drone flights over Mexico on Tuesday.')];
    const ref = [text('Drone flights over Sonora were reported by the New York Times.')];
    const pairs = [{ page: [0], ref: [0], similarity: 0.6 }];
    const withOutlet = semanticEvidence(page, ref, pairs, 1, new Set());
    const without = semanticEvidence(page, ref, pairs, 1, outletWords('The New York Times'));
    expect(withOutlet.facts).toBe(1);
    expect(without.facts).toBe(0);
    expect(without.names).toBeLessThan(withOutlet.names);
  });
});
