import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticleMarkdown } from '../../lib/corpus-format';
import { buildIndex, type Retriever } from '../../lib/corpus-index';
import { analyzePage } from '../../lib/report';
import type { Article } from '../../lib/types';

const articles: Article[] = readdirSync('reference')
  .filter((f) => f.endsWith('.md'))
  .map((f) => parseArticleMarkdown(readFileSync(join('reference', f), 'utf8'), f));
const index = buildIndex(articles);
const nyt = articles.find((a) => a.seed?.startsWith('001'))!;
const ttoa = articles.find((a) => a.seed?.startsWith('002'))!;

describe('analyzePage', () => {
  const report = analyzePage({ title: ttoa.title, text: ttoa.text, outlet: 'TTOA' }, index, { extractMs: 2 });

  it('gives the page passages in page order, with offsets into report.text', () => {
    expect(report.text).toBe(ttoa.text);
    let last = -1;
    report.passages.forEach((p, i) => {
      expect(p.id).toBe(`p${i}`);
      expect(p.start).toBeGreaterThan(last);
      expect(report.text!.slice(p.start, p.end)).toBe(p.text);
      last = p.end - 1;
    });
    expect(report.page.sentences).toBeGreaterThanOrEqual(report.passages.length);
  });

  it('marks passages agree, differ or unique from their matches', () => {
    const rc = report.passages.find((p) => p.text.includes('RC-125'))!;
    expect(rc.verdict).toBe('differ');
    expect(
      rc.matches.some((m) => m.sourceId === nyt.id && m.verdict === 'differ' && m.text.includes('RC-135')),
    ).toBe(true);
    expect(report.passages.some((p) => p.verdict === 'agree')).toBe(true);
    expect(report.passages.some((p) => p.verdict === 'unique')).toBe(true);
    for (const p of report.passages) {
      expect(p.verdict === 'unique').toBe(p.matches.length === 0);
      for (const m of p.matches) expect(m.outlet).toBe(articles.find((a) => a.id === m.sourceId)!.outlet);
    }
  });

  it('ties each discrepancy to its passage and source, with the outlet named', () => {
    for (const d of report.discrepancies) {
      const passage = report.passages.find((p) => p.id === d.passageId)!;
      expect(passage.verdict).toBe('differ');
      expect(d.pageStart! >= passage.start && d.pageEnd! <= passage.end).toBe(true);
      expect(d.outlet).toBe(nyt.outlet);
      expect(d.explanation).toMatch(/New York Times/);
    }
    const keys = report.discrepancies.map((d) =>
      [d.sourceId, d.kind, d.page, d.reference, d.pageStart].join('|'),
    );
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("carries the engine's word alignment of each compared pair, offsets on both sides", () => {
    const rc = report.passages.find((p) => p.text.includes('RC-125'))!;
    const m = rc.matches.find((x) => x.sourceId === nyt.id && x.text.includes('RC-135'))!;
    expect(m.diff).toBeDefined();
    // Every match says which of its passage's sentences the engine compared, copies included.
    for (const p of report.passages)
      for (const x of p.matches) {
        expect(x.diff!.pageStart).toBeGreaterThanOrEqual(p.start);
        expect(x.diff!.pageEnd).toBeLessThanOrEqual(p.end);
      }
    const { pageStart, pageEnd, tokens } = m.diff!;
    expect(pageStart).toBeGreaterThanOrEqual(rc.start);
    expect(pageEnd).toBeLessThanOrEqual(rc.end);
    const pageOnly = tokens.flatMap((t) => (t.side === 'page' ? [report.text!.slice(...t.page)] : []));
    const refOnly = tokens.flatMap((t) => (t.side === 'reference' ? [m.text.slice(...t.reference)] : []));
    expect(pageOnly).toContain('RC-125');
    expect(refOnly).toContain('RC-135');
    // The flagged words are words of that alignment, on both sides.
    const d = report.discrepancies.find((x) => x.page === 'RC-125')!;
    expect(
      tokens.some((t) => t.side === 'page' && t.page[0] === d.pageStart && t.page[1] === d.pageEnd),
    ).toBe(true);
    expect(
      tokens.some(
        (t) =>
          t.side === 'reference' && t.reference[0] === d.referenceStart && t.reference[1] === d.referenceEnd,
      ),
    ).toBe(true);
  });

  it('reports its timings and the page it was given', () => {
    expect(report.timings.extractMs).toBe(2);
    expect(report.timings.analyzeMs).toBeGreaterThanOrEqual(0);
    expect(report.page).toMatchObject({ title: ttoa.title, outlet: 'TTOA', chars: ttoa.text.length });
  });

  it('leaves the page itself out when the corpus holds it, and compares an altered copy', () => {
    const self = analyzePage({ title: nyt.title, text: `${nyt.title}\n\n${nyt.text}` }, index);
    expect(self.selfSourceId).toBe(nyt.id);
    expect(self.sources.map((s) => s.id)).not.toContain(nyt.id);
    const altered = analyzePage(
      { title: nyt.title, text: nyt.text.replace('10,000 troops', '15,000 troops') },
      index,
    );
    expect(altered.selfSourceId).toBeNull();
    expect(altered.sources[0]!.id).toBe(nyt.id);
    expect(
      altered.discrepancies.filter((d) => d.sourceId === nyt.id).map((d) => [d.page, d.reference]),
    ).toEqual([['15,000', '10,000']]);
  });

  it('does not compare a non-English page, and says why', () => {
    const fr = readFileSync('tests/fixtures/articles/french-weather.txt', 'utf8');
    const r = analyzePage({ title: 'Météo', text: fr, lang: 'fr' }, index);
    expect(r.related).toBe(false);
    expect(r.notice).toMatch(/not English/);
    expect(r.page.lang).toBe('fr');
  });

  it('works with any Retriever, not only the in-memory index', () => {
    const minimal: Retriever = {
      size: index.size,
      get: (id) => index.get(id),
      candidates: (text, sentences, limit) => index.candidates(text, sentences, limit),
    };
    const r = analyzePage({ title: ttoa.title, text: ttoa.text }, minimal);
    expect(r.sources.map((s) => s.id)).toContain(nyt.id);
    expect(r.selfSourceId).toBe(ttoa.id);
    expect(r.sources.map((s) => s.id)).not.toContain(ttoa.id);
  });
});

describe('a page that only shares vocabulary with a reference article', () => {
  it('is not related: same story means passages told by both', () => {
    // The NYT article's own words drawn at random (a fixed generator) into long runs: every term
    // and name is shared, no passage is.
    const words = nyt.text.split(/\s+/);
    const drawn: string[] = [];
    let seed = 7;
    for (let i = 0; i < 6000; i++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      drawn.push(words[seed % words.length]!.replace(/[.?!]/g, ''));
    }
    const sentences: string[] = [];
    for (let i = 0; i < drawn.length; i += 120) sentences.push(`${drawn.slice(i, i + 120).join(' ')}.`);
    const report = analyzePage({ title: 'word list', text: sentences.join(' ') }, index);
    expect(report.related).toBe(false);
    expect(report.sources).toEqual([]);
  });
});
