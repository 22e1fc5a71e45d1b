import type { PageArticle } from '../lib/types';
import { extractArticle } from '../lib/extract';

/**
 * Runs inside the tab (injected by the background with scripting.executeScript when the reader
 * asks to add the page): the page's article, extracted the way the comparison extracts it.
 */
export function extractForCorpus(doc: Document = document, url: string = location.href): PageArticle | null {
  const page = extractArticle(doc, { url });
  if (!page || !page.text.trim()) return null;
  // Structured clone to the background: plain fields only.
  return JSON.parse(JSON.stringify(page)) as PageArticle;
}
