/**
 * Numbers and quantities: numerals, number words ("two dozen", "ten thousand"), scales, units,
 * ordinals, vague counts ("hundreds"), ages, and qualifiers as intervals ("more than 24").
 */
import { claim, spanOf, type Scan } from './scan';
import { STOP, stem, tokenAt } from './tokens';
import type { Token } from './types';

// ---------------------------------------------------------------- numbers

export const SMALL: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALE: Record<string, number> = {
  hundred: 100,
  thousand: 1e3,
  million: 1e6,
  billion: 1e9,
  trillion: 1e12,
  dozen: 12,
};
const VAGUE: Record<string, number> = {
  dozens: 12,
  scores: 20,
  hundreds: 100,
  thousands: 1e3,
  millions: 1e6,
  billions: 1e9,
};
const ORDINAL: Record<string, number> = {
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  eleventh: 11,
  twelfth: 12,
  twentieth: 20,
  hundredth: 100,
};
const CURRENCY: Record<string, string> = { $: '$', '€': '€', '£': '£', usd: '$', eur: '€' };
const UNIT_WORDS: Record<string, string> = {
  percent: '%',
  '%': '%',
  pct: '%',
  dollars: '$',
  dollar: '$',
  euros: '€',
  euro: '€',
};

/** Qualifiers written before a number, longest first, with the interval they give around x. */
export const QUALIFIERS: Array<[string[], (x: number) => [number, number]]> = [
  [['more', 'than'], (x) => [x * 1.0001, Infinity]],
  [['greater', 'than'], (x) => [x * 1.0001, Infinity]],
  [['upwards', 'of'], (x) => [x, Infinity]],
  [['at', 'least'], (x) => [x, Infinity]],
  [['as', 'many', 'as'], (x) => [0, x]],
  [['as', 'much', 'as'], (x) => [0, x]],
  [['up', 'to'], (x) => [0, x]],
  [['at', 'most'], (x) => [0, x]],
  [['fewer', 'than'], (x) => [0, x * 0.9999]],
  [['less', 'than'], (x) => [0, x * 0.9999]],
  [['close', 'to'], (x) => [x * 0.85, x]],
  [['just', 'over'], (x) => [x, x * 1.15]],
  [['just', 'under'], (x) => [x * 0.85, x]],
  [['an', 'estimated'], (x) => [x * 0.8, x * 1.2]],
  [['over'], (x) => [x * 1.0001, Infinity]],
  [['above'], (x) => [x * 1.0001, Infinity]],
  [['exceeding'], (x) => [x * 1.0001, Infinity]],
  [['under'], (x) => [0, x * 0.9999]],
  [['below'], (x) => [0, x * 0.9999]],
  [['nearly'], (x) => [x * 0.85, x]],
  [['almost'], (x) => [x * 0.85, x]],
  [['about'], (x) => [x * 0.85, x * 1.15]],
  [['around'], (x) => [x * 0.85, x * 1.15]],
  [['approximately'], (x) => [x * 0.85, x * 1.15]],
  [['roughly'], (x) => [x * 0.85, x * 1.15]],
  [['some'], (x) => [x * 0.85, x * 1.15]],
  [['estimated'], (x) => [x * 0.8, x * 1.2]],
];

export const NUMERAL_RE = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$|^\.\d+$/;
const ORDINAL_RE = /^(\d+)(?:st|nd|rd|th)$/;

export function numeralValue(t: string): number | undefined {
  if (!NUMERAL_RE.test(t)) return undefined;
  return Number(t.replace(/,/g, ''));
}

/** Cheap test before parseNumberAt: most tokens cannot start a number. */
function mayStartNumber(w: string): boolean {
  const c = w.charCodeAt(0);
  if ((c >= 48 && c <= 57) || (c === 46 && w.length > 1)) return true;
  if (w === 'a' || w === 'an' || w === 'half' || w === 'half-dozen') return true;
  const head = w.includes('-') ? w.slice(0, w.indexOf('-')) : w;
  return SMALL[head] !== undefined || VAGUE[w] !== undefined || ORDINAL[w] !== undefined;
}

interface NumParse {
  value: number;
  end: number; // exclusive token index
  vague?: boolean;
  ordinal?: boolean;
}

