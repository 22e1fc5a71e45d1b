import type { Article, Sentence } from './types';
import { segment } from './segment';
import { isStopToken, stem, tokenize } from './text';
import { prepareText, type PreparedText } from './align';
import { DocumentVectors } from './document-vectors';

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
  /** An indexed article's text normalised for identity (`normalizeForIdentity`), made once. */
  identity?(articleId: string): string | undefined;
  /** The article's sentences prepared for alignment, made once per article and kept. */
  prepared?(articleId: string): readonly PreparedText[] | undefined;
  /** `candidates` for a page whose term profile is already made (saves tokenising it twice). */
  rank?(page: TermProfile, limit: number): Candidate[];
  /**
   * The articles whose document vectors (lib/document-vectors.ts) are nearest a page's, best
   * first, score = cosine; only articles whose vector is known take part.
   */
  nearest?(documentVector: Float32Array, limit: number): Candidate[];
  /** Keeps an article's document vector (int8); dropped when the article is replaced or removed. */
  setDocumentVector?(articleId: string, vector: Float32Array): void;
  hasDocumentVector?(articleId: string): boolean;
  /** Every indexed article, when the backend can list them (an in-memory index can). */
  articles?(): IndexedArticle[];
  /**
   * Changes with every change of what retrieval can return (an article added, replaced or
   * removed, a document vector set), so that a cache (lib/analysis-cache.ts) can key by it.
   * A backend without it is never cached.
   */
  readonly revision?: number;
}

export interface CorpusIndex extends Retriever {
  articles(): IndexedArticle[];
  idf(term: string): number;
  profile(articleId: string): TermProfile | undefined;
  findIdentical(text: string): string | undefined;
  identity(articleId: string): string | undefined;
  rank(page: TermProfile, limit: number): Candidate[];
  prepared(articleId: string): readonly PreparedText[] | undefined;
  /** Adds (or replaces, by id) articles without rebuilding the rest. */
  addArticles(articles: Article[]): void;
  removeArticles(ids: string[]): void;
  nearest(documentVector: Float32Array, limit: number): Candidate[];
  setDocumentVector(articleId: string, vector: Float32Array): void;
  hasDocumentVector(articleId: string): boolean;
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

const URL = /\bhttps?:\/\/\S+|\bwww\.\S+/g;

/** Builds the term profile of a text. */
export function termProfile(text: string): TermProfile {
  const tf = new Map<string, number>();
  const anchors = new Set<string>();
  // Links are not story text: their ids would pass for rare names and numbers.
  const words = contentWords(text.replace(URL, ' '));
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
  identities: string[];
  slot: number;
  /** Euclidean norm of the tf-idf vector; recomputed when document frequencies change. */
  norm: number;
  /** Prepared on first use: only candidates are ever aligned, so most articles never need it. */
  prepared?: PreparedText[];
}

/** Sub-linear term frequency: a word repeated ten times is not ten times the evidence. */
const tfWeight = (n: number): number => 1 + Math.log(n);

interface Posting {
  entries: Entry[];
  counts: number[];
}

class MemoryIndex implements CorpusIndex {
  private entries = new Map<string, Entry>();
  private df = new Map<string, number>();
  private byIdentity = new Map<string, string>();
  private postings = new Map<string, Posting>();
  /** Dense numbering of entries, so that scores accumulate in a typed array. */
  private slots: Array<Entry | undefined> = [];
  private normsStale = true;
  private readonly vectors = new DocumentVectors();
  private changes = 0;

  get revision(): number {
    return this.changes;
  }

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

  nearest(documentVector: Float32Array, limit: number): Candidate[] {
    return this.vectors.nearest(documentVector, limit);
  }

  setDocumentVector(articleId: string, vector: Float32Array): void {
    if (!this.entries.has(articleId)) return;
    this.vectors.set(articleId, vector);
    this.changes++;
  }

  hasDocumentVector(articleId: string): boolean {
    return this.vectors.has(articleId);
  }

