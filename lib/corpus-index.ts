import type { Article, Sentence } from './types';
import { segment } from './segment';
import { isStopToken, stem, tokenize } from './text';
import { prepareText, type PreparedText } from './align';

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
  /**
   * Inverse document frequency of a term (see `termProfile`); a backend that cannot tell returns
   * a neutral value. Optional so that a minimal backend stays minimal.
   */
  idf?(term: string): number;
  /** The term profile of an indexed article, when the backend keeps it. */
  profile?(articleId: string): TermProfile | undefined;
  /** Id of an article whose text is identical to `text` after normalisation, if any. */
  findIdentical?(text: string): string | undefined;
  /** The article's sentences prepared for alignment, made once per article and kept. */
  prepared?(articleId: string): readonly PreparedText[] | undefined;
  /** `candidates` for a page whose term profile is already made (saves tokenising it twice). */
  rank?(page: TermProfile, limit: number): Candidate[];
}

export interface CorpusIndex extends Retriever {
  articles(): IndexedArticle[];
  idf(term: string): number;
  profile(articleId: string): TermProfile | undefined;
  findIdentical(text: string): string | undefined;
  rank(page: TermProfile, limit: number): Candidate[];
  prepared(articleId: string): readonly PreparedText[] | undefined;
  /** Adds (or replaces, by id) articles without rebuilding the rest. */
  addArticles(articles: Article[]): void;
  removeArticles(ids: string[]): void;
}

/** What retrieval and the related decision know about a text, independent of the corpus. */
export interface TermProfile {
  /** Term -> count: content-word stems, and `a b` bigrams of consecutive content stems. */
  tf: Map<string, number>;
  /** Proper names and numbers (as the same term keys as `tf`), the story's anchors. */
  anchors: Set<string>;
  /** Number of content words. */
  length: number;
}

/** Builds the term profile of a text. */
export function termProfile(text: string): TermProfile {
  const tf = new Map<string, number>();
  const anchors = new Set<string>();
  const words = contentWords(text);
  let prev: string | undefined;
  for (const w of words) {
    tf.set(w.term, (tf.get(w.term) ?? 0) + 1);
    if (w.anchor) anchors.add(w.term);
    if (prev !== undefined && !w.afterBreak) {
      const bi = `${prev} ${w.term}`;
      tf.set(bi, (tf.get(bi) ?? 0) + 1);
    }
    prev = w.term;
  }
  return { tf, anchors, length: words.length };
}

interface Entry {
  indexed: IndexedArticle;
  profile: TermProfile;
  identity: string;
  /** Euclidean norm of the tf-idf vector; recomputed when document frequencies change. */
  norm: number;
  /** Prepared on first use: only candidates are ever aligned, so most articles never need it. */
  prepared?: PreparedText[];
}

/** Sub-linear term frequency: a word repeated ten times is not ten times the evidence. */
const tfWeight = (n: number): number => 1 + Math.log(n);

class MemoryIndex implements CorpusIndex {
  private entries = new Map<string, Entry>();
  private df = new Map<string, number>();
  private byIdentity = new Map<string, string>();
  private normsStale = true;

  get size(): number {
    return this.entries.size;
  }

  get(articleId: string): IndexedArticle | undefined {
    return this.entries.get(articleId)?.indexed;
  }

  articles(): IndexedArticle[] {
    return [...this.entries.values()].map((e) => e.indexed);
  }

  profile(articleId: string): TermProfile | undefined {
    return this.entries.get(articleId)?.profile;
  }

  prepared(articleId: string): readonly PreparedText[] | undefined {
    const e = this.entries.get(articleId);
    if (!e) return undefined;
    e.prepared ??= e.indexed.sentences.map((x) => prepareText(x.text));
    return e.prepared;
  }

  idf(term: string): number {
    // Steep enough that a word every article of a small, single-topic corpus uses counts for little.
    return Math.log((this.entries.size + 1) / ((this.df.get(term) ?? 0) + 0.5));
  }

  findIdentical(text: string): string | undefined {
    return this.byIdentity.get(normalizeForIdentity(text));
  }

  addArticles(articles: Article[]): void {
    for (const a of articles) this.insert({ article: a, sentences: segment(a.text) }, termProfile(a.text));
  }

