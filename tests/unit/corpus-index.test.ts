import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticleMarkdown } from '../../lib/corpus-format';
import {
  buildIndex,
  loadIndex,
  serializeIndex,
  termProfile,
  normalizeForIdentity,
} from '../../lib/corpus-index';
import { segment } from '../../lib/segment';
import type { Article } from '../../lib/types';

const articles: Article[] = readdirSync('reference')
  .filter((f) => f.endsWith('.md'))
  .map((f) => parseArticleMarkdown(readFileSync(join('reference', f), 'utf8'), f));
const nyt = articles.find((a) => a.seed?.startsWith('001'))!;
const ttoa = articles.find((a) => a.seed?.startsWith('002'))!;
const weather = readFileSync('tests/fixtures/articles/unrelated-weather.txt', 'utf8');

const ranked = (index: ReturnType<typeof buildIndex>, text: string) =>
  index.candidates(text, segment(text), 10).map((c) => [c.articleId, Number(c.score.toFixed(6))]);

describe('corpus index', () => {
  const index = buildIndex(articles);

  it('segments each article once and keeps it', () => {
    expect(index.size).toBe(articles.length);
    expect(index.get(nyt.id)!.sentences.length).toBeGreaterThan(30);
    expect(index.prepared(nyt.id)).toBe(index.prepared(nyt.id));
  });

  it('retrieves the article of the same story first, with scores in 0..1', () => {
    const c = index.candidates(ttoa.text, segment(ttoa.text), 3);
    expect(c[0]!.articleId).toBe(ttoa.id);
    expect(c[1]!.articleId).toBe(nyt.id);
    for (const x of c) {
      expect(x.score).toBeGreaterThanOrEqual(0);
      expect(x.score).toBeLessThanOrEqual(1);
    }
  });

  it('returns nothing for a page that shares no content word', () => {
    expect(index.candidates('Zzyzx qwopt blarnf.', [], 5)).toEqual([]);
  });

  it('survives a JSON round trip unchanged', () => {
    const json = JSON.stringify(serializeIndex(index));
    const loaded = loadIndex(JSON.parse(json));
    expect(loaded.size).toBe(index.size);
    expect(ranked(loaded, ttoa.text)).toEqual(ranked(index, ttoa.text));
    expect(loaded.get(nyt.id)!.sentences).toEqual(index.get(nyt.id)!.sentences);
    expect(loaded.findIdentical(nyt.text)).toBe(nyt.id);
    expect(() => loadIndex({ format: 'other' })).toThrow(/parallax-index/);
  });

  it('adds and removes articles without a rebuild, ending where a fresh build starts', () => {
    const inc = buildIndex(articles.filter((a) => a.id !== nyt.id));
    expect(ranked(inc, ttoa.text).map((x) => x[0])).not.toContain(nyt.id);
    inc.addArticles([nyt]);
    expect(ranked(inc, ttoa.text)).toEqual(ranked(index, ttoa.text));
    inc.removeArticles([nyt.id]);
    expect(inc.get(nyt.id)).toBeUndefined();
    expect(inc.findIdentical(nyt.text)).toBeUndefined();
    expect(ranked(inc, ttoa.text).map((x) => x[0])).not.toContain(nyt.id);
    expect(inc.size).toBe(articles.length - 1);
  });

  it('knows an identical text after normalisation, with or without the headline, but not an altered copy', () => {
    const loud = nyt.text.toUpperCase().replace(/\n\n/g, '\n \n').replace(/’/g, "'");
    expect(index.findIdentical(loud)).toBe(nyt.id);
    expect(index.findIdentical(`${nyt.title}\n\n${nyt.text}`)).toBe(nyt.id);
    expect(index.findIdentical(nyt.text.replace('10,000', '12,000'))).toBeUndefined();
    expect(index.findIdentical(weather)).toBeUndefined();
    expect(normalizeForIdentity('A  “quote” — here.')).toBe('a quote here');
  });

  it('gives rare terms more weight than words every article uses', () => {
    expect(index.idf('rivet')).toBeGreaterThan(index.idf('cia'));
  });
});

describe('termProfile', () => {
  it('counts stems and in-sentence bigrams, and marks names and numbers as anchors', () => {
    const p = termProfile('The Mexican government deployed 10,000 troops. Officials said Sheinbaum agreed.');
    expect(p.tf.get('troop')).toBe(1);
    expect(p.tf.has('10000 troop')).toBe(true);
    // No bigram across the sentence boundary.
    expect([...p.tf.keys()].some((k) => k.startsWith('troop '))).toBe(false);
    expect(p.anchors.has('10000')).toBe(true);
    expect(p.anchors.has('sheinbaum')).toBe(true);
    // A capital at the start of a sentence is not a name.
    expect(p.anchors.has('offici')).toBe(false);
  });
});
