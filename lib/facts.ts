/**
 * Facts in one sentence: numbers and quantities, dates, designations, names, quotations and
 * negated or antonym predicates, each with its character span. Hand-written (no NLP package): the
 * report runs this on every aligned pair, so it must be cheap, and it must run in the browser.
 */

export interface Token {
  text: string;
  /** Lowercase, curly apostrophes straightened, possessive 's removed. */
  lower: string;
  start: number;
  end: number;
  /** Starts with a letter or digit. */
  word: boolean;
  /** Starts with an uppercase letter. */
  cap: boolean;
}

export type FactKind = 'number' | 'date' | 'designation' | 'name' | 'quote';

export interface DateValue {
  year?: number;
  month?: number;
  day?: number;
  weekday?: number;
  /** "the 1970s": 1970. */
  decade?: number;
  /** "last week", "this month": no calendar value, so never in conflict. */
  relative?: boolean;
}

export interface Fact {
  kind: FactKind;
  /** Surface text, sentence.slice(start, end). */
  text: string;
  start: number;
  end: number;
  /** Token indices [tokStart, tokEnd) into Analysis.tokens. */
  tokStart: number;
  tokEnd: number;
  /** Comparable normal form (number value, designation without hyphens, name core...). */
  norm: string;
  /** Numbers: the value and the interval its qualifier allows ("more than 24" is (24, inf)). */
  value?: number;
  lo?: number;
  hi?: number;
  /** Numbers: "%", "$", "€", "£" or "" (the counted noun is in `head`). */
  unit?: string;
  ordinal?: boolean;
  /** "hundreds", "dozens": an order of magnitude, not a value. */
  vague?: boolean;
  /** Numbers: the content words right after the number (the counted thing). */
  head?: string[];
  date?: DateValue;
}

/** A predicate with its polarity: "has not been authorized" is (authorize, false). */
export interface Predicate {
  canon: string;
  positive: boolean;
  /** The cue and predicate as written, e.g. "not been authorized" or "prohibits". */
  text: string;
  start: number;
  end: number;
  tok: number;
  /** True when the polarity comes from a cue or an antonym (not a bare positive word). */
  marked: boolean;
  /**
   * "verb": not/never/n't/declined to; "noun": no/none/without (a determiner, weaker evidence);
   * "antonym": an antonym verb (prohibits, fell).
   */
  strength: 'verb' | 'noun' | 'antonym';
  /** Token index of the cue (the predicate itself for antonyms). */
  cueTok: number;
}

export interface Analysis {
  text: string;
  tokens: Token[];
  facts: Fact[];
  predicates: Predicate[];
}

// Word tokens keep inner hyphens, apostrophes, periods and slashes ("RC-135", "U.S", "9/11",
// "don't") and thousands separators ("10,000"); everything else is one character.
const TOKEN_RE = /[\p{L}\p{N}]+(?:[-'’.&/][\p{L}\p{N}]+|,\d{3}(?!\d))*|\S/gu;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN_RE)) {
    const t = m[0];
    const start = m.index;
    const c = t.charCodeAt(0);
    const word = /[\p{L}\p{N}]/u.test(t[0]!);
    let lower = t.toLowerCase().replace(/’/g, "'");
    if (lower.length > 2 && lower.endsWith("'s")) lower = lower.slice(0, -2);
    out.push({
      text: t,
      lower,
      start,
      end: start + t.length,
      word,
      cap: word && c >= 65 && c <= 90 ? true : word && /^\p{Lu}/u.test(t),
    });
  }
  return out;
}

export const STOP = new Set(
  (
    'a an the and or but nor of to in on at by for with from as into onto over under about after before ' +
    'than then that this these those there here it its it is was were be been being are am has have had ' +
    'do does did done will would shall should can could may might must not no so such very also just ' +
    'he she they we you i me him her them us our your their his my who whom whose which what when where why how ' +
    'all any some each both either neither more most other another same own only too up down out off ' +
    'if while because though although since until unless again further once said says say told tell according ' +
    'per via among between through during without within across along against around upon toward towards ' +
    "one ones s t n't yet still even ever already much many few less least lot lots"
  ).split(/\s+/),
);

