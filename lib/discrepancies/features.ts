/**
 * What the learned decision (decision.ts) sees of one candidate discrepancy: its kind and check,
 * how much wording the two sides share, how much of it changed outside the candidate's phrases,
 * how long the differing phrases are, how many candidates the pair has, the evidence score of the
 * rule that proposed it (slot, role, closeness) and, when the caller has sentence vectors
 * (lib/encoder.ts), the encoder cosine of the two sentences and of the two differing phrases.
 * The names are stored with the weights, so a model file trained on other features is refused.
 */
import type { ClaimCheck, DiscrepancyKind } from '../types';
import type { FactDiffWithContext } from './side';

const KINDS: DiscrepancyKind[] = ['number', 'date', 'designation', 'name', 'quote', 'negation', 'claim'];
const CHECKS: ClaimCheck[] = ['status', 'modality', 'quantifier', 'polarity', 'agent', 'tally', 'lexical'];

/** Features of the decision without sentence vectors. */
export const FEATURE_NAMES: string[] = [
  'bias',
  'prior',
  'coverage',
  'coverage^2',
  'length-ratio',
  'phrase-words',
  'candidates',
  'changed-elsewhere',
  'changed-elsewhere*claim',
  'capitalised',
  ...KINDS.map((k) => `kind:${k}`),
  ...CHECKS.map((c) => `check:${c}`),
  ...KINDS.map((k) => `prior*kind:${k}`),
  ...CHECKS.map((c) => `prior*check:${c}`),
];

/** With sentence vectors: the same, and the encoder's view of the pair and of the two phrases. */
export const SEMANTIC_FEATURE_NAMES: string[] = [
  ...FEATURE_NAMES,
  'cos-sentences',
  'cos-phrases',
  'cos-phrases*claim',
  'cos-phrases*name',
];

export interface PairContext {
  coverage: number;
  /** Word counts of the two sides. */
  pageWords: number;
  referenceWords: number;
  /** Candidates proposed for this pair (all kinds, before the decision). */
  candidates: number;
  /** Encoder cosine of the two sentences, when the caller has their vectors. */
  sentenceCosine?: number;
}

/** What one candidate adds to its pair's context. */
export interface CandidateContext {
  /** Share of both sides' words unmatched outside the candidate's two phrases, 0..1. */
  changedElsewhere: number;
  /** Encoder cosine of the two phrases, when the caller has their vectors. */
  phraseCosine?: number;
}

const wordCount = (s: string): number => s.split(/\s+/).filter(Boolean).length;
const capitalised = (s: string): boolean => /^\p{Lu}/u.test(s.trim());

export function featuresOf(d: FactDiffWithContext, ctx: PairContext, cand: CandidateContext): number[] {
  const short = Math.min(ctx.pageWords, ctx.referenceWords);
  const long = Math.max(ctx.pageWords, ctx.referenceWords, 1);
  const phrase = Math.max(wordCount(d.page), wordCount(d.reference));
  const claim = d.kind === 'claim' ? 1 : 0;
  return [
    1,
    d.confidence,
    ctx.coverage,
    ctx.coverage * ctx.coverage,
    short / long,
    Math.min(phrase, 12) / 12,
    Math.min(ctx.candidates, 6) / 6,
    cand.changedElsewhere,
    cand.changedElsewhere * claim,
    capitalised(d.page) && capitalised(d.reference) ? 1 : 0,
    ...KINDS.map((k) => (d.kind === k ? 1 : 0)),
    ...CHECKS.map((c) => (d.check === c ? 1 : 0)),
    // The rule scores of different kinds mean different things: each kind gets its own slope.
    ...KINDS.map((k) => (d.kind === k ? d.confidence : 0)),
    ...CHECKS.map((c) => (d.check === c ? d.confidence : 0)),
  ];
}

/** featuresOf() and the encoder features; undefined when a vector is missing. */
export function semanticFeaturesOf(
  d: FactDiffWithContext,
  ctx: PairContext,
  cand: CandidateContext,
): number[] | undefined {
  if (ctx.sentenceCosine === undefined || cand.phraseCosine === undefined) return undefined;
  const c = cand.phraseCosine;
  return [
    ...featuresOf(d, ctx, cand),
    ctx.sentenceCosine,
    c,
    d.kind === 'claim' ? c : 0,
    d.kind === 'name' ? c : 0,
  ];
}
