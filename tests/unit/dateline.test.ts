import { describe, expect, it } from 'vitest';
import { stripDateline } from '../../lib/dateline';

describe('an opening dateline', () => {
  it('is taken off the first sentence', () => {
    expect(stripDateline('WASHINGTON – The United States has stepped up flights.')).toBe(
      'The United States has stepped up flights.',
    );
    expect(stripDateline('WASHINGTON (The Post) — The CIA is poised to act.')).toBe(
      'The CIA is poised to act.',
    );
    expect(stripDateline('WEST PALM BEACH, Fla. — President Trump dispatched Pompeo.')).toBe(
      'President Trump dispatched Pompeo.',
    );
  });

  it('leaves sentences without one alone', () => {
    for (const s of [
      'The CIA — not the military — flies the drones.',
      'U.S. officials said the flights - all of them - were legal.',
      'NATO allies agreed on Tuesday.',
      'A - B testing is common.',
    ])
      expect(stripDateline(s)).toBe(s);
  });
});
