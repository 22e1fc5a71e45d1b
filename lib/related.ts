/**
 * Same story or not. A reference article is related when it reports the same events as the page,
 * not merely the same topic: it must share the page's rare vocabulary (retrieval), its anchors
 * (the names and numbers that pin down one event: "Woodburn", "Tara Reid", "RC-135") and,
 * when the texts are long enough to tell, passages that align.
 * See docs/decisions/004-related-detection.md for how the weights were chosen.
 */
import { alignScored, prepareText, scoreSentences, type AlignedPair, type ScoredSentences } from './align';
import type { RetrievedCandidate } from './candidates';
import { MIN_RETRIEVAL } from './candidates';
import type { Retriever, TermProfile } from './corpus-index';
import { termProfile } from './corpus-index';
import type { FusionText } from './fusion';
import { countable, statements, type PageAnalysis } from './page-analysis';
import { alignFused, fusionTexts } from './passages';
import {
  decideRelation,
  outletWords,
  RELATION_THRESHOLDS,
  semanticEvidence,
  type SemanticEvidence,
} from './relation';
import type { Relation } from './types';
import { sigmoid } from './logistic';

export interface RelatedEvidence {
  /** Tf-idf cosine of page and reference (content stems and their bigrams), 0..1. */
  retrieval: number;
  /** Idf-weighted overlap coefficient of the anchors (names, acronyms, numbers), 0..1. */
  anchors: number;
  /**
   * Share of the shorter text's key anchors (its most repeated rare names and numbers, the
   * story's actors and places) that the other text mentions, 0..1. Look-alike events fail here:
   * another rehab has another celebrity.
   */
  keyAnchors: number;
  /** Idf-weighted share of the shorter text's word pairs ("rivet joint", "drone flight") the other uses, 0..1. */
  phrases: number;
  /** Aligned passages (page sentence runs matched to a reference passage). */
  aligned: number;
  /** Share of the shorter text's sentences that take part in an aligned passage, 0..1. */
  coverage: number;
  /** Like coverage, counting only pairs of similarity >= STRONG_PAIR: passages retold, not just the topic. */
  strongCoverage: number;
  /** Number of aligned page sentences in pairs of similarity >= STRONG_PAIR. */
  strongPairs: number;
  /** Mean similarity of the aligned passages, 0..1 (0 when none). */
  strength: number;
}

/**
 * How much of the rarer text's anchors the other shares, weighted by rarity: two stories about
 * one event name the same people, places and figures; look-alike events share only the common ones.
 */
export function anchorOverlap(page: TermProfile, ref: TermProfile, idf: (term: string) => number): number {
  let shared = 0;
  let sharedCount = 0;
  let pageMass = 0;
  let refMass = 0;
  for (const a of page.anchors) {
    const w = idf(a);
    pageMass += w;
    if (ref.tf.has(a)) {
      shared += w;
      sharedCount++;
    }
  }
  for (const a of ref.anchors) refMass += idf(a);
  const denom = Math.min(pageMass, refMass);
  return denom > 0 ? Math.min(1, shared / denom) * fewShrink(sharedCount) : 0;
}

export function phraseOverlap(page: TermProfile, ref: TermProfile, idf: (term: string) => number): number {
  const [short, long] = page.length <= ref.length ? [page, ref] : [ref, page];
  let shared = 0;
  let total = 0;
  for (const t of short.tf.keys()) {
    if (!t.includes(' ')) continue;
    const w = idf(t);
    total += w;
    if (long.tf.has(t)) shared += w;
  }
  return total > 0 ? shared / total : 0;
}

/** One shared name is too little to say "all of them": a text with a single anchor proves nothing. */
const fewShrink = (shared: number): number => Math.min(1, shared / 2);

const KEY_ANCHORS = 5;

/** A pair at least this similar is the same passage retold, not two sentences on one topic. */
export const STRONG_PAIR = 0.35;

export function keyAnchorOverlap(page: TermProfile, ref: TermProfile, idf: (term: string) => number): number {
  const [short, long] = page.length <= ref.length ? [page, ref] : [ref, page];
  // A name the corpus has never seen would outrank every name the story shares with it: rarity
  // is capped at that of the other text's rarest name.
  let cap = 0;
  for (const a of long.anchors) cap = Math.max(cap, idf(a));
  const ranked = [...short.anchors]
    .map((a) => ({ a, w: (1 + Math.log(short.tf.get(a) ?? 1)) * Math.min(idf(a), cap) }))
    .sort((x, y) => y.w - x.w || (x.a < y.a ? -1 : 1))
    .slice(0, KEY_ANCHORS);
  let shared = 0;
  let sharedCount = 0;
  let total = 0;
  for (const { a, w } of ranked) {
    total += w;
    if (long.tf.has(a)) {
      shared += w;
      sharedCount++;
    }
  }
  // A text without names or numbers has no key anchors to disagree on.
  if (!ranked.length) return 1;
  return total > 0 ? (shared / total) * fewShrink(sharedCount) : 0;
}

