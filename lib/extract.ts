import type { PageArticle } from './types';

export interface ExtractOptions {
  url?: string;
}

// PLACEHOLDER (owned by the extraction work): body text only.
export function extractArticle(doc: Document, opts: ExtractOptions = {}): PageArticle | null {
  const text = doc.body?.textContent?.trim() ?? '';
  if (!text) return null;
  return { title: doc.title, text, url: opts.url };
}

/** A cheap check, before extraction, that the page is an article at all. */
export function looksLikeArticle(doc: Document): boolean {
  return (doc.body?.textContent?.length ?? 0) > 500;
}
