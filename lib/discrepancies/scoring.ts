/**
 * Pairing facts by role and scoring each candidate pair: how likely two facts of one kind state
 * the same fact with other values (see docs/decisions/003-discrepancies.md, "Confidence").
 */
import { tokenAt } from '../facts/tokens';
import { designationFamily, type Fact } from '../facts';
import type { ClaimCheck, DiscrepancyKind } from '../types';
import { nameType, sameEntity, typesCompatible } from './entities';
import { datesConflict, numbersAgree, oppositeBounds, unitsCompatible } from './equivalence';
import { sameNameClass } from '../lexicon';
import { contextOf, factOf, overlap, sameSlot, type Side } from './side';

export interface Candidate {
  fp: Fact;
  fr: Fact;
  kind: DiscrepancyKind;
  confidence: number;
  check?: ClaimCheck;
  /** Ranks candidates when pairing; close values rank high although they report low. */
  rank?: number;
}

/** Year or periodic scope near a number ("in 2021", "a year"): numbers with other scopes are other facts. */
function scopeOf(s: Side, f: Fact): string | undefined {
  const toks = s.a.tokens;
  for (let k = Math.max(0, f.tokStart - 6); k < Math.min(toks.length, f.tokEnd + 7); k++) {
    if (k >= f.tokStart && k < f.tokEnd) continue;
    const t = tokenAt(toks, k);
    const g = factOf(s, k);
    if (g?.kind === 'date' && g.date.year !== undefined) return `y${g.date.year}`;
    const w = t.lower;
    if (w === 'annually' || w === 'yearly') return 'per-year';
    if ((w === 'a' || w === 'per' || w === 'each' || w === 'every') && toks[k + 1]) {
      const nx = tokenAt(toks, k + 1).lower;
      if (nx === 'year') return 'per-year';
      if (nx === 'day') return 'per-day';
      if (nx === 'month') return 'per-month';
      if (nx === 'week') return 'per-week';
    }
  }
  return undefined;
}

const MEASURES = new Set(
  (
    'mile kilometr kilometer km meter metr feet foot inch pound kilo kilogram kg ton tonn gallon liter litr barrel ' +
    'acr hectar yard cent point degre hour minut day week month year second percent'
  ).split(' '),
);

/** 1 for near-identical wording, down to 0.7 for pairs that share a third of their words. */
function coverageFactor(coverage: number): number {
  return 0.7 + 0.3 * Math.min(1, Math.max(0, (coverage - 0.3) / 0.5));
}

/** Whether every word of side s outside fact f is matched on the other side. */
function onlyChange(s: Side, f: Fact): boolean {
  for (const i of s.words) if ((i < f.tokStart || i >= f.tokEnd) && (s.match[i] ?? -1) < 0) return false;
  return true;
}