/**
 * Logistic combination of the evidence. The weights were fitted on the tune half of NewsWCL50,
 * ECB+ and MEANTIME (scripts/eval/related.ts) and rounded; the test half is reported separately.
 */
export const RELATED_WEIGHTS = {
  bias: -5.49,
  retrieval: 19.91,
  anchors: 4.48,
  phrases: 8.01,
  strongCoverage: 2.69,
  strength: 2.84,
};

/** Score at or above which a reference counts as the same story. */
export const RELATED_THRESHOLD = 0.4;

export function relatedScore(e: RelatedEvidence): number {
  const w = RELATED_WEIGHTS;
  const z =
    w.bias +
    w.retrieval * e.retrieval +
    w.anchors * e.anchors +
    w.phrases * e.phrases +
    w.strongCoverage * e.strongCoverage +
    w.strength * e.strength;
  return sigmoid(z);
}

/**
 * The second route to "same story": several passages retold (strong pairs over a good share of
 * the shorter text) and the story's key names shared. It holds where retrieval cannot tell, in a
 * small corpus on one topic; on the tune data it fires on under 1% of other-event pairs.
 */
export const RETOLD = { strongCoverage: 0.3, keyAnchors: 0.3, strongPairs: 4 };

export function retold(e: RelatedEvidence): boolean {
  return (
    e.strongCoverage >= RETOLD.strongCoverage &&
    e.keyAnchors >= RETOLD.keyAnchors &&
    e.strongPairs >= RETOLD.strongPairs
  );
}

/** Decision and score (0..1) of one reference: the logistic score, raised when passages are retold. */
export function decideRelated(e: RelatedEvidence): { score: number; related: boolean } {
  let score = relatedScore(e);
  if (retold(e)) score = Math.max(score, 0.5 + 0.5 * Math.min(1, e.strongCoverage));
  // A story shares at least one of its key names: without one, a high score is topic overlap
  // (on the tune half this drops a third of NewsWCL50/MEANTIME false relations for 3% of ECB+ recall).
  return { score, related: score >= RELATED_THRESHOLD && e.keyAnchors > 0 };
}

export function isRelated(e: RelatedEvidence): boolean {
  return decideRelated(e).related;
}

/** Alignment threshold for the related decision's evidence (below the display threshold). */
export const EVIDENCE_THRESHOLD = 0.3;

/** A candidate with its evidence, whether or not it is judged related (the eval reads these). */
export interface CandidateEvidence {
  articleId: string;
  evidence: RelatedEvidence;
  score: number;
  related: boolean;
  /** Set when related: the tier (lexical-only evidence can only say same-story). */
  relation: Relation | null;
  /** The semantic pass' evidence, when the candidate had vectors. */
  semantic?: SemanticEvidence;
  /** Whether the lexical decision alone (ADR 004) takes it as the same story. */
  lexicalRelated?: boolean;
  /** The passages set side by side in the report (empty when not related). */
  pairs: AlignedPair[];
}

/**
 * The relation step for one candidate: its passages aligned with the page's, and from them and
 * the shared anchors whether (and how) it relates. Lexically (ADR 004) without vectors; with
 * them, from the fused alignment and the facts it shares (lib/relation.ts, ADR 010).
 */
