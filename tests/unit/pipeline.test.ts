/**
 * The pipeline one way (ADR 013): the page is analysed once and every step reads that analysis;
 * alignment scores each candidate's sentence pairs once; the report only assembles.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { alignPrepared, alignScored, prepareText, scoreSentences } from '../../lib/align';
import { retrieveCandidates } from '../../lib/candidates';
import { parseArticleMarkdown } from '../../lib/corpus-format';
import { buildIndex, type Retriever, type TermProfile } from '../../lib/corpus-index';
import { analyzeSentences } from '../../lib/page-analysis';
import { relateCandidate } from '../../lib/related';
import { analyzePage } from '../../lib/report';
import { segment } from '../../lib/segment';
import type { Article } from '../../lib/types';

const articles: Article[] = readdirSync('reference')
  .filter((f) => f.endsWith('.md'))
  .map((f) => parseArticleMarkdown(readFileSync(join('reference', f), 'utf8'), f));
const index = buildIndex(articles);
const nyt = articles.find((a) => a.seed?.startsWith('001'))!;
const ttoa = articles.find((a) => a.seed?.startsWith('002'))!;
const page = { title: ttoa.title, text: ttoa.text, outlet: 'TTOA' };

describe('page analysis', () => {
  it('makes one prepared sentence per sentence, and the term profile, once', () => {
    const a = analyzeSentences(page);
    expect(a.sentences).toEqual(segment(page.text));
    expect(a.prepared.map((p) => p.text)).toEqual(a.sentences.map((s) => s.text));
    expect(a.profile.tf.size).toBeGreaterThan(0);
    expect(a.meaning).toBeNull();
  });

  it('is what retrieval ranks by: the report asks the Retriever with that one profile', () => {
    const profiles: TermProfile[] = [];
    const spy: Retriever = {
      get: (id) => index.get(id),
      size: index.size,
      idf: (t) => index.idf(t),
      profile: (id) => index.profile(id),
      prepared: (id) => index.prepared(id),
      candidates: () => {
        throw new Error('the page profile is made already: rank() takes it');
      },
      rank: (p, limit) => {
        profiles.push(p);
        return index.rank(p, limit);
      },
    };
    const viaSpy = analyzePage(page, spy);
    expect(profiles.length).toBeGreaterThanOrEqual(2); // the self check and the candidates
    expect(new Set(profiles).size).toBe(1);
    const direct = analyzePage(page, index);
    expect(viaSpy.sources.map((s) => s.id)).toEqual(direct.sources.map((s) => s.id));
    expect(viaSpy.sources.some((s) => s.id === nyt.id)).toBe(true);
  });
});

describe('alignment scored once', () => {
  const pagePrepared = segment(ttoa.text).map((s) => prepareText(s.text));
  const refPrepared = index.prepared(nyt.id)!;

  it('gives, from scores made at a lower threshold, what aligning afresh gives', () => {
    const scored = scoreSentences(pagePrepared, refPrepared, 0.3);
    const loose = alignScored(scored, { threshold: 0.3, merge: false });
    const shown = alignScored(scored);
    expect(shown.length).toBeGreaterThan(0);
    expect(loose.length).toBeGreaterThan(shown.length);
    // Fresh arrays: nothing kept from the scoring above can be reused.
    const fresh = (xs: readonly { text: string }[]) => xs.map((p) => prepareText(p.text));
    expect(shown).toEqual(alignPrepared(fresh(pagePrepared), fresh(refPrepared)));
    expect(loose).toEqual(
      alignPrepared(fresh(pagePrepared), fresh(refPrepared), { threshold: 0.3, merge: false }),
    );
  });

  it('refuses a threshold below the one the scores were made for', () => {
    const scored = scoreSentences(pagePrepared, refPrepared, 0.45);
    expect(() => alignScored(scored, { threshold: 0.3 })).toThrow(/threshold/);
  });
});

describe('the relation step', () => {
  it('takes the candidates step output and decides from the aligned passages', () => {
    const a = analyzeSentences(page);
    const candidates = retrieveCandidates(a, index, null);
    const toNyt = candidates.find((c) => c.candidate.articleId === nyt.id)!;
    expect(toNyt.vectors).toBeNull();
    const e = relateCandidate(a, toNyt, index);
    expect(e.relation).toBe('same-story');
    expect(e.pairs.length).toBeGreaterThan(0);
    expect(e.evidence.aligned).toBeGreaterThanOrEqual(e.pairs.length);
  });
});
