import { browser } from 'wxt/browser';
import type { Article } from '../lib/types';
import { parseArticleMarkdown } from '../lib/corpus-format';
import { type CorpusIndex, buildIndex, loadIndex, serializeIndex } from '../lib/corpus-index';
import { CorpusStore, type StorageAreaLike } from './corpus-store';
import { INDEX_KEY, META_KEY } from './corpus-migrations';

// Bundled corpus, read at build time from reference/*.md.
const files = import.meta.glob<string>('../reference/*.md', {
  query: '?raw',
  import: 'default',
  eager: true,
});

let bundledCache: Article[] | undefined;

export function bundledArticles(): Article[] {
  bundledCache ??= Object.entries(files)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([path, source]) => ({
      ...parseArticleMarkdown(source, path.split('/').pop() ?? path),
      origin: 'bundled' as const,
    }));
  return bundledCache;
}

let store: CorpusStore | undefined;

/** The reader's corpus in this context's browser.storage.local. */
export function corpusStore(): CorpusStore {
  store ??= new CorpusStore({
    area: browser.storage.local as unknown as StorageAreaLike,
    bundled: bundledArticles,
  });
  return store;
}

let activeCache: Promise<{ articles: Article[]; hash: string }> | undefined;
let watching = false;

function watchForInvalidation(): void {
  if (watching) return;
  watching = true;
  subscribeCorpusChanges(() => {
    activeCache = undefined;
  });
}

function activeCorpus(): Promise<{ articles: Article[]; hash: string }> {
  watchForInvalidation();
  activeCache ??= corpusStore()
    .activeCorpus()
    .catch((err: unknown) => {
      activeCache = undefined;
      throw err;
    });
  return activeCache;
}

/** Every article that takes part in comparisons: bundled (minus hidden) plus the reader's own. */
export async function getCorpusArticles(): Promise<Article[]> {
  return (await activeCorpus()).articles;
}

/** Calls back whenever the corpus changes (article added, deleted, hidden, imported). */
export function subscribeCorpusChanges(onChange: () => void): () => void {
  // storage.onChanged reaches every extension context, so a change made in the options page
  // reaches the background's index and vice versa. Only the meta record marks a committed change.
  const listener = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && META_KEY in changes) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

function extensionVersion(): string {
  try {
    return browser.runtime.getManifest().version;
  } catch {
    return 'dev';
  }
}

/**
 * The comparison index of the active corpus. A restarted service worker loads the index persisted
 * for the same corpus (hash of ids + text fingerprints + extension version) instead of rebuilding
 * it; any change to the corpus or an extension update rebuilds and persists it again.
 */
export async function getCorpusIndex(): Promise<CorpusIndex> {
  const { articles, hash } = await activeCorpus();
  const key = `${hash}@${extensionVersion()}`;
  const saved = (await browser.storage.local.get(INDEX_KEY))[INDEX_KEY] as
    { key?: string; data?: unknown } | undefined;
  if (saved?.key === key) {
    try {
      return loadIndex(saved.data);
    } catch {
      // A damaged or outdated saved index is only a cache: rebuild below.
    }
  }
  const index = buildIndex(articles);
  void browser.storage.local
    .set({ [INDEX_KEY]: { key, data: serializeIndex(index) } })
    .catch(() => undefined);
  return index;
}