export function relateCandidate(
  analysis: PageAnalysis,
  { candidate, ref, vectors }: RetrievedCandidate,
  index: Retriever,
  memo: AlignmentMemo = NO_MEMO,
): CandidateEvidence {
  const idf = index.idf ? (t: string) => index.idf!(t) : () => 1;
  const refProfile = index.profile?.(candidate.articleId) ?? termProfile(ref.article.text);
  const refPrepared = index.prepared?.(candidate.articleId) ?? ref.sentences.map((x) => prepareText(x.text));
  // The lexical decision (ADR 004): retrieval, anchors, phrases and loosely aligned passages.
  // Without one shared key name a candidate cannot be related that way: no alignment.
  const anchored =
    candidate.score >= MIN_RETRIEVAL && keyAnchorOverlap(analysis.profile, refProfile, idf) > 0;
  // Sentence pairs are scored once; the evidence and the displayed passages are two selections.
  const scored = anchored
    ? memo.lexical(() => scoreSentences(analysis.prepared, refPrepared, EVIDENCE_THRESHOLD))
    : null;
  // Retold passages fall below the display threshold more often than not: the decision counts
  // pairs from EVIDENCE_THRESHOLD, without the costly merge pass.
  const loose = scored ? alignScored(scored, { threshold: EVIDENCE_THRESHOLD, merge: false }) : [];
  const evidence = measure(
    candidate.score,
    analysis.profile,
    refProfile,
    idf,
    loose,
    analysis.countable,
    anchored ? countable(refPrepared) : 1,
  );
  const lexical = decideRelated(evidence);
  const lexRelated = anchored && lexical.related;
  const meaning = analysis.meaning;
  if (!vectors || !meaning) {
    // Only related sources are shown: only they get the display alignment (with merged sentences).
    const pairs = lexRelated && scored ? alignScored(scored) : [];
    return {
      articleId: candidate.articleId,
      evidence,
      score: lexical.score,
      related: lexRelated,
      relation: lexRelated ? 'same-story' : null,
      pairs,
    };
  }
  // The semantic pass: passages aligned by the fused score, and the facts they share.
  const { pairs, semantic } = memo.fused(() => {
    const refTexts = fusionTexts(refPrepared, vectors);
    const pairs = alignFused(meaning.texts, refTexts);
    const semantic = semanticEvidence(
      meaning.texts,
      refTexts,
      pairs,
      Math.min(meaning.statements, referenceStatements(refTexts)),
      outletWords(analysis.page.outlet, ref.article.outlet),
    );
    return { pairs, semantic };
  });
  const relation: Relation | null = pairs.length
    ? lexRelated && RELATION_THRESHOLDS.lexicalRoute
      ? 'same-story'
      : decideRelation(semantic)
    : null;
  // The score shown per source: the lexical score, raised by how much of the shorter text both tell.
  const score =
    relation === 'same-story'
      ? Math.max(lexical.score, 0.5 + 0.5 * Math.min(1, semantic.coverage))
      : Math.min(0.49, lexical.score);
  return {
    articleId: candidate.articleId,
    evidence,
    score,
    related: relation !== null,
    relation,
    semantic,
    lexicalRelated: lexRelated,
    pairs,
  };
}

/**
 * Where relateCandidate keeps its two costly steps, which read the page's and the candidate's
 * texts, vectors and outlets only (lib/analysis-cache.ts keys them so): the lexical sentence
 * scores and the fused alignment with its evidence. The decision reads the corpus (document
 * frequencies, the retrieval score) and is always made again.
 */
export interface AlignmentMemo {
  lexical(make: () => ScoredSentences): ScoredSentences;
  fused(make: () => FusedAlignment): FusedAlignment;
}

export interface FusedAlignment {
  pairs: AlignedPair[];
  semantic: SemanticEvidence;
}

const NO_MEMO: AlignmentMemo = { lexical: (make) => make(), fused: (make) => make() };

/**
 * Statement counts of an article's fused texts, keyed by the array fusionTexts keeps per article
 * and vectors: an article is counted once, not once per page it is compared with.
 */
const statementCounts = new WeakMap<readonly FusionText[], number>();

function referenceStatements(texts: readonly FusionText[]): number {
  let n = statementCounts.get(texts);
  if (n === undefined) statementCounts.set(texts, (n = statements(texts)));
  return n;
}

export function measure(
  retrieval: number,
  page: TermProfile,
  ref: TermProfile,
  idf: (t: string) => number,
  pairs: readonly AlignedPair[],
  pageCount: number,
  refCount: number,
): RelatedEvidence {
  const covered = new Set<number>();
  let strong = 0;
  let sum = 0;
  for (const p of pairs) {
    for (const i of p.page) covered.add(i);
    if (p.similarity >= STRONG_PAIR) strong += p.page.length;
    sum += p.similarity;
  }
  return {
    retrieval,
    anchors: anchorOverlap(page, ref, idf),
    keyAnchors: keyAnchorOverlap(page, ref, idf),
    phrases: phraseOverlap(page, ref, idf),
    aligned: pairs.length,
    coverage: covered.size / Math.max(1, Math.min(pageCount, refCount)),
    strength: pairs.length ? sum / pairs.length : 0,
    strongCoverage: strong / Math.max(1, Math.min(pageCount, refCount)),
    strongPairs: strong,
  };
}