/** Number words: "seven", "two dozen", "a half-dozen", "ten thousand", "twenty-five", "1.5 million". */
function parseNumberAt(toks: Token[], i: number): NumParse | undefined {
  const t = tokenAt(toks, i);
  const lw = t.lower;
  const ord = ORDINAL_RE.exec(lw);
  if (ord) return { value: Number(ord[1]), end: i + 1, ordinal: true };
  if (ORDINAL[lw] !== undefined) return { value: ORDINAL[lw], end: i + 1, ordinal: true };
  if (VAGUE[lw] !== undefined) {
    // "hundreds of thousands"
    let v = VAGUE[lw];
    let end = i + 1;
    if (toks[end]?.lower === 'of' && toks[end + 1] && VAGUE[tokenAt(toks, end + 1).lower] !== undefined) {
      v *= VAGUE[tokenAt(toks, end + 1).lower] ?? 0;
      end += 2;
    }
    return { value: v, end, vague: true };
  }
  if (lw === 'half-dozen') return { value: 6, end: i + 1 };
  if (lw === 'half' && toks[i + 1]?.lower === 'a' && toks[i + 2]?.lower === 'dozen')
    return { value: 6, end: i + 3 };
  let j = i;
  let total = 0;
  let current = 0;
  let any = false;
  // "a dozen", "a half-dozen", "a hundred", "a million"
  if (lw === 'a' || lw === 'an') {
    const nx = toks[i + 1]?.lower;
    if (nx === 'half-dozen') return { value: 6, end: i + 2 };
    if (nx && SCALE[nx] !== undefined) {
      current = 1;
      j = i + 1;
      any = true;
    } else return undefined;
  }
  for (; j < toks.length; j++) {
    const w = tokenAt(toks, j).lower;
    const num = numeralValue(tokenAt(toks, j).text);
    if (num !== undefined) {
      if (any && current !== 0) break;
      current += num;
      any = true;
      continue;
    }
    if (SMALL[w] !== undefined) {
      if (any && current % 10 !== 0 && current !== 0) break;
      if (any && current !== 0 && (SMALL[w] ?? 0) >= 10 && current < 100) break;
      current += SMALL[w];
      any = true;
      continue;
    }
    const hy = /^([a-z]+)-([a-z]+)$/.exec(w);
    const tens = hy ? SMALL[hy[1] ?? ''] : undefined;
    const ones = hy ? SMALL[hy[2] ?? ''] : undefined;
    if (tens !== undefined && ones !== undefined && tens >= 20) {
      if (any && current !== 0) break;
      current += tens + ones;
      any = true;
      continue;
    }
    // "1.5 billion-pound": the scale word fused with the unit.
    const head = w.split('-')[0] ?? '';
    const sw = SCALE[w] !== undefined ? w : /^[a-z]+-/.test(w) && SCALE[head] !== undefined ? head : '';
    if (any && sw) {
      const s = SCALE[sw] ?? 0;
      if (s === 100) current *= 100;
      else {
        total += current * s;
        current = 0;
      }
      if (sw !== w) {
        j++;
        break;
      }
      continue;
    }
    if (
      any &&
      w === 'and' &&
      toks[j + 1] &&
      SMALL[tokenAt(toks, j + 1).lower] !== undefined &&
      current >= 100
    )
      continue;
    break;
  }
  if (!any) return undefined;
  return { value: total + current, end: j };
}
function contentAfter(toks: Token[], from: number, n: number): string[] {
  const out: string[] = [];
  for (let k = from; k < toks.length && out.length < n; k++) {
    const t = tokenAt(toks, k);
    if (!t.word) {
      if (/[.;:!?]/.test(t.text)) break;
      continue;
    }
    if (STOP.has(t.lower) && t.lower !== 'per') continue;
    if (numeralValue(t.text) !== undefined) break;
    out.push(stem(t.lower));
  }
  return out;
}
/**
 * A person's age, written "35-year-old", "35 years old", "aged 35" or as an apposition after a
 * name ("Brianne Altice, 35,"): a number whose unit is the age, so that two ways of writing it
 * pair with each other and not with the other counts of the sentence.
 */
