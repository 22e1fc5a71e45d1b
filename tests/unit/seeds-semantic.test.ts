/**
 * The semantic pass on our seeds, against the careful-reader alignment in
 * tests/fixtures/align/seed-pairs.json (written by hand from the seed texts).
 * Targets of issue 7: >= 10 of the 11 pairs of 002↔001 and no false pair; 003 lists the NYT as
 * shared-facts through >= 5 facts and no false pair. Measured (ADR 010): 9 of 11 with no false
 * pair (7 before the order route of lib/passages.ts; missed: "Sources told The New York Times
 * that the drone program's effectiveness" and "Facing potential 25 percent tariffs"); 003 lists
 * the NYT as shared-facts, and of its 8 aligned passages 3 are the careful reader's (the other 5
 * are loose or wrong). The tests hold what is reached, so that a regression fails; the targets
 * are not met yet. A failure names the pairs missed and the loose ones.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeEncoder } from '../../cli/model';
import { buildIndex } from '../../lib/corpus-index';
import { analyzePageSemantic } from '../../lib/semantic';
import type { PageArticle, Report } from '../../lib/types';
import { loadBundled } from '../../scripts/eval/related';

interface GoldPair {
  page: string;
  ref: string[];
}
const FIXTURE = JSON.parse(readFileSync('tests/fixtures/align/seed-pairs.json', 'utf8')) as Record<
  string,
  { page: string; reference: string; pairs: GoldPair[] }
>;
const articles = loadBundled();
const index = buildIndex(articles);
const byId = (id: string) => articles.find((a) => a.id === id)!;
const embed = async (texts: readonly string[]) => (await nodeEncoder()).embed(texts);

const flat = (s: string) => s.replace(/\s+/g, ' ');

/** The report's pairs with one source, as [page passage, reference passage] texts. */
function pairsWith(r: Report, sourceId: string): Array<[string, string]> {
  return r.passages.flatMap((p) =>
    p.matches
      .filter((m) => m.sourceId === sourceId)
      .map((m) => [flat(p.text), flat(m.text)] as [string, string]),
  );
}

/** Gold pairs found (and the starts of those missed), and found pairs that match no gold pair. */
function score(found: Array<[string, string]>, gold: GoldPair[]) {
  const matches = (f: [string, string], g: GoldPair) =>
    f[0].includes(g.page) && g.ref.some((r) => f[1].includes(r));
  const hit = gold.filter((g) => found.some((f) => matches(f, g)));
  return {
    found: hit.length,
    missed: gold.filter((g) => !hit.includes(g)).map((g) => `${g.page} || ${g.ref[0]}`),
    falsePairs: found.filter((f) => !gold.some((g) => matches(f, g))),
  };
}

/** A found pair, short, for a failure message. */
const brief = ([p, r]: [string, string]) => `${p.slice(0, 50)} || ${r.slice(0, 50)}`;

async function run(page: PageArticle): Promise<Report> {
  return analyzePageSemantic(page, index, { embed });
}

