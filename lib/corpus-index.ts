import type { Article, Sentence } from './types';
import { segment } from './segment';

/** An article prepared for comparison: its sentences are computed once, at index time. */
export interface IndexedArticle {
  article: Article;
  sentences: Sentence[];
}

export interface Candidate {
  articleId: string;
  /** Retrieval score in 0..1 (how much vocabulary/passages the page shares with the article). */
  score: number;
}

/**
 * Candidate retrieval behind one small interface, so that a server-side search backend can later
 * replace the in-memory index without touching alignment or discrepancy detection.
 */
export interface Retriever {
  candidates(pageText: string, pageSentences: Sentence[], limit: number): Candidate[];
  get(articleId: string): IndexedArticle | undefined;
  readonly size: number;
}

export interface CorpusIndex extends Retriever {
  articles(): IndexedArticle[];
}

// PLACEHOLDER (owned by the index/related/report work): returns every article.
export function buildIndex(articles: Article[]): CorpusIndex {
  const items = new Map(articles.map((a) => [a.id, { article: a, sentences: segment(a.text) }]));
  return {
    size: items.size,
    get: (id) => items.get(id),
    articles: () => [...items.values()],
    candidates: (_text, _sents, limit) =>
      [...items.keys()].slice(0, limit).map((articleId) => ({ articleId, score: 0 })),
  };
}
