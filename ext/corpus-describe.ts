import type { CorpusAddResult } from '../lib/protocol';

/** The reader-facing sentence for the result of adding a page (popup, context menu toast). */
export function describeAddResult(res: CorpusAddResult): string {
  switch (res.status) {
    case 'added':
      return `Added “${res.title}” (${res.outlet}) to your corpus.`;
    case 'duplicate':
      return `Already in your corpus: “${res.title}” (same ${res.reason === 'url' ? 'address' : 'text'}).`;
    case 'error':
      return res.message;
  }
}
