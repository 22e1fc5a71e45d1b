/**
 * A page that is an article of the corpus is not compared with itself, nor with an identical
 * duplicate of itself (a corpus may hold one wire story twice: ECB+ holds 1_6 and 1_17). Fixture:
 * tests/fixtures/corpus/duplicates/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runAnalyze } from '../../cli/analyze';
import { loadCorpus } from '../../cli/corpus-load';
import { findSelf, retrieveCandidates } from '../../lib/candidates';
import { buildIndex } from '../../lib/corpus-index';
import { analyzeSentences } from '../../lib/page-analysis';
import { analyzePage } from '../../lib/report';
import type { Report } from '../../lib/types';

const DIR = 'tests/fixtures/corpus/duplicates';
const COPIES = ['courier-wire', 'courier-wire-copy'];
const page = { title: 'Four hurt', text: readFileSync(join(DIR, 'courier-wire.txt'), 'utf8') };

afterEach(() => vi.restoreAllMocks());

describe('a page held twice in the corpus', () => {
  const index = buildIndex(loadCorpus(DIR));

  it('sets every identical copy aside, and keeps the other candidates', () => {
    const analysis = analyzeSentences(page);
    const self = findSelf(analysis, index);
    expect(COPIES).toContain(self);
    const ids = retrieveCandidates(analysis, index, self).map((c) => c.candidate.articleId);
    expect(ids).toContain('herald');
    expect(ids.some((id) => COPIES.includes(id))).toBe(false);
    // With one candidate allowed, the copies take no candidate's place.
    expect(retrieveCandidates(analysis, index, self, { limit: 1 }).map((c) => c.candidate.articleId)).toEqual(
      ['herald'],
    );
  });

  it('is reported as covered by the other outlet only', () => {
    const report = analyzePage(page, index);
    expect(COPIES).toContain(report.selfSourceId);
    expect(report.sources.map((s) => s.id)).toEqual(['herald']);
  });

  it('the same through the CLI', async () => {
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
      out.push(String(c));
      return true;
    });
    expect(await runAnalyze([join(DIR, 'courier-wire-copy.txt'), '--json', '--corpus', DIR])).toBe(0);
    vi.restoreAllMocks();
    const report = JSON.parse(out.join('')) as Report;
    expect(COPIES).toContain(report.selfSourceId);
    expect(report.sources.map((s) => s.id)).toEqual(['herald']);
  });
});
