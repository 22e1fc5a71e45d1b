/**
 * "Same passage" as one learned score: the sentence encoder's cosine fused with the lexical
 * similarity of lib/align.ts and the specific values and names two passages share or do not.
 * The weights are fitted by `npm run train` (scripts/train.ts) on training sets only and read
 * from lib/fusion-weights.json. See docs/decisions/010-sentence-encoder.md.
 */
import { isCapitalized, isStopToken, tokenize } from './text';
import { similarityPrepared, type PreparedText } from './align';
import { cosine } from './encoder';
import WEIGHTS from './fusion-weights.json';
import { logisticScore, type StandardisedLogistic } from './logistic';

/** A passage ready for fused comparison: lexical terms, sentence vector, specifics. */
export interface FusionText {
  prepared: PreparedText;
  vector: Float32Array;
  specifics: Specifics;
}

/** The specific values and names of a passage: what pins it to one statement of one story. */
export interface Specifics {
  numbers: ReadonlySet<string>;
  names: ReadonlySet<string>;
  /** Content tokens (for the length ratio). */
  length: number;
}

export function specificsOf(text: string): Specifics {
  const toks = tokenize(text).filter((t) => !isStopToken(t));
  const words = toks.filter((t) => t.kind === 'word');
  // In Title Case headlines capitals say nothing about names. Stricter than lib/align.ts (half):
  // a short news sentence can be mostly names ("The New York Times reported ... Mexico").
  const caps = words.filter((t) => isCapitalized(t.text)).length;
  const titleCase = words.length >= 3 && caps >= 0.8 * words.length;
  const numbers = new Set<string>();
  const names = new Set<string>();
  toks.forEach((t, i) => {
    if (t.kind === 'number') numbers.add(t.norm);
    else if (t.kind === 'acronym') names.add(t.norm);
    else if (!titleCase && i > 0 && t.start > 0 && isCapitalized(t.text)) names.add(t.norm);
  });
  return { numbers, names, length: toks.length };
}

export const FEATURES = [
  'cosine',
  'lexical',
  'cosineXlexical',
  'namesShared',
  'namesUnmatched',
  'numbersShared',
  'numbersConflict',
  'lengthRatio',
  'coverageMin',
  'coverageMax',
  'unmatchedLog',
  'negationMismatch',
] as const;

const NEGATIONS = new Set(['not', 'no', 'never', 'nor', "n't", 'without']);

function shared(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

/** Whether a prepared text holds a negation (kept per text: a sentence meets many others). */
const negations = new WeakMap<PreparedText, boolean>();
function negated(p: PreparedText): boolean {
  let n = negations.get(p);
  if (n === undefined) negations.set(p, (n = p.terms.some((t) => NEGATIONS.has(t))));
  return n;
}

/** Term ids both texts hold: ids are unique and ascending, one per term key, so one merge walk. */
function commonTerms(a: PreparedText, b: PreparedText): number {
  const x = a.ids;
  const y = b.ids;
  let n = 0;
  for (let i = 0, j = 0; i < x.length && j < y.length;) {
    const u = x[i]!;
    const v = y[j]!;
    if (u === v) {
      n++;
      i++;
      j++;
    } else if (u < v) i++;
    else j++;
  }
  return n;
}

/** pairFeatures written into `out` (one buffer for the scorers of many pairs: no allocation). */
function featuresInto(
  out: Float64Array,
  a: FusionText,
  b: FusionText,
  lexical: number | undefined,
  cos: number | undefined,
): Float64Array {
  cos ??= cosine(a.vector, b.vector);
  const lex = lexical ?? similarityPrepared(a.prepared, b.prepared);
  const sa = a.specifics;
  const sb = b.specifics;
  const ns = shared(sa.names, sb.names);
  const nMin = Math.min(sa.names.size, sb.names.size);
  const nAll = sa.names.size + sb.names.size;
  const us = shared(sa.numbers, sb.numbers);
  const uMin = Math.min(sa.numbers.size, sb.numbers.size);
  // Both state numbers and each has one the other lacks: a changed or another figure.
  const conflict = uMin > 0 && us < sa.numbers.size && us < sb.numbers.size ? 1 : 0;
  const len = Math.min(sa.length, sb.length) / Math.max(1, sa.length, sb.length);
  // Term coverage of each side (exact term keys): a passage whose every word is in the other but
  // that adds a clause is "mostly equivalent", not "equivalent".
  const na = a.prepared.ids.length;
  const nb = b.prepared.ids.length;
  const common = commonTerms(a.prepared, b.prepared);
  const ca = na ? common / na : 0;
  const cb = nb ? common / nb : 0;
  const unmatched = na + nb - 2 * common;
  out[0] = cos;
  out[1] = lex;
  out[2] = cos * lex;
  out[3] = nMin ? ns / nMin : 0;
  out[4] = nAll ? (nAll - 2 * ns) / nAll : 0;
  out[5] = uMin ? us / uMin : 0;
  out[6] = conflict;
  out[7] = len;
  out[8] = Math.min(ca, cb);
  out[9] = Math.max(ca, cb);
  out[10] = Math.log1p(unmatched);
  out[11] = negated(a.prepared) !== negated(b.prepared) ? 1 : 0;
  return out;
}

/** The feature vector of a pair (order of FEATURES); symmetric in a and b. */
export function pairFeatures(a: FusionText, b: FusionText, lexical?: number, cos?: number): number[] {
  return Array.from(featuresInto(new Float64Array(FEATURES.length), a, b, lexical, cos));
}

export interface FusionWeights extends StandardisedLogistic {
  /** Fused score at or above which two passages are the same passage. */
  threshold: number;
  /**
   * Lower floor for a pair of sentences that are each other's best counterpart (by encoder
   * cosine) within two articles: enough that they share details (STS >= 2 vs < 1, train split).
   */
  mutualFloor: number;
}

export const FUSION: FusionWeights = WEIGHTS;

/** Fused similarity in 0..1 from a feature vector. */
export function fusedScore(f: readonly number[], w: FusionWeights = FUSION): number {
  return logisticScore(f, w);
}

export function fusedSimilarity(a: FusionText, b: FusionText, lexical?: number): number {
  return fusedScore(pairFeatures(a, b, lexical));
}

const SHARED = FEATURES.indexOf('numbersShared');
const CONFLICT = FEATURES.indexOf('numbersConflict');

/**
 * The score with which alignment decides "same passage": the fused score as if the two passages'
 * numbers agreed. STS grades a changed figure as less similar, and rightly; but a passage retold
 * with a changed figure is the one passage Parallax must set side by side, so that the
 * discrepancy check (lib/discrepancies.ts) can flag it.
 */
export function samePassageFeatures(f: readonly number[]): number[] {
  return asAgreeing([...f]);
}

/** `f` (a feature vector, changed in place) with its numbers taken as agreeing. */
function asAgreeing<T extends number[] | Float64Array>(f: T): T {
  if (f[CONFLICT]) {
    f[CONFLICT] = 0;
    f[SHARED] = 1;
  }
  return f;
}

/** The buffer samePassageScore fills for each pair (scorers call it tens of thousands of times a page). */
const scratch = new Float64Array(FEATURES.length);

export function samePassageScore(a: FusionText, b: FusionText, lexical?: number, cos?: number): number {
  // samePassageFeatures in place: the same values, without two arrays a pair.
  return logisticScore(asAgreeing(featuresInto(scratch, a, b, lexical, cos)), FUSION);
}

/** The threshold of the fused score above which two passages are one passage told twice. */
export const SAME_PASSAGE = FUSION.threshold;
export const MUTUAL_FLOOR = FUSION.mutualFloor;
