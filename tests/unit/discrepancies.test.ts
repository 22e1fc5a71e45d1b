import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { explainDiscrepancy, findDiscrepancies, sameEntity } from '../../lib/discrepancies';

interface FixturePair {
  id: string;
  a: string;
  b: string;
  expect: Array<{ kind: string; page: string; reference: string }>;
}

const fixtures: FixturePair[] = readFileSync(
  new URL('../fixtures/pairs/pairs.jsonl', import.meta.url),
  'utf8',
)
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as FixturePair);

describe('findDiscrepancies on the fixture pairs', () => {
  for (const f of fixtures) {
    it(`${f.id}: ${f.expect.length ? f.expect.map((e) => `${e.page} vs ${e.reference}`).join(', ') : 'no discrepancy'}`, () => {
      const got = findDiscrepancies(f.a, f.b).map((d) => ({
        kind: d.kind,
        page: d.page,
        reference: d.reference,
      }));
      expect(got).toEqual(f.expect);
    });
  }
});

describe('findDiscrepancies details', () => {
  const page =
    'These missions utilize various aircraft, including RC-125 Rivet Joints, U-2s, P-8s and drones.';
  const ref =
    'Northern Command has conducted more than two dozen surveillance flights over the southern border using a variety of surveillance aircraft including U-2s, RC-135 Rivet Joints, P-8s and drones, said a senior U.S. military official.';

  it('gives spans into each sentence and a confidence in 0..1', () => {
    const [d] = findDiscrepancies(page, ref);
    expect(d).toBeDefined();
    expect(page.slice(...d!.pageSpan!)).toBe('RC-125');
    expect(ref.slice(...d!.referenceSpan!)).toBe('RC-135');
    expect(d!.confidence).toBeGreaterThan(0.8);
    expect(d!.confidence).toBeLessThanOrEqual(1);
  });

  it('explains with a little context and the outlet', () => {
    const [d] = findDiscrepancies(page, ref);
    expect(explainDiscrepancy(d!, 'The New York Times')).toBe(
      'This page says RC-125 Rivet Joints; The New York Times says RC-135.',
    );
    expect(explainDiscrepancy(d!, '')).toContain('the reference says RC-135');
  });

  it('does not flag a fact stated on one side only', () => {
    expect(
      findDiscrepancies('Mexico sent 10,000 troops and 40 helicopters.', 'Mexico sent 10,000 troops.'),
    ).toEqual([]);
  });

  it('does not flag two numbers with different time scopes', () => {
    expect(
      findDiscrepancies(
        'Over 70,000 Americans died from opioids in 2021.',
        'About 90,000 Americans die from opioids a year.',
      ),
    ).toEqual([]);
  });

  it('returns nothing for empty input', () => {
    expect(findDiscrepancies('', 'Mexico sent 10,000 troops.')).toEqual([]);
  });
});

describe('sameEntity', () => {
  it('treats name variants as one person or body', () => {
    expect(sameEntity('ronald johnson', 'johnson')).toBe(true);
    expect(sameEntity('ron johnson', 'ronald johnson')).toBe(true);
    expect(sameEntity('cia', 'central intelligence agency')).toBe(true);
    expect(sameEntity('us', 'united states')).toBe(true);
    expect(sameEntity('mexico', 'mexican')).toBe(true);
  });
  it('keeps different people apart', () => {
    expect(sameEntity('ron jackson', 'ronald johnson')).toBe(false);
    expect(sameEntity('sheinbaum', 'trump')).toBe(false);
  });
});
