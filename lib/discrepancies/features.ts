/**
 * What the learned decision (decision.ts) sees of one candidate discrepancy: its kind and check,
 * how much wording the two sides share, how long the differing phrases are, how many candidates
 * the pair has, and the evidence score of the rule that proposed it (slot, role, closeness).
 * The names are stored with the weights, so a model file trained on other features is refused.
 */
import type { ClaimCheck, DiscrepancyKind } from '../types';
import type { FactDiffWithContext } from './side';

const KINDS: DiscrepancyKind[] = ['number', 'date', 'designation', 'name', 'quote', 'negation', 'claim'];
const CHECKS: ClaimCheck[] = ['status', 'modality', 'quantifier', 'polarity', 'agent', 'tally', 'lexical'];

export const FEATURE_NAMES: string[] = [
  'bias',
  'prior',
  'coverage',
  'coverage^2',
  'length-ratio',
  'phrase-words',
  'candidates',
  ...KINDS.map((k) => `kind:${k}`),
  ...CHECKS.map((c) => `check:${c}`),
  ...KINDS.map((k) => `prior*kind:${k}`),
];

export interface PairContext {
  coverage: number;
  /** Word counts of the two sides. */
  pageWords: number;
  referenceWords: number;
  /** Candidates proposed for this pair (all kinds, before the decision). */
  candidates: number;
}

const wordCount = (s: string): number => s.split(/\s+/).filter(Boolean).length;

export function featuresOf(d: FactDiffWithContext, ctx: PairContext): number[] {
  const short = Math.min(ctx.pageWords, ctx.referenceWords);
  const long = Math.max(ctx.pageWords, ctx.referenceWords, 1);
  const phrase = Math.max(wordCount(d.page), wordCount(d.reference));
  return [
    1,
    d.confidence,
    ctx.coverage,
    ctx.coverage * ctx.coverage,
    short / long,
    Math.min(phrase, 12) / 12,
    Math.min(ctx.candidates, 6) / 6,
    ...KINDS.map((k) => (d.kind === k ? 1 : 0)),
    ...CHECKS.map((c) => (d.check === c ? 1 : 0)),
    // The rule scores of different kinds mean different things: each kind gets its own slope.
    ...KINDS.map((k) => (d.kind === k ? d.confidence : 0)),
  ];
}
