/**
 * Dates: "Feb. 3", "3 February 2021", "January 20, 2025", months, years, decades, weekdays, and
 * relative dates ("last week", "this month") that never conflict.
 */
import { tokenAt } from './tokens';
import { claim, spanOf, type Scan } from './scan';
import type { DateValue, Token } from './types';

// ---------------------------------------------------------------- dates

const MONTHS: Record<string, number> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
};
const WEEKDAYS: Record<string, number> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
};
const RELATIVE_NEXT = new Set([
  'week',
  'month',
  'year',
  'weekend',
  'morning',
  'afternoon',
  'evening',
  'night',
  'spring',
  'summer',
  'fall',
  'autumn',
  'winter',
  'decade',
  'century',
  'quarter',
]);
const RELATIVE_ONE = new Set(['yesterday', 'today', 'tomorrow', 'tonight', 'recently', 'currently', 'now']);

function isYear(t: Token): boolean {
  if (!/^\d{4}$/.test(t.text)) return false;
  const y = Number(t.text);
  return y >= 1500 && y <= 2100;
}

function dayValue(t: Token | undefined): number | undefined {
  if (!t) return undefined;
  const m = /^(\d{1,2})(?:st|nd|rd|th)?$/.exec(t.lower);
  if (!m) return undefined;
  const d = Number(m[1]);
  return d >= 1 && d <= 31 ? d : undefined;
}
export function dateNorm(d: DateValue): string {
  return [d.year ?? '', d.month ?? '', d.day ?? '', d.weekday ?? ''].join('-');
}

/** Finds the dates of a sentence and claims their tokens (runs first: "May 3" is not a count). */
export function extractDates(scan: Scan): void {
  const { toks, used } = scan;
  const push = (a: number, b: number, norm: string, date: DateValue) =>
    scan.facts.push({ kind: 'date', ...spanOf(scan, a, b, norm), date });
  // Dates first: "Feb. 3", "3 February 2021", "January 20, 2025", "Tuesday", "2021", "last week".
  for (let i = 0; i < toks.length; i++) {
    if (used[i]) continue;
    const t = tokenAt(toks, i);
    const lw = t.lower;
    const mon = MONTHS[lw];
    const ambiguous =
      lw === 'may' || lw === 'march' || lw === 'mar' || lw === 'jan' || lw === 'dec' || lw === 'sep';
    if (mon !== undefined && (t.cap || !ambiguous)) {
      let b = i + 1;
      if (toks[b]?.text === '.') b++;
      const dv: DateValue = { month: mon };
      const day = dayValue(toks[b]);
      if (day !== undefined && !(toks[b + 1] && /^(?:percent|%)$/.test(tokenAt(toks, b + 1).lower))) {
        dv.day = day;
        b++;
        if (toks[b]?.text === ',' && toks[b + 1] && isYear(tokenAt(toks, b + 1))) b++;
        if (toks[b] && isYear(tokenAt(toks, b))) {
          dv.year = Number(tokenAt(toks, b).text);
          b++;
        }
      } else if (toks[b] && isYear(tokenAt(toks, b))) {
        dv.year = Number(tokenAt(toks, b).text);
        b++;
      } else if (ambiguous && !t.cap) continue;
      else if (lw === 'may' || lw === 'march') {
        // "May" and "March" alone are months only after "in", "since", "last", "early"...
        const pv = toks[i - 1]?.lower;
        if (
          !pv ||
          !/^(?:in|since|until|by|last|next|this|early|late|mid|of|on|during|from|through)$/.test(pv)
        )
          continue;
      }
      let a = i;
      const pd = dayValue(toks[i - 1]);
      if (pd !== undefined && dv.day === undefined && !used[i - 1]) {
        dv.day = pd;
        a = i - 1;
      }
      const endTok = tokenAt(toks, b - 1).text === '.' ? b - 1 : b;
      push(a, Math.max(endTok, i + 1), dateNorm(dv), dv);
      claim(scan, a, b);
      i = b - 1;
      continue;
    }
    if (WEEKDAYS[lw] !== undefined && t.cap) {
      const dv = { weekday: WEEKDAYS[lw] };
      push(i, i + 1, dateNorm(dv), dv);
      claim(scan, i, i + 1);
      continue;
    }
    if (
      isYear(t) &&
      toks[i - 1]?.text !== '$' &&
      !/^(?:percent|%|million|billion|thousand|troops|people)$/.test(toks[i + 1]?.lower ?? '')
    ) {
      const dv = { year: Number(t.text) };
      push(i, i + 1, dateNorm(dv), dv);
      claim(scan, i, i + 1);
      continue;
    }
    if (/^\d{3}0s$/.test(lw)) {
      const dv = { decade: Number(lw.slice(0, 4)) };
      push(i, i + 1, `decade:${dv.decade}`, dv);
      claim(scan, i, i + 1);
      continue;
    }
    if (
      (lw === 'last' || lw === 'this' || lw === 'next' || lw === 'earlier' || lw === 'later') &&
      toks[i + 1] &&
      RELATIVE_NEXT.has(tokenAt(toks, i + 1).lower)
    ) {
      push(i, i + 2, `rel:${lw} ${tokenAt(toks, i + 1).lower}`, { relative: true });
      claim(scan, i, i + 2);
      i++;
      continue;
    }
    if (RELATIVE_ONE.has(lw)) {
      push(i, i + 1, `rel:${lw}`, { relative: true });
      claim(scan, i, i + 1);
    }
  }
}
