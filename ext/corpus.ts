import type { Article } from '../lib/types';
import { parseArticleMarkdown } from '../lib/corpus-format';

// Bundled corpus, read at build time from reference/*.md.
const files = import.meta.glob<string>('../reference/*.md', {
  query: '?raw',
  import: 'default',
  eager: true,
});

export function bundledArticles(): Article[] {
  return Object.entries(files).map(([path, source]) => ({
    ...parseArticleMarkdown(source, path.split('/').pop() ?? path),
    origin: 'bundled' as const,
  }));
}

// PLACEHOLDER (owned by corpus management, issue 4): bundled only.
/** Every article that takes part in comparisons: bundled (minus hidden) plus the reader's own. */
export async function getCorpusArticles(): Promise<Article[]> {
  return bundledArticles();
}

/** Calls back whenever the corpus changes (article added, deleted, hidden, imported). */
export function subscribeCorpusChanges(_onChange: () => void): () => void {
  return () => {};
}