export function scoreCandidate(
  p: Side,
  r: Side,
  fp: Fact,
  fr: Fact,
  coverage: number,
  lonely: boolean,
): Candidate | undefined {
  const slot = coverage >= 0.35 && sameSlot(p, r, fp, fr, lonely);
  const cp = contextOf(p, fp);
  const cr = contextOf(r, fr);
  const ctx = overlap(cp.before, cr.before) + overlap(cp.after, cr.after);
  const nextSame = cp.after[0] !== undefined && cp.after[0] === cr.after[0];
  const prevSame = cp.before[0] !== undefined && cp.before[0] === cr.before[0];
  switch (fp.kind) {
    case 'designation': {
      if (fr.kind !== 'designation' || fp.norm === fr.norm) return undefined;
      const fam = designationFamily(fp) === designationFamily(fr) && designationFamily(fp) !== '';
      if (fam && (slot || ctx >= 1)) return { fp, fr, kind: 'designation', confidence: 0.92 };
      if (slot && (nextSame || prevSame)) return { fp, fr, kind: 'designation', confidence: 0.8 };
      if (fam && lonely) return { fp, fr, kind: 'designation', confidence: 0.7 };
      return undefined;
    }
    case 'number': {
      if (fr.kind !== 'number') return undefined;
      if (!unitsCompatible(fp, fr) || numbersAgree(fp, fr)) return undefined;
      if (fp.vague || fr.vague) return undefined;
      const ha = fp.head;
      const hb = fr.head;
      // 30 miles vs 50 km: different measures, not one fact.
      if (ha[0] !== hb[0] && (MEASURES.has(ha[0] ?? '') || MEASURES.has(hb[0] ?? ''))) return undefined;
      const headSame = ha[0] !== undefined && ha[0] === hb[0];
      const headOverlap = overlap(ha, hb) > 0;
      let conf = 0;
      if (headSame && (slot || ctx >= 2)) conf = 0.9;
      else if (headSame) conf = 0.7;
      else if (slot && (headOverlap || (!ha.length && !hb.length) || nextSame || prevSame)) conf = 0.65;
      else if (fp.unit && fp.unit === fr.unit && (slot || ctx >= 1)) conf = 0.6;
      else if (headOverlap && ctx >= 2) conf = 0.55;
      else if (slot && lonely && coverage >= 0.6) conf = 0.55;
      if (!conf) return undefined;
      const sp = scopeOf(p, fp);
      const sr = scopeOf(r, fr);
      if (sp && sr && sp !== sr) return undefined;
      if ((sp && !sr) || (!sp && sr)) conf *= 0.75;
      if ((fp.lo !== fp.hi || fr.lo !== fr.hi) && !oppositeBounds(fp, fr)) conf *= 0.9;
      // 296 vs 300 dead, $16.93 vs $16.90 a share: close values are usually a later update or
      // another moment of the same market, not one outlet getting the fact wrong.
      const rel = Math.abs(fp.value - fr.value) / Math.max(Math.abs(fp.value), Math.abs(fr.value), 1e-9);
      // Loosely worded pairs may report different moments or measures.
      conf *= coverageFactor(coverage);
      // The closest value is the likeliest counterpart (36 ft vs 38 ft, not 36 ft vs 10 ft).
      const rank = conf + 0.1 * (1 - Math.min(1, rel));
      // "more than 20" vs "fewer than 20": the same value, bounds that exclude each other.
      if (oppositeBounds(fp, fr)) {
        // "below 50 ... while above that" on both sides: a contrast of two ranges, not a change.
        const lead = (f: Fact) => (f.text.split(/\s+/)[0] ?? '').toLowerCase();
        const has = (side: Side, w: string) => side.a.tokens.some((t) => t.lower === w);
        if (has(p, lead(fr)) && has(r, lead(fp))) return undefined;
        return { fp, fr, kind: 'claim', confidence: conf, rank, check: 'quantifier' };
      }
      // Close values usually mean another moment or rounding, unless the value is the only thing
      // that changed: every other word is repeated on both sides.
      if (rel < 0.1 && !onlyChange(p, fp) && !onlyChange(r, fr)) conf *= 0.6;
      return { fp, fr, kind: 'number', confidence: conf, rank };
    }
    case 'date': {
      if (fr.kind !== 'date' || !datesConflict(fp, fr)) return undefined;
      // Weekdays are deictic: outlets writing on different days name different ones.
      if (fp.date.weekday !== undefined || fr.date.weekday !== undefined) {
        return slot && coverage >= 0.85 ? { fp, fr, kind: 'date', confidence: 0.55 } : undefined;
      }
      if (slot || ctx >= 1) return { fp, fr, kind: 'date', confidence: slot ? 0.85 : 0.7 };
      if (lonely && coverage >= 0.5) return { fp, fr, kind: 'date', confidence: 0.6 };
      return undefined;
    }
    case 'tally': {
      if (fr.kind !== 'tally') return undefined;
      // "won 7-2" and "lost 2-7" tell one score from both ends.
      const a = [...fp.sides].sort((x, y) => x - y).join('-');
      const b = [...fr.sides].sort((x, y) => x - y).join('-');
      if (a === b) return undefined;
      if (slot) return { fp, fr, kind: 'number', confidence: 0.88, check: 'tally' };
      if (ctx >= 1) return { fp, fr, kind: 'number', confidence: 0.75, check: 'tally' };
      if (lonely && coverage >= 0.5) return { fp, fr, kind: 'number', confidence: 0.65, check: 'tally' };
      return undefined;
    }
    case 'name': {
      if (fr.kind !== 'name') return undefined;
      if (sameEntity(fp.norm, fr.norm)) return undefined;
      if (!typesCompatible(nameType(fp.norm), nameType(fr.norm))) return undefined;
      // Reworded sentences name the same actor in other ways ("Burke" / "the weather service");
      // a swapped name in otherwise identical wording is the clear case.
      let f = 0.45 + 0.3 * Math.min(1, Math.max(0, (coverage - 0.6) / 0.25));
      // Two members of one closed class (France/Spain, Ohio/Texas, American/French) cannot be
      // two ways of naming the same thing.
      if (sameNameClass(fp.norm, fr.norm)) f = Math.max(f, 0.75);
      if (slot && coverage >= 0.6) return { fp, fr, kind: 'name', confidence: f };
      if (nextSame && prevSame && coverage >= 0.5) return { fp, fr, kind: 'name', confidence: f * 0.8 };
      return undefined;
    }
    default:
      return undefined;
  }
}
