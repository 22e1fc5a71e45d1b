/**
 * The first step of the pipeline: a page's sentences and what every later step reads about them,
 * made once per page. Retrieval reads the term profile, alignment the prepared sentences, the
 * relation the counts; with sentence vectors (the semantic pass) each sentence also gets its
 * fused-comparison form and the page its document vector. See docs/decisions/013-pipeline.md.
 */
import { prepareText, type PreparedText } from './align';
import { termProfile, type TermProfile } from './corpus-index';
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
