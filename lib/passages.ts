/**
 * Aligned passages from the fused "same passage" score (lib/fusion.ts): every page sentence
 * against every sentence of one reference article, one-to-one and greedy by score, tolerant of
 * reordering and of a sentence split in two on the other side. The encoder's cosine gates the
 * work: only pairs whose cosine could reach the threshold get the lexical and specifics features.
 * See docs/decisions/010-sentence-encoder.md.
 */
import {
  mergePrepared,
  oneToOne,
  prepareText,
  similarityAgainst,
  type AlignCandidate,
  type AlignedPair,
  type PreparedText,
} from './align';
import { stripDateline } from './dateline';
import { MUTUAL_FLOOR, SAME_PASSAGE, samePassageScore, specificsOf, type FusionText } from './fusion';

export interface AlignFusedOptions {
  /** Minimum fused score of an aligned pair; SAME_PASSAGE by default. */
  threshold?: number;
  /** Try one sentence against two consecutive sentences of the other side (default true). */
  merge?: boolean;
}

/**
 * Below this cosine a pair is not scored: of the pairs the fused score aligns, none of 2,366 STS
 * train pairs and 3 of 3,606 MSRP pairs have a lower cosine (measured when it was chosen).
 */
export const COSINE_GATE = 0.4;
const MERGE_MARGIN = 0.05;

/** Kept per prepared array and vector array (an index keeps both per article): made once. */
const textCache = new WeakMap<readonly PreparedText[], WeakMap<readonly Float32Array[], FusionText[]>>();
/** The prepared array a FusionText array was made from: the lexical side's caches are keyed by it. */
const preparedOf = new WeakMap<readonly FusionText[], readonly PreparedText[]>();

export function fusionTexts(
  prepared: readonly PreparedText[],
  vectors: readonly Float32Array[],
): FusionText[] {
  let byVectors = textCache.get(prepared);
  if (!byVectors) textCache.set(prepared, (byVectors = new WeakMap()));
  let out = byVectors.get(vectors);
  if (!out) {
    out = prepared.map((p, i) => {
      // A dateline ("WASHINGTON –") is where the desk filed from: never what two passages share.
      const text = stripDateline(p.text);
      const q = text === p.text ? p : prepareText(text);
      return { prepared: q, vector: vectors[i]!, specifics: specificsOf(text) };
    });
    byVectors.set(vectors, out);
    // Kept stable with `out` (a stripped dateline gives other prepared texts than the index's).
    const own = out.map((o) => o.prepared);
    preparedOf.set(out, own.every((q, i) => q === prepared[i]) ? prepared : own);
  }
  return out;
}

function mergeTexts(a: FusionText, b: FusionText): FusionText {
  const v = new Float32Array(a.vector.length);
  let s = 0;
  for (let i = 0; i < v.length; i++) {
    const x = (a.vector[i] ?? 0) + (b.vector[i] ?? 0);
    v[i] = x;
    s += x * x;
  }
  const k = s > 0 ? 1 / Math.sqrt(s) : 0;
  for (let i = 0; i < v.length; i++) v[i] = (v[i] ?? 0) * k;
  const prepared = mergePrepared([a.prepared, b.prepared]);
  return { prepared, vector: v, specifics: specificsOf(prepared.text) };
}

/** Fused score of every gated pair: rows by page sentence, ref index -> score. */
export function scorePairs(
  page: readonly FusionText[],
  ref: readonly FusionText[],
  floor: number,
): Array<Map<number, number>> {
  // The lexical similarity through the reference's fuzzy links (kept with its prepared array,
  // so across pages): the same value as pairFeatures would compute, at a fraction of the cost.
  const lexical = similarityAgainst(preparedOf.get(ref) ?? ref.map((r) => r.prepared));
  return page.map((p) => {
    const row = new Map<number, number>();
    const a = p.vector;
    const n = a.length;
    for (let j = 0; j < ref.length; j++) {
      const r = ref[j]!;
      const b = r.vector;
      let cos = 0;
      for (let k = 0; k < n; k++) cos += a[k]! * b[k]!;
      if (cos < COSINE_GATE) continue;
      const s = samePassageScore(p, r, lexical(p.prepared, j), cos);
      if (s >= floor) row.set(j, s);
    }
    return row;
  });
}

export function alignFused(
  page: readonly FusionText[],
  ref: readonly FusionText[],
  opts: AlignFusedOptions = {},
): AlignedPair[] {
  const threshold = opts.threshold ?? SAME_PASSAGE;
  const merge = opts.merge ?? true;
  // Parts of a merge may each score below the threshold: keep the near misses for merging.
  const floor = Math.min(threshold, MUTUAL_FLOOR);
  const rows = scorePairs(page, ref, merge ? floor - 0.15 : floor);
  // A pair that is each sentence's best counterpart in the other article needs less (MUTUAL_FLOOR):
  // the article's other sentences are its context.
  const colBest = new Map<number, { i: number; s: number }>();
  rows.forEach((row, i) => {
    for (const [j, s] of row) if (s > (colBest.get(j)?.s ?? -1)) colBest.set(j, { i, s });
  });
  const cands: AlignCandidate[] = [];
  rows.forEach((row, i) => {
    let best = -1;
    let bestS = -1;
    for (const [j, s] of row) if (s > bestS) [best, bestS] = [j, s];
    for (const [j, s] of row) {
      const mutual = j === best && colBest.get(j)?.i === i;
      if (s >= threshold || (mutual && s >= MUTUAL_FLOOR && threshold >= SAME_PASSAGE))
        cands.push({ page: [i], ref: [j], similarity: s, rank: s });
    }
  });
  if (merge) {
    const mp = new Map<number, FusionText>();
    const mr = new Map<number, FusionText>();
    const at = (memo: Map<number, FusionText>, xs: readonly FusionText[], k: number) => {
      let m = memo.get(k);
      if (!m) memo.set(k, (m = mergeTexts(xs[k]!, xs[k + 1]!)));
      return m;
    };
    const tryMerge = (pi: number[], rj: number[], base: number) => {
      const a = pi.length === 1 ? page[pi[0]!]! : at(mp, page, pi[0]!);
      const b = rj.length === 1 ? ref[rj[0]!]! : at(mr, ref, rj[0]!);
      const s = samePassageScore(a, b);
      if (s >= threshold && s >= base + MERGE_MARGIN)
        cands.push({ page: pi, ref: rj, similarity: s, rank: s - MERGE_MARGIN });
    };
    rows.forEach((row, i) => {
      for (const [j, s] of row) {
        if (j + 1 < ref.length && row.has(j + 1)) tryMerge([i], [j, j + 1], Math.max(s, row.get(j + 1)!));
        const next = rows[i + 1];
        if (next?.has(j)) tryMerge([i, i + 1], [j], Math.max(s, next.get(j)!));
      }
    });
  }
  return oneToOne(cands, page.length, ref.length);
}
