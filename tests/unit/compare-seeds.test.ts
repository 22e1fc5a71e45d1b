/**
 * `compare` on the careful-reader pairs of our seeds (tests/fixtures/align/seed-pairs.json): each
 * page sentence against the reference sentence(s) a careful reader sets beside it, decided alone,
 * as `compare` decides a line (lib/pair.ts comparePair with both sentence vectors). Issue 7 wants
 * every such pair to come out agree or differ; a lone pair has no article around it, so the
 * alignment's mutual-best rule cannot help, and the weakest retellings stay `unrelated`. The test
 * holds what is reached (a regression fails) and names the pairs that are not.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { nodeEncoder } from '../../cli/model';
import { comparePair } from '../../lib/pair';
import { segment } from '../../lib/segment';
import type { PairResult } from '../../lib/types';
import { loadBundled } from '../../scripts/eval/related';

interface Group {
  page: string;
  reference: string;
  pairs: Array<{ page: string; ref: string[] }>;
}
const FIXTURE = JSON.parse(readFileSync('tests/fixtures/align/seed-pairs.json', 'utf8')) as Record<
  string,
  Group
>;
const articles = loadBundled();
const flat = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The whole sentence of an article that starts with `start` (the fixture names starts). */
function sentence(articleId: string, start: string): string {
  const a = articles.find((x) => x.id === articleId);
  const s = a && segment(a.text).find((x) => flat(x.text).includes(start));
  if (!s) throw new Error(`fixture: no sentence "${start}" in ${articleId}`);
  return flat(s.text);
}

/** Each gold pair's best verdict over the reference sentences the reader accepts. */
async function verdicts(g: Group): Promise<Array<{ page: string; best: PairResult }>> {
  const encoder = await nodeEncoder();
  const out: Array<{ page: string; best: PairResult }> = [];
  for (const [k, pair] of g.pairs.entries()) {
    const a = sentence(g.page, pair.page);
    const results: PairResult[] = [];
    for (const start of pair.ref) {
      const b = sentence(g.reference, start);
      const [va, vb] = await encoder.embed([a, b]);
      results.push(comparePair(`${k}`, a, b, 'the reference', [va!, vb!]));
    }
    const rank = (r: PairResult) => (r.verdict === 'unrelated' ? 0 : 1) + r.similarity / 10;
    out.push({ page: pair.page, best: results.sort((x, y) => rank(y) - rank(x))[0]! });
  }
  return out;
}

const aligned = (vs: Array<{ best: PairResult }>) => vs.filter((v) => v.best.verdict !== 'unrelated').length;
const unrelated = (vs: Array<{ page: string; best: PairResult }>) =>
  vs
    .filter((v) => v.best.verdict === 'unrelated')
    .map((v) => `${v.page} (${v.best.similarity})`)
    .join('; ');

describe('compare on the careful-reader seed pairs', () => {
  let v002: Array<{ page: string; best: PairResult }>;
  let v003: Array<{ page: string; best: PairResult }>;
  beforeAll(async () => {
    v002 = await verdicts(FIXTURE['002-001']!);
    v003 = await verdicts(FIXTURE['003-001']!);
  }, 120_000);

  // Measured 2026-12-02: 5 of 11 and 3 of 7 (the rest score 0.19–0.43, under SAME_PASSAGE).
  it('002↔001: at least 5 of the 11 pairs come out agree or differ', () => {
    expect(v002).toHaveLength(11);
    expect(aligned(v002), `unrelated: ${unrelated(v002)}`).toBeGreaterThanOrEqual(5);
  });

  it('003↔001: at least 3 of the 7 pairs come out agree or differ', () => {
    expect(v003).toHaveLength(7);
    expect(aligned(v003), `unrelated: ${unrelated(v003)}`).toBeGreaterThanOrEqual(3);
  });

  // The reader sets 002's sentence beside two NYT sentences ("signed an executive order on Jan. 20
  // …", "This week, his administration plans to designate …"); as one `compare` line they are
  // one passage. Against the second sentence alone the pair scores 0.456, just under
  // SAME_PASSAGE, and comes out unrelated (measured 2026-12-02).
  it('names the changed claim: an order "designating" cartels against "plans to designate"', async () => {
    const g = FIXTURE['002-001']!;
    const pair = g.pairs.find((p) => p.page.startsWith('Trump signed an executive order'))!;
    const a = sentence(g.page, pair.page);
    const b = pair.ref.map((start) => sentence(g.reference, start)).join(' ');
    const [va, vb] = await (await nodeEncoder()).embed([a, b]);
    const r = comparePair('claim', a, b, 'The New York Times', [va!, vb!]);
    expect(r.verdict).toBe('differ');
    expect(r.discrepancies[0]).toMatchObject({ kind: 'claim', page: 'designating Mexican drug cartels' });
    expect(r.discrepancies[0]?.reference).toContain('plans to designate');
  });

  it('names the changed designation when a paired sentence changes one (RC-125 against RC-135)', () => {
    const rc = v002.find((v) => v.best.discrepancies.some((d) => d.page.includes('RC-125')));
    expect(rc?.best.verdict).toBe('differ');
    expect(rc?.best.discrepancies.find((d) => d.page.includes('RC-125'))?.reference).toContain('RC-135');
  });
});
