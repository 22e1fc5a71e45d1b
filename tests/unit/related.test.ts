import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticleMarkdown } from '../../lib/corpus-format';
import { buildIndex, termProfile } from '../../lib/corpus-index';
import {
  anchorOverlap,
  decideRelated,
  keyAnchorOverlap,
  relatedScore,
  RELATED_THRESHOLD,
  type RelatedEvidence,
} from '../../lib/related';
import { analyzePage } from '../../lib/report';
import type { Article } from '../../lib/types';

const fixture = (name: string) => readFileSync(join('tests/fixtures/articles', name), 'utf8');
const corpus: Article[] = [
  ...readdirSync('reference')
    .filter((f) => f.endsWith('.md'))
    .map((f) => parseArticleMarkdown(readFileSync(join('reference', f), 'utf8'), f)),
  { id: 'herald', outlet: 'The Herald', title: 'Footbridge collapses', text: fixture('bridge-herald.txt') },
  { id: 'rail', outlet: 'Rail News', title: 'Rail bridge gives way', text: fixture('bridge-lookalike.txt') },
  { id: 'frost', outlet: 'Valley Post', title: 'Late frost', text: fixture('unrelated-weather.txt') },
];
const index = buildIndex(corpus);

const none: RelatedEvidence = {
  retrieval: 0,
  anchors: 0,
  keyAnchors: 0,
  phrases: 0,
  aligned: 0,
  coverage: 0,
  strength: 0,
  strongCoverage: 0,
  strongPairs: 0,
};

describe('related: same story, not same topic', () => {
  it('finds the same event told in other words by another outlet', () => {
    const r = analyzePage({ title: 'Courier', text: fixture('bridge-courier.txt') }, index);
    expect(r.sources.map((s) => s.id)).toEqual(['herald']);
    expect(r.sources[0]!.sharedPassages).toBeGreaterThanOrEqual(5);
    expect(r.sources[0]!.score).toBeGreaterThan(RELATED_THRESHOLD);
  });

  it('does not take a look-alike event (another bridge, other places and people) for the same story', () => {
    const r = analyzePage({ title: 'Rail', text: fixture('bridge-lookalike.txt') }, index);
    expect(r.sources.map((s) => s.id)).not.toContain('herald');
  });

  it('relates nothing to unrelated news, and an altered copy only to its original', () => {
    const page = { title: 'Frost', text: fixture('unrelated-weather.txt').replace('Tuesday', 'Monday') };
    const without = buildIndex(corpus.filter((a) => a.id !== 'frost'));
    const r = analyzePage(page, without);
    expect(r.related).toBe(false);
    expect(r.sources).toEqual([]);
    expect(analyzePage(page, index).sources.map((s) => s.id)).toEqual(['frost']);
  });
});

describe('related evidence', () => {
  const herald = termProfile(fixture('bridge-herald.txt'));
  const courier = termProfile(fixture('bridge-courier.txt'));
  const rail = termProfile(fixture('bridge-lookalike.txt'));
  const idf = (t: string) => index.idf(t);

  it('scores shared names and numbers of one event high, a look-alike low', () => {
    expect(anchorOverlap(courier, herald, idf)).toBeGreaterThan(0.6);
    expect(anchorOverlap(rail, herald, idf)).toBeLessThan(0.3);
    expect(keyAnchorOverlap(courier, herald, idf)).toBeGreaterThan(keyAnchorOverlap(rail, herald, idf));
    expect(anchorOverlap(herald, herald, idf)).toBe(1);
  });

  it('grows with every kind of evidence and stays in 0..1', () => {
    const base = relatedScore(none);
    expect(base).toBeGreaterThanOrEqual(0);
    for (const k of ['retrieval', 'anchors', 'phrases', 'strength', 'strongCoverage'] as const)
      expect(relatedScore({ ...none, [k]: 0.5 }), k).toBeGreaterThan(base);
    const all = { ...none, retrieval: 1, anchors: 1, phrases: 1, strength: 1, strongCoverage: 1 };
    expect(relatedScore(all)).toBeLessThanOrEqual(1);
  });

  it('takes several retold passages with the key names shared as the same story', () => {
    const retold = {
      ...none,
      retrieval: 0.05,
      strongCoverage: 0.4,
      keyAnchors: 0.5,
      strongPairs: 6,
      strength: 0.3,
    };
    expect(relatedScore(retold)).toBeLessThan(RELATED_THRESHOLD);
    expect(decideRelated(retold).related).toBe(true);
    expect(decideRelated({ ...retold, keyAnchors: 0 }).related).toBe(false);
  });
});
