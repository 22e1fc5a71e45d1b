/**
 * Facts of two aligned sentences (or passages) compared. Both sides are assumed to report the same
 * thing; a fact counts as a discrepancy only when the other side states the SAME fact (same role:
 * the number of troops vs the number of troops) with another value. Facts present on one side
 * only are extra detail, never a conflict. See docs/decisions/003-discrepancies.md.
 *
 * Modules: `side` (word alignment), `equivalence`, `entities`, `scoring` (pairing typed facts),
 * `negation`, `quotes`, `claims`, `status` (claim checks), `phrases` (what the reader is shown),
 * `explanation`.
 */
import { analyze, type Fact } from '../facts';
import { claimDiffs } from './claims';
import { acronymSatisfied, fold } from './entities';
import { isSatisfied } from './equivalence';
import { sharedAfter } from './explanation';
import { negationDiffs } from './negation';
import { readable } from './phrases';
import { quoteDiffs } from './quotes';
import { scoreCandidate, type Candidate } from './scoring';
import { decisionFor, MODEL_THRESHOLD, probability, RULE_THRESHOLD } from './decision';
import { featuresOf, semanticFeaturesOf, type CandidateContext, type PairContext } from './features';
import { agentDiffs, modalityDiffs, modalSwaps, quantifierDiffs, statusDiffs } from './status';
import { diffWords, makeSide, MAX_CHARS, type FactDiffWithContext, type Side } from './side';

export { explainDiscrepancy } from './explanation';
export { wordAlignment, wordDiff, type WordDiffPart } from './word-diff';
export { nameType, sameEntity, type NameType } from './entities';
export type { FactDiffWithContext } from './side';

/**
 * Discrepancies below this confidence are not reported: the weak signals (a changed word outside
 * the contrast lexicon, "no X" vs "X") are too often paraphrase. They remain available through
 * `minConfidence: 0` for ranking.
 */
export const MIN_CONFIDENCE = MODEL_THRESHOLD;

export interface FindOptions {
  /** Report discrepancies at or above this confidence (default MIN_CONFIDENCE). */
  minConfidence?: number;
  /**
   * Every candidate with the evidence score of the rule that proposed it, before the learned
   * decision (for training it: scripts/train-claims.ts).
   */
  candidates?: boolean;
  /**
   * The encoder cosine of two texts (the two sentences, then each candidate's two phrases), when
   * the caller has their vectors (lib/encoder.ts; synchronous: embed first, then look up). With
   * it the semantic decision decides; without it, or when it returns undefined, the lexical one.
   */
  similarity?: (a: string, b: string) => number | undefined;
}

/** A candidate's features, for training the decision (scripts/train-claims.ts). */
export interface CandidateFeatures {
  lexical: number[];
  /** Undefined without a similarity for the sentences and the phrases. */
  semantic?: number[];
}

export function findDiscrepancies(
  pageText: string,
  referenceText: string,
  opts: FindOptions = {},
): FactDiffWithContext[] {
  return compareSentences(pageText, referenceText, opts).diffs;
}

export interface SentenceComparison {
  diffs: FactDiffWithContext[];
  /** Words in common (in order) over the words of the shorter side, 0..1. */
  coverage: number;
  /** What the decision saw of the pair. */
  context?: PairContext;
  /** With `candidates`: each diff's features, in the order of `diffs`. */
  features?: CandidateFeatures[];
}

