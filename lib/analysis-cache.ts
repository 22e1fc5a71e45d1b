/**
 * What the pipeline keeps between two analyses, so that the same page again (a tab switch, a
 * reload, the side panel reopened) only assembles its report, and a page analysed again after
 * the corpus changed only aligns the candidates that changed. Pure data, owned by the caller (the
 * extension's background keeps one for its life; the CLI one per run): lib/ keeps nothing
 * between calls without it. See docs/decisions/013-pipeline.md "Caches".
 *
 * Each store is bounded by entries and forgets the least recently used. Keys hold everything a
 * result depends on, so nothing is ever invalidated by hand:
 * - `pages`: by page text — its sentences, their analysis, the language guess; with the page's
 *   vectors, the analysis with meaning (kept while the vectors are the same).
 * - `retrievals`: by retriever (object and revision: an added, replaced or removed article or a
 *   new document vector is a new revision), page text and candidate limit — the rankings, the
 *   page's own copy, the neighbours by meaning.
 * - `alignments`: by page text and outlet, and the candidate's id, text, outlet and vectors — the
 *   lexical sentence scores and the fused alignment with its evidence. Not the decision: it reads
 *   the corpus' document frequencies and the retrieval score, so it is made again, cheaply.
 * - `pairs`: by the two passages' texts — discrepancies and word alignment of one aligned pair.
 */
import type { IndexedArticle, Retriever } from './corpus-index';
import { hashString } from './hash';

/** A map that keeps at most `limit` entries, forgetting the least recently used. */
export class Lru<V> {
  private readonly map = new Map<string, V>();

  constructor(readonly limit: number) {
    if (!(limit >= 1)) throw new Error(`an LRU holds at least one entry (got ${limit})`);
  }

  get size(): number {
    return this.map.size;
  }

  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    // Re-inserted: a Map iterates in insertion order, so the first key is the least recent.
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }

  set(key: string, value: V): void {
    this.map.delete(key);
    this.map.set(key, value);
    while (this.map.size > this.limit) {
      const first = this.map.keys().next();
      if (first.done) break;
      this.map.delete(first.value);
    }
  }

  /** The value kept for `key`, else `make()`'s, kept. */
  through(key: string, make: () => V): V {
    const known = this.get(key);
    if (known !== undefined) return known;
    const v = make();
    this.set(key, v);
    return v;
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  clear(): void {
    this.map.clear();
  }
}

export interface CacheLimits {
  /** Pages (sentences, analysis, meaning): ~0.5–1 MB each for a 2,000-word page. */
  pages: number;
  /** Retrievals (candidate lists): small, one per page and corpus revision. */
  retrievals: number;
  /** Page × candidate alignments: ~8–12 per page (the candidates), ~20–100 kB each. */
  alignments: number;
  /** Aligned passage pairs' discrepancies and word alignment: ~40–80 per page, ~2 kB each. */
  pairs: number;
}

/**
 * About 32 pages' worth (a reader's open tabs and recent ones): a few tens of MB at most, beside
 * the encoder's own cache of sentence vectors (ext/semantic-engine.ts).
 */
export const DEFAULT_CACHE_LIMITS: CacheLimits = {
  pages: 32,
  retrievals: 64,
  alignments: 512,
  pairs: 4096,
};

export class AnalysisCache {
  /** By page text (lib/page-analysis.ts `cachedAnalysis`). */
  readonly pages: Lru<unknown>;
  /** By retriever, revision, page text and options (lib/candidates.ts). */
  readonly retrievals: Lru<unknown>;
  /** By page and candidate content (lib/related.ts through lib/report.ts). */
  readonly alignments: Lru<unknown>;
  /** By the two passages' texts (lib/comparison.ts). */
  readonly pairs: Lru<unknown>;
  private readonly retrieverIds = new WeakMap<object, number>();
  private nextRetriever = 0;
  private readonly articleKeys = new WeakMap<IndexedArticle, string>();
  private readonly vectorKeys = new WeakMap<readonly Float32Array[], string>();
  private readonly textKeys = new Lru<string>(256);

  constructor(limits: Partial<CacheLimits> = {}) {
    const l = { ...DEFAULT_CACHE_LIMITS, ...limits };
    this.pages = new Lru(l.pages);
    this.retrievals = new Lru(l.retrievals);
    this.alignments = new Lru(l.alignments);
    this.pairs = new Lru(l.pairs);
  }

  /**
   * The retriever as part of a key: which object, at which revision. Null when the retriever
   * does not tell its revision (it could change unseen): nothing retrieved from it is kept.
   */
  retrieverKey(index: Retriever): string | null {
    if (index.revision === undefined) return null;
    let id = this.retrieverIds.get(index);
    if (id === undefined) this.retrieverIds.set(index, (id = this.nextRetriever++));
    return `${id}.${index.revision}`;
  }

  /** An indexed article's content as a key: id, outlet, title and text (not the object: a rebuilt index makes new ones). */
  articleKey(indexed: IndexedArticle): string {
    let k = this.articleKeys.get(indexed);
    if (k === undefined) {
      const { id, outlet, title, text } = indexed.article;
      k = `${id}\u0000${outlet}\u0000${textKey(`${title}\u0000${text}`)}`;
      this.articleKeys.set(indexed, k);
    }
    return k;
  }

  /** A page text as a key (a hash and the length: a page is not kept by its whole text twice). */
  pageKey(text: string): string {
    return this.textKeys.through(text, () => textKey(text));
  }

  /** Sentence vectors as a key: their content, so that the same vectors read again (a new array) still match. */
  vectorsKey(vectors: readonly Float32Array[]): string {
    let k = this.vectorKeys.get(vectors);
    if (k === undefined) this.vectorKeys.set(vectors, (k = hashVectors(vectors)));
    return k;
  }

  clear(): void {
    for (const s of [this.pages, this.retrievals, this.alignments, this.pairs, this.textKeys]) s.clear();
  }

  /** Entries per store (the background's diagnostics, the tests). */
  sizes(): Record<keyof CacheLimits, number> {
    return {
      pages: this.pages.size,
      retrievals: this.retrievals.size,
      alignments: this.alignments.size,
      pairs: this.pairs.size,
    };
  }
}

/** A text as a key: its 53-bit hash (lib/hash.ts) and its length. */
export function textKey(text: string): string {
  return `${hashString(text)}.${text.length}`;
}

/** The bits of every vector, hashed the same way (vectors equal to the bit give the same key). */
function hashVectors(vectors: readonly Float32Array[]): string {
  let h1 = 0xdeadbeef ^ vectors.length;
  let h2 = 0x41c6ce57;
  for (const v of vectors) {
    const bits = new Uint32Array(v.buffer, v.byteOffset, v.length);
    for (let i = 0; i < bits.length; i++) {
      const c = bits[i]!;
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    h1 = Math.imul(h1 ^ v.length, 2246822507);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `${(h1 >>> 0).toString(36)}${(h2 >>> 0).toString(36)}.${vectors.length}`;
}
