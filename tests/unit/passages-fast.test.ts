/**
 * The fused alignment's fast paths give the very values of the plain ones (reports must not move
 * by a bit: docs/decisions/010-sentence-encoder.md "Speed"): the blocked cosine matrix against
 * one dot product at a time, merged passages scored through the reference's fuzzy links against
 * similarityPrepared, and samePassageScore against the feature arrays it no longer allocates.
 * Hand-made vectors; no model runs.
 */
import { describe, expect, it } from 'vitest';
import { mergePrepared, prepareText, similarityPrepared, similarityWithin } from '../../lib/align';
import { cosine } from '../../lib/encoder';
import {
  FEATURES,
  fusedScore,
  pairFeatures,
  samePassageFeatures,
  samePassageScore,
  specificsOf,
  type FusionText,
} from '../../lib/fusion';
import { cosineMatrix } from '../../lib/passages';

/** Deterministic unit vectors of dimension d (a small LCG). */
function vectors(n: number, d: number, seed: number): Float32Array[] {
  let s = seed >>> 0;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32) * 2 - 1;
  return Array.from({ length: n }, () => {
    const v = Float32Array.from({ length: d }, next);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

const fusion = (text: string, vector: Float32Array): FusionText => ({
  prepared: prepareText(text),
  vector,
  specifics: specificsOf(text),
});

describe('cosineMatrix', () => {
  it('holds every page × reference cosine, bit for bit, with odd counts on both sides', () => {
    // 5 × 7: the 2 × 2 blocks leave a last row and a last column to the plain path.
    const page = vectors(5, 64, 1).map((v) => fusion('', v));
    const ref = vectors(7, 64, 2).map((v) => fusion('', v));
    const m = cosineMatrix(page, ref);
    expect(m).toHaveLength(35);
    for (let i = 0; i < 5; i++)
      for (let j = 0; j < 7; j++) expect(m[i * 7 + j]).toBe(cosine(page[i]!.vector, ref[j]!.vector));
  });

  it('falls back to one product at a time when the vectors differ in length', () => {
    const page = [fusion('', new Float32Array([1, 2, 3])), fusion('', new Float32Array([0, 1, 0]))];
    const ref = [fusion('', new Float32Array([1, 1])), fusion('', new Float32Array([2, 0, 1]))];
    const m = cosineMatrix(page, ref);
    for (let i = 0; i < 2; i++)
      for (let j = 0; j < 2; j++) expect(m[i * 2 + j]).toBe(cosine(page[i]!.vector, ref[j]!.vector));
  });
});

describe('similarityWithin', () => {
  it('scores a passage against two reference sentences merged as similarityPrepared does', () => {
    const ref = ['Kristoff spoke to the reporters on Monday.', 'Nobody else came to the hearing.'].map((t) =>
      prepareText(t),
    );
    const merged = mergePrepared([ref[0]!, ref[1]!]);
    // "Kristof" meets "Kristoff" only as a spelling variant: the fuzzy links carry the credit.
    const page = prepareText('Kristof attended a summit.');
    const within = similarityWithin(ref);
    expect(within(page, merged)).toBe(similarityPrepared(page, merged));
    expect(within(page, merged)).toBeGreaterThan(0);
    const other = prepareText('Nobody came to the hearing of Kristof.');
    expect(within(other, merged)).toBe(similarityPrepared(other, merged));
    expect(within(other, ref[1]!)).toBe(similarityPrepared(other, ref[1]!));
  });
});

describe('samePassageScore', () => {
  it('is the fused score of the same-passage features, for a changed number and a negation', () => {
    const [u, v, w] = vectors(3, 16, 3) as [Float32Array, Float32Array, Float32Array];
    const a = fusion('Mexico agreed on Feb. 3 to deploy 10,000 troops to the border.', u);
    const b = fusion('Mexico is not deploying 15,000 troops to the border this month.', v);
    const c = fusion('Mexico will deploy troops to the border, officials said.', w);
    const f = pairFeatures(a, b);
    expect(f[FEATURES.indexOf('numbersConflict')]).toBe(1);
    expect(f[FEATURES.indexOf('negationMismatch')]).toBe(1);
    expect(samePassageScore(a, b)).toBe(fusedScore(samePassageFeatures(f)));
    expect(samePassageScore(a, c, 0.3, 0.7)).toBe(
      fusedScore(samePassageFeatures(pairFeatures(a, c, 0.3, 0.7))),
    );
    // One buffer serves every pair: a score does not depend on the pair scored before it.
    expect(samePassageScore(b, c)).toBe(fusedScore(samePassageFeatures(pairFeatures(b, c))));
  });
});
