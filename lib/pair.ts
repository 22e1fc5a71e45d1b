/**
 * One pair of sentences or passages compared, as the `compare` command prints it.
 * Similarity comes from the aligner; the verdict adds the discrepancy check on top.
 */
import { ALIGN_THRESHOLD, similarity } from './align';
import { compareSentences, explainDiscrepancy } from './discrepancies';
import type { PairResult } from './types';

/**
 * Below the alignment threshold a pair is still "the same passage with a changed fact" when the
 * shorter side's wording is mostly repeated in order by the other side and a confident
 * discrepancy explains the rest: short sentences that differ in one number score low on word
 * overlap measures, yet are plainly the same passage.
 */
const SAME_PASSAGE_COVERAGE = 0.6;
const SAME_PASSAGE_CONFIDENCE = 0.7;

function clamp01(x: number): number {
  if (!Number.isFinite(x)) return 0;
  return Math.min(1, Math.max(0, x));
}

export function comparePair(id: string, a: string, b: string, outlet = 'the reference'): PairResult {
  const sim = clamp01(similarity(a, b));
  const { diffs, coverage } = compareSentences(a, b);
  const aligned =
    sim >= ALIGN_THRESHOLD ||
    (coverage >= SAME_PASSAGE_COVERAGE && diffs.some((d) => d.confidence >= SAME_PASSAGE_CONFIDENCE));
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
