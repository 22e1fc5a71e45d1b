import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { segment } from '../../lib/segment';

const texts = (t: string) => segment(t).map((s) => s.text);

describe('segment', () => {
  it('splits plain sentences and keeps exact offsets', () => {
    const text = 'The vote passed. Critics objected!  Will it hold? Nobody knows.';
    const ss = segment(text);
    expect(ss.map((s) => s.text)).toEqual([
      'The vote passed.',
      'Critics objected!',
      'Will it hold?',
      'Nobody knows.',
    ]);
    for (const s of ss) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('survives titles, party labels and state abbreviations', () => {
    expect(
      texts(
        'Sen. Ted Cruz, R-Texas, spoke first. Rep. Nancy Pelosi, D-Calif., replied. Gen. Mark Milley and Lt. Col. Ann Dunn agreed with Maj. Lee and Dr. Smith.',
      ),
    ).toEqual([
      'Sen. Ted Cruz, R-Texas, spoke first.',
      'Rep. Nancy Pelosi, D-Calif., replied.',
      'Gen. Mark Milley and Lt. Col. Ann Dunn agreed with Maj. Lee and Dr. Smith.',
    ]);
  });

  it('does not split at months, numbers, company suffixes and vs.', () => {
    expect(
      texts(
        'On Jan. 5 and Feb. 12 and Sept. 11, No. 3 Acme Inc. and Beta Corp. met at St. Mary church. It was Smith vs. Jones. Mr. and Mrs. Doe left.',
      ),
    ).toEqual([
      'On Jan. 5 and Feb. 12 and Sept. 11, No. 3 Acme Inc. and Beta Corp. met at St. Mary church.',
      'It was Smith vs. Jones.',
      'Mr. and Mrs. Doe left.',
    ]);
  });

  it('handles U.S. and U.K. inside and at the end of a sentence', () => {
    expect(texts('U.S. officials met U.K. envoys. Drugs flow into the U.S. The border is long.')).toEqual([
      'U.S. officials met U.K. envoys.',
      'Drugs flow into the U.S.',
      'The border is long.',
    ]);
  });

  it('keeps initials and decimals inside the sentence', () => {
    expect(texts('John F. Kennedy won 3.5 million more votes. Growth was 2.1 percent.')).toEqual([
      'John F. Kennedy won 3.5 million more votes.',
      'Growth was 2.1 percent.',
    ]);
  });

  it('handles a.m. and p.m.', () => {
    expect(texts('The blast came at 5 p.m. Friday near the port. It was 9 a.m. The police arrived.')).toEqual(
      ['The blast came at 5 p.m. Friday near the port.', 'It was 9 a.m.', 'The police arrived.'],
    );
  });

  it('keeps quotation attributions together and ends inside closing quotes', () => {
    expect(
      texts(
        '\u201CWe will not back down,\u201D he said. \u201CWill they?\u201D she asked. He added, \u201CIt is over.\u201D Then he left.',
      ),
    ).toEqual([
      '\u201CWe will not back down,\u201D he said.',
      '\u201CWill they?\u201D she asked.',
      'He added, \u201CIt is over.\u201D',
      'Then he left.',
    ]);
  });

  it('keeps a quoted question or exclamation with its attribution', () => {
    expect(
      texts('\u201CWhy now?\u201D Smith asked. \u201CStop!\u201D Sen. Warren shouted. Nobody moved.'),
    ).toEqual([
      '\u201CWhy now?\u201D Smith asked.',
      '\u201CStop!\u201D Sen. Warren shouted.',
      'Nobody moved.',
    ]);
  });

  it('handles degrees, e.g., datelines and dollar amounts', () => {
    expect(
      texts(
        'He earned a Ph.D. at Yale. Use tools, e.g. drones, to find labs. WASHINGTON (AP) \u2014 The Senate voted 52-48. It cost $1.2 billion. The U.N. Security Council met.',
      ),
    ).toEqual([
      'He earned a Ph.D. at Yale.',
      'Use tools, e.g. drones, to find labs.',
      'WASHINGTON (AP) \u2014 The Senate voted 52-48.',
      'It cost $1.2 billion.',
      'The U.N. Security Council met.',
    ]);
  });

  it('splits at an ellipsis followed by a new sentence, not before lower case', () => {
    expect(texts('The crowd waited... and waited. Then\u2026 Nothing happened.')).toEqual([
      'The crowd waited... and waited.',
      'Then\u2026',
      'Nothing happened.',
    ]);
  });

  it('counts paragraphs separated by blank lines', () => {
    const ss = segment('First one. Second one.\n\n\nThird one.\n   \nFourth one.');
    expect(ss.map((s) => s.paragraph)).toEqual([0, 0, 1, 2]);
  });

  it('reads hard-wrapped lines as running text', () => {
    const wrapped = readFileSync(
      new URL('../fixtures/align/hardwrapped-seed-004.txt', import.meta.url),
      'utf8',
    );
    const ss = segment(wrapped);
    for (const s of ss) expect(wrapped.slice(s.start, s.end)).toBe(s.text);
    const flat = ss.map((s) => s.text.replace(/\s+/g, ' '));
    expect(flat).toContain('Officials familiar with the operation have said the U.S. role was instrumental.');
    expect(flat).toContain('This wasn\u2019t some casual tip slid across a desk.');
    expect(flat).toContain(
      'Groups like the Jalisco cartel sit at the heart of the fentanyl pipeline driving the overdose crisis in cities and small towns across the U.S.',
    );
    // the table-row headline stands alone, the first sentence starts after it
    expect(flat[0]).toBe('| CIA vs. Drug Cartels: A National Secuirty Reckoning |');
    expect(flat[1]?.startsWith('In recent days, as reported by Anadolu Agency')).toBe(true);
    expect(flat[1]?.endsWith('after a long manhunt.')).toBe(true);
    // no sentence ends at a line break in the middle of a clause
    for (const s of flat) expect(s).toMatch(/[.!?"\u201D|]$/);
  });

  it('breaks at line ends when the text is one sentence per line', () => {
    const text =
      'Airbus profits fall\nMarch 1, 2008\nAirbus said profits fell.\nShares rose 2 percent.\nAnalysts were surprised.';
    expect(texts(text)).toEqual([
      'Airbus profits fall',
      'March 1, 2008',
      'Airbus said profits fell.',
      'Shares rose 2 percent.',
      'Analysts were surprised.',
    ]);
  });

  it('breaks after a headline and a date line above a single sentence', () => {
    expect(
      texts('GM seeks bankruptcy protection\nJune 1, 2009\nGeneral Motors filed for bankruptcy on Monday.'),
    ).toEqual([
      'GM seeks bankruptcy protection',
      'June 1, 2009',
      'General Motors filed for bankruptcy on Monday.',
    ]);
  });

  it('reads Windows line endings like Unix ones', () => {
    const ss = segment('First one. Second one.\r\n\r\nThird one.\r\nIt goes on.');
    expect(ss.map((s) => [s.text, s.paragraph])).toEqual([
      ['First one.', 0],
      ['Second one.', 0],
      ['Third one.', 1],
      ['It goes on.', 1],
    ]);
  });

  it('returns nothing for empty or punctuation-only text', () => {
    expect(segment('')).toEqual([]);
    expect(segment('  \n\n ![]() |  \n')).toEqual([]);
  });
});
