/**
 * The first step of the pipeline: a page's sentences and what every later step reads about them,
 * made once per page. Retrieval reads the term profile, alignment the prepared sentences, the
 * relation the counts; with sentence vectors (the semantic pass) each sentence also gets its
 * fused-comparison form and the page its document vector. See docs/decisions/013-pipeline.md.
 */
import { prepareText, type PreparedText } from './align';
import type { AnalysisCache } from './analysis-cache';
import { normalizeForIdentity, termProfile, type TermProfile } from './corpus-index';
import { documentVector } from './document-vectors';
import type { FusionText } from './fusion';
import { fusionTexts } from './passages';
import { segment } from './segment';
import { isStatement } from './relation';
import type { PageArticle, Sentence } from './types';

export interface PageAnalysis {
  page: PageArticle;
  sentences: Sentence[];
  /** Terms, bigrams and anchors of the whole text (retrieval and the lexical decision). */
  profile: TermProfile;
  /** One prepared form per sentence, in order (lexical alignment). */
  prepared: readonly PreparedText[];
  /** Sentences that can carry a story (see `countable`). */
  countable: number;
  /** The text normalised for identity (lib/corpus-index.ts): the page's own copy is told by it. */
  identity: string;
  /** Present in the semantic pass: the page's sentence vectors and what is made from them. */
  meaning: PageMeaning | null;
}

export interface PageMeaning {
  /** One unit vector per sentence, in order. */
  vectors: readonly Float32Array[];
  /** One fused-comparison form per sentence, in order (lib/passages.ts). */
  texts: readonly FusionText[];
  /** Sentences that state something (see `statements`). */
  statements: number;
  /** The normalised mean of the sentence vectors: the page's place in retrieval by meaning. */
  document: Float32Array;
}

/** What a caller may already have made of the page's text (it is not made again). */
export interface KnownParts {
  sentences?: Sentence[];
  profile?: TermProfile;
}

/** Sentences and their analysis. */
export function analyzeSentences(page: PageArticle, known: KnownParts = {}): PageAnalysis {
  const sentences = known.sentences ?? segment(page.text);
  const prepared = sentences.map((s) => prepareText(s.text));
  return {
    page,
    sentences,
    profile: known.profile ?? termProfile(page.text),
    prepared,
    countable: countable(prepared),
    identity: normalizeForIdentity(page.text),
    meaning: null,
  };
}

/** The analysis with the page's sentence vectors (one per sentence, or the analysis unchanged). */
export function withMeaning(analysis: PageAnalysis, vectors: readonly Float32Array[]): PageAnalysis {
  if (vectors.length !== analysis.sentences.length || !vectors.length) return analysis;
  const texts = fusionTexts(analysis.prepared, vectors);
  return {
    ...analysis,
    meaning: { vectors, texts, statements: statements(texts), document: documentVector(vectors) },
  };
}

/** Sentences that can carry a story (not a bare link, heading or "Leave a Comment"). */
export function countable(prepared: readonly PreparedText[]): number {
  let n = 0;
  for (const p of prepared) if (p.terms.length >= 4 && !/^\s*https?:\/\/\S+\s*$/.test(p.text)) n++;
  return n;
}

/** Sentences that state something (lib/relation.ts `isStatement`): labels of the page never count. */
export function statements(texts: readonly FusionText[]): number {
  return texts.filter(isStatement).length;
}

/** What the cache keeps of one page text (AnalysisCache.pages). */
export interface PageEntry {
  text: string;
  /** Without meaning; its `page` is the first caller's (cachedAnalysis gives each caller its own). */
  analysis: PageAnalysis;
  /** The analysis with meaning for the last vectors it was given. */
  meant?: { vectors: readonly Float32Array[]; analysis: PageAnalysis };
  /** Anything else made of the text alone (the language guess: lib/report.ts). */
  memo: Map<string, unknown>;
}

/** The cache's entry for the page's text, made (analyzeSentences) when it has none. */
export function pageEntry(cache: AnalysisCache, page: PageArticle): PageEntry {
  const key = cache.pageKey(page.text);
  const known = cache.pages.get(key) as PageEntry | undefined;
  if (known && known.text === page.text) return known;
  const entry: PageEntry = { text: page.text, analysis: analyzeSentences(page), memo: new Map() };
  cache.pages.set(key, entry);
  return entry;
}

/** analyzeSentences through the cache: a page text is analysed once while it stays there. */
export function cachedAnalysis(cache: AnalysisCache, page: PageArticle): PageAnalysis {
  return withPage(pageEntry(cache, page).analysis, page);
}

/** withMeaning through the cache: kept for the page text while its vectors are the same. */
export function cachedMeaning(
  cache: AnalysisCache,
  analysis: PageAnalysis,
  vectors: readonly Float32Array[],
): PageAnalysis {
  const entry = pageEntry(cache, analysis.page);
  const m = entry.meant;
  if (m && sameVectors(m.vectors, vectors)) return withPage(m.analysis, analysis.page);
  const meant = withMeaning(analysis, vectors);
  entry.meant = { vectors, analysis: meant };
  return meant;
}

/** The analysis for this caller's page (same text; its title, URL or outlet may differ). */
const withPage = (a: PageAnalysis, page: PageArticle): PageAnalysis => (a.page === page ? a : { ...a, page });

/** Vector by vector: the same objects (an encoder's cache) or the same values. */
function sameVectors(a: readonly Float32Array[], b: readonly Float32Array[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (x.length !== y.length) return false;
    for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return false;
  }
  return true;
}