/** A tiny stemmer, enough to match "flights"/"flight" and "conducted"/"conducting". */
export function stem(w: string): string {
  let s = w;
  if (s.length > 4 && s.endsWith('ies')) return s.slice(0, -3) + 'y';
  if (s.length > 5 && s.endsWith('ing')) s = s.slice(0, -3);
  else if (s.length > 4 && s.endsWith('ed')) s = s.slice(0, -2);
  else if (s.length > 3 && s.endsWith('es') && /(?:ss|sh|ch|x|z)es$/.test(s)) s = s.slice(0, -2);
  else if (s.length > 3 && s.endsWith('s') && !s.endsWith('ss') && !s.endsWith('us') && !s.endsWith('is'))
    s = s.slice(0, -1);
  if (s.length > 3 && s.endsWith('e')) s = s.slice(0, -1);
  return s;
}

// ---------------------------------------------------------------- numbers

const SMALL: Record<string, number> = {
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
const QUALIFIERS: Array<[string[], (x: number) => [number, number]]> = [
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

const NUMERAL_RE = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$|^\d+(?:\.\d+)?$/;
const ORDINAL_RE = /^(\d+)(?:st|nd|rd|th)$/;

function numeralValue(t: string): number | undefined {
  if (!NUMERAL_RE.test(t)) return undefined;
  return Number(t.replace(/,/g, ''));
}

/** Cheap test before parseNumberAt: most tokens cannot start a number. */
function mayStartNumber(w: string): boolean {
  const c = w.charCodeAt(0);
  if (c >= 48 && c <= 57) return true;
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
  const t = toks[i]!;
  const lw = t.lower;
  const ord = ORDINAL_RE.exec(lw);
  if (ord) return { value: Number(ord[1]), end: i + 1, ordinal: true };
  if (ORDINAL[lw] !== undefined) return { value: ORDINAL[lw], end: i + 1, ordinal: true };
  if (VAGUE[lw] !== undefined) {
    // "hundreds of thousands"
    let v = VAGUE[lw];
    let end = i + 1;
    if (toks[end]?.lower === 'of' && toks[end + 1] && VAGUE[toks[end + 1]!.lower] !== undefined) {
      v *= VAGUE[toks[end + 1]!.lower]!;
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
    const w = toks[j]!.lower;
    const num = numeralValue(toks[j]!.text);
    if (num !== undefined) {
      if (any && current !== 0) break;
      current += num;
      any = true;
      continue;
    }
    if (SMALL[w] !== undefined) {
      if (any && current % 10 !== 0 && current !== 0) break;
      if (any && current !== 0 && SMALL[w]! >= 10 && current < 100) break;
      current += SMALL[w];
      any = true;
      continue;
    }
    const hy = /^([a-z]+)-([a-z]+)$/.exec(w);
    if (hy && SMALL[hy[1]!] !== undefined && SMALL[hy[2]!] !== undefined && SMALL[hy[1]!]! >= 20) {
      if (any && current !== 0) break;
      current += SMALL[hy[1]!]! + SMALL[hy[2]!]!;
      any = true;
      continue;
    }
    // "1.5 billion-pound": the scale word fused with the unit.
    const sw =
      SCALE[w] !== undefined
        ? w
        : /^[a-z]+-/.test(w) && SCALE[w.split('-')[0]!] !== undefined
          ? w.split('-')[0]!
          : '';
    if (any && sw) {
      const s = SCALE[sw]!;
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
    if (any && w === 'and' && toks[j + 1] && SMALL[toks[j + 1]!.lower] !== undefined && current >= 100)
      continue;
    break;
  }
  if (!any) return undefined;
  return { value: total + current, end: j };
}

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

// ---------------------------------------------------------------- designations

const DESIGNATION_RE =
  /^(?=[^a-z]*\d)(?=.*[A-Z])[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*(?:s)?$|^[A-Z][a-z]-\d+[A-Z]?s?$/;
const SERIES_WORDS = new Set([
  'section',
  'article',
  'title',
  'flight',
  'resolution',
  'amendment',
  'proposition',
  'prop',
  'route',
  'highway',
  'interstate',
  'chapter',
  'rule',
  'measure',
  'bill',
  'terminal',
  'gate',
  'platform',
  'district',
  'precinct',
  'ward',
  'unit',
  'model',
  'version',
  'phase',
  'level',
  'category',
  'class',
  'stage',
  'no',
  'number',
]);

function designationNorm(t: string): string {
  let s = t.toUpperCase().replace(/-/g, '');
  if (/[0-9A-Z]S$/.test(s) && /\d/.test(t) && t.endsWith('s')) s = s.slice(0, -1);
  return s;
}

/** Leading letters of a designation: "RC" for RC-135, "SECTION" for Section 702. */
export function designationFamily(f: Fact): string {
  const m = /^[A-Z]+/.exec(f.norm);
  return m ? m[0] : '';
}

// ---------------------------------------------------------------- names

const NAME_CONNECTORS = new Set([
  'of',
  'de',
  'del',
  'da',
  'van',
  'von',
  'bin',
  'al',
  'la',
  'le',
  'du',
  'der',
  'and',
  '&',
]);
const NOT_NAME = new Set([
  'the',
  'a',
  'an',
  'i',
  'in',
  'on',
  'at',
  'but',
  'and',
  'or',
  'if',
  'as',
  'for',
  'to',
  'it',
  'he',
  'she',
  'they',
  'we',
  'this',
  'that',
  'these',
  'those',
  'his',
  'her',
  'their',
  'its',
  'our',
  'my',
]);
const TIMEZONES = new Set([
  'EST',
  'EDT',
  'CST',
  'CDT',
  'MST',
  'MDT',
  'PST',
  'PDT',
  'GMT',
  'UTC',
  'BST',
  'CET',
  'AEST',
  'AEDT',
]);
export const TITLES = new Set([
  'president',
  'vice',
  'gen',
  'general',
  'maj',
  'major',
  'sen',
  'senator',
  'rep',
  'representative',
  'gov',
  'governor',
  'dr',
  'mr',
  'mrs',
  'ms',
  'secretary',
  'director',
  'lt',
  'col',
  'colonel',
  'sgt',
  'adm',
  'admiral',
  'capt',
  'captain',
  'prime',
  'minister',
  'chancellor',
  'pope',
  'king',
  'queen',
  'prince',
  'princess',
  'judge',
  'justice',
  'chief',
  'sir',
  'lord',
  'lady',
  'mayor',
  'ambassador',
  'officer',
  'defense',
  'state',
  'attorney',
  'commissioner',
  'sheriff',
  'professor',
  'prof',
  'rev',
  'saint',
  'st',
]);

// ---------------------------------------------------------------- negation

/** Antonym verbs: each maps to a canonical predicate and a polarity. */
const ANTONYMS: Record<string, [string, boolean]> = {};
function antonymPair(pos: string, neg: string, canon: string) {
  for (const w of pos.split(' ')) ANTONYMS[stem(w)] = [canon, true];
  for (const w of neg.split(' ')) ANTONYMS[stem(w)] = [canon, false];
}
antonymPair(
  'authorize authorized authorizes authorise authorised allow allowed allows permit permits permitted approve approved approves',
  'prohibit prohibits prohibited forbid forbids forbade forbidden ban bans banned disallow disallowed',
  'authorize',
);
antonymPair(
  'confirm confirms confirmed acknowledge acknowledged admit admits admitted',
  'deny denies denied',
  'confirm',
);
antonymPair(
  'rise rises rose risen increase increased increases grow grows grew grown climb climbed climbs gain gained gains jump jumped soar soared surge surged',
  'fall falls fell fallen decrease decreased decreases decline declined declines drop dropped drops shrink shrank shrunk plunge plunged slid slip slipped sank sink tumble tumbled',
  'rise',
);
antonymPair('win wins won', 'lose loses lost', 'win');
antonymPair('accept accepts accepted', 'reject rejects rejected', 'accept');
antonymPair(
  'support supports supported endorse endorsed favor favors favored advocate advocated advocates',
  'oppose opposes opposed',
  'support',
);
antonymPair('acquit acquitted', 'convict convicted', 'acquit');
antonymPair('legal lawful', 'illegal unlawful', 'legal');
antonymPair('guilty', 'innocent', 'guilty');
antonymPair('alive survive survived survives', 'dead die died dies', 'alive');
antonymPair('include includes included', 'exclude excludes excluded', 'include');
antonymPair('open opened opens reopen reopened', 'close closed closes shut', 'open');
antonymPair('agree agreed agrees', 'disagree disagreed disagrees', 'agree');
antonymPair('succeed succeeded succeeds', 'fail fails failed', 'succeed');

const NEG_VERBS = new Set(['declin', 'refus', 'fail']); // followed by "to"
const NEG_SKIP = new Set([
  'be',
  'been',
  'being',
  'is',
  'was',
  'were',
  'are',
  'have',
  'has',
  'had',
  'do',
  'does',
  'did',
  'to',
  'the',
  'a',
  'an',
  'any',
  'yet',
  'ever',
  'even',
  'also',
  'previously',
  'so',
  'as',
  'been',
  'very',
  'too',
  'really',
  'necessarily',
  'immediately',
  'directly',
  'publicly',
  'formally',
  'officially',
  'explicitly',
]);

function canonOf(stemmed: string): [string, boolean] {
  const a = ANTONYMS[stemmed];
  return a ?? [stemmed, true];
}

function lookupAntonym(lower: string): [string, boolean] | undefined {
  return ANTONYMS[stem(lower)];
}

const PREPOSITIONS = new Set([
  'in',
  'at',
  'on',
  'for',
  'to',
  'from',
  'by',
  'with',
  'of',

  'about',
  'over',
  'under',
]);
/** Before these an antonym word is a noun ("a streak of gains", "the fall"), not a predicate. */
const DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'of',
  'its',
  'their',
  'his',
  'her',
  'our',
  'this',
  'that',
  'these',
  'those',
  'in',
  'for',
  'with',
  'by',
]);
const NOUN_CUES = new Set(['no', 'none', 'nothing', 'nobody', 'without', 'neither', 'nor']);
const WEAK_ADVERBS = new Set(['rarely', 'seldom', 'hardly', 'barely', 'scarcely']);

export interface NegCue {
  /** Tokens the cue spans (the predicate search starts after them). */
  len: number;
  strength: 'verb' | 'noun';
}

/** A negation cue at token i: "not", "n't", "never", "no", "without", "declined to", "unless"... */
export function negCueAt(toks: Token[], i: number): NegCue | undefined {
  const w = toks[i]!.lower;
  if (w.endsWith("n't") || w === 'cannot') return { len: 1, strength: 'verb' };
  // "won 't" written with a space (tokenised text) or a lone "'t" after "n".
  if (
    w === 't' &&
    (toks[i - 1]?.text === "'" || toks[i - 1]?.text === '’') &&
    toks[i - 2]?.lower.endsWith('n')
  )
    return { len: 1, strength: 'verb' };
  if (w === "'t" && toks[i - 1]?.lower.endsWith('n')) return { len: 1, strength: 'verb' };
  const nx = toks[i + 1]?.lower;
  if (w === 'not') {
    // "not only", "not just" keep the polarity of what follows; "not in others", "not to those"
    // contrast a phrase, not a predicate.
    if (nx === 'only' || nx === 'just' || nx === 'least' || nx === 'until' || nx === 'because')
      return undefined;
    if (nx && PREPOSITIONS.has(nx)) return undefined;
    // "Not surprisingly, ..." comments on the sentence; it negates nothing.
    if (nx && nx.endsWith('ly') && toks[i + 2]?.text === ',') return undefined;
    return { len: 1, strength: 'verb' };
  }
  if (w === 'never' || WEAK_ADVERBS.has(w)) return { len: 1, strength: 'verb' };
  // "details have yet to be finalized"
  if (w === 'yet' && nx === 'to') return { len: 2, strength: 'verb' };
  if (NOUN_CUES.has(w)) {
    // "no longer need" denies the need now.
    if (w === 'no' && nx === 'longer') return { len: 2, strength: 'verb' };
    if (w === 'no' && (nx === 'doubt' || nx === 'matter' || nx === 'less' || nx === 'more' || nx === 'one'))
      return undefined;
    return { len: 1, strength: 'noun' };
  }
  // Phrasal refusals: "turned down the post", "passed on the chance to", "died before finishing".
  if (/^turn(?:s|ed|ing)?$/.test(w) && nx === 'down') return { len: 2, strength: 'verb' };
  if (
    /^pass(?:es|ed|ing)?$/.test(w) &&
    nx === 'on' &&
    /^(?:the|an?)$/.test(toks[i + 2]?.lower ?? '') &&
    /^(?:opportunity|chance|offer|role|job|post)$/.test(toks[i + 3]?.lower ?? '')
  )
    return { len: 4, strength: 'verb' };
  if (w === 'died' && nx === 'before' && /ing$/.test(toks[i + 2]?.lower ?? ''))
    return { len: 3, strength: 'verb' };
  const s = stem(w);
  if (s === 'lack') return { len: 1, strength: 'noun' };
  if (NEG_VERBS.has(s)) {
    // "declined to comment", "declined, through a spokesman, to comment"
    for (let k = i + 1; k < Math.min(toks.length, i + 8); k++) {
      const t = toks[k]!;
      if (t.lower === 'to') return { len: k - i + 1, strength: 'verb' };
      if (/[.;!?]/.test(t.text)) break;
    }
  }
  return undefined;
}

// ---------------------------------------------------------------- main

function mk(
  sentence: string,
  toks: Token[],
  kind: FactKind,
  a: number,
  b: number,
  norm: string,
  extra: Partial<Fact> = {},
): Fact {
  const start = toks[a]!.start;
  const end = toks[b - 1]!.end;
  return { kind, text: sentence.slice(start, end), start, end, tokStart: a, tokEnd: b, norm, ...extra };
}

function contentAfter(toks: Token[], from: number, n: number): string[] {
  const out: string[] = [];
  for (let k = from; k < toks.length && out.length < n; k++) {
    const t = toks[k]!;
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

const quoteCache = new Map<string, Analysis>();

/** Tokens, facts and predicates of one sentence (memoised on the last few hundred sentences). */
export function analyze(sentence: string): Analysis {
  const hit = quoteCache.get(sentence);
  if (hit) return hit;
  const res = analyzeUncached(sentence);
  if (quoteCache.size > 512) quoteCache.clear();
  quoteCache.set(sentence, res);
  return res;
}

/**
 * A person's age, written "35-year-old", "35 years old", "aged 35" or as an apposition after a
 * name ("Brianne Altice, 35,"): a number whose unit is the age, so that two ways of writing it
 * pair with each other and not with the other counts of the sentence.
 */
function ageAt(toks: Token[], i: number): { a: number; b: number; value: number } | undefined {
  const t = toks[i]!;
  const small = (w: string) => (/^\d{1,3}$/.test(w) ? Number(w) : SMALL[w]);
  const fused = /^([a-z0-9]+)-years?-old$/.exec(t.lower);
  if (fused) {
    const v = small(fused[1]!);
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
    toks[i - 2]!.word &&
    !/^\d/.test(toks[i - 2]!.text)
  )
    return { a: i, b: i + 1, value: v };
  return undefined;
}

export function extractFacts(sentence: string): Fact[] {
  return analyze(sentence).facts;
}

function analyzeUncached(sentence: string): Analysis {
  const toks = tokenize(sentence);
  const facts: Fact[] = [];
  const used = new Uint8Array(toks.length);
  const claim = (a: number, b: number) => {
    for (let k = a; k < b; k++) used[k] = 1;
  };
  const firstWord = toks.findIndex((t) => t.word);

  // Dates first: "Feb. 3", "3 February 2021", "January 20, 2025", "Tuesday", "2021", "last week".
  for (let i = 0; i < toks.length; i++) {
    if (used[i]) continue;
    const t = toks[i]!;
    const lw = t.lower;
    const mon = MONTHS[lw];
    const ambiguous =
      lw === 'may' || lw === 'march' || lw === 'mar' || lw === 'jan' || lw === 'dec' || lw === 'sep';
    if (mon !== undefined && (t.cap || !ambiguous)) {
      let b = i + 1;
      if (toks[b]?.text === '.') b++;
      const dv: DateValue = { month: mon };
      const day = dayValue(toks[b]);
      if (day !== undefined && !(toks[b + 1] && /^(?:percent|%)$/.test(toks[b + 1]!.lower))) {
        dv.day = day;
        b++;
        if (toks[b]?.text === ',' && toks[b + 1] && isYear(toks[b + 1]!)) b++;
        if (toks[b] && isYear(toks[b]!)) {
          dv.year = Number(toks[b]!.text);
          b++;
        }
      } else if (toks[b] && isYear(toks[b]!)) {
        dv.year = Number(toks[b]!.text);
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
      const endTok = toks[b - 1]!.text === '.' ? b - 1 : b;
      facts.push(mk(sentence, toks, 'date', a, Math.max(endTok, i + 1), dateNorm(dv), { date: dv }));
      claim(a, b);
      i = b - 1;
      continue;
    }
    if (WEEKDAYS[lw] !== undefined && t.cap) {
      const dv = { weekday: WEEKDAYS[lw] };
      facts.push(mk(sentence, toks, 'date', i, i + 1, dateNorm(dv), { date: dv }));
      claim(i, i + 1);
      continue;
    }
    if (
      isYear(t) &&
      toks[i - 1]?.text !== '$' &&
      !/^(?:percent|%|million|billion|thousand|troops|people)$/.test(toks[i + 1]?.lower ?? '')
    ) {
      const dv = { year: Number(t.text) };
      facts.push(mk(sentence, toks, 'date', i, i + 1, dateNorm(dv), { date: dv }));
      claim(i, i + 1);
      continue;
    }
    if (/^\d{3}0s$/.test(lw)) {
      const dv = { decade: Number(lw.slice(0, 4)) };
      facts.push(mk(sentence, toks, 'date', i, i + 1, `decade:${dv.decade}`, { date: dv }));
      claim(i, i + 1);
      continue;
    }
    if (
      (lw === 'last' || lw === 'this' || lw === 'next' || lw === 'earlier' || lw === 'later') &&
      toks[i + 1] &&
      RELATIVE_NEXT.has(toks[i + 1]!.lower)
    ) {
      facts.push(
        mk(sentence, toks, 'date', i, i + 2, `rel:${lw} ${toks[i + 1]!.lower}`, { date: { relative: true } }),
      );
      claim(i, i + 2);
      i++;
      continue;
    }
    if (RELATIVE_ONE.has(lw)) {
      facts.push(mk(sentence, toks, 'date', i, i + 1, `rel:${lw}`, { date: { relative: true } }));
      claim(i, i + 1);
    }
  }

  // Designations: RC-135, U-2s, MQ-9B, COVID-19, Section 702.
  for (let i = 0; i < toks.length; i++) {
    if (used[i]) continue;
    const t = toks[i]!;
    if (!t.word) continue;
    if (
      DESIGNATION_RE.test(t.text) &&
      !NUMERAL_RE.test(t.text) &&
      !/^\d/.test(t.text) &&
      !/^(?:NZ|US|HK|AU)\d/.test(t.text)
    ) {
      facts.push(mk(sentence, toks, 'designation', i, i + 1, designationNorm(t.text)));
      claim(i, i + 1);
      continue;
    }
    if (
      t.cap &&
      SERIES_WORDS.has(t.lower) &&
      toks[i + 1] &&
      /^(?:\d+[A-Za-z]?|[IVX]+)$/.test(toks[i + 1]!.text)
    ) {
      if (t.lower === 'no' && !/^\d/.test(toks[i + 1]!.text)) continue;
      facts.push(
        mk(
          sentence,
          toks,
          'designation',
          i,
          i + 2,
          `${t.lower.toUpperCase()} ${toks[i + 1]!.text.toUpperCase()}`,
        ),
      );
      claim(i, i + 2);
      i++;
    }
  }

  // Numbers and quantities.
  for (let i = 0; i < toks.length; i++) {
    if (used[i]) continue;
    const t = toks[i]!;
    const age = ageAt(toks, i);
    if (age) {
      facts.push(
        mk(sentence, toks, 'number', age.a, age.b, `age:${age.value}`, {
          value: age.value,
          lo: age.value,
          hi: age.value,
          unit: 'age',
          ordinal: false,
          vague: false,
          head: ['age'],
        }),
      );
      claim(age.a, age.b);
      i = age.b - 1;
      continue;
    }
    if (!t.word && !CURRENCY[t.text]) continue;
    let a = i;
    let unit = '';
    let k = i;
    if (CURRENCY[t.text]) {
      unit = CURRENCY[t.text]!;
      k = i + 1;
      if (!toks[k] || used[k]) continue;
    } else if (/^(?:us|a|c|hk)\$/i.test(t.text)) {
      continue;
    }
    if (!mayStartNumber(toks[k]!.lower)) continue;
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
      toks[k]!.lower === 'one' &&
      (toks[p.end]?.lower === 'of' ||
        toks[k - 1]?.lower === 'no' ||
        toks[k - 1]?.lower === 'the' ||
        !toks[p.end]?.word)
    )
      continue;
    if (p.ordinal && !/\d/.test(toks[k]!.text) && toks[k]!.lower !== 'first' && !toks[k]!.cap) {
      // "second", "third" as words are too often not counts ("a second time"); keep them anyway but weak.
    }
    let b = p.end;
    if (toks[b] && UNIT_WORDS[toks[b]!.lower]) {
      unit = UNIT_WORDS[toks[b]!.lower]!;
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
      for (let w = 0; w < words.length; w++) if (toks[s + w]!.lower !== words[w]) ok = false;
      if (ok) {
        if (!p.vague) [lo, hi] = fn(p.value);
        a = s;
        break;
      }
    }
    const head = contentAfter(toks, b, 3);
    const norm = `${unit}${p.ordinal ? 'ord:' : ''}${p.value}`;
    facts.push(
      mk(sentence, toks, 'number', a, b, norm, {
        value: p.value,
        lo,
        hi,
        unit,
        ordinal: p.ordinal,
        vague: p.vague,
        head,
      }),
    );
    claim(a, b);
    i = b - 1;
  }

  // Names: capitalised sequences, with connectors inside ("Bank of America").
  for (let i = 0; i < toks.length; i++) {
    if (used[i]) continue;
    const t = toks[i]!;
    if (!t.cap || NOT_NAME.has(t.lower) || TIMEZONES.has(t.text)) continue;
    let b = i + 1;
    while (b < toks.length) {
      const u = toks[b]!;
      if (used[b]) break;
      if (u.cap && !NOT_NAME.has(u.lower)) {
        b++;
        continue;
      }
      if (u.text === '.' && /^[A-Z][a-z]?$/.test(toks[b - 1]!.text) && toks[b + 1]?.cap) {
        b++; // "Gregory M. Guillot"
        continue;
      }
      if (NAME_CONNECTORS.has(u.lower) && toks[b + 1]?.cap && !used[b + 1] && u.lower !== 'and') {
        b++;
        continue;
      }
      break;
    }
    // Sentence-initial single words are usually ordinary words written with a capital.
    if (i === firstWord && b === i + 1 && !/^[A-Z]{2,}/.test(t.text)) continue;
    let a = i;
    // strip a trailing period token
    if (toks[b - 1]!.text === '.') b--;
    const core = nameCore(toks.slice(a, b).map((x) => x.lower));
    if (!core.length) continue;
    if (toks[a]!.lower === 'the') a++;
    facts.push(mk(sentence, toks, 'name', a, b, core.join(' ')));
    claim(a, b);
    i = b - 1;
  }

  // Quotations: “...” or "...".
  const quoteRe = /[“"]([^“”"]{3,}?)[”"]/g;
  for (const m of sentence.matchAll(quoteRe)) {
    const raw = m[1]!;
    const lead = raw.length - raw.trimStart().length;
    const inner = raw.trim().replace(/[\s,;:]+$/u, '');
    const s = m.index + 1 + lead;
    const e = s + inner.length;
    const ta = toks.findIndex((x) => x.start >= s);
    let tb = ta;
    while (tb < toks.length && toks[tb]!.end <= e) tb++;
    if (ta < 0 || tb - ta < 2) continue;
    facts.push({
      kind: 'quote',
      text: inner,
      start: s,
      end: e,
      tokStart: ta,
      tokEnd: tb,
      norm: toks
        .slice(ta, tb)
        .filter((x) => x.word)
        .map((x) => x.lower)
        .join(' '),
    });
  }

  // Predicates with polarity (negation cues and antonym verbs).
  const predicates: Predicate[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (!t.word) continue;
    const cue = negCueAt(toks, i);
    if (cue) {
      let k = i + cue.len;
      let steps = 0;
      while (k < toks.length && steps < 5) {
        const u = toks[k]!;
        if (!u.word) {
          if (/[,.;:!?]/.test(u.text)) break;
          k++;
          continue;
        }
        if (NEG_SKIP.has(u.lower) || STOP.has(u.lower) || u.lower.endsWith('ly') || u.lower === 't') {
          k++;
          steps++;
          continue;
        }
        break;
      }
      const u = toks[k];
      if (u && u.word && !STOP.has(u.lower) && !negCueAt(toks, k)) {
        const ant = lookupAntonym(u.lower);
        const [canon, pol] = ant ?? canonOf(stem(u.lower));
        predicates.push({
          canon,
          positive: !pol,
          text: sentence.slice(t.start, u.end),
          start: t.start,
          end: u.end,
          tok: k,
          marked: true,
          strength: cue.strength,
          cueTok: i,
        });
        i = k;
      }
      continue;
    }
    const ant = lookupAntonym(t.lower);
    if (ant && !DETERMINERS.has(toks[i - 1]?.lower ?? '')) {
      predicates.push({
        canon: ant[0],
        positive: ant[1],
        text: t.text,
        start: t.start,
        end: t.end,
        tok: i,
        marked: true,
        strength: 'antonym',
        cueTok: i,
      });
    }
  }

  facts.sort((x, y) => x.start - y.start);
  return { text: sentence, tokens: toks, facts, predicates };
}

function dateNorm(d: DateValue): string {
  return [d.year ?? '', d.month ?? '', d.day ?? '', d.weekday ?? ''].join('-');
}

/** Name tokens without titles and possessives, for comparison. */
export function nameCore(lowers: string[]): string[] {
  const out: string[] = [];
  for (const w of lowers) {
    const x = w.replace(/\./g, '');
    if (!x || x === 'the') continue;
    if (out.length === 0 && TITLES.has(x)) continue;
    out.push(x);
  }
  return out;
}