describe('seeds, semantic pass (careful-reader fixture)', () => {
  const g = FIXTURE['002-001']!;
  const ttoa = byId(g.page);
  let base: Report;
  beforeAll(async () => {
    base = await run({ title: ttoa.title, text: ttoa.text });
  }, 120_000);

  it('002 pairs at least 9 of the 11 careful-reader pairs with the NYT, and no false pair', () => {
    const src = base.sources.find((s) => s.id === g.reference);
    expect(src?.relation).toBe('same-story');
    const s = score(pairsWith(base, g.reference), g.pairs);
    expect(s.falsePairs.map(brief)).toEqual([]);
    expect(s.found, `missed: ${s.missed.join('; ')}`).toBeGreaterThanOrEqual(9);
  });

  it('pairs the same passages with the NYT as the page (issue 8: the alignment is symmetric)', async () => {
    const nyt = byId(g.reference);
    const r = await run({ title: nyt.title, text: nyt.text });
    const key = (ps: Array<[string, string]>) => ps.map(([a, b]) => `${a} || ${b}`).sort();
    const swapped = pairsWith(r, g.page).map(([a, b]) => [b, a] as [string, string]);
    expect(key(swapped)).toEqual(key(pairsWith(base, g.reference)));
    // Seed 002's overstatement is set beside the NYT's "has not been authorized" both ways.
    const prohibits = (ps: Array<[string, string]>) =>
      ps.some(
        ([a, b]) =>
          a.includes('specifically prohibits the CIA') && b.includes('The CIA has not been authorized'),
      );
    expect(prohibits(pairsWith(base, g.reference))).toBe(true);
    expect(prohibits(swapped)).toBe(true);
  }, 120_000);

  const variants: Array<[string, (t: string) => string]> = [
    ['a byline', (t) => `By TTOA Staff · 2025-02-18\n\n${t}`],
    ['a dateline', (t) => `WASHINGTON (TTOA) — ${t}`],
    ['a kicker and a section label', (t) => `EXCLUSIVE\n\nNews\n\n${t}`],
    ['a footer', (t) => `${t}\n\nLeave a Comment\n\nCopyright 2025 TTOA. All rights reserved.`],
  ];
  for (const [name, edit] of variants)
    it(`keeps the same relation and pairs with ${name} on the page`, async () => {
      const r = await run({ title: ttoa.title, text: edit(ttoa.text), outlet: 'TTOA' });
      expect(r.sources.map((s) => [s.id, s.relation])).toEqual(base.sources.map((s) => [s.id, s.relation]));
      const strip = (ps: Array<[string, string]>) => ps.map(([, ref]) => ref).sort();
      expect(strip(pairsWith(r, g.reference))).toEqual(strip(pairsWith(base, g.reference)));
    });

  it('003 (another story) lists the NYT as shared-facts, through careful-reader facts', async () => {
    const g3 = FIXTURE['003-001']!;
    const wapo = byId(g3.page);
    const r = await run({ title: wapo.title, text: wapo.text });
    expect(r.sources.find((s) => s.id === g3.reference)?.relation).toBe('shared-facts');
    const s = score(pairsWith(r, g3.reference), g3.pairs);
    expect(s.found, `missed: ${s.missed.join('; ')}`).toBeGreaterThanOrEqual(3);
    // Loose or wrong pairs (outside the careful reader's): no more than when this was measured.
    expect(s.falsePairs.length, `loose or wrong: ${s.falsePairs.map(brief).join('; ')}`).toBeLessThanOrEqual(
      5,
    );
  });

  it('003 keeps its relation and pairs with a byline, a dateline and a footer', async () => {
    const g3 = FIXTURE['003-001']!;
    const wapo = byId(g3.page);
    const plain = await run({ title: wapo.title, text: wapo.text });
    const edited = await run({
      title: wapo.title,
      text: `By Staff Writers · 2025-02-19\n\nWASHINGTON (The Post) — ${wapo.text}\n\nCopyright 2025 The Washington Post.`,
      outlet: 'The Washington Post',
    });
    const rel = (r: Report) => r.sources.find((s) => s.id === g3.reference)?.relation;
    expect(rel(edited)).toBe(rel(plain));
    const refs = (r: Report) =>
      pairsWith(r, g3.reference)
        .map(([, ref]) => ref)
        .sort();
    expect(refs(edited)).toEqual(refs(plain));
  });

  it('000 and 004 relate to nothing', async () => {
    for (const id of ['mcclatchy-section-702-fentanyl', 'morton-cia-cartel-national-security']) {
      const a = byId(id);
      const r = await run({ title: a.title, text: a.text });
      expect(
        r.sources.map((s) => `${s.id} ${s.relation}`),
        id,
      ).toEqual([]);
    }
  });
});
