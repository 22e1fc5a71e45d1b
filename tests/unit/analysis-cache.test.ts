/**
 * The analysis cache (lib/analysis-cache.ts): a report made through it is the report made without
 * it, whatever changed in between (the corpus, the options); what a change does not touch is not
 * made again; every store stays within its bound.
 */
import { describe, expect, it } from 'vitest';
import { AnalysisCache, Lru, textKey } from '../../lib/analysis-cache';
import { buildIndex, type CorpusIndex } from '../../lib/corpus-index';
import { analyzePage, type AnalyzeOptions } from '../../lib/report';
import { analyzePageSemantic, type VectorSource } from '../../lib/semantic';
import type { Article, PageArticle, Report } from '../../lib/types';
import { loadBundled } from '../../scripts/eval/related';

/**
 * Deterministic stand-in for the encoder (hashed bag of words, unit length): sentences that share
 * words get high cosines, so the fused alignment has pairs to score. Fast, and the same vector
 * objects for the same text, as the real encoder's cache gives.
 */
function fakeSource(): VectorSource & { calls: number } {
  const known = new Map<string, Float32Array>();
  const vec = (text: string) => {
    const v = new Float32Array(512);
    for (const w of text.toLowerCase().match(/\p{L}+|\d+/gu) ?? [])
      v[Number.parseInt(textKey(w).slice(0, 4), 36) % 512]! += 1;
    let s = 0;
    for (const x of v) s += x * x;
    const k = s ? 1 / Math.sqrt(s) : 0;
    for (let i = 0; i < v.length; i++) v[i] = v[i]! * k;
    return v;
  };
  const source = {
    calls: 0,
    embed: async (texts: readonly string[]) => {
      source.calls++;
      return texts.map((t) => {
        let v = known.get(t);
        if (!v) known.set(t, (v = vec(t)));
        return v;
      });
    },
  };
  return source;
}

const bundled = loadBundled();
const byId = (prefix: string): Article => {
  const a = bundled.find((x) => x.id.startsWith(prefix));
  if (!a) throw new Error(`no bundled article ${prefix}`);
  return a;
};
const nyt = byId('nyt');
/** The NYT story with a figure changed: not the corpus' copy, so it is compared with the others. */
const page: PageArticle = { title: nyt.title, text: nyt.text.replace('10,000', '15,000'), outlet: 'Page' };

/** A report without its timings (the one part that differs between two runs). */
const body = (r: Report) => ({ ...r, timings: null });

/** Every key an LRU was asked to make (not found) while `run` ran. */
async function made(store: Lru<unknown>, run: () => Promise<unknown>): Promise<string[]> {
  const keys: string[] = [];
  const through = store.through.bind(store);
  store.through = (key, make) => {
    if (!store.has(key)) keys.push(key);
    return through(key, make);
  };
  try {
    await run();
  } finally {
    store.through = through;
  }
  return keys;
}

async function both(index: CorpusIndex, cache: AnalysisCache, opts: AnalyzeOptions = {}) {
  const source = fakeSource();
  const cached = await analyzePageSemantic(page, index, source, { ...opts, cache });
  const plain = await analyzePageSemantic(page, index, fakeSource(), opts);
  return { cached, plain };
}

describe('Lru', () => {
  it('keeps at most its limit, forgetting the least recently used', () => {
    const lru = new Lru<number>(2);
    lru.set('a', 1);
    lru.set('b', 2);
    expect(lru.get('a')).toBe(1); // a is now the most recent
    lru.set('c', 3);
    expect(lru.size).toBe(2);
    expect(lru.has('b')).toBe(false);
    expect(lru.get('a')).toBe(1);
    expect(lru.get('c')).toBe(3);
    expect(lru.through('c', () => 9)).toBe(3);
    expect(lru.through('d', () => 4)).toBe(4);
    expect([lru.has('a'), lru.has('c'), lru.has('d')]).toEqual([false, true, true]);
  });
});

