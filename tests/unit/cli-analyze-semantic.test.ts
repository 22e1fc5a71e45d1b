import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { loadCorpus } from '../../cli/corpus-load';
import { nodeVectorSource } from '../../cli/vector-cache';
import { rankCandidates } from '../../lib/candidates';
import { buildIndex } from '../../lib/corpus-index';
import { analyzeSentences } from '../../lib/page-analysis';
import { semanticVectors } from '../../lib/semantic';
import { parseAnalyzeArgs, runAnalyze } from '../../cli/analyze';
import type { Report } from '../../lib/types';

afterEach(() => vi.restoreAllMocks());

async function analyze(args: string[]): Promise<Report> {
  const out: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
    out.push(String(c));
    return true;
  });
  expect(await runAnalyze(args)).toBe(0);
  vi.restoreAllMocks();
  return JSON.parse(out.join('')) as Report;
}

describe('analyze --semantic', () => {
  it('is an option', () => {
    expect(parseAnalyzeArgs(['page.txt', '--semantic'])).toMatchObject({ semantic: true });
    expect(parseAnalyzeArgs(['page.txt'])).toMatchObject({ semantic: false });
  });

  it('aligns paraphrased passages the lexical pass misses, and flags the changed figure', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parallax-semantic-'));
    const page = join(dir, 'paraphrased.txt');
    writeFileSync(page, readFileSync('tests/fixtures/e2e/paraphrased-nyt.txt', 'utf8'));
    const nyt = (r: Report) => r.sources.find((s) => s.id === 'nyt-cia-drone-flights-mexico');
    const lexical = await analyze([page, '--json']);
    const semantic = await analyze([page, '--json', '--semantic']);
    expect(nyt(semantic)?.relation).toBe('same-story');
    expect(nyt(semantic)!.sharedPassages).toBeGreaterThan(nyt(lexical)?.sharedPassages ?? 0);
    expect(semantic.discrepancies.map((d) => [d.page, d.reference])).toContainEqual(['15,000', '10,000']);
  });
});

describe('analyze --semantic --corpus DIR', () => {
  const fixture = (name: string) => readFileSync(join('tests/fixtures/articles', name), 'utf8');

  it('retrieves by meaning, from the disk cache, a retelling with few shared words; not an unrelated article', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'parallax-docvec-'));
    const corpus = join(dir, 'corpus');
    mkdirSync(corpus);
    writeFileSync(join(corpus, 'courier.txt'), fixture('bridge-courier.txt'));
    writeFileSync(join(corpus, 'rail.txt'), fixture('bridge-lookalike.txt'));
    writeFileSync(join(corpus, 'retold.txt'), fixture('bridge-paraphrase.txt'));
    writeFileSync(join(corpus, 'frost.txt'), fixture('unrelated-weather.txt'));
    const page = { title: 'Footbridge collapses', text: fixture('bridge-herald.txt') };
    const cacheFile = join(dir, 'vectors.bin');

    const index = buildIndex(loadCorpus(corpus));
    const lexical = rankCandidates(index, analyzeSentences(page), index.size).map((c) => c.articleId);
    expect(lexical.indexOf('retold')).toBeGreaterThan(lexical.indexOf('rail'));
    // The first run embeds the folder's articles once, into the cache; no document vector before.
    const source = await nodeVectorSource(cacheFile);
    expect(
      index.nearest(
        Float32Array.from({ length: 512 }, () => 1 / Math.sqrt(512)),
        9,
      ),
    ).toEqual([]);
    expect(await source.embedCorpus(index.articles())).toBe(4);
    const sem = await semanticVectors(page, index, source, { candidateLimit: 1 });
    const ids = (sem.neighbours ?? []).map((n) => n.articleId);
    expect(ids).toContain('retold');
    expect(ids).not.toContain('frost');
    expect(index.hasDocumentVector('frost')).toBe(true);

    // A later run reads them from the cache: nothing embedded, the same neighbours.
    const again = await nodeVectorSource(cacheFile);
    const fresh = buildIndex(loadCorpus(corpus));
    expect(await again.embedCorpus(fresh.articles())).toBe(0);
    const sem2 = await semanticVectors(page, fresh, again, { candidateLimit: 1 });
    expect((sem2.neighbours ?? []).map((n) => n.articleId)).toEqual(ids);
  }, 180_000);
});
