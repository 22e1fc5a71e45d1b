/** When two facts of one kind state the same thing: numbers, dates, quotations, names. */
import { STOP, type DateFact, type Fact, type NumberFact, type QuoteFact } from '../facts';
import { fold, osa, sameEntity } from './entities';

function roundTo(x: number, unit: number): number {
  return Math.round(x / unit) * unit;
}

/** Significant rounding of a value: 21,000 -> 1,000; 10,000 -> 10,000; 440 -> 10. */
function roundness(x: number): number {
  if (!Number.isInteger(x) || x === 0) return 1;
  let u = 1;
  while (x % (u * 10) === 0) u *= 10;
  return u;
}

/** "more than 20" vs "fewer than 20": one interval lies above its value, the other below. */
export function oppositeBounds(p: NumberFact, r: NumberFact): boolean {
  const above = (f: NumberFact) => f.lo > f.value;
  const below = (f: NumberFact) => f.hi < f.value;
  return (above(p) && below(r)) || (below(p) && above(r));
}

export function numbersAgree(p: NumberFact, r: NumberFact): boolean {
  if (p.ordinal !== r.ordinal) return false;
  const pv = p.value;
  const rv = r.value;
  if (oppositeBounds(p, r)) return false;
  if (pv === rv) return true;
  if (p.lo <= r.hi && r.lo <= p.hi) return true;
  // Rounding: "21,000 pounds" for 21,400 pounds. Only for large values and small differences.
  const big = Math.max(pv, rv);
  if (big >= 1000 && Math.abs(pv - rv) / big <= 0.03) {
    const u = Math.max(roundness(pv), roundness(rv));
    if (u >= 100 && (roundTo(pv, u) === roundTo(rv, u) || roundTo(rv, u) === pv || roundTo(pv, u) === rv))
      return true;
  }
  return false;
}

export function unitsCompatible(p: NumberFact, r: NumberFact): boolean {
  return p.unit === r.unit && p.ordinal === r.ordinal;
}

export function datesConflict(p: DateFact, r: DateFact): boolean {
  const a = p.date;
  const b = r.date;
  if (a.relative || b.relative) return false;
  let conflict = false;
  if (a.year !== undefined && b.year !== undefined && a.year !== b.year) conflict = true;
  if (a.month !== undefined && b.month !== undefined && a.month !== b.month) conflict = true;
  if (a.day !== undefined && b.day !== undefined && a.day !== b.day) conflict = true;
  if (a.weekday !== undefined && b.weekday !== undefined && a.weekday !== b.weekday) conflict = true;
  if (a.decade !== undefined || b.decade !== undefined) {
    const da = a.decade ?? (a.year !== undefined ? a.year - (a.year % 10) : undefined);
    const db = b.decade ?? (b.year !== undefined ? b.year - (b.year % 10) : undefined);
    if (da !== undefined && db !== undefined && da !== db) conflict = true;
  }
  return conflict;
}

export function datesAgree(p: DateFact, r: DateFact): boolean {
  const a = p.date;
  const b = r.date;
  if (a.relative || b.relative) return true;
  return !datesConflict(p, r);
}
function quoteWords(f: QuoteFact): string[] {
  return f.norm
    .split(' ')
    .map((w) => fold(NUMBER_WORDS[w] ?? w))
    .filter(Boolean);
}

const NUMBER_WORDS: Record<string, string> = {
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  ten: '10',
};

export function quoteRelation(p: QuoteFact, r: QuoteFact): 'same' | 'altered' | 'other' {
  const wa = quoteWords(p);
  const wb = quoteWords(r);
  const a = wa.join(' ');
  const b = wb.join(' ');
  if (a === b || a.includes(b) || b.includes(a) || wa.join('') === wb.join('')) return 'same';
  const sb = new Set(wb);
  let c = 0;
  for (const w of wa) if (sb.has(w)) c++;
  const dice = (2 * c) / (wa.length + wb.length);
  if (dice < 0.5) return 'other';
  // Words left out of a quotation are a shorter quotation; words replaced are an alteration.
  const sa = new Set(wa);
  const onlyA = wa.filter((w) => !sb.has(w) && !STOP.has(w));
  const onlyB = wb.filter((w) => !sa.has(w) && !STOP.has(w));
  // One quotation spelled two ways ("behavior"/"behaviour", "al-Qaeda"/"al-Qaida") is not altered.
  const variant = (w: string, others: string[]) => others.some((v) => spellingVariant(w, v));
  const changedA = onlyA.filter((w) => !variant(w, onlyB));
  const changedB = onlyB.filter((w) => !variant(w, onlyA));
  return changedA.length && changedB.length ? 'altered' : 'same';
}

export function isSatisfied(fp: Fact, others: Fact[], otherWords?: Set<string>): boolean {
  // A name whose words all occur in the other sentence (perhaps sentence-initially, where it is
  // not taken as a name) is there.
  if (fp.kind === 'name' && otherWords) {
    const ws = fp.norm.split(' ');
    if (ws.every((w) => otherWords.has(fold(w)))) return true;
  }
  return others.some((fr) => factsEquivalent(fp, fr));
}

/** Whether fr states fp (same kind, an equivalent value). */
function factsEquivalent(fp: Fact, fr: Fact): boolean {
  {
    switch (fp.kind) {
      case 'designation':
        if (fr.kind === 'designation' && fp.norm === fr.norm) return true;
        break;
      case 'tally':
        if (fr.kind === 'tally' && [...fp.sides].sort().join() === [...fr.sides].sort().join()) return true;
        break;
      case 'number':
        if (fr.kind !== 'number') break;
        if (unitsCompatible(fp, fr) && numbersAgree(fp, fr)) return true;
        if (fp.vague || fr.vague) {
          if (fp.lo <= fr.hi && fr.lo <= fp.hi) return true;
        }
        break;
      case 'date':
        if (fp.date.relative) return true;
        if (fr.kind === 'date' && datesAgree(fp, fr) && !fr.date.relative) {
          const a = fp.date;
          const b = fr.date;
          if (
            (a.year !== undefined && a.year === b.year) ||
            (a.month !== undefined && a.month === b.month) ||
            (a.weekday !== undefined && a.weekday === b.weekday) ||
            (a.decade !== undefined && (a.decade === b.decade || b.year !== undefined)) ||
            (b.decade !== undefined && a.year !== undefined)
          )
            return true;
        }
        break;
      case 'name':
        if (fr.kind === 'name' && sameEntity(fp.norm, fr.norm)) return true;
        break;
      case 'quote':
        if (fr.kind === 'quote' && quoteRelation(fp, fr) === 'same') return true;
        break;
    }
  }
  return false;
}

/** British and American spellings, transliterations: one edit apart in words of 6+ letters. */
export function spellingVariant(a: string, b: string): boolean {
  return a.length >= 6 && b.length >= 6 && osa(a, b) <= 1;
}
