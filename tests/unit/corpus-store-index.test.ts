import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';

const built = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../lib/corpus-index', async (importOriginal) => {
  const orig = await importOriginal<typeof import('../../lib/corpus-index')>();
  return {
    ...orig,
    buildIndex: (...args: Parameters<typeof orig.buildIndex>) => {
      built.count++;
      return orig.buildIndex(...args);
    },
  };
});

const page = {
  title: 'Reader story',
  outlet: 'Reader Herald',
  text: 'The bridge reopened on Monday after nine weeks of repairs.\n\nTraffic resumed at noon.',
  url: 'https://reader.example.org/bridge',
};

/** A fresh copy of ext/corpus (a restarted service worker) over the same storage. */
async function freshCorpusModule() {
  vi.resetModules();
  return import('../../ext/corpus');
}

beforeEach(() => {
  fakeBrowser.reset();
  built.count = 0;
});

describe('ext/corpus: active corpus, changes and the saved index', () => {
  it('includes the bundled articles and, after adding, the reader’s article; notifies subscribers', async () => {
    const corpus = await freshCorpusModule();
    const bundled = corpus.bundledArticles();
    expect(bundled.length).toBeGreaterThanOrEqual(5);
    expect(await corpus.getCorpusArticles()).toHaveLength(bundled.length);
    const changed = vi.fn();
    const unsubscribe = corpus.subscribeCorpusChanges(changed);
    await corpus.corpusStore().addPage(page);
    expect(changed).toHaveBeenCalled();
    const articles = await corpus.getCorpusArticles();
    expect(articles).toHaveLength(bundled.length + 1);
    expect(articles.at(-1)).toMatchObject({ title: 'Reader story', origin: 'user' });
    unsubscribe();
    await corpus.corpusStore().setHidden(bundled[0]!.id, true);
    expect(changed).toHaveBeenCalledTimes(1);
    expect((await corpus.getCorpusArticles()).map((a) => a.id)).not.toContain(bundled[0]!.id);
  });

  it('saves the index and a restarted worker loads it instead of rebuilding', async () => {
    let corpus = await freshCorpusModule();
    await corpus.corpusStore().addPage(page);
    const first = corpus.buildCorpusIndex(await corpus.getCorpusArticles());
    expect(built.count).toBe(1);
    await new Promise((r) => setTimeout(r, 3100));

    corpus = await freshCorpusModule();
    const second = corpus.buildCorpusIndex(await corpus.getCorpusArticles());
    expect(built.count).toBe(1);
    expect(second.size).toBe(first.size);
    expect(second.articles().map((a) => a.article.id)).toEqual(first.articles().map((a) => a.article.id));

    // A changed corpus does not reuse the old saved index.
    await corpus
      .corpusStore()
      .addPage({ ...page, url: 'https://reader.example.org/other', text: 'Another text entirely.' });
    corpus = await freshCorpusModule();
    const third = corpus.buildCorpusIndex(await corpus.getCorpusArticles());
    expect(built.count).toBe(2);
    expect(third.size).toBe(first.size + 1);
  });

  it('falls back to the bundled corpus when the storage cannot be read, and retries later', async () => {
    const corpus = await freshCorpusModule();
    await corpus.corpusStore().addPage(page);
    const spy = vi.spyOn(fakeBrowser.storage.local, 'get').mockRejectedValueOnce(new Error('IO error'));
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const fresh = await freshCorpusModule();
    expect(await fresh.getCorpusArticles()).toHaveLength(fresh.bundledArticles().length);
    expect((await fresh.getCorpusArticles()).at(-1)).toMatchObject({ title: 'Reader story' });
    spy.mockRestore();
  });
});