  idf(term: string): number {
    return idfOf(this.entries.size, this.df.get(term) ?? 0);
  }

  findIdentical(text: string): string | undefined {
    return this.byIdentity.get(normalizeForIdentity(text));
  }

  identity(articleId: string): string | undefined {
    return this.entries.get(articleId)?.identities[0];
  }

  addArticles(articles: Article[]): void {
    for (const a of articles) this.insert({ article: a, sentences: segment(a.text) }, termProfile(a.text));
  }

  /** Inserts an article whose sentences and profile are already known (loading a saved index). */
  insert(indexed: IndexedArticle, profile: TermProfile): void {
    const { article } = indexed;
    if (this.entries.has(article.id)) this.removeArticles([article.id]);
    // Pages often carry the headline above the text; either form is "the same text".
    const identities = [normalizeForIdentity(article.text)];
    identities.push(`${normalizeForIdentity(article.title)} ${identities[0]}`);
    const entry: Entry = { indexed, profile, identities, norm: 0, slot: this.slots.length };
    this.slots.push(entry);
    this.entries.set(article.id, entry);
    for (const k of identities) this.byIdentity.set(k, article.id);
    for (const [t, n] of profile.tf) {
      this.df.set(t, (this.df.get(t) ?? 0) + 1);
      let p = this.postings.get(t);
      if (!p) this.postings.set(t, (p = { entries: [], counts: [] }));
      p.entries.push(entry);
      p.counts.push(n);
    }
    this.normsStale = true;
    this.changes++;
  }

  removeArticles(ids: string[]): void {
    for (const id of ids) {
      const e = this.entries.get(id);
      if (!e) continue;
      this.entries.delete(id);
      this.vectors.delete(id);
      this.slots[e.slot] = undefined;
      for (const k of e.identities) if (this.byIdentity.get(k) === id) this.byIdentity.delete(k);
      for (const t of e.profile.tf.keys()) {
        const n = (this.df.get(t) ?? 1) - 1;
        if (n <= 0) {
          this.df.delete(t);
          this.postings.delete(t);
        } else {
          this.df.set(t, n);
          const p = this.postings.get(t);
          const at = p ? p.entries.indexOf(e) : -1;
          if (p && at >= 0) {
            p.entries.splice(at, 1);
            p.counts.splice(at, 1);
          }
        }
      }
      this.normsStale = true;
      this.changes++;
    }
  }

  /** Document norms depend on every document frequency: recomputed once after changes. */
  private refresh(): void {
    if (!this.normsStale) return;
    const n = this.entries.size;
    const idf = new Map<string, number>();
    for (const [t, d] of this.df) idf.set(t, idfOf(n, d));
    for (const e of this.entries.values()) {
      let sq = 0;
      for (const [t, c] of e.profile.tf) {
        const w = tfWeight(c) * (idf.get(t) ?? 0);
        sq += w * w;
      }
      e.norm = Math.sqrt(sq);
    }
    this.normsStale = false;
  }

  candidates(pageText: string, _pageSentences: Sentence[], limit: number): Candidate[] {
    return this.rank(termProfile(pageText), limit);
  }