function ageAt(toks: Token[], i: number): { a: number; b: number; value: number } | undefined {
  const t = tokenAt(toks, i);
  const small = (w: string) => (/^\d{1,3}$/.test(w) ? Number(w) : SMALL[w]);
  const fused = /^([a-z0-9]+)-years?-old$/.exec(t.lower);
  if (fused) {
    const v = small(fused[1] ?? '');
    return v !== undefined ? { a: i, b: i + 1, value: v } : undefined;
  }
  const v = small(t.lower);
  if (v === undefined || v < 1 || v > 120) return undefined;
  const next = toks[i + 1]?.lower;
  if (/^years?$/.test(next ?? '') && toks[i + 2]?.lower === 'old') return { a: i, b: i + 3, value: v };
  if (toks[i - 1]?.lower === 'aged') return { a: i - 1, b: i + 1, value: v };
  // "Smith, 45, a farmer": digits between commas right after a capitalised name word.
  if (
    /^\d{1,3}$/.test(t.text) &&
    toks[i - 1]?.text === ',' &&
    toks[i + 1]?.text === ',' &&
    toks[i - 2]?.cap &&
    tokenAt(toks, i - 2).word &&
    !/^\d/.test(tokenAt(toks, i - 2).text)
  )
    return { a: i, b: i + 1, value: v };
  return undefined;
}

/** Finds the numbers of a sentence outside the tokens dates and designations took. */
export function extractNumbers(scan: Scan): void {
  const { toks, used } = scan;
  // Numbers and quantities.
  for (let i = 0; i < toks.length; i++) {
    if (used[i]) continue;
    const t = tokenAt(toks, i);
    const age = ageAt(toks, i);
    if (age) {
      scan.facts.push({
        kind: 'number',
        ...spanOf(scan, age.a, age.b, `age:${age.value}`),
        value: age.value,
        lo: age.value,
        hi: age.value,
        unit: 'age',
        ordinal: false,
        vague: false,
        head: ['age'],
      });
      claim(scan, age.a, age.b);
      i = age.b - 1;
      continue;
    }
    if (!t.word && !CURRENCY[t.text]) continue;
    let a = i;
    let unit = '';
    let k = i;
    if (CURRENCY[t.text]) {
      unit = CURRENCY[t.text] ?? '';
      k = i + 1;
      if (!toks[k] || used[k]) continue;
    } else if (/^(?:us|a|c|hk)\$/i.test(t.text)) {
      continue;
    }
    if (!mayStartNumber(tokenAt(toks, k).lower)) continue;
    const p = parseNumberAt(toks, k);
    if (!p) continue;
    // Clock times ("8 a.m.") and fractions ("2 1/2") are not counts.
    const after = toks[p.end]?.lower ?? '';
    if (
      /^(?:a\.m|p\.m|am|pm|gmt|edt|est|bst|cet)$/.test(after) ||
      after === ':' ||
      /^\d+\/\d+$/.test(after) ||
      after === '/' ||
      toks[k - 1]?.text === '/' ||
      toks[k - 1]?.text === ':'
    ) {
      i = p.end - 1;
      continue;
    }
    // "one" as a pronoun ("one of the", "no one") is not a count worth comparing.
    if (
      tokenAt(toks, k).lower === 'one' &&
      (toks[p.end]?.lower === 'of' ||
        toks[k - 1]?.lower === 'no' ||
        toks[k - 1]?.lower === 'the' ||
        !toks[p.end]?.word)
    )
      continue;
    if (
      p.ordinal &&
      !/\d/.test(tokenAt(toks, k).text) &&
      tokenAt(toks, k).lower !== 'first' &&
      !tokenAt(toks, k).cap
    ) {
      // "second", "third" as words are too often not counts ("a second time"); keep them anyway but weak.
    }
    let b = p.end;
    if (toks[b] && UNIT_WORDS[tokenAt(toks, b).lower]) {
      unit = UNIT_WORDS[tokenAt(toks, b).lower] ?? '';
      b++;
    } else if (toks[b]?.lower === 'per' && toks[b + 1]?.lower === 'cent') {
      unit = '%';
      b += 2;
    }
    // Qualifier before the number (or the currency sign).
    let lo = p.value;
    let hi = p.value;
    if (p.vague) {
      lo = p.value;
      hi = p.value * 1000;
    }
    for (const [words, fn] of QUALIFIERS) {
      const s = a - words.length;
      if (s < 0) continue;
      let ok = true;
      for (let w = 0; w < words.length; w++) if (tokenAt(toks, s + w).lower !== words[w]) ok = false;
      if (ok) {
        if (!p.vague) [lo, hi] = fn(p.value);
        a = s;
        break;
      }
    }
    const head = contentAfter(toks, b, 3);
    const norm = `${unit}${p.ordinal ? 'ord:' : ''}${p.value}`;
    scan.facts.push({
      kind: 'number',
      ...spanOf(scan, a, b, norm),
      value: p.value,
      lo,
      hi,
      unit,
      ordinal: !!p.ordinal,
      vague: !!p.vague,
      head,
    });
    claim(scan, a, b);
    i = b - 1;
  }
}
