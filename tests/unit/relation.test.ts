import { describe, expect, it } from 'vitest';
import { prepareText } from '../../lib/align';
import { specificsOf, type FusionText } from '../../lib/fusion';
import { decideRelation, outletWords, RELATION_THRESHOLDS, semanticEvidence } from '../../lib/relation';

const text = (t: string): FusionText => ({
  prepared: prepareText(t),
  vector: new Float32Array(4),
  specifics: specificsOf(t),
});

describe('two-tier relation', () => {
  const t = RELATION_THRESHOLDS;
  it('calls a story told on a good share of the text same-story, a few shared facts shared-facts', () => {
    expect(decideRelation({ pairs: 10, coverage: 0.9, facts: 10, strength: 0.6 })).toBe('same-story');
    expect(
      decideRelation(
        { pairs: 0, coverage: 0, facts: t.sharedFacts.facts, strength: 0 },
        {
          ...t,
          sameStory: { coverage: 2, facts: 99 },
        },
      ),
    ).toBe('shared-facts');
    expect(decideRelation({ pairs: 0, coverage: 0, facts: 0, strength: 0 })).toBeNull();
  });

  it('never counts an outlet name as a shared fact', () => {
    const page = [text('The New York Times reported the drone flights over Mexico on Tuesday.')];
    const ref = [text('Drone flights over Sonora were reported by the New York Times.')];
    const pairs = [{ page: [0], ref: [0], similarity: 0.6 }];
    const withOutlet = semanticEvidence(page, ref, pairs, 1, new Set());
    const without = semanticEvidence(page, ref, pairs, 1, outletWords('The New York Times'));
    expect(withOutlet.facts).toBe(1);
    expect(without.facts).toBe(0);
  });
});
