/**
 * The second step: from the page's analysis to the articles worth aligning, through the
 * `Retriever` (lib/corpus-index.ts) — the page's own copy, if held, found and set aside, then the
 * best lexical candidates. See docs/decisions/013-pipeline.md.
 */
import type { AnalysisCache } from './analysis-cache';
import type { Candidate, IndexedArticle, Retriever } from './corpus-index';
import { normalizeForIdentity } from './corpus-index';
import { NEIGHBOURS, type NeighbourThresholds } from './document-vectors';
import type { PageAnalysis } from './page-analysis';

/**
 * Below this retrieval score a candidate shares too little vocabulary to be worth aligning
 * (on the tune dump, 1 related ECB+ pair of ~2,500 scored lower).
 */
export const MIN_RETRIEVAL = 0.04;
export const DEFAULT_CANDIDATES = 8;

/** A candidate with its article and, in the semantic pass, its sentence vectors. */
export interface RetrievedCandidate {
  candidate: Candidate;
  ref: IndexedArticle;
  /** One vector per sentence of `ref` (the semantic pass), or null (lexical only). */
  vectors: readonly Float32Array[] | null;
}

export interface RetrieveOptions {
  /** Most candidates returned (default DEFAULT_CANDIDATES). */
  limit?: number;
  /** Sentence vectors of an indexed article, when the semantic pass has them. */
  vectorsOf?: (articleId: string) => readonly Float32Array[] | undefined;
  /**
   * Articles near the page by document vector (`neighboursFor`), scored by their lexical
   * retrieval score: added after the lexical candidates when they have vectors.
   */
  neighbours?: readonly Candidate[];
  /** Rankings kept by retriever revision and page text (lib/analysis-cache.ts). */
  cache?: AnalysisCache;
  /**
   * The retriever's whole ranking for this page (every article it scores, best first), when the
   * caller made it already: the head of it is what a shorter ranking would return.
   */
  ranking?: readonly Candidate[];
}

/**
 * What retrieval made for this page text from this retriever at its revision, kept in the cache
 * (when there is one and the retriever tells its revision), else made.
 */
function retrieved<T>(
  cache: AnalysisCache | undefined,
  index: Retriever,
  analysis: PageAnalysis,
  what: string,
  make: () => T,
): T {
  const at = cache?.retrieverKey(index);
  if (!cache || !at) return make();
  return cache.retrievals.through(`${at}\u0000${cache.pageKey(analysis.page.text)}\u0000${what}`, make) as T;
}

/** The Retriever's lexical ranking, from the page's term profile when the backend takes one. */
export function rankCandidates(
  index: Retriever,
  analysis: PageAnalysis,
  limit: number,
  cache?: AnalysisCache,
  ranking?: readonly Candidate[],
): Candidate[] {
  // The ranking is a total order (score, then id), so a shorter one is its head.
  if (ranking) return ranking.slice(0, limit);
  return retrieved(cache, index, analysis, `rank ${limit}`, () =>
    index.rank
      ? index.rank(analysis.profile, limit)
      : index.candidates(analysis.page.text, analysis.sentences, limit),
  );
}

/** An indexed article's text normalised for identity, from the backend when it keeps it. */
function identityOf(index: Retriever, articleId: string): string | undefined {
  if (index.identity) return index.identity(articleId);
  const text = index.get(articleId)?.article.text;
  return text === undefined ? undefined : normalizeForIdentity(text);
}

/**
 * Whether a candidate is the page itself: its own copy (`selfId`), or another article with the
 * same text (a corpus may hold one wire story twice, as ECB+ holds 1_6 and 1_17). A page that is
 * an article of the corpus is not "covered" by a duplicate of itself.
 */
function isSelf(
  index: Retriever,
  selfId: string | null,
  selfIdentity: string | undefined,
  id: string,
): boolean {
  if (id === selfId) return true;
  return selfIdentity !== undefined && identityOf(index, id) === selfIdentity;
}

/**
 * The candidates to align, best first, the page's own copy (and any identical duplicate of it)
 * excluded. A candidate below MIN_RETRIEVAL is kept only when it has vectors: a paraphrased
 * retelling shares few rare words, and its passages decide.
 */
export function retrieveCandidates(
  analysis: PageAnalysis,
  index: Retriever,
  selfId: string | null,
  opts: RetrieveOptions = {},
): RetrievedCandidate[] {
  const limit = opts.limit ?? DEFAULT_CANDIDATES;
  const selfIdentity = selfId === null ? undefined : identityOf(index, selfId);
  const out: RetrievedCandidate[] = [];
  const self = (id: string) => isSelf(index, selfId, selfIdentity, id);
  // One more than the limit for the page's own copy, and one for each duplicate of it: the
  // page's copies take no candidate's place.
  let ranked = rankCandidates(index, analysis, limit + 1, opts.cache, opts.ranking);
  for (let copies = 0; selfIdentity !== undefined;) {
    const seen = ranked.filter((c) => c.articleId !== selfId && self(c.articleId)).length;
    if (seen <= copies) break;
    copies = seen;
    ranked = rankCandidates(index, analysis, limit + 1 + copies, opts.cache, opts.ranking);
  }
  for (const candidate of ranked) {
    if (self(candidate.articleId) || out.length >= limit) continue;
    const ref = index.get(candidate.articleId);
    const vectors = analysis.meaning && ref ? vectorsFor(ref, opts.vectorsOf?.(candidate.articleId)) : null;
    if (candidate.score < MIN_RETRIEVAL && !vectors) break;
    if (!ref) continue;
    out.push({ candidate, ref, vectors });
  }
  for (const candidate of opts.neighbours ?? []) {
    if (self(candidate.articleId) || out.some((c) => c.candidate.articleId === candidate.articleId)) continue;
    const ref = index.get(candidate.articleId);
    const vectors = analysis.meaning && ref ? vectorsFor(ref, opts.vectorsOf?.(candidate.articleId)) : null;
    if (ref && vectors) out.push({ candidate, ref, vectors });
  }
  return out;
}

