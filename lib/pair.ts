/**
 * One pair of sentences or passages compared, as the `compare` command prints it. "Same passage"
 * is the decision alignment uses: the lexical one (lib/align.ts ALIGN_THRESHOLD) for the pairs
 * the lexical pass decides, and for the others, when the pair's sentence vectors are given, the
 * fused alignment's (lib/passages.ts scorePairs, lib/fusion.ts). The verdict adds the
 * discrepancy check on top (ADR 013).
 */
import { ALIGN_THRESHOLD, prepareText, similarity, similarityPrepared } from './align';
import { compareSentences, explainDiscrepancy } from './discrepancies';
import { SAME_PASSAGE, samePassageScore, specificsOf } from './fusion';
import { scorePairs } from './passages';
import type { PairResult } from './types';

/**
 * Below the alignment threshold a pair is still "the same passage with a changed fact" when the
 * shorter side's wording is mostly repeated in order by the other side and a confident
 * discrepancy explains the rest: short sentences that differ in one number score low on word
 * overlap measures, yet are plainly the same passage.
 */
const SAME_PASSAGE_COVERAGE = 0.6;
const SAME_PASSAGE_CONFIDENCE = 0.7;

/**
 * Pairs the lexical pass decides without the encoder: at or above ALIGN_THRESHOLD they are the
 * same passage, and below LEXICAL_UNRELATED (no real shared wording) they are not. Of the pairs
 * the fused score aligns, under 1% of STS train and MSRP pairs fall below this (ADR 010).
 */
export const LEXICAL_UNRELATED = 0.1;

/** Whether a pair needs its sentence vectors to be decided (the lexical pass cannot tell). */
export function needsVectors(a: string, b: string): boolean {
  const lex = similarityPrepared(prepareText(a), prepareText(b));
  return lex >= LEXICAL_UNRELATED && lex < ALIGN_THRESHOLD;
}

/**
 * The fused alignment's decision for one pair, by its own scorer (lib/passages.ts scorePairs: the
 * cosine gate, then the fused score at SAME_PASSAGE). Its other rule, a pair that is each
 * sentence's best counterpart in the other article (MUTUAL_FLOOR), needs the articles around
 * the pair: a lone pair has none, so it is not applied here.
 */
function samePassage(a: string, b: string, vectors: readonly [Float32Array, Float32Array]) {
  const fa = { prepared: prepareText(a), vector: vectors[0], specifics: specificsOf(a) };
  const fb = { prepared: prepareText(b), vector: vectors[1], specifics: specificsOf(b) };
  const scored = scorePairs([fa], [fb], SAME_PASSAGE)[0]?.get(0);
  return { same: scored !== undefined, score: clamp01(scored ?? samePassageScore(fa, fb)) };
}

function clamp01(x: number): number {
  if (!Number.isFinite(x)) return 0;
  return Math.min(1, Math.max(0, x));
}

export function comparePair(
  id: string,
  a: string,
  b: string,
  outlet = 'the reference',
  vectors?: readonly [Float32Array, Float32Array],
): PairResult {
  const lexical = clamp01(similarity(a, b));
  const fused =
    vectors && lexical >= LEXICAL_UNRELATED && lexical < ALIGN_THRESHOLD ? samePassage(a, b, vectors) : null;
  const sim = fused ? fused.score : lexical;
  const same = fused ? fused.same : lexical >= ALIGN_THRESHOLD;
  const { diffs, coverage } = compareSentences(a, b);
  const aligned =
    same || (coverage >= SAME_PASSAGE_COVERAGE && diffs.some((d) => d.confidence >= SAME_PASSAGE_CONFIDENCE));
  if (!aligned) return { id, similarity: round3(sim), verdict: 'unrelated', discrepancies: [] };
  const discrepancies = diffs.map((d) => ({
    kind: d.kind,
    page: d.page,
    reference: d.reference,
    confidence: d.confidence,
    explanation: explainDiscrepancy(d, outlet),
  }));
  return { id, similarity: round3(sim), verdict: discrepancies.length ? 'differ' : 'agree', discrepancies };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
