import { describe, expect, it } from 'vitest';
import { nodeEncoder } from '../../cli/model';
import { prepareText } from '../../lib/align';
import {
  FEATURES,
  FUSION,
  fusedSimilarity,
  pairFeatures,
  SAME_PASSAGE,
  specificsOf,
  type FusionText,
} from '../../lib/fusion';

async function texts(...xs: string[]): Promise<FusionText[]> {
  const vs = await (await nodeEncoder()).embed(xs);
  return xs.map((t, i) => ({ prepared: prepareText(t), vector: vs[i]!, specifics: specificsOf(t) }));
}

describe('fused passage similarity', () => {
  it('has one trained weight per feature', () => {
    expect(FUSION.features).toEqual([...FEATURES]);
    expect(FUSION.weights).toHaveLength(FEATURES.length);
    expect(SAME_PASSAGE).toBeGreaterThan(0.2);
    expect(SAME_PASSAGE).toBeLessThan(0.8);
  });

  it('takes a paraphrase with few shared words as the same passage, a same-topic sentence not', async () => {
    const [a, b, c] = await texts(
      'The CIA has not been authorized to use the drones to take lethal action.',
      'The program specifically prohibits the CIA from conducting lethal airstrikes with the drones.',
      'The CIA has expanded its surveillance flights over Mexico in recent weeks.',
    );
    expect(fusedSimilarity(a!, b!)).toBeGreaterThanOrEqual(SAME_PASSAGE);
    expect(fusedSimilarity(a!, c!)).toBeLessThan(fusedSimilarity(a!, b!));
  });

  it('is symmetric and sees a changed number', async () => {
    const [a, b] = await texts(
      'Mexico agreed on Feb. 3 to deploy 10,000 troops to the border.',
      'Mexico is deploying 15,000 troops to the border this month.',
    );
    const ab = pairFeatures(a!, b!);
    expect(pairFeatures(b!, a!)).toEqual(ab);
    expect(ab[FEATURES.indexOf('numbersConflict')]).toBe(1);
  });

  it('finds names and numbers, not sentence-initial capitals', () => {
    const s = specificsOf('Officials said Sheinbaum sent 10,000 troops to the U.S. border.');
    expect([...s.numbers]).toEqual(['10000']);
    expect(s.names.has('sheinbaum')).toBe(true);
    expect(s.names.has('us')).toBe(true);
    expect(s.names.has('officials')).toBe(false);
  });
});
