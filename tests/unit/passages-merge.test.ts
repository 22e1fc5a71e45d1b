/**
 * Merged passages (lib/passages.ts `mergeTexts`): made once per pair of sentences and found again
 * by later alignments, and equal to a merge built from scratch. Hand-made vectors; no model runs.
 */
import { describe, expect, it } from 'vitest';
import { prepareText } from '../../lib/align';
import { specificsOf, type FusionText } from '../../lib/fusion';
import { fusionTexts, mergeTexts } from '../../lib/passages';

const SENTENCES = [
  'The CIA has flown drones over Mexico since February.',
  'Officers pass what the drones see to Mexican officials.',
];

function texts(): FusionText[] {
  const prepared = SENTENCES.map((s) => prepareText(s));
  const vectors = [new Float32Array([1, 0, 0]), new Float32Array([0, 1, 0])];
  return fusionTexts(prepared, vectors);
}

describe('mergeTexts', () => {
  it('merges two sentences into one passage: normalised summed vector, both texts', () => {
    const [a, b] = texts() as [FusionText, FusionText];
    const m = mergeTexts(a, b);
    expect(Array.from(m.vector)).toEqual([Math.SQRT1_2, Math.SQRT1_2, 0].map(Math.fround));
    expect(m.prepared.text).toContain('since February');
    expect(m.prepared.text).toContain('Mexican officials');
    expect(m.specifics).toEqual(specificsOf(m.prepared.text));
  });

  it('returns the same passage for the same two sentences, so later alignments reuse it', () => {
    const [a, b] = texts() as [FusionText, FusionText];
    const first = mergeTexts(a, b);
    expect(mergeTexts(a, b)).toBe(first);
    // The other order is another passage, not the cached one.
    expect(mergeTexts(b, a)).not.toBe(first);
  });
});
