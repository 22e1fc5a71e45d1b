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
  similarityRow,
  similarityWithin,
  type AlignCandidate,
  type AlignedPair,
  type PreparedText,
} from './align';
import { stripDateline } from './dateline';
import STRUCTURE from './alignment-structure.json';
import { cosine } from './encoder';
import { MUTUAL_FLOOR, SAME_PASSAGE, samePassageScore, specificsOf, type FusionText } from './fusion';

export interface AlignFusedOptions {
  /** Minimum fused score of an aligned pair; SAME_PASSAGE by default. */
  threshold?: number;
  /** Try one sentence against two consecutive sentences of the other side (default true). */
  merge?: boolean;
  /** The order route (`extendInOrder`); the fitted one (lib/alignment-structure.json) by default. */
  order?: OrderRoute | null;
}

/**
 * A pair the fused score alone leaves out is taken when the two sentences are each other's best
 * counterpart and sit in the order of the passages already aligned: an aligned pair ends at most
 * `window` sentences before both of them, or one begins at most `window` sentences after both (a
 * monotone run, as anchors interpolate a sequence alignment). Fitted, not set: see
 * scripts/eval/alignment-structure.ts and docs/decisions/010-sentence-encoder.md.
 */
export interface OrderRoute {
  /** Lowest fused score of a pair taken this way. */
  floor: number;
  /** How far (in sentences) the aligned neighbour may be on the nearer side. */
  window: number;
  /**
   * How far it may be on the farther side (`window` when absent): a retelling that keeps the
   * next sentence of one article may skip a few of the other's (what it leaves out). The fit
   * keeps it at `window` (a square window): wider is mostly chance order.
   */
  reach?: number;
}

export const ORDER_ROUTE: OrderRoute | null = STRUCTURE.order;

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

/**
 * Merged passages by their two sentences. The FusionText arrays are kept per article
 * (fusionTexts), so a merge made for one page is found again for the next page and for the
 * other orientation, instead of being rebuilt in every alignment.
 */
const mergeCache = new WeakMap<FusionText, WeakMap<FusionText, FusionText>>();

/** Two consecutive sentences as one passage (normalised sum of the vectors, merged terms). */
export function mergeTexts(a: FusionText, b: FusionText): FusionText {
  let byB = mergeCache.get(a);
  if (!byB) mergeCache.set(a, (byB = new WeakMap()));
  let m = byB.get(b);
  if (!m) byB.set(b, (m = buildMerge(a, b)));
  return m;
}

function buildMerge(a: FusionText, b: FusionText): FusionText {
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

/**
 * Every page × reference cosine, row-major (page sentence i, reference sentence j at i·m + j).
 * Two page vectors against two reference vectors at a time, so that each loaded value serves two
 * products: about twice as fast as one dot product after another. Each product is still summed
 * alone, from 0 and in dimension order, so every value is the very same as `cosine`'s.
 */
export function cosineMatrix(page: readonly FusionText[], ref: readonly FusionText[]): Float64Array {
  const n = page.length;
  const m = ref.length;
  const out = new Float64Array(n * m);
  const d = page[0]?.vector.length ?? 0;
  const same = page.every((p) => p.vector.length === d) && ref.every((r) => r.vector.length === d);
  if (!same) {
    for (let i = 0; i < n; i++)
      for (let j = 0; j < m; j++) out[i * m + j] = cosine(page[i]!.vector, ref[j]!.vector);
    return out;
  }
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const a0 = page[i]!.vector;
    const a1 = page[i + 1]!.vector;
    let j = 0;
    for (; j + 1 < m; j += 2) {
      const b0 = ref[j]!.vector;
      const b1 = ref[j + 1]!.vector;
      let c00 = 0;
      let c01 = 0;
      let c10 = 0;
      let c11 = 0;
      for (let k = 0; k < d; k++) {
        const x0 = a0[k]!;
        const x1 = a1[k]!;
        const y0 = b0[k]!;
        const y1 = b1[k]!;
        c00 += x0 * y0;
        c01 += x0 * y1;
        c10 += x1 * y0;
        c11 += x1 * y1;
      }
      out[i * m + j] = c00;
      out[i * m + j + 1] = c01;
      out[(i + 1) * m + j] = c10;
      out[(i + 1) * m + j + 1] = c11;
    }
    if (j < m) {
      out[i * m + j] = cosine(a0, ref[j]!.vector);
      out[(i + 1) * m + j] = cosine(a1, ref[j]!.vector);
    }
  }
  if (i < n) for (let j = 0; j < m; j++) out[i * m + j] = cosine(page[i]!.vector, ref[j]!.vector);
  return out;
}

