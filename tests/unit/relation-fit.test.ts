/**
 * The same-story model of lib/relation.ts is fitted by scripts/eval/relation.ts in every
 * cross-validation fold: more of the story told and more of the same names must weigh towards
 * same-story, and each dataset must weigh the same whatever its size.
 */
import { describe, expect, it } from 'vitest';
import { sameStoryScore, type SemanticEvidence } from '../../lib/relation';
import { fitRelation, type PairEvidence } from '../../scripts/eval/relation';

const ev = (coverage: number, names: number): SemanticEvidence => ({
  pairs: Math.round(10 * coverage) + 1,
  coverage,
  facts: 1,
  strength: 0.5 + coverage / 4,
  names,
});

function pair(fold: string, kind: PairEvidence['kind'], e: SemanticEvidence): PairEvidence {
  return { page: 'p', other: 'o', kind, fold, semantic: e, aligned: true, lexical: false };
}

describe('fitting the same-story model', () => {
  const rows: PairEvidence[] = [];
  // A large dataset where coverage separates, a small one where names do.
  for (let i = 0; i < 40; i++) {
    rows.push(pair('ECB+:topic 1', 'same', ev(0.4 + (i % 5) / 10, 0.2)));
    rows.push(pair('ECB+:topic 1', 'lookalike', ev(0.05 + (i % 5) / 50, 0.2)));
  }
  for (let i = 0; i < 4; i++) {
    rows.push(pair('NewsWCL50:event 0', 'same', ev(0.2, 0.4 + i / 20)));
    rows.push(pair('NewsWCL50:event 0', 'other', ev(0.2, 0.05 + i / 50)));
  }
  const m = { ...fitRelation(rows), threshold: 0.5 };

  it('weighs coverage and shared names towards same-story', () => {
    expect(m.weights[0]).toBeGreaterThan(0);
    expect(m.weights[4]).toBeGreaterThan(0);
    expect(sameStoryScore(ev(0.8, 0.2), m)).toBeGreaterThan(sameStoryScore(ev(0.05, 0.2), m));
  });

  it('lets the small dataset count as much as the large one', () => {
    // Names decide the small dataset only; balanced weights must still learn them.
    expect(sameStoryScore(ev(0.2, 0.55), m)).toBeGreaterThan(0.5);
    expect(sameStoryScore(ev(0.2, 0.05), m)).toBeLessThan(0.5);
  });
});