  /** Inserts an article whose sentences and profile are already known (loading a saved index). */
  insert(indexed: IndexedArticle, profile: TermProfile): void {
    const { article } = indexed;
    if (this.entries.has(article.id)) this.removeArticles([article.id]);
    const identity = normalizeForIdentity(article.text);
    this.entries.set(article.id, { indexed, profile, identity, norm: 0 });
    // Pages often carry the headline above the text; either form is "the same text".
    this.byIdentity.set(identity, article.id);
    this.byIdentity.set(normalizeForIdentity(`${article.title}\n\n${article.text}`), article.id);
    for (const t of profile.tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    this.normsStale = true;
  }

  removeArticles(ids: string[]): void {
    for (const id of ids) {
      const e = this.entries.get(id);
      if (!e) continue;
      this.entries.delete(id);
      for (const [k, v] of this.byIdentity) if (v === id) this.byIdentity.delete(k);
      for (const t of e.profile.tf.keys()) {
        const n = (this.df.get(t) ?? 1) - 1;
        if (n <= 0) this.df.delete(t);
        else this.df.set(t, n);
      }
      this.normsStale = true;
    }
  }

  private postings: Map<string, Array<[Entry, number]>> | undefined;

  private refresh(): void {
    if (!this.normsStale) return;
    const postings = new Map<string, Array<[Entry, number]>>();
    for (const e of this.entries.values()) {
      let sq = 0;
      for (const [t, n] of e.profile.tf) {
        const w = tfWeight(n) * this.idf(t);
        sq += w * w;
        let list = postings.get(t);
        if (!list) postings.set(t, (list = []));
        list.push([e, w]);
      }
      e.norm = Math.sqrt(sq);
    }
    this.postings = postings;
    this.normsStale = false;
  }

  candidates(pageText: string, _pageSentences: Sentence[], limit: number): Candidate[] {
    return this.rank(termProfile(pageText), limit);
  }

  /** Tf-idf cosine over content stems and their bigrams: shared rare names and phrases dominate. */
  rank(page: TermProfile, limit: number): Candidate[] {
    this.refresh();
    const postings = this.postings!;
    const dot = new Map<Entry, number>();
    let sq = 0;
    for (const [t, n] of page.tf) {
      const w = tfWeight(n) * this.idf(t);
      sq += w * w;
      const list = postings.get(t);
      if (!list) continue;
      for (const [e, dw] of list) dot.set(e, (dot.get(e) ?? 0) + w * dw);
    }
    const pageNorm = Math.sqrt(sq);
    if (!pageNorm) return [];
    const out: Candidate[] = [];
    for (const [e, d] of dot) {
      if (e.norm) out.push({ articleId: e.indexed.article.id, score: Math.min(1, d / (pageNorm * e.norm)) });
    }
    out.sort((a, b) => b.score - a.score || (a.articleId < b.articleId ? -1 : 1));
    return out.slice(0, limit);
  }
}

export function buildIndex(articles: Article[]): CorpusIndex {
  const index = new MemoryIndex();
  index.addArticles(articles);
  return index;
}

/** Plain-JSON form of an index: sentences and term counts, so loading does not re-tokenise. */
export interface SerializedIndex {
  format: 'parallax-index';
  version: 1;
  articles: Array<{
    article: Article;
    sentences: Sentence[];
    tf: Array<[string, number]>;
    anchors: string[];
    length: number;
  }>;
}

export function serializeIndex(index: CorpusIndex): SerializedIndex {
  return {
    format: 'parallax-index',
    version: 1,
    articles: index.articles().map(({ article, sentences }) => {
      const p = index.profile(article.id) ?? termProfile(article.text);
      return { article, sentences, tf: [...p.tf], anchors: [...p.anchors], length: p.length };
    }),
  };
}

export function loadIndex(json: unknown): CorpusIndex {
  const data = json as Partial<SerializedIndex> | null;
  if (!data || data.format !== 'parallax-index' || data.version !== 1 || !Array.isArray(data.articles))
    throw new Error('not a serialised Parallax index (format parallax-index, version 1)');
  const index = new MemoryIndex();
  for (const a of data.articles) {
    index.insert(
      { article: a.article, sentences: a.sentences },
      { tf: new Map(a.tf), anchors: new Set(a.anchors), length: a.length },
    );
  }
  return index;
}

/**
 * Text identity for self-exclusion: case, Unicode forms, punctuation and spacing do not count;
 * a changed word or number does.
 */
export function normalizeForIdentity(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export interface ContentWord {
  term: string;
  /** A proper name (capitalised inside a sentence, or an acronym) or a number. */
  anchor: boolean;
  /** A sentence or paragraph boundary lies between this word and the previous content word. */
  afterBreak: boolean;
}

/** Content words of a text in order (H-ALIGN's tokens and stems), with the marks retrieval needs. */
export function contentWords(text: string): ContentWord[] {
  const out: ContentWord[] = [];
  let sentenceStart = true;
  let pendingBreak = true;
  let last = 0;
  for (const t of tokenize(text)) {
    const gap = text.slice(last, t.start);
    last = t.end;
    if (/[.!?]["\u201d')\]]*\s|\n/.test(gap)) sentenceStart = true;
    if (sentenceStart || /[:;|()]/.test(gap)) pendingBreak = true;
    const initial = sentenceStart;
    sentenceStart = false;
    if (isStopToken(t)) continue;
    const term = t.kind === 'word' ? stem(t.norm) : t.norm;
    const anchor =
      t.kind === 'number' ||
      (t.kind === 'acronym' && t.norm.length > 1) ||
      (/^\p{Lu}/u.test(t.text) && !initial);
    out.push({ term, anchor, afterBreak: pendingBreak });
    pendingBreak = false;
  }
  return out;
}