/**
 * The articles whose document vectors are nearest the page's, at or above the floor, that the
 * lexical ranking `lexical` (best first) does not already hold in its first `lexicalLimit`;
 * each scored by its lexical retrieval score (0 when it shares no term), so that the decision
 * weighs the same evidence whichever way a candidate was found.
 */
export function neighboursFor(
  analysis: PageAnalysis,
  index: Retriever,
  lexical: readonly Candidate[],
  lexicalLimit: number,
  t: NeighbourThresholds = NEIGHBOURS,
  cache?: AnalysisCache,
): Candidate[] {
  const meaning = analysis.meaning;
  if (!meaning || !index.nearest || t.limit <= 0) return [];
  if (cache) {
    // The lexical ranking is the retriever's for this page text: kept under the same key.
    const what = `neighbours ${lexical.length} ${lexicalLimit} ${t.limit} ${t.floor} ${cache.vectorsKey(meaning.vectors)}`;
    return retrieved(cache, index, analysis, what, () =>
      neighboursFor(analysis, index, lexical, lexicalLimit, t),
    );
  }
  const doc = meaning.document;
  const held = new Set(lexical.slice(0, lexicalLimit).map((c) => c.articleId));
  const scoreOf = new Map(lexical.map((c) => [c.articleId, c.score]));
  const own = analysis.identity;
  const out: Candidate[] = [];
  // Enough to fill the limit past the lexical candidates and the page's own copies.
  for (const n of index.nearest(doc, t.limit + held.size + 4)) {
    if (n.score < t.floor || out.length >= t.limit) break;
    if (held.has(n.articleId)) continue;
    const identity = identityOf(index, n.articleId);
    if (identity === undefined || identity === own) continue;
    out.push({ articleId: n.articleId, score: scoreOf.get(n.articleId) ?? 0 });
  }
  return out;
}

/** Vectors that belong to the article as indexed: one per sentence, else none. */
function vectorsFor(
  ref: IndexedArticle,
  vectors: readonly Float32Array[] | undefined,
): readonly Float32Array[] | null {
  return vectors && vectors.length === ref.sentences.length ? vectors : null;
}

/**
 * The ids of the articles retrieveCandidates may return (self and limit applied there): what the
 * semantic pass needs vectors for. No retrieval floor: with vectors, a paraphrased retelling that
 * shares few rare words is still aligned, and the passages decide.
 */
export function candidateIdsFor(
  analysis: PageAnalysis,
  index: Retriever,
  limit = DEFAULT_CANDIDATES,
  cache?: AnalysisCache,
): string[] {
  return rankCandidates(index, analysis, limit + 2, cache).map((c) => c.articleId);
}

/** The page's own copy in the index, if held (it is never compared with itself). */
export function findSelf(
  analysis: PageAnalysis,
  index: Retriever,
  cache?: AnalysisCache,
  ranking?: readonly Candidate[],
): string | null {
  return retrieved(cache, index, analysis, 'self', () => findSelfIn(analysis, index, ranking));
}

function findSelfIn(analysis: PageAnalysis, index: Retriever, ranking?: readonly Candidate[]): string | null {
  const { text } = analysis.page;
  const identical = index.findIdentical?.(text);
  if (identical) return identical;
  // The page itself, if held, is among the best candidates: identical to it, or held in it whole
  // with only site chrome around it (a captured page: ads, comment prompts, tweet links).
  const own = analysis.identity;
  for (const c of rankCandidates(index, analysis, 3, undefined, ranking)) {
    const a = index.get(c.articleId)?.article;
    if (!a) continue;
    const identity = identityOf(index, a.id) ?? normalizeForIdentity(a.text);
    if (identity === own) return a.id;
    // The headline-and-text form ends with the text's (the two are joined by a space, which
    // normalisation keeps as the one separator): only then is it worth making.
    if (own.endsWith(identity) && normalizeForIdentity(`${a.title} ${a.text}`) === own) return a.id;
    if (holdsWhole(own, a.text, identity.length)) return a.id;
  }
  return null;
}

/**
 * Every paragraph of the article, in order and word for word, inside the page, and the article is
 * most of the page. An altered copy changes a word, so one paragraph is not found and it is
 * compared like any other page.
 */
export function holdsWhole(
  pageIdentity: string,
  articleText: string,
  articleIdentityLength?: number,
): boolean {
  // The paragraphs' normalised lengths add up to at most the whole text's (joined by one space
  // each): an article too short to be most of the page is not, and need not be normalised.
  if (articleIdentityLength !== undefined && articleIdentityLength < 0.6 * pageIdentity.length) return false;
  let from = 0;
  let held = 0;
  let paragraphs = 0;
  // One paragraph at a time: the first one not found ends it (an altered copy, or another text).
  for (const part of articleText.split(/\n\s*\n/)) {
    const p = normalizeForIdentity(part);
    if (!p.length) continue;
    paragraphs++;
    const at = pageIdentity.indexOf(p, from);
    if (at < 0) return false;
    from = at + p.length;
    held += p.length;
  }
  return paragraphs > 0 && held >= 0.6 * pageIdentity.length;
}
