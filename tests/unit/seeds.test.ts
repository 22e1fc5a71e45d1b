import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticleMarkdown } from '../../lib/corpus-format';
import { buildIndex } from '../../lib/corpus-index';
import { analyzePage } from '../../lib/report';
import type { Article } from '../../lib/types';

const REF = 'reference';
const SEEDS = '../shared/seeds';
const articles: Article[] = readdirSync(REF)
  .filter((f) => f.endsWith('.md'))
  .map((f) => parseArticleMarkdown(readFileSync(join(REF, f), 'utf8'), f));
const index = buildIndex(articles);
const bySeed = (prefix: string): Article => articles.find((a) => a.seed?.startsWith(prefix))!;

const NYT = bySeed('001');
const TTOA = bySeed('002');

describe('the seeds', () => {
  it('are all in the bundled corpus', () => {
    for (const p of ['000', '001', '002', '003', '004']) expect(bySeed(p), p).toBeDefined();
  });

  it('flag RC-125 against the NYT RC-135 on the page of seed 002, and the designation as done, and nothing else', () => {
    const report = analyzePage({ title: TTOA.title, text: TTOA.text }, index);
    expect(report.selfSourceId).toBe(TTOA.id);
    expect(report.sources.map((s) => s.id)).toContain(NYT.id);
    expect(report.discrepancies.map((d) => [d.page, d.reference, d.sourceId])).toEqual([
      ['RC-125', 'RC-135', NYT.id],
      ['designating Mexican drug cartels', 'plans to designate a half-dozen cartels', NYT.id],
    ]);
    const d = report.discrepancies[0]!;
    expect(d.kind).toBe('designation');
    expect(report.text!.slice(d.pageStart, d.pageEnd)).toBe('RC-125');
    expect(d.explanation).toContain('RC-125');
    const c = report.discrepancies[1]!;
    expect(c).toMatchObject({ kind: 'claim', check: 'status' });
    expect(report.text!.slice(c.pageStart, c.pageEnd)).toBe(c.page);
    expect(c.referenceText.slice(c.referenceStart, c.referenceEnd)).toBe(c.reference);
    expect(c.explanation).toBe(
      // Each side's subject: the noun phrase the participle hangs on ("an executive order … designating",
      // its article written "the") and the one before the cue ("his administration plans").
      'This page states it as done: the executive order “designating Mexican drug cartels”; The New York Times states it only as planned: his administration “plans to designate a half-dozen cartels”.',
    );
  });

  it('flag the same from the raw seed file text', () => {
    const raw = readFileSync(join(SEEDS, TTOA.seed!), 'utf8');
    const report = analyzePage({ title: 'seed 002', text: raw }, index);
    expect(report.related).toBe(true);
    const fromNyt = report.discrepancies.filter((d) => d.sourceId === NYT.id);
    expect(fromNyt.map((d) => [d.page, d.reference])).toEqual([
      ['RC-125', 'RC-135'],
      ['designating Mexican drug cartels', 'plans to designate a half-dozen cartels'],
    ]);
    expect(report.discrepancies.every((d) => d.sourceId === NYT.id || d.sourceId === TTOA.id)).toBe(true);
    expect(report.discrepancies.filter((d) => d.sourceId === TTOA.id)).toEqual([]);
  });

  it('relate to each other as a careful reader would: only 001 and 002 tell the same story', () => {
    const related = new Map<string, string[]>();
    for (const a of articles) {
      const r = analyzePage({ title: a.title, text: a.text }, index);
      expect(r.selfSourceId, a.id).toBe(a.id);
      related.set(a.id, r.sources.map((s) => s.id).sort());
    }
    expect(related.get(NYT.id)).toEqual([TTOA.id]);
    expect(related.get(TTOA.id)).toEqual([NYT.id]);
    for (const p of ['000', '003', '004']) expect(related.get(bySeed(p).id), p).toEqual([]);
  });

  it('relate the same way from the raw seed files (with their site chrome)', () => {
    for (const a of articles) {
      const raw = readFileSync(join(SEEDS, a.seed!), 'utf8');
      const report = analyzePage({ title: a.seed!, text: raw }, index);
      // The captured page is the article with its site chrome: recognised as itself, not compared with itself.
      expect(report.selfSourceId, a.seed).toBe(a.id);
      const others = report.sources.map((s) => s.id).sort();
      const expected = a.id === NYT.id ? [TTOA.id] : a.id === TTOA.id ? [NYT.id] : [];
      expect(others, a.seed).toEqual(expected);
    }
  });

  it('flag exactly the three changes in an altered copy of the NYT article', () => {
    const altered = NYT.text
      .replace('deploying 10,000 troops', 'deploying 12,000 troops')
      .replace('Defense Secretary Pete Hegseth', 'Defense Secretary Pete Hagerty')
      .replace('P-8s and drones, said', 'P-3s and drones, said');
    expect(altered).not.toBe(NYT.text);
    const report = analyzePage({ title: NYT.title, text: altered }, index);
    expect(report.selfSourceId).toBeNull();
    const fromNyt = report.discrepancies.filter((d) => d.sourceId === NYT.id);
    // The readings may carry context ("Defense Secretary Pete Hagerty"); each change is found once.
    expect(fromNyt).toHaveLength(3);
    const found = (page: string, ref: string) =>
      fromNyt.filter((d) => d.page.includes(page) && d.reference.includes(ref)).length;
    expect(found('12,000', '10,000')).toBe(1);
    expect(found('Hagerty', 'Hegseth')).toBe(1);
    expect(found('P-3', 'P-8')).toBe(1);
    for (const d of fromNyt) expect(report.text!.slice(d.pageStart, d.pageEnd)).toBe(d.page);
  });
});
