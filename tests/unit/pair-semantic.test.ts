import { describe, expect, it } from 'vitest';
import { nodeEncoder } from '../../cli/model';
import { comparePair, needsVectors } from '../../lib/pair';
import { COSINE_GATE } from '../../lib/passages';

const A = 'Mexico deployed 15,000 troops to its northern border this month to stop drug smuggling.';
const B = 'The Mexican government sent 10,000 troops to the border this month to thwart smuggling.';

describe('comparePair with sentence vectors (the same "same passage" decision as alignment)', () => {
  it('takes a paraphrased pair as the same passage and names the changed number', async () => {
    expect(needsVectors(A, B)).toBe(true);
    expect(comparePair('lex', A, B).verdict).toBe('unrelated');
    const [va, vb] = await (await nodeEncoder()).embed([A, B]);
    const r = comparePair('sem', A, B, 'the NYT', [va!, vb!]);
    expect(r.verdict).toBe('differ');
    expect(r.discrepancies[0]).toMatchObject({ kind: 'number', page: '15,000', reference: '10,000' });
  });

  it('decides the undecided band as the fused alignment does: gated by cosine, then the fused score', () => {
    // Unit vectors at a chosen cosine: below COSINE_GATE alignment never scores a pair.
    const at = (c: number): [Float32Array, Float32Array] => {
      const u = new Float32Array(512);
      const v = new Float32Array(512);
      u[0] = 1;
      v[0] = c;
      v[1] = Math.sqrt(1 - c * c);
      return [u, v];
    };
    expect(needsVectors(A, B)).toBe(true);
    expect(COSINE_GATE).toBeGreaterThan(0.3);
    expect(comparePair('below', A, B, 'the NYT', at(0.3)).verdict).toBe('unrelated');
    expect(comparePair('close', A, B, 'the NYT', at(0.99)).verdict).toBe('differ');
  });

  it('leaves pairs the lexical pass decides to it', () => {
    expect(needsVectors('The weather in Spokane was sunny.', 'Stocks fell in Tokyo after the crash.')).toBe(
      false,
    );
    const s = 'Northern Command has conducted more than two dozen surveillance flights.';
    expect(needsVectors(s, s)).toBe(false);
  });
});
