import { describe, expect, it } from 'vitest';
import { comparePair } from '../../lib/pair';

describe('comparePair', () => {
  it('says differ with the discrepancy and an explanation naming the reference', () => {
    const r = comparePair(
      'x',
      'Mexico deployed 15,000 troops to the border.',
      'Mexico deployed 10,000 troops to the border.',
    );
    expect(r.id).toBe('x');
    expect(r.verdict).toBe('differ');
    expect(r.discrepancies).toHaveLength(1);
    expect(r.discrepancies[0]).toMatchObject({ kind: 'number', page: '15,000', reference: '10,000' });
    expect(r.discrepancies[0]!.explanation).toBe('This page says 15,000 troops; the reference says 10,000.');
    expect(r.similarity).toBeGreaterThan(0);
    expect(r.similarity).toBeLessThanOrEqual(1);
  });

  it('says agree for the same sentence', () => {
    const s =
      'Northern Command has conducted more than two dozen surveillance flights over the southern border.';
    const r = comparePair('same', s, s);
    expect(r).toMatchObject({ verdict: 'agree', discrepancies: [] });
    expect(r.similarity).toBeGreaterThan(0.9);
  });

  it('says unrelated for different passages and lists no discrepancy', () => {
    const r = comparePair(
      'u',
      'The weather in Spokane was sunny on Tuesday.',
      'Stocks fell sharply in Tokyo after the 2008 crash.',
    );
    expect(r).toMatchObject({ verdict: 'unrelated', discrepancies: [] });
  });

  it('keeps a short pair with a changed fact as the same passage', () => {
    const r = comparePair('short', 'Trump signed it on Jan. 21.', 'Trump signed it on Jan. 20.');
    expect(r.verdict).toBe('differ');
  });
});
