import { describe, expect, it } from 'vitest';
import {
  analyze,
  extractFacts,
  type Fact,
  type FactKind,
  type FactOf,
  type NumberFact,
} from '../../lib/facts';

function of<K extends FactKind>(s: string, kind: K): Array<FactOf<K>> {
  return extractFacts(s).filter((f: Fact): f is FactOf<K> => f.kind === kind);
}

describe('extractFacts', () => {
  it('gives spans that point into the sentence', () => {
    const s =
      'President Claudia Sheinbaum agreed on Feb. 3 to deploy 10,000 troops to the U.S.-Mexico border.';
    for (const f of extractFacts(s)) expect(s.slice(f.start, f.end)).toBe(f.text);
  });

  it('reads numerals, number words and quantities', () => {
    const nums = of(
      'They sent 10,000 troops, seven ships, two dozen flights and a half-dozen cartels.',
      'number',
    );
    expect(nums.map((n) => n.value)).toEqual([10000, 7, 24, 6]);
    expect(nums[0]!.head?.[0]).toBe('troop');
    expect(of('ten thousand troops', 'number')[0]!.value).toBe(10000);
    expect(of('Officials said twenty-five people died.', 'number')[0]!.value).toBe(25);
  });

  it('reads units, percentages, currency and qualifiers', () => {
    const [pct] = of('Facing potential 25 percent tariffs', 'number');
    expect(pct).toMatchObject({ value: 25, unit: '%' });
    const [money] = of('with an estimated street value of $40 million.', 'number');
    expect(money).toMatchObject({ value: 40e6, unit: '$' });
    const [more] = of('more than two dozen surveillance flights', 'number');
    expect(more!.text).toBe('more than two dozen');
    expect(more!.lo).toBeGreaterThan(24);
    expect(more!.hi).toBe(Infinity);
    const [tons] = of('seized approximately 5 tons of meth', 'number');
    expect(tons!.head?.[0]).toBe('ton');
  });

  it('marks vague quantities and ordinals', () => {
    expect(of('hundreds of people', 'number')[0]).toMatchObject({ vague: true, value: 100 });
    expect(of("The U.S. military's 7th Special Forces Group", 'number')[0]).toMatchObject({
      ordinal: true,
      value: 7,
    });
  });

  it('reads dates, weekdays, years and relative dates', () => {
    const d = of('Trump signed an order on Jan. 20 and spoke Tuesday; in 2021 and last week.', 'date');
    expect(d.map((x) => x.text)).toEqual(['Jan. 20', 'Tuesday', '2021', 'last week']);
    expect(d[0]!.date).toMatchObject({ month: 1, day: 20 });
    expect(d[3]!.date?.relative).toBe(true);
    expect(of('born 11 January 1975', 'date')[0]!.date).toMatchObject({ day: 11, month: 1, year: 1975 });
  });

  it('does not take the modal "may" for a month', () => {
    expect(of('The agency may expand the program.', 'date')).toEqual([]);
  });

  it('reads designations', () => {
    const d = of(
      'Aircraft including U-2s, RC-135 Rivet Joints, P-8s, MQ-9B and F-35 jets under Section 702 during COVID-19.',
      'designation',
    );
    expect(d.map((x) => x.norm)).toEqual(['U2', 'RC135', 'P8', 'MQ9B', 'F35', 'SECTION 702', 'COVID19']);
  });

  it('reads names but not sentence-initial common words', () => {
    const n = of(
      'These missions were run by Northern Command and Gen. Gregory M. Guillot of the Northern Command.',
      'name',
    );
    expect(n.map((x) => x.text)).toContain('Northern Command');
    expect(n.map((x) => x.text)).not.toContain('These');
    expect(n.some((x) => x.norm === 'gregory m guillot')).toBe(true);
  });

  it('reads quotations', () => {
    const q = of('“It’s part of this little campaign,” Sheinbaum said.', 'quote');
    expect(q[0]!.text).toBe('It’s part of this little campaign');
  });

  it('reads negations and antonym verbs with polarity', () => {
    const a = analyze('The CIA has not been authorized to use the drones, and the law prohibits strikes.');
    expect(a.predicates.map((p) => [p.canon, p.positive])).toEqual([
      ['authorize', false],
      ['authorize', false],
    ]);
    const b = analyze('Officials declined to comment.');
    expect(b.predicates[0]).toMatchObject({ positive: false });
    expect(analyze('Prices rose sharply.').predicates[0]).toMatchObject({ canon: 'rise', positive: true });
    expect(analyze('Prices fell sharply.').predicates[0]).toMatchObject({ canon: 'rise', positive: false });
  });

  it('reads decades as dates and skips clock times and fractions', () => {
    expect(of('The program began in the 1990s.', 'date')[0]!.date).toMatchObject({ decade: 1990 });
    expect(of('Polls open from 8 a.m. to 5 p.m. on a 2 1/2 week schedule.', 'number')).toEqual([]);
  });

  it('reads a scale fused with its unit', () => {
    expect(of('a 1.5 billion-pound writedown', 'number')[0]!.value).toBe(1.5e9);
  });

  it('reads "yet to", "lack" and "declined, ..., to" as negations', () => {
    expect(analyze('Details have yet to be finalized.').predicates[0]).toMatchObject({ positive: false });
    expect(analyze('The agency lacked the authority.').predicates[0]).toMatchObject({
      positive: false,
      strength: 'noun',
    });
    expect(analyze('The bishop declined, through a spokesman, to comment.').predicates[0]).toMatchObject({
      canon: 'comment',
      positive: false,
    });
  });

  it('does not take contrasts or nouns for predicates', () => {
    expect(
      analyze('Courts allowed displays in some cases, not in others.').predicates.some((p) => !p.positive),
    ).toBe(false);
    expect(analyze('The index snapped a streak of gains.').predicates).toEqual([]);
  });
});

describe('ages', () => {
  const ages = (s: string) =>
    extractFacts(s)
      .filter((f): f is NumberFact => f.kind === 'number' && f.unit === 'age')
      .map((f) => [f.text, f.value]);
  it("reads the ways news writes a person's age", () => {
    expect(ages('The 35-year-old teacher was charged.')).toEqual([['35-year-old', 35]]);
    expect(ages('A five-year-old boy was found.')).toEqual([['five-year-old', 5]]);
    expect(ages('Jane Doe, 21, was charged with theft.')).toEqual([['21', 21]]);
    expect(ages('The driver, aged 40, was unhurt.')).toEqual([['aged 40', 40]]);
    expect(ages('He is 72 years old.')).toEqual([['72 years old', 72]]);
  });
  it('leaves other numbers alone', () => {
    expect(ages('Police arrested 21 people in 2019.')).toEqual([]);
    expect(ages('On March 3, 2004, the plant closed.')).toEqual([]);
  });
});

describe('tallies and markup', () => {
  it('reads a vote or score as a tally only next to a word that says so', () => {
    expect(of('The council voted 7-2 to approve the plan.', 'tally')).toMatchObject([
      { text: '7-2', sides: [7, 2] },
    ]);
    expect(of('The court upheld the law in a 6-3 ruling.', 'tally')).toMatchObject([{ text: '6-3' }]);
    expect(of('About 20-30 people attended the meeting.', 'tally')).toEqual([]);
    expect(of('The council voted 7-2 to approve the plan.', 'number')).toEqual([]);
  });
  it('takes no fact from markup-like text', () => {
    const s = 'Officials said <img src=x onerror=alert(1)> 15,000 troops were sent.';
    expect(of(s, 'number').map((f) => f.text)).toEqual(['15,000']);
  });
});