/** The discrepancies and how much of the shorter side's wording the other side repeats. */
export function compareSentences(
  pageText: string,
  referenceText: string,
  opts: FindOptions = {},
): SentenceComparison {
  const min = opts.minConfidence ?? MIN_CONFIDENCE;
  if (!pageText.trim() || !referenceText.trim()) return { diffs: [], coverage: 0 };
  // Aligned units are sentences or short passages; a runaway input (a whole page pasted into one
  // JSONL line) is compared on its head so that the cost stays bounded.
  const p = makeSide(analyze(pageText.length > MAX_CHARS ? pageText.slice(0, MAX_CHARS) : pageText));
  const r = makeSide(
    analyze(referenceText.length > MAX_CHARS ? referenceText.slice(0, MAX_CHARS) : referenceText),
  );
  const matched = diffWords(p, r);
  const coverage = matched / Math.max(1, Math.min(p.words.length, r.words.length));
  const out: FactDiffWithContext[] = [];
  const takenP = new Set<number>();
  const takenR = new Set<number>();

  for (const kind of ['designation', 'tally', 'number', 'date', 'name'] as const) {
    const pf = p.a.facts.filter((f) => f.kind === kind);
    const rf = r.a.facts.filter((f) => f.kind === kind);
    if (!pf.length || !rf.length) continue;
    const folded = (side: Side) => new Set(side.a.tokens.filter((t) => t.word).map((t) => fold(t.lower)));
    const rFold = kind === 'name' ? folded(r) : undefined;
    const pFold = kind === 'name' ? folded(p) : undefined;
    const acro = (f: Fact, own: Side, other: Side) =>
      f.kind === 'name' && acronymSatisfied(own.a.tokens, f.tokStart, f.tokEnd, other.a.tokens);
    const pu = pf.filter((f) => !isSatisfied(f, rf, rFold) && !acro(f, p, r));
    const ru = rf.filter((f) => !isSatisfied(f, pf, pFold) && !acro(f, r, p));
    if (!pu.length || !ru.length) continue;
    const lonely = pu.length === 1 && ru.length === 1;
    const cands: Candidate[] = [];
    for (const fp of pu)
      for (const fr of ru) {
        const c = scoreCandidate(p, r, fp, fr, coverage, lonely);
        if (c) cands.push(c);
      }
    cands.sort((x, y) => (y.rank ?? y.confidence) - (x.rank ?? x.confidence));
    const usedP = new Set<Fact>();
    const usedR = new Set<Fact>();
    const chosen: Candidate[] = [];
    for (const c of cands) {
      if (usedP.has(c.fp) || usedR.has(c.fr)) continue;
      usedP.add(c.fp);
      usedR.add(c.fr);
      chosen.push(c);
    }
    // Several numbers all different (prices, index levels, counts) read as two reports from
    // different moments rather than one altered fact.
    const scale =
      kind === 'number' && chosen.length >= 3 ? 0.5 : kind === 'number' && chosen.length === 2 ? 0.85 : 1;
    for (const c of chosen) {
      c.confidence *= scale;
      for (let k = c.fp.tokStart; k < c.fp.tokEnd; k++) takenP.add(k);
      for (let k = c.fr.tokStart; k < c.fr.tokEnd; k++) takenR.add(k);
      const d: FactDiffWithContext = {
        kind: c.kind,
        page: c.fp.text,
        reference: c.fr.text,
        confidence: round2(c.confidence),
        pageSpan: [c.fp.start, c.fp.end],
        referenceSpan: [c.fr.start, c.fr.end],
      };
      if (c.check) d.check = c.check;
      const ctx = sharedAfter(p, r, c.fp, c.fr);
      if (ctx) d.context = ctx;
      out.push(d);
    }
  }
  out.push(...quoteDiffs(p, r, takenP, takenR));
  if (coverage >= 0.3) out.push(...negationDiffs(p, r, takenP, takenR));
  out.push(...statusDiffs(p, r, coverage, takenP, takenR));
  out.push(...modalityDiffs(p, r, coverage));
  out.push(...quantifierDiffs(p, r, coverage));
  out.push(...modalSwaps(p, r));
  out.push(...agentDiffs(p, r, coverage));
  out.push(...claimDiffs(p, r, coverage, takenP, takenR));
  out.sort((x, y) => (x.pageSpan?.[0] ?? 0) - (y.pageSpan?.[0] ?? 0));
  const context: PairContext = {
    coverage,
    pageWords: p.words.length,
    referenceWords: r.words.length,
    candidates: out.length,
  };
  const sim = opts.similarity;
  const sentenceCosine = sim && out.length ? sim(pageText, referenceText) : undefined;
  if (sentenceCosine !== undefined) context.sentenceCosine = sentenceCosine;
  const candidateContext = (d: FactDiffWithContext): CandidateContext => {
    const c: CandidateContext = { changedElsewhere: changedElsewhere(p, r, d) };
    const phraseCosine = sentenceCosine !== undefined && sim ? sim(d.page, d.reference) : undefined;
    if (phraseCosine !== undefined) c.phraseCosine = phraseCosine;
    return c;
  };
  if (opts.candidates) {
    const features = out.map((d) => {
      const c = candidateContext(d);
      const f: CandidateFeatures = { lexical: featuresOf(d, context, c) };
      const sem = semanticFeaturesOf(d, context, c);
      if (sem) f.semantic = sem;
      return f;
    });
    return { diffs: out, coverage, context, features };
  }
  const lexical = decisionFor(false);
  const semantic = sentenceCosine !== undefined ? decisionFor(true) : undefined;
  if (lexical || semantic)
    for (const d of out) {
      const c = candidateContext(d);
      const sem = semantic && semanticFeaturesOf(d, context, c);
      const [decision, x] = semantic && sem ? [semantic, sem] : [lexical, featuresOf(d, context, c)];
      // No phrase vector and no lexical model, or a candidate outside the model's scope: the
      // rule score stands.
      if (!decision || (decision.openOnly && (d.kind !== 'claim' || d.check))) continue;
      const conf = probability(x, decision.weights) - decision.threshold + RULE_THRESHOLD;
      d.confidence = round2(Math.min(1, Math.max(0, conf)));
    }
  // The reader's phrases and subjects, after the decision and on the spans it decided on.
  const diffs = oncePerSpan(out.filter((d) => d.confidence >= min)).map((d) => readable(p, r, d));
  return { diffs, coverage, context };
}

/** Share of both sides' words that the other side does not repeat, outside the diff's phrases. */
function changedElsewhere(p: Side, r: Side, d: FactDiffWithContext): number {
  const outside = (s: Side, span?: [number, number]) => {
    let n = 0;
    for (const i of s.words) {
      const t = s.a.tokens[i];
      if (!t || (s.match[i] ?? -1) >= 0) continue;
      if (span && t.start >= span[0] && t.end <= span[1]) continue;
      n++;
    }
    return n;
  };
  const total = p.words.length + r.words.length;
  return total ? (outside(p, d.pageSpan) + outside(r, d.referenceSpan)) / total : 0;
}

const overlaps = (a?: [number, number], b?: [number, number]): boolean =>
  !!a && !!b && a[0] < b[1] && b[0] < a[1];

/** Two checks that found the same change (a negation and a quantifier on "no"/"all"): the stronger. */
function oncePerSpan(diffs: FactDiffWithContext[]): FactDiffWithContext[] {
  const kept: FactDiffWithContext[] = [];
  for (const d of [...diffs].sort((x, y) => y.confidence - x.confidence))
    if (!kept.some((k) => overlaps(k.pageSpan, d.pageSpan) && overlaps(k.referenceSpan, d.referenceSpan)))
      kept.push(d);
  return diffs.filter((d) => kept.includes(d));
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
