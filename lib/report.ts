import type { PageArticle, Report } from './types';
import type { Retriever } from './corpus-index';
import { segment } from './segment';

export interface AnalyzeOptions {
  /** Time spent extracting the page, to be reported in timings. */
  extractMs?: number;
  /** Time spent building the index, to be reported in timings. */
  indexMs?: number;
}

// PLACEHOLDER (owned by the index/related/report work): reports every page as unrelated.
export function analyzePage(page: PageArticle, _index: Retriever, opts: AnalyzeOptions = {}): Report {
  const t0 = performance.now();
  const sentences = segment(page.text);
  return {
    schemaVersion: 1,
    page: {
      title: page.title,
      url: page.url,
      outlet: page.outlet,
      chars: page.text.length,
      sentences: sentences.length,
    },
    related: false,
    selfSourceId: null,
    sources: [],
    passages: [],
    discrepancies: [],
    timings: { extractMs: opts.extractMs ?? 0, indexMs: opts.indexMs, analyzeMs: performance.now() - t0 },
    text: page.text,
  };
}