/** Fused score of every gated pair: rows by page sentence, ref index -> score. */
export function scorePairs(
  page: readonly FusionText[],
  ref: readonly FusionText[],
  floor: number,
): Array<Map<number, number>> {
  // The lexical similarity through the reference's fuzzy links (kept with its prepared array,
  // so across pages): the same value as pairFeatures would compute, at a fraction of the cost.
  // Each page sentence's links are looked up once for the whole row.
  const lexicalRow = similarityRow(preparedOf.get(ref) ?? ref.map((r) => r.prepared));
  const cosines = cosineMatrix(page, ref);
  const m = ref.length;
  return page.map((p, i) => {
    const row = new Map<number, number>();
    const lexical = lexicalRow(p.prepared);
    for (let j = 0; j < m; j++) {
      const cos = cosines[i * m + j]!;
      if (cos < COSINE_GATE) continue;
      const s = samePassageScore(p, ref[j]!, lexical(j), cos);
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
  const merge = opts.merge ?? true;
  const order = opts.order === undefined ? ORDER_ROUTE : opts.order;
  const floor = Math.min(opts.threshold ?? SAME_PASSAGE, MUTUAL_FLOOR);
  // Parts of a merge, and pairs the order route may take, may each score below the threshold.
  const rows = scorePairs(page, ref, Math.min(merge ? floor - 0.15 : floor, order?.floor ?? 1));
  return selectPairs(rows, page, ref, opts);
}

/**
 * The aligned passages from the scored rows (scorePairs): one-to-one, greedy by score, merges
 * of two consecutive sentences, then the order route.
 */
export function selectPairs(
  rows: ReadonlyArray<ReadonlyMap<number, number>>,
  page: readonly FusionText[],
  ref: readonly FusionText[],
  opts: AlignFusedOptions = {},
): AlignedPair[] {
  const threshold = opts.threshold ?? SAME_PASSAGE;
  const merge = opts.merge ?? true;
  const order = opts.order === undefined ? ORDER_ROUTE : opts.order;
  const best = mutualBest(rows);
  // A pair that is each sentence's best counterpart in the other article needs less (MUTUAL_FLOOR):
  // the article's other sentences are its context.
  const cands: AlignCandidate[] = [];
  rows.forEach((row, i) => {
    for (const [j, s] of row) {
      const mutual = best.get(i) === j;
      if (s >= threshold || (mutual && s >= MUTUAL_FLOOR && threshold >= SAME_PASSAGE))
        cands.push({ page: [i], ref: [j], similarity: s, rank: s });
    }
  });
  if (merge) {
    const at = (xs: readonly FusionText[], k: number) => mergeTexts(xs[k]!, xs[k + 1]!);
    // The reference side is one of its sentences or two merged: its terms are the reference's,
    // so the lexical similarity goes through the reference's fuzzy links (the same value).
    const lexical = similarityWithin(preparedOf.get(ref) ?? ref.map((r) => r.prepared));
    const tryMerge = (pi: number[], rj: number[], base: number) => {
      const a = pi.length === 1 ? page[pi[0]!]! : at(page, pi[0]!);
      const b = rj.length === 1 ? ref[rj[0]!]! : at(ref, rj[0]!);
      const s = samePassageScore(a, b, lexical(a.prepared, b.prepared));
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
  const pairs = oneToOne(cands, page.length, ref.length);
  return order && threshold >= SAME_PASSAGE ? extendInOrder(pairs, rows, best, order) : pairs;
}

/**
 * Page sentence -> reference sentence, for the pairs that are each other's best counterpart
 * (ties to the lower index on both sides, so that swapping page and reference gives the same
 * pairs).
 */
export function mutualBest(rows: ReadonlyArray<ReadonlyMap<number, number>>): Map<number, number> {
  const colBest = new Map<number, { i: number; s: number }>();
  rows.forEach((row, i) => {
    for (const [j, s] of row) {
      const c = colBest.get(j);
      if (!c || s > c.s || (s === c.s && i < c.i)) colBest.set(j, { i, s });
    }
  });
  const out = new Map<number, number>();
  rows.forEach((row, i) => {
    let best = -1;
    let bestS = -1;
    for (const [j, s] of row) if (s > bestS || (s === bestS && j < best)) [best, bestS] = [j, s];
    if (best >= 0 && colBest.get(best)?.i === i) out.set(i, best);
  });
  return out;
}

/**
 * The order route: mutual-best pairs from `route.floor` whose sentences are both free and lie
 * after the end, or before the start, of an aligned passage on both sides, within `route.window`
 * sentences on one side and `route.reach` on the other. Repeated until nothing is added, so a run
 * grows from its anchor; best score first.
 */
export function extendInOrder(
  pairs: readonly AlignedPair[],
  rows: ReadonlyArray<ReadonlyMap<number, number>>,
  best: ReadonlyMap<number, number>,
  route: OrderRoute,
): AlignedPair[] {
  const out = [...pairs];
  const usedP = new Set(out.flatMap((p) => p.page));
  const usedR = new Set(out.flatMap((p) => p.ref));
  const pending = [...best]
    .map(([i, j]) => ({ i, j, s: rows[i]?.get(j) ?? 0 }))
    .filter((c) => c.s >= route.floor && !usedP.has(c.i) && !usedR.has(c.j))
    .sort((x, y) => y.s - x.s || x.i - y.i);
  const reach = Math.max(route.window, route.reach ?? route.window);
  // Within `window` on one side and `reach` on the other, whichever side is the page (symmetric).
  const near = (d: number, dR: number) =>
    d > 0 && dR > 0 && Math.min(d, dR) <= route.window && Math.max(d, dR) <= reach;
  const inOrder = (i: number, j: number) =>
    out.some(
      (p) =>
        near(i - p.page[p.page.length - 1]!, j - p.ref[p.ref.length - 1]!) ||
        near(p.page[0]! - i, p.ref[0]! - j),
    );
  for (let added = true; added;) {
    added = false;
    for (const c of pending) {
      if (usedP.has(c.i) || usedR.has(c.j) || !inOrder(c.i, c.j)) continue;
      out.push({ page: [c.i], ref: [c.j], similarity: c.s });
      usedP.add(c.i);
      usedR.add(c.j);
      added = true;
    }
  }
  return out.sort((x, y) => (x.page[0] ?? 0) - (y.page[0] ?? 0));
}