describe('analysis cache', () => {
  it('gives the report made without it, and the same page again makes nothing new', async () => {
    const index = buildIndex(bundled);
    const cache = new AnalysisCache();
    const { cached, plain } = await both(index, cache);
    expect(plain.related).toBe(true);
    expect(plain.passages.some((p) => p.matches.length > 0)).toBe(true);
    expect(body(cached)).toEqual(body(plain));
    const before = cache.sizes();
    expect(before.alignments).toBeGreaterThan(0);
    expect(before.pairs).toBeGreaterThan(0);
    let again: Report | undefined;
    const alignments = await made(cache.alignments, async () => {
      const pairs = await made(cache.pairs, async () => {
        again = await analyzePageSemantic(page, index, fakeSource(), { cache });
      });
      expect(pairs).toEqual([]);
    });
    expect(alignments).toEqual([]);
    expect(body(again!)).toEqual(body(plain));
    expect(cache.sizes()).toEqual(before);
    // The lexical report through the same cache is the lexical report.
    expect(body(analyzePage(page, index, { cache }))).toEqual(body(analyzePage(page, index)));
  });

  it('after an article is added, aligns only that one again', async () => {
    const index = buildIndex(bundled.filter((a) => a !== byId('wapo')));
    const cache = new AnalysisCache();
    await analyzePageSemantic(page, index, fakeSource(), { cache });
    index.addArticles([byId('wapo')]);
    let report: Report | undefined;
    const keys = await made(cache.alignments, async () => {
      report = await analyzePageSemantic(page, index, fakeSource(), { cache });
    });
    expect(body(report!)).toEqual(body(await analyzePageSemantic(page, index, fakeSource())));
    const fused = keys.filter((k) => k.startsWith('fused'));
    expect(fused.length).toBe(1);
    expect(fused[0]).toContain(byId('wapo').id);
    // The decisions are made again: document frequencies changed with the corpus.
    expect(keys.filter((k) => k.startsWith('evidence')).length).toBeGreaterThan(1);
  });

  it('an article replaced or removed changes the report as it would without the cache', async () => {
    const index = buildIndex(bundled);
    const cache = new AnalysisCache();
    await analyzePageSemantic(page, index, fakeSource(), { cache });
    const ttoa = byId('ttoa');
    const changed = { ...ttoa, text: ttoa.text.replace(/\b(\d[\d,]*)\b/, '987') };
    expect(changed.text).not.toBe(ttoa.text);
    index.addArticles([changed]);
    const keys = await made(cache.alignments, async () => {
      const { cached, plain } = await both(index, cache);
      expect(body(cached)).toEqual(body(plain));
    });
    expect(keys.filter((k) => k.startsWith('fused')).map((k) => k.includes(ttoa.id))).toEqual([true]);
    index.removeArticles([byId('mcclatchy').id]);
    const { cached, plain } = await both(index, cache);
    expect(plain.sources.some((s) => s.id === byId('mcclatchy').id)).toBe(false);
    expect(body(cached)).toEqual(body(plain));
  });

  it('another option or another page text is another entry', async () => {
    const index = buildIndex(bundled);
    const cache = new AnalysisCache();
    await analyzePageSemantic(page, index, fakeSource(), { cache });
    const one = await both(index, cache, { candidateLimit: 1 });
    expect(one.plain.sources.length).toBeLessThanOrEqual(2);
    expect(body(one.cached)).toEqual(body(one.plain));
    const other: PageArticle = { ...page, text: page.text.replace('15,000', '12,000') };
    const a = await analyzePageSemantic(other, index, fakeSource(), { cache });
    expect(body(a)).toEqual(body(await analyzePageSemantic(other, index, fakeSource())));
    expect(a.discrepancies.map((d) => d.page)).not.toEqual(one.plain.discrepancies.map((d) => d.page));
  });

  it('stays within its bounds and still gives the same report', async () => {
    const index = buildIndex(bundled);
    const limits = { pages: 1, retrievals: 2, alignments: 3, pairs: 5 };
    const cache = new AnalysisCache(limits);
    const other: PageArticle = { title: 'Other', text: byId('wapo').text.replace('2', '3') };
    for (const p of [page, other, page]) {
      const r = await analyzePageSemantic(p, index, fakeSource(), { cache });
      expect(body(r)).toEqual(body(await analyzePageSemantic(p, index, fakeSource())));
      const sizes = cache.sizes();
      for (const k of Object.keys(limits) as Array<keyof typeof limits>)
        expect(sizes[k]).toBeLessThanOrEqual(limits[k]);
      expect(sizes.pairs).toBe(limits.pairs);
    }
  });
});