  /** Tf-idf cosine over content stems and their bigrams: shared rare names and phrases dominate. */
  rank(page: TermProfile, limit: number): Candidate[] {
    this.refresh();
    const n = this.entries.size;
    const dot = new Float64Array(this.slots.length);
    const touched: number[] = [];
    let sq = 0;
    for (const [t, c] of page.tf) {
      const df = this.df.get(t) ?? 0;
      const idf = idfOf(n, df);
      const w = tfWeight(c) * idf;
      sq += w * w;
      const p = df ? this.postings.get(t) : undefined;
      if (!p) continue;
      for (let k = 0; k < p.entries.length; k++) {
        const slot = p.entries[k]!.slot;
        if (dot[slot] === 0) touched.push(slot);
        dot[slot]! += w * tfWeight(p.counts[k]!) * idf;
      }
    }
    const pageNorm = Math.sqrt(sq);
    if (!pageNorm) return [];
    const out: Candidate[] = [];
    for (const slot of touched) {
      const e = this.slots[slot];
      if (e?.norm)
        out.push({ articleId: e.indexed.article.id, score: Math.min(1, dot[slot]! / (pageNorm * e.norm)) });
    }
    out.sort((a, b) => b.score - a.score || (a.articleId < b.articleId ? -1 : 1));
    return out.slice(0, limit);
  }
}

/** Steep enough that a word every article of a small, single-topic corpus uses counts for little. */
function idfOf(docs: number, df: number): number {
  return Math.max(0, Math.log((docs + 1) / (df + 0.5)));
}

export function buildIndex(articles: Article[]): CorpusIndex {
  const index = new MemoryIndex();
  index.addArticles(articles);
  return index;
}

/** Plain-JSON form of an index: sentences and term counts, so loading does not re-tokenise. */
export interface SerializedIndex {
  format: 'parallax-index';
  version: 2;
  articles: Array<{
    article: Article;
    /** Sentence offsets as flat [start, end, paragraph, ...] triples: the text is the article's. */
    sentences: number[];
    /** Terms joined by newlines (no term holds one), and their counts in the same order. */
    terms: string;
    counts: number[];
    anchors: string[];
    length: number;
  }>;
}

export function serializeIndex(index: CorpusIndex): SerializedIndex {
  return {
    format: 'parallax-index',
    version: 2,
    articles: index.articles().map(({ article, sentences }) => {
      const p = index.profile(article.id) ?? termProfile(article.text);
      const flat = sentences.flatMap((x) => [x.start, x.end, x.paragraph]);
      return {
        article,
        sentences: flat,
        terms: [...p.tf.keys()].join('\n'),
        counts: [...p.tf.values()],
        anchors: [...p.anchors],
        length: p.length,
      };
    }),
  };
}

export function loadIndex(json: unknown): CorpusIndex {
  const data = json as Partial<SerializedIndex> | null;
  if (!data || data.format !== 'parallax-index' || data.version !== 2 || !Array.isArray(data.articles))
    throw new Error('not a serialised Parallax index (format parallax-index, version 2)');
  const index = new MemoryIndex();
  for (const a of data.articles) {
    index.insert(
      { article: a.article, sentences: unflatten(a.article.text, a.sentences) },
      { tf: zipTerms(a.terms, a.counts), anchors: new Set(a.anchors), length: a.length },
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

// Capitalised, but every story has a Tuesday: not a name that pins down one event.
const WEEKDAYS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

const stems = new Map<string, string>();
/** Stemming is the costly part of indexing; news vocabulary repeats, so remember the answers. */
function stemCached(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    if (stems.size > 200_000) stems.clear();
    s = stem(word);
    stems.set(word, s);
  }
  return s;
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
    const term = t.kind === 'word' ? stemCached(t.norm) : t.norm;
    const anchor =
      !WEEKDAYS.has(t.norm) &&
      (t.kind === 'number' ||
        (t.kind === 'acronym' && t.norm.length > 1) ||
        (/^\p{Lu}/u.test(t.text) && !initial));
    out.push({ term, anchor, afterBreak: pendingBreak });
    pendingBreak = false;
  }
  return out;
}

function unflatten(text: string, flat: number[]): Sentence[] {
  const out: Sentence[] = [];
  for (let i = 0; i + 2 < flat.length; i += 3) {
    const start = flat[i]!;
    const end = flat[i + 1]!;
    out.push({ text: text.slice(start, end), start, end, paragraph: flat[i + 2]! });
  }
  return out;
}

function zipTerms(terms: string, counts: number[]): Map<string, number> {
  const tf = new Map<string, number>();
  if (!terms) return tf;
  terms.split('\n').forEach((t, i) => tf.set(t, counts[i] ?? 1));
  return tf;
}
