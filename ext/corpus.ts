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
      // The browser could not read the storage at all: compare with the bundled corpus for now
      // (not cached, so the next analysis tries the reader's corpus again).
      activeCache = undefined;
      console.warn('Parallax: the reader’s corpus could not be read; using the bundled corpus.', err);
      return { articles: bundledArticles(), hash: 'bundled-only' };
    });
  return activeCache;
}

/** Every article that takes part in comparisons: bundled (minus hidden) plus the reader's own. */
export async function getCorpusArticles(): Promise<Article[]> {
  const active = await activeCorpus();
  // Ready the saved index now, so that buildCorpusIndex (synchronous) can hand it out.
  await preloadIndex(active).catch(() => undefined);
  return active.articles;
}

/** Calls back whenever the corpus changes (article added, deleted, hidden, imported). */
export function subscribeCorpusChanges(onChange: () => void): () => void {
  // storage.onChanged reaches every extension context, so a change made in the options page
  // reaches the background's index and vice versa. Only the meta record marks a committed change.
  const listener = (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => {
    const change = changes[META_KEY];
    if (area === 'local' && change && membership(change.oldValue) !== membership(change.newValue)) onChange();
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}

/** What decides the active corpus in a meta record (a first empty meta record changes nothing). */
function membership(meta: unknown): string {
  const m = (meta ?? {}) as { ids?: unknown; hidden?: unknown };
  return JSON.stringify([m.ids ?? [], m.hidden ?? []]);
}

function extensionVersion(): string {
  try {
    return browser.runtime.getManifest().version;
  } catch {
    return 'dev';
  }
}

interface SavedIndex {
  key?: string;
  data?: unknown;
}

/** The saved index is valid for one corpus (ids + text fingerprints) and one extension version. */
function indexKey(hash: string): string {
  return `${hash}@${extensionVersion()}`;
}

// Saving costs about a quarter of a build; done when the worker is likely idle, not during the
// next page's analysis.
const SAVE_DELAY_MS = 3000;

let preloaded: { articles: Article[]; key: string; index: CorpusIndex | undefined } | undefined;

async function preloadIndex(active: { articles: Article[]; hash: string }): Promise<void> {
  const key = indexKey(active.hash);
  if (preloaded?.articles === active.articles) return;
  const saved = (await browser.storage.local.get(INDEX_KEY))[INDEX_KEY] as SavedIndex | undefined;
  let index: CorpusIndex | undefined;
  if (saved?.key === key) {
    try {
      index = loadIndex(typeof saved.data === 'string' ? JSON.parse(saved.data) : saved.data);
    } catch {
      // A damaged saved index is only a cache: it is rebuilt.
    }
  }
  preloaded = { articles: active.articles, key, index };
}

/**
 * Same contract as buildIndex, for the background: when `articles` is the list getCorpusArticles()
 * returned, a restarted service worker gets the index saved for that corpus instead of rebuilding
 * it; otherwise it builds the index and saves it for next time.
 */
export function buildCorpusIndex(articles: Article[]): CorpusIndex {
  const p = preloaded?.articles === articles ? preloaded : undefined;
  if (p?.index) return p.index;
  const index = buildIndex(articles);
  if (p) {
    p.index = index;
    // After the analysis that asked for the index has run; saved as one JSON string, because
    // storage clones a string ~10x faster than the equivalent objects.
    const key = p.key;
    setTimeout(() => {
      if (preloaded?.key !== key) return; // the corpus changed meanwhile
      void browser.storage.local
        .set({ [INDEX_KEY]: { key, data: JSON.stringify(serializeIndex(index)) } })
        .catch(() => undefined);
    }, SAVE_DELAY_MS);
  }
  return index;
}

/** The comparison index of the active corpus, loaded from storage when saved for the same corpus. */
export async function getCorpusIndex(): Promise<CorpusIndex> {
  return buildCorpusIndex(await getCorpusArticles());
}
