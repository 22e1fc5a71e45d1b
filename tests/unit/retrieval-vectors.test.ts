/**
 * Retrieval by meaning (ADR 013): the page's document vector adds its nearest articles above the
 * floor (lib/retrieval-thresholds.json, chosen by cross-validation in scripts/eval/retrieval.ts)
 * to the lexical candidates. A retelling of the same event in other words
 * (tests/fixtures/articles/bridge-paraphrase.txt) is found that way; an unrelated article is not.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeEncoder } from '../../cli/model';
import { rankCandidates, retrieveCandidates } from '../../lib/candidates';
import { parseArticleMarkdown } from '../../lib/corpus-format';
import { buildIndex } from '../../lib/corpus-index';
import { documentVector, DocumentVectors, NEIGHBOURS } from '../../lib/document-vectors';
import { analyzeSentences, withMeaning } from '../../lib/page-analysis';
import { semanticVectors, type VectorSource } from '../../lib/semantic';
import type { Article } from '../../lib/types';

const fixture = (name: string) => readFileSync(join('tests/fixtures/articles', name), 'utf8');
const corpus: Article[] = [
  ...readdirSync('reference')
    .filter((f) => f.endsWith('.md'))
    .map((f) => parseArticleMarkdown(readFileSync(join('reference', f), 'utf8'), f)),
  { id: 'courier', outlet: 'The Courier', title: 'Four hurt', text: fixture('bridge-courier.txt') },
  { id: 'rail', outlet: 'Rail News', title: 'Rail bridge gives way', text: fixture('bridge-lookalike.txt') },
  { id: 'frost', outlet: 'Valley Post', title: 'Late frost', text: fixture('unrelated-weather.txt') },
  { id: 'retold', outlet: 'The Gazette', title: 'Walkway gives way', text: fixture('bridge-paraphrase.txt') },
];
const page = { title: 'Footbridge collapses', text: fixture('bridge-herald.txt') };

describe('document vectors', () => {
  it('are the normalised mean of the sentence vectors', () => {
    const v = documentVector([Float32Array.from([1, 0]), Float32Array.from([0, 1])]);
    expect(v[0]).toBeCloseTo(Math.SQRT1_2, 5);
    expect(v[1]).toBeCloseTo(Math.SQRT1_2, 5);
  });

  it('rank by cosine, from int8 storage', () => {
    const store = new DocumentVectors();
    store.set('a', Float32Array.from([1, 0, 0]));
    store.set('b', documentVector([Float32Array.from([1, 0, 0]), Float32Array.from([0, 1, 0])]));
    store.set('c', Float32Array.from([0, 0, 1]));
    const near = store.nearest(Float32Array.from([1, 0, 0]), 2);
    expect(near.map((c) => c.articleId)).toEqual(['a', 'b']);
    expect(near[0]!.score).toBeCloseTo(1, 3);
    expect(near[1]!.score).toBeCloseTo(Math.SQRT1_2, 2);
  });

  it('are dropped with the article they were made from (a replaced article has another text)', () => {
    const index = buildIndex(corpus.slice(-2));
    index.setDocumentVector('retold', Float32Array.from([1, 0]));
    expect(index.hasDocumentVector('retold')).toBe(true);
    index.addArticles([{ ...corpus.at(-1)!, text: 'Another text.' }]);
    expect(index.hasDocumentVector('retold')).toBe(false);
    expect(index.nearest(Float32Array.from([1, 0]), 5)).toEqual([]);
  });
});

describe('retrieval by meaning, with the encoder', () => {
  const index = buildIndex(corpus);
  const stored = new Map<string, Float32Array[]>();
  let source: VectorSource;
  beforeAll(async () => {
    const enc = await nodeEncoder();
    for (const a of index.articles())
      stored.set(a.article.id, await enc.embed(a.sentences.map((s) => s.text)));
    source = { embed: (texts) => enc.embed(texts), stored: (id) => stored.get(id) };
  }, 120_000);

  it('finds a same-event article told in other words, that the lexical ranking puts low', async () => {
    const lexical = rankCandidates(index, analyzeSentences(page), index.size).map((c) => c.articleId);
    // Little word overlap: the other outlet's report and the look-alike bridge both rank above it.
    expect(lexical.indexOf('retold')).toBeGreaterThan(lexical.indexOf('courier'));
    expect(lexical.indexOf('retold')).toBeGreaterThan(lexical.indexOf('rail'));
    const sem = await semanticVectors(page, index, source, { candidateLimit: 1 });
    expect(NEIGHBOURS.limit).toBeGreaterThan(0);
    const ids = (sem.neighbours ?? []).map((n) => n.articleId);
    expect(ids).toContain('retold');
    expect(ids).not.toContain('frost');
    expect(sem.article('retold')).toHaveLength(index.get('retold')!.sentences.length);

    // The candidates step then aligns it, after the lexical candidate.
    const analysis = withMeaning(analyzeSentences(page), sem.page);
    const candidates = retrieveCandidates(analysis, index, null, {
      limit: 1,
      vectorsOf: (id) => sem.article(id),
      neighbours: sem.neighbours,
    });
    expect(candidates[0]!.candidate.articleId).toBe('courier');
    expect(candidates.map((c) => c.candidate.articleId)).toContain('retold');
  }, 120_000);

  it('does not add an unrelated article, however few candidates the page has', async () => {
    const sem = await semanticVectors(page, index, source, { candidateLimit: 1 });
    const analysis = withMeaning(analyzeSentences(page), sem.page);
    const frost = index.nearest(analysis.meaning!.document, index.size).find((c) => c.articleId === 'frost')!;
    expect(frost.score).toBeLessThan(NEIGHBOURS.floor);
    expect((sem.neighbours ?? []).some((n) => n.articleId === 'frost')).toBe(false);
  }, 120_000);
});
