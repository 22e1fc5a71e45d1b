/**
 * The second step: from the page's analysis to the articles worth aligning, through the
 * `Retriever` (lib/corpus-index.ts) — the page's own copy, if held, found and set aside, then the
 * best lexical candidates. See docs/decisions/013-pipeline.md.
 */
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
}

/** The Retriever's lexical ranking, from the page's term profile when the backend takes one. */
export function rankCandidates(index: Retriever, analysis: PageAnalysis, limit: number): Candidate[] {
  return index.rank
    ? index.rank(analysis.profile, limit)
    : index.candidates(analysis.page.text, analysis.sentences, limit);
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
  let ranked = rankCandidates(index, analysis, limit + 1);
  for (let copies = 0; selfIdentity !== undefined;) {
    const seen = ranked.filter((c) => c.articleId !== selfId && self(c.articleId)).length;
    if (seen <= copies) break;
    copies = seen;
    ranked = rankCandidates(index, analysis, limit + 1 + copies);
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
): Candidate[] {
  const doc = analysis.meaning?.document;
  if (!doc || !index.nearest || t.limit <= 0) return [];
  const held = new Set(lexical.slice(0, lexicalLimit).map((c) => c.articleId));
  const scoreOf = new Map(lexical.map((c) => [c.articleId, c.score]));
  const own = normalizeForIdentity(analysis.page.text);
  const out: Candidate[] = [];
  // Enough to fill the limit past the lexical candidates and the page's own copies.
  for (const n of index.nearest(doc, t.limit + held.size + 4)) {
    if (n.score < t.floor || out.length >= t.limit) break;
    if (held.has(n.articleId)) continue;
    const text = index.get(n.articleId)?.article.text;
    if (text === undefined || normalizeForIdentity(text) === own) continue;
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
): string[] {
  return rankCandidates(index, analysis, limit + 2).map((c) => c.articleId);
}

/** The page's own copy in the index, if held (it is never compared with itself). */
export function findSelf(analysis: PageAnalysis, index: Retriever): string | null {
  const { text } = analysis.page;
  const identical = index.findIdentical?.(text);
  if (identical) return identical;
  // The page itself, if held, is among the best candidates: identical to it, or held in it whole
  // with only site chrome around it (a captured page: ads, comment prompts, tweet links).
  const own = normalizeForIdentity(text);
  for (const c of rankCandidates(index, analysis, 3)) {
    const a = index.get(c.articleId)?.article;
    if (!a) continue;
    if (normalizeForIdentity(a.text) === own || normalizeForIdentity(`${a.title} ${a.text}`) === own)
      return a.id;
    if (holdsWhole(own, a.text)) return a.id;
  }
  return null;
}

/**
 * Every paragraph of the article, in order and word for word, inside the page, and the article is
 * most of the page. An altered copy changes a word, so one paragraph is not found and it is
 * compared like any other page.
 */
export function holdsWhole(pageIdentity: string, articleText: string): boolean {
  const paragraphs = articleText
    .split(/\n\s*\n/)
    .map(normalizeForIdentity)
    .filter((p) => p.length > 0);
  if (!paragraphs.length) return false;
  let from = 0;
  let held = 0;
  for (const p of paragraphs) {
    const at = pageIdentity.indexOf(p, from);
    if (at < 0) return false;
    from = at + p.length;
    held += p.length;
  }
  return held >= 0.6 * pageIdentity.length;
}
