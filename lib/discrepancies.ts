/**
 * Facts of two aligned sentences (or passages) compared. Both sides are assumed to report the same
 * thing; a fact counts as a discrepancy only when the other side states the SAME fact (same role:
 * the number of troops vs the number of troops) with another value. Facts present on one side
 * only are extra detail, never a conflict. See docs/decisions/003-discrepancies.md.
 */
import {
  analyze,
  designationFamily,
  negCueAt,
  stem,
  STOP,
  TITLES,
  type Analysis,
  type Fact,
  type Predicate,
} from './facts';
import { contrastPair, sameNameClass } from './lexicon';
import type { DiscrepancyKind, FactDiff } from './types';

/** A FactDiff with the words that follow the value on both sides, for the explanation. */
export interface FactDiffWithContext extends FactDiff {
  /** Shared words right after the value ("Rivet Joints" after RC-125 / RC-135). */
  context?: string;
}

interface Side {
  a: Analysis;
  /** Indices of word tokens in a.tokens. */
  words: number[];
  /** For each token: index of the token matched on the other side by the word diff, or -1. */
  match: Int32Array;
  /** For each token: position in `words`, or -1 for punctuation. */
  wpos: Int32Array;
  /** For each token: the fact (index into a.facts) covering it, or -1. */
  factAt: Int32Array;
}

function key(tokLower: string): string {
  return /\d/.test(tokLower) ? tokLower : stem(tokLower);
}

function makeSide(a: Analysis): Side {
  const n = a.tokens.length;
  const words: number[] = [];
  const wpos = new Int32Array(n).fill(-1);
  a.tokens.forEach((t, i) => {
    if (t.word) {
      wpos[i] = words.length;
      words.push(i);
    }
  });
  const factAt = new Int32Array(n).fill(-1);
  a.facts.forEach((f, fi) => {
    if (f.kind === 'quote') return;
    for (let k = f.tokStart; k < f.tokEnd; k++) factAt[k] = fi;
  });
  return { a, words, match: new Int32Array(n).fill(-1), wpos, factAt };
}

const MAX_WORDS = 400;
const MAX_CHARS = 8000;

/** Longest common subsequence of word keys; fills both sides' `match`. Returns the number matched. */
function diffWords(p: Side, r: Side): number {
  const pk = p.words.slice(0, MAX_WORDS).map((i) => key(p.a.tokens[i]!.lower));
  const rk = r.words.slice(0, MAX_WORDS).map((i) => key(r.a.tokens[i]!.lower));
  const n = pk.length;
  const m = rk.length;
  if (!n || !m) return 0;
  const w = m + 1;
  const dp = new Uint16Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      dp[i * w + j] =
        pk[i] === rk[j] ? dp[(i + 1) * w + j + 1]! + 1 : Math.max(dp[(i + 1) * w + j]!, dp[i * w + j + 1]!);
    }
  }
  let i = 0;
  let j = 0;
  let count = 0;
  while (i < n && j < m) {
    if (pk[i] === rk[j]) {
      p.match[p.words[i]!] = r.words[j]!;
      r.match[r.words[j]!] = p.words[i]!;
      count++;
      i++;
      j++;
    } else if (dp[(i + 1) * w + j]! >= dp[i * w + j + 1]!) i++;
    else j++;
  }
  return count;
}

/**
 * The window of the other side between the matched words around tokens [a, b): the "slot" a fact
 * sits in. Returns [lo, hi) token bounds on the other side and the width of the unmatched run.
 */
function slotOf(s: Side, other: Side, a: number, b: number): [number, number] {
  let left = -1;
  for (let k = a - 1; k >= 0; k--)
    if (s.match[k]! >= 0) {
      left = s.match[k]!;
      break;
    }
  let right = other.a.tokens.length;
  for (let k = b; k < s.a.tokens.length; k++)
    if (s.match[k]! >= 0) {
      right = s.match[k]!;
      break;
    }
  return [left + 1, right];
}

function sameSlot(p: Side, r: Side, fp: Fact, fr: Fact, lonely = false): boolean {
  const [lo, hi] = slotOf(p, r, fp.tokStart, fp.tokEnd);
  if (!(fr.tokStart >= lo && fr.tokEnd <= hi)) return false;
  // A wide unmatched run says little about roles: only narrow slots count.
  const widthR = countWords(r, lo, hi) - countWords(r, fr.tokStart, fr.tokEnd);
  const [plo, phi] = slotOf(r, p, fr.tokStart, fr.tokEnd);
  const widthP = countWords(p, plo, phi) - countWords(p, fp.tokStart, fp.tokEnd);
  const max = lonely ? 12 : 6;
  return widthR <= max && widthP <= max;
}

function countWords(s: Side, a: number, b: number): number {
  let c = 0;
  for (let k = Math.max(0, a); k < Math.min(b, s.a.tokens.length); k++) if (s.wpos[k]! >= 0) c++;
  return c;
}

/** Content-word stems around a fact (3 before, 3 after), for pairing facts by role. */
function contextOf(s: Side, f: Fact): { before: string[]; after: string[] } {
  const toks = s.a.tokens;
  const before: string[] = [];
  for (let k = f.tokStart - 1; k >= 0 && before.length < 3; k--) {
    const t = toks[k]!;
    if (!t.word) {
      if (/[.;!?]/.test(t.text)) break;
      continue;
    }
    if (STOP.has(t.lower)) continue;
    before.push(key(t.lower));
  }
  const after: string[] = [];
  for (let k = f.tokEnd; k < toks.length && after.length < 3; k++) {
    const t = toks[k]!;
    if (!t.word) {
      if (/[.;!?]/.test(t.text)) break;
      continue;
    }
    if (STOP.has(t.lower)) continue;
    after.push(key(t.lower));
  }
  return { before, after };
}

function overlap(a: string[], b: string[]): number {
  let c = 0;
  for (const x of a) if (b.includes(x)) c++;
  return c;
}

// ---------------------------------------------------------------- equivalence per kind

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

function numbersAgree(p: Fact, r: Fact): boolean {
  if (!!p.ordinal !== !!r.ordinal) return false;
  const pv = p.value!;
  const rv = r.value!;
  if (pv === rv) return true;
  if (p.lo! <= r.hi! && r.lo! <= p.hi!) return true;
  // Rounding: "21,000 pounds" for 21,400 pounds. Only for large values and small differences.
  const big = Math.max(pv, rv);
  if (big >= 1000 && Math.abs(pv - rv) / big <= 0.03) {
    const u = Math.max(roundness(pv), roundness(rv));
    if (u >= 100 && (roundTo(pv, u) === roundTo(rv, u) || roundTo(rv, u) === pv || roundTo(pv, u) === rv))
      return true;
  }
  return false;
}

function unitsCompatible(p: Fact, r: Fact): boolean {
  return (p.unit ?? '') === (r.unit ?? '') && !!p.ordinal === !!r.ordinal;
}

function datesConflict(p: Fact, r: Fact): boolean {
  const a = p.date!;
  const b = r.date!;
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

function datesAgree(p: Fact, r: Fact): boolean {
  const a = p.date!;
  const b = r.date!;
  if (a.relative || b.relative) return true;
  return !datesConflict(p, r);
}

const NICK: Record<string, string> = {
  bill: 'william',
  will: 'william',
  bob: 'robert',
  rob: 'robert',
  bobby: 'robert',
  jim: 'james',
  jimmy: 'james',
  mike: 'michael',
  joe: 'joseph',
  tom: 'thomas',
  dick: 'richard',
  rick: 'richard',
  liz: 'elizabeth',
  beth: 'elizabeth',
  kate: 'katherine',
  chris: 'christopher',
  dan: 'daniel',
  dave: 'david',
  steve: 'steven',
  tony: 'anthony',
  andy: 'andrew',
  alex: 'alexander',
  ben: 'benjamin',
  nick: 'nicholas',
  matt: 'matthew',
  pat: 'patrick',
  sam: 'samuel',
  ted: 'edward',
  ed: 'edward',
  jack: 'john',
  hank: 'henry',
  chuck: 'charles',
  charlie: 'charles',
  larry: 'lawrence',
  jerry: 'gerald',
  peggy: 'margaret',
  meg: 'margaret',
  sue: 'susan',
  jen: 'jennifer',
  jenny: 'jennifer',
  greg: 'gregory',
  jeff: 'jeffrey',
  ken: 'kenneth',
  tim: 'timothy',
  don: 'donald',
  ron: 'ronald',
  fred: 'frederick',
};

const ALIASES: Record<string, string> = {
  us: 'united states',
  usa: 'united states',
  america: 'united states',
  american: 'united states',
  uk: 'united kingdom',
  britain: 'united kingdom',
  'great britain': 'united kingdom',
  british: 'united kingdom',
  un: 'united nations',
  eu: 'european union',
};

function sameFirstName(a: string, b: string): boolean {
  if (a === b) return true;
  const na = NICK[a] ?? a;
  const nb = NICK[b] ?? b;
  if (na === nb) return true;
  // "Ron"/"Ronald", "J"/"John"
  return a.length <= b.length ? b.startsWith(a) : a.startsWith(b);
}

/** Optimal string alignment distance (adjacent transpositions cost 1), for spelling variants. */
function osa(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > 3) return Math.max(n, m);
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = new Array<number>(m + 1).fill(0);
    cur[0] = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[m]!;
}

function fold(w: string): string {
  // Plain ASCII words (nearly all) skip the Unicode normalisation.
  const base = /[^\p{ASCII}]/u.test(w) ? w.normalize('NFD') : w;
  return base
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/^al-/, '')
    .replace(/[-'’.\s]/g, '');
}

function looseWord(a0: string, b0: string): boolean {
  const a = fold(a0);
  const b = fold(b0);
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  // "HP"/"HPs", "JCP"/"JCP.N": a short form with a suffix of one or two letters.
  if (short.length >= 2 && long.startsWith(short) && long.length - short.length <= 2) return true;
  // "Mexico"/"Mexican", "Israel"/"Israeli": a shared stem of 4+ letters.
  let k = 0;
  while (k < a.length && k < b.length && a[k] === b[k]) k++;
  if (k >= 4 && k >= short.length - 2) return true;
  // Spelling variants: "Eichhorn"/"Eichorn", "Jeffrey"/"Jeffery", "Chrétien"/"Chretien".
  return short.length >= 5 && osa(a, b) <= Math.max(1, Math.floor(long.length / 4));
}

const NAME_NOISE = new Set([
  ...TITLES,
  'deputy',
  'defence',
  'witness',
  'reverend',
  'justices',
  'senators',
  'spokesman',
  'spokeswoman',
  'inc',
  'corp',
  'co',
  'plc',
  'ltd',
  'llc',
  'the',
]);

function nameWords(x: string): string[] {
  const ws = x.split(' ').filter((w) => w.length > 1 && !NAME_NOISE.has(w.replace(/\./g, '')));
  return ws.length ? ws : x.split(' ');
}

export function sameEntity(x: string, y: string): boolean {
  if (x === y || fold(x) === fold(y)) return true;
  if (!x.includes(' ') && !y.includes(' ') && looseWord(x, y)) return true;
  const ax = ALIASES[x] ?? x;
  const ay = ALIASES[y] ?? y;
  if (ax === ay) return true;
  // Acronym: "CIA" vs "Central Intelligence Agency", "ECB" vs "European Central Bank".
  const initials = (ws: string[]) =>
    ws
      .filter((w) => !['of', 'the', 'and', 'for', '&'].includes(w))
      .map((w) => w[0])
      .join('');
  const rawA = ax.split(' ');
  const rawB = ay.split(' ');
  if (rawA.some((w) => w.length >= 2 && w === initials(rawB))) return true;
  if (rawB.some((w) => w.length >= 2 && w === initials(rawA))) return true;
  // "S & P" for "Standard & Poor's"
  const letters = (ws: string[]) =>
    ws.every((w) => w.length === 1) ? ws.filter((w) => w !== '&').join('') : '';
  if (letters(rawA) && letters(rawA) === initials(rawB)) return true;
  if (letters(rawB) && letters(rawB) === initials(rawA)) return true;
  {
    const [short, long] = rawA.length <= rawB.length ? [rawA, rawB] : [rawB, rawA];
    if (short.every((w) => long.some((v) => looseWord(w, v)))) return true;
  }
  const a = nameWords(ax);
  const b = nameWords(ay);
  // One is contained in the other: "Johnson" / "Ronald Johnson", "Sprint Corp" / "Sprint Communications".
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.every((w) => long.some((v) => looseWord(w, v)))) return true;
  // Same last name, compatible first names: "Ron Johnson" / "Ronald Johnson".
  if (looseWord(a[a.length - 1]!, b[b.length - 1]!) && sameFirstName(a[0]!, b[0]!)) return true;
  return false;
}

const ORG_WORDS = new Set(
  (
    'service court council ministry house group corp inc co company agency department university college school ' +
    'committee association bank party airlines airways press times post news network institute foundation ' +
    'commission board office administration army navy force police union league club team church hospital ' +
    'center centre fund exchange reserve systems technologies communications industries motors senate congress ' +
    'parliament government cabinet court tribunal'
  ).split(' '),
);
const PLACE_WORDS = new Set(
  (
    'county city province state township park river island islands mountain mountains lake valley bay sea ' +
    'ocean street avenue road square district region village town area republic kingdom coast beach airport ' +
    'port strait gulf desert forest'
  ).split(' '),
);

const DEMONYMS = new Set(
  (
    'german french dutch swiss greek thai iraqi israeli saudi kuwaiti yemeni somali bengali nepali afghan ' +
    'turkish polish danish swedish finnish irish scottish welsh british english spanish czech slovak filipino ' +
    'pakistani qatari omani emirati arab jewish muslim christian catholic sikh hindu tamil'
  ).split(' '),
);

function isDemonym(w: string): boolean {
  return DEMONYMS.has(w) || (w.length > 4 && /(?:ian|ean|can|ese|ani)$/.test(w));
}

export type NameType = 'org' | 'place' | 'demonym' | 'person' | 'other';

/** A rough kind of name from its words: organisation, place, demonym, person or unknown. */
export function nameType(x: string): NameType {
  const ws = x.split(' ');
  if (ws.some((w) => ORG_WORDS.has(w))) return 'org';
  if (ws.some((w) => PLACE_WORDS.has(w))) return 'place';
  if (isDemonym(ws[0]!) || /-based$/.test(ws[ws.length - 1]!)) return 'demonym';
  return nameWords(x).length >= 2 ? 'person' : 'other';
}

/** A person may be named by one word or two; an organisation is not a person. */
function typesCompatible(a: NameType, b: NameType): boolean {
  if (a === b) return true;
  const loose = (t: NameType) => t === 'person' || t === 'other';
  if (loose(a) && loose(b)) return true;
  // Places are often one word ("Darwin", "the Himalayas").
  return (a === 'place' && b === 'other') || (a === 'other' && b === 'place');
}

function quoteWords(f: Fact): string[] {
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

function quoteRelation(p: Fact, r: Fact): 'same' | 'altered' | 'other' {
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
  return onlyA.length && onlyB.length ? 'altered' : 'same';
}

// ---------------------------------------------------------------- pairing

interface Candidate {
  fp: Fact;
  fr: Fact;
  kind: DiscrepancyKind;
  confidence: number;
  /** Ranks candidates when pairing; close values rank high although they report low. */
  rank?: number;
}

/** Year or periodic scope near a number ("in 2021", "a year"): numbers with other scopes are other facts. */
function scopeOf(s: Side, f: Fact): string | undefined {
  const toks = s.a.tokens;
  for (let k = Math.max(0, f.tokStart - 6); k < Math.min(toks.length, f.tokEnd + 7); k++) {
    if (k >= f.tokStart && k < f.tokEnd) continue;
    const t = toks[k]!;
    const fi = s.factAt[k]!;
    if (fi >= 0) {
      const g = s.a.facts[fi]!;
      if (g.kind === 'date' && g.date?.year !== undefined) return `y${g.date.year}`;
    }
    const w = t.lower;
    if (w === 'annually' || w === 'yearly') return 'per-year';
    if ((w === 'a' || w === 'per' || w === 'each' || w === 'every') && toks[k + 1]) {
      const nx = toks[k + 1]!.lower;
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

/**
 * Whether two close values are stated to the same precision: 140 vs 150 analysts are two exact
 * counts (one outlet has it wrong), while 296 vs 300 dead or $16.93 vs $16.90 read as an exact
 * figure against a rounded one, or two moments of a market.
 */
function samePrecision(a: number, b: number): boolean {
  if (!Number.isInteger(a) || !Number.isInteger(b)) return false;
  const zeros = (v: number): number => {
    let n = Math.abs(v);
    let z = 0;
    while (n > 0 && n % 10 === 0) {
      n /= 10;
      z++;
    }
    return z;
  };
  return zeros(a) === zeros(b);
}

/** 1 for near-identical wording, down to 0.7 for pairs that share a third of their words. */
function coverageFactor(coverage: number): number {
  return 0.7 + 0.3 * Math.min(1, Math.max(0, (coverage - 0.3) / 0.5));
}

function scoreCandidate(
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
      if (fp.norm === fr.norm) return undefined;
      const fam = designationFamily(fp) === designationFamily(fr) && designationFamily(fp) !== '';
      if (fam && (slot || ctx >= 1)) return { fp, fr, kind: 'designation', confidence: 0.92 };
      if (slot && (nextSame || prevSame)) return { fp, fr, kind: 'designation', confidence: 0.8 };
      if (fam && lonely) return { fp, fr, kind: 'designation', confidence: 0.7 };
      return undefined;
    }
    case 'number': {
      if (!unitsCompatible(fp, fr) || numbersAgree(fp, fr)) return undefined;
      if (fp.vague || fr.vague) return undefined;
      const ha = fp.head ?? [];
      const hb = fr.head ?? [];
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
      if (fp.lo !== fp.hi || fr.lo !== fr.hi) conf *= 0.9;
      // 296 vs 300 dead, $16.93 vs $16.90 a share: close values are usually a later update or
      // another moment of the same market, not one outlet getting the fact wrong.
      const rel = Math.abs(fp.value! - fr.value!) / Math.max(Math.abs(fp.value!), Math.abs(fr.value!), 1e-9);
      // Loosely worded pairs may report different moments or measures.
      conf *= coverageFactor(coverage);
      // The closest value is the likeliest counterpart (36 ft vs 38 ft, not 36 ft vs 10 ft).
      const rank = conf + 0.1 * (1 - Math.min(1, rel));
      // In near-identical wording, though, two exact counts that differ are one fact changed.
      if (rel < 0.1 && !(coverage >= 0.8 && samePrecision(fp.value!, fr.value!))) conf *= 0.6;
      return { fp, fr, kind: 'number', confidence: conf, rank };
    }
    case 'date': {
      if (!datesConflict(fp, fr)) return undefined;
      // Weekdays are deictic: outlets writing on different days name different ones.
      if (fp.date?.weekday !== undefined || fr.date?.weekday !== undefined) {
        return slot && coverage >= 0.85 ? { fp, fr, kind: 'date', confidence: 0.55 } : undefined;
      }
      if (slot || ctx >= 1) return { fp, fr, kind: 'date', confidence: slot ? 0.85 : 0.7 };
      if (lonely && coverage >= 0.5) return { fp, fr, kind: 'date', confidence: 0.6 };
      return undefined;
    }
    case 'name': {
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

function isSatisfied(fp: Fact, others: Fact[], otherWords?: Set<string>): boolean {
  // A name whose words all occur in the other sentence (perhaps sentence-initially, where it is
  // not taken as a name) is there.
  if (fp.kind === 'name' && otherWords) {
    const ws = fp.norm.split(' ');
    if (ws.every((w) => otherWords.has(fold(w)))) return true;
  }
  for (const fr of others) {
    if (fr.kind !== fp.kind) continue;
    switch (fp.kind) {
      case 'designation':
        if (fp.norm === fr.norm) return true;
        break;
      case 'number':
        if (unitsCompatible(fp, fr) && numbersAgree(fp, fr)) return true;
        if (fp.vague || fr.vague) {
          if (fp.lo! <= fr.hi! && fr.lo! <= fp.hi!) return true;
        }
        break;
      case 'date':
        if (fp.date?.relative) return true;
        if (datesAgree(fp, fr) && !fr.date?.relative) {
          const a = fp.date!;
          const b = fr.date!;
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
        if (sameEntity(fp.norm, fr.norm)) return true;
        break;
      case 'quote':
        if (quoteRelation(fp, fr) === 'same') return true;
        break;
    }
  }
  return false;
}

// ---------------------------------------------------------------- negation

/** Tokens within reach of a negation cue (up to 8 tokens on, not past a clause break). */
function negScope(s: Side): Uint8Array {
  const toks = s.a.tokens;
  const out = new Uint8Array(toks.length);
  // "unless X happens" leaves X open: neither asserted nor denied.
  toks.forEach((t, i) => {
    if (t.lower !== 'unless') return;
    for (let k = i; k < Math.min(toks.length, i + 9); k++) {
      if (k > i && /^[,;:.!?]$/.test(toks[k]!.text)) break;
      out[k] = 1;
    }
  });
  for (const pr of s.a.predicates) {
    if (pr.positive || pr.strength === 'antonym') continue;
    for (let k = pr.cueTok; k < Math.min(toks.length, pr.cueTok + 9); k++) {
      if (k > pr.cueTok && /^[,;:.!?]$/.test(toks[k]!.text)) break;
      out[k] = 1;
    }
  }
  return out;
}

/** The nearest name before a character offset within the clause (up to 12 tokens back). */
function subjectBefore(s: Side, offset: number): string | undefined {
  const toks = s.a.tokens;
  let k = toks.findIndex((t) => t.start >= offset);
  if (k < 0) k = toks.length;
  for (let n = 0, i = k - 1; i >= 0 && n < 12; i--, n++) {
    const t = toks[i]!;
    if (/^[;:.!?]$/.test(t.text)) break;
    const fi = s.factAt[i]!;
    if (fi >= 0 && s.a.facts[fi]!.kind === 'name') return s.a.facts[fi]!.norm;
    // A sentence-initial capitalised word is not taken as a name, but is often the subject.
    if (i === s.words[0] && t.cap && !STOP.has(t.lower)) return t.lower;
  }
  return undefined;
}

interface Polarity {
  pos: Predicate | { text: string; start: number; end: number } | undefined;
  neg: Predicate | undefined;
}

function polarities(s: Side): Map<string, Polarity> {
  const out = new Map<string, Polarity>();
  for (const pr of s.a.predicates) {
    const e = out.get(pr.canon) ?? { pos: undefined, neg: undefined };
    if (pr.positive) e.pos ??= pr;
    else e.neg ??= pr;
    out.set(pr.canon, e);
  }
  return out;
}

const JOINERS = new Set(['and', 'but', 'or', 'the', 'a', 'an', 'then', 'that', 'which', 'who', 'to', 'of']);

function bareOccurrence(
  s: Side,
  canon: string,
  scope: Uint8Array,
): { text: string; start: number; end: number } | undefined {
  const toks = s.a.tokens;
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (!t.word || key(t.lower) !== canon) continue;
    if (scope[i]) continue;
    // "tries to stay", "turning over the documents": complements and gerunds assert nothing.
    if (toks[i - 1]?.lower === 'to' || t.lower.endsWith('ing')) continue;
    if (s.a.predicates.some((pr) => pr.tok === i)) continue;
    // Show the words the other side replaced too ("also known" vs "not known").
    let a = i;
    for (let k = i - 1; k >= 0 && k >= i - 2; k--) {
      const u = toks[k]!;
      if (!u.word || s.match[k]! >= 0 || JOINERS.has(u.lower)) break;
      a = k;
    }
    return { text: s.a.text.slice(toks[a]!.start, t.end), start: toks[a]!.start, end: t.end };
  }
  return undefined;
}

function negationDiffs(p: Side, r: Side, takenP: Set<number>, takenR: Set<number>): FactDiffWithContext[] {
  const out: FactDiffWithContext[] = [];
  const pp = polarities(p);
  const rp = polarities(r);
  const sp = negScope(p);
  const sr = negScope(r);
  const canons = new Set([...pp.keys(), ...rp.keys()]);
  for (const c of canons) {
    const a = pp.get(c) ?? { pos: undefined, neg: undefined };
    const b = rp.get(c) ?? { pos: undefined, neg: undefined };
    a.pos ??= bareOccurrence(p, c, sp);
    b.pos ??= bareOccurrence(r, c, sr);
    let x: { text: string; start: number; end: number } | undefined;
    let y: { text: string; start: number; end: number } | undefined;
    let neg: Predicate | undefined;
    if (a.pos && !a.neg && b.neg && !b.pos) {
      x = a.pos;
      y = b.neg;
      neg = b.neg;
    } else if (a.neg && !a.pos && b.pos && !b.neg) {
      x = a.neg;
      y = b.pos;
      neg = a.neg;
    }
    if (!x || !y || !neg) continue;
    // "Gates pleaded guilty" vs "Manafort pleaded not guilty": other subjects, other facts.
    const sa = subjectBefore(p, x.start);
    const sb = subjectBefore(r, y.start);
    if (sa && sb && !sameEntity(sa, sb)) continue;
    // "no passenger" vs "passengers": a determiner negation is weak evidence of a flipped claim.
    // ... unless the other side counts them ("No actors" vs "Several actors").
    const quantified = /\b(?:several|some|many|most|all|numerous|multiple)\b/i.test(
      neg === a.neg ? y.text : x.text,
    );
    const confidence = neg.strength === 'noun' && !quantified ? 0.45 : 0.7;
    markSpan(p, x.start, x.end, takenP);
    markSpan(r, y.start, y.end, takenR);
    out.push({
      kind: 'negation',
      page: x.text,
      reference: y.text,
      confidence,
      pageSpan: [x.start, x.end],
      referenceSpan: [y.start, y.end],
    });
  }
  return out;
}

function markSpan(s: Side, start: number, end: number, taken: Set<number>): void {
  s.a.tokens.forEach((t, i) => {
    if (t.start >= start && t.end <= end) taken.add(i);
  });
}

// ---------------------------------------------------------------- quotes

function quoteDiffs(p: Side, r: Side, takenP: Set<number>, takenR: Set<number>): FactDiffWithContext[] {
  const out: FactDiffWithContext[] = [];
  const pq = p.a.facts.filter((f) => f.kind === 'quote');
  const rq = r.a.facts.filter((f) => f.kind === 'quote');
  if (!pq.length || !rq.length) return out;
  for (const fp of pq) {
    if (isSatisfied(fp, rq)) continue;
    const fr = rq.find((q) => quoteRelation(fp, q) === 'altered');
    if (!fr) continue;
    for (let k = fp.tokStart; k < fp.tokEnd; k++) takenP.add(k);
    for (let k = fr.tokStart; k < fr.tokEnd; k++) takenR.add(k);
    out.push({
      kind: 'quote',
      page: fp.text,
      reference: fr.text,
      confidence: 0.75,
      pageSpan: [fp.start, fp.end],
      referenceSpan: [fr.start, fr.end],
    });
  }
  return out;
}

// ---------------------------------------------------------------- claims

/** Negative nouns and adverbs: a sentence that has one is not a plain assertion. */
const NEGATIVE_WORDS = new Set([
  'failure',
  'refusal',
  'absence',
  'lack',
  'neither',
  'nor',
  'without',
  'hardly',
]);

/** A swapped "he"/"she" in otherwise identical wording changes who did it. */
const PRONOUNS = new Set(['he', 'she', 'his', 'her', 'him', 'hers']);

const REPORTING = new Set([
  'said',
  'say',
  'says',
  'told',
  'added',
  'stated',
  'noted',
  'explained',
  'announced',
  'according',
  'reported',
  'claimed',
  'insisted',
  'asserted',
]);

function claimDiffs(
  p: Side,
  r: Side,
  coverage: number,
  takenP: Set<number>,
  takenR: Set<number>,
): FactDiffWithContext[] {
  const out: FactDiffWithContext[] = [];
  if (coverage < 0.6) return out;
  // A short sentence fully repeated inside a long one says nothing about the long one's other clauses.
  if (Math.max(p.words.length, r.words.length) > 3 * Math.min(p.words.length, r.words.length)) return out;
  const pt = p.a.tokens;
  const rt = r.a.tokens;
  const pWords = new Set(p.words.map((i) => key(pt[i]!.lower)));
  const rWords = new Set(r.words.map((i) => key(rt[i]!.lower)));
  // Walk the unmatched runs between consecutive matched words.
  let pi = 0;
  let ri = 0;
  // Any negation at all on the other side (also "no", "nobody", "isnt") leaves the claim open.
  const anyNeg = (side: Side) =>
    side.a.tokens.some(
      (t, i) =>
        negCueAt(side.a.tokens, i) ||
        side.a.predicates.some((pr) => !pr.positive && pr.tok === i) ||
        t.lower === 'unless' ||
        NEGATIVE_WORDS.has(t.lower) ||
        /^(?:un|non-|no-)[a-z]{4,}/.test(t.lower) ||
        /^(?:is|was|are|were|do|does|did|has|have|had|could|would|should|wo|ca)nt$/.test(t.lower),
    );
  const pNeg = anyNeg(p);
  const rNeg = anyNeg(r);
  const hasCue = (side: Side, is: number[]) => is.some((i) => negCueAt(side.a.tokens, i));
  const span = (side: Side, is: number[]): [number, number] => [
    side.a.tokens[is[0]!]!.start,
    side.a.tokens[is[is.length - 1]!]!.end,
  ];
  const flush = (pa: number, pb: number, ra: number, rb: number) => {
    const xs = p.words.filter((i) => i >= pa && i < pb);
    const ys = r.words.filter((i) => i >= ra && i < rb);
    if (!xs.length && !ys.length) return;
    // Typed facts were compared already; names are, too, unless they are part of a reworded claim.
    const blocked = (side: Side, is: number[], taken: Set<number>) =>
      is.some(
        (i) => taken.has(i) || (side.factAt[i]! >= 0 && side.a.facts[side.factAt[i]!]!.kind !== 'name'),
      );
    const typed = blocked(p, xs, takenP) || blocked(r, ys, takenR);
    // An inserted "never", "did not", "failed to" where the other side asserts: a flipped claim.
    const xNeg = hasCue(p, xs);
    const yNeg = hasCue(r, ys);
    if (!typed && ((xNeg && !rNeg) || (yNeg && !pNeg))) {
      const anchorP = xs.length ? xs : p.words.filter((i) => i >= pb).slice(0, 1);
      const anchorR = ys.length ? ys : r.words.filter((i) => i >= rb).slice(0, 1);
      if (anchorP.length && anchorR.length && anchorP.length <= 12 && anchorR.length <= 12) {
        const ps = span(p, anchorP);
        const rs = span(r, anchorR);
        const sa = subjectBefore(p, ps[0]);
        const sb = subjectBefore(r, rs[0]);
        if (sa && sb && !sameEntity(sa, sb)) return;
        out.push({
          kind: 'negation',
          page: p.a.text.slice(...ps),
          reference: r.a.text.slice(...rs),
          confidence: 0.6,
          pageSpan: ps,
          referenceSpan: rs,
        });
        return;
      }
    }
    if (!xs.length || !ys.length) return;
    const kept = (w: string) => (!STOP.has(w) || PRONOUNS.has(w)) && !REPORTING.has(w);
    const xc = xs.filter((i) => kept(pt[i]!.lower));
    const yc = ys.filter((i) => kept(rt[i]!.lower));
    if (!xc.length || !yc.length) return;
    // Words moved elsewhere in the sentence: reordering, not a change.
    if (xc.every((i) => rWords.has(key(pt[i]!.lower))) || yc.every((i) => pWords.has(key(rt[i]!.lower))))
      return;
    // Spelling and hyphenation: "re-entry"/"reentry", "natural-gas"/"natural gas".
    const squash = (side: Side, is: number[]) =>
      is.map((i) => side.a.tokens[i]!.lower.replace(/[-'’.]/g, '')).join('');
    if (squash(p, xs) === squash(r, ys)) return;
    // Contrasts are read outside typed facts ("last year" is a date, not a "first"/"last" claim);
    // pronouns only count when they are all that changed.
    const plain = (side: Side, is: number[], n: number) =>
      is
        .filter((i) => side.factAt[i]! < 0)
        .map((i) => side.a.tokens[i]!.lower)
        .filter((w) => !PRONOUNS.has(w) || n === 1);
    const lexical = contrastPair(plain(p, xc, xs.length), plain(r, yc, ys.length));
    if (Math.max(xs.length, ys.length) > (lexical ? 12 : 6)) return;
    if (typed && !lexical) return;
    // A larger lexicon meets more coincidences in loosely matched sentences.
    if (lexical && coverage < 0.65) return;
    if (!lexical && coverage < 0.7) return;
    // The block's typed facts were not paired with anything, or were paired: either way a
    // lexical contrast is only trusted outside already-flagged facts.
    if ([...xs].some((i) => takenP.has(i)) || [...ys].some((i) => takenR.has(i))) return;
    const ps = span(p, xs);
    const rs = span(r, ys);
    out.push({
      kind: 'claim',
      page: p.a.text.slice(...ps),
      reference: r.a.text.slice(...rs),
      confidence: lexical ? 0.7 : Math.min(0.45, 0.2 + 0.25 * coverage),
      pageSpan: ps,
      referenceSpan: rs,
    });
  };
  for (const i of p.words) {
    const j = p.match[i]!;
    if (j < 0) continue;
    flush(pi, i, ri, j);
    pi = i + 1;
    ri = j + 1;
  }
  flush(pi, pt.length, ri, rt.length);
  return out;
}

// ---------------------------------------------------------------- main

function sharedAfter(p: Side, r: Side, fp: Fact, fr: Fact): string | undefined {
  const max = fp.kind === 'designation' ? 2 : fp.kind === 'number' ? 1 : 0;
  let n = 0;
  let i = fp.tokEnd;
  let j = fr.tokEnd;
  // Up to two shared content words right after the value ("Rivet Joints", "troops").
  while (n < max && i < p.a.tokens.length && j < r.a.tokens.length) {
    const a = p.a.tokens[i]!;
    const b = r.a.tokens[j]!;
    if (!a.word || !b.word || a.lower !== b.lower || STOP.has(a.lower)) break;
    n++;
    i++;
    j++;
  }
  if (!n) return undefined;
  return p.a.text.slice(p.a.tokens[fp.tokEnd]!.start, p.a.tokens[fp.tokEnd + n - 1]!.end);
}

/**
 * Facts stated differently in two sentences that report the same thing. The page sentence is
 * `pageText`, the reference sentence `referenceText`; spans point into each.
 */
/**
 * Discrepancies below this confidence are not reported: the weak signals (a changed word outside
 * the contrast lexicon, "no X" vs "X") are too often paraphrase. They remain available through
 * `minConfidence: 0` for ranking.
 */
export const MIN_CONFIDENCE = 0.6;

export interface FindOptions {
  /** Report discrepancies at or above this confidence (default MIN_CONFIDENCE). */
  minConfidence?: number;
}

export function findDiscrepancies(
  pageText: string,
  referenceText: string,
  opts: FindOptions = {},
): FactDiffWithContext[] {
  return compareSentences(pageText, referenceText, opts).diffs;
}

export interface SentenceComparison {
  diffs: FactDiffWithContext[];
  /** Words in common (in order) over the words of the shorter side, 0..1. */
  coverage: number;
}

/** The discrepancies and how much of the shorter side's wording the other side repeats. */
export function compareSentences(
  pageText: string,
  referenceText: string,
  opts: FindOptions = {},
): SentenceComparison {
  const min = opts.minConfidence ?? MIN_CONFIDENCE;
  if (!pageText.trim() || !referenceText.trim()) return { diffs: [], coverage: 0 };
  // Aligned units are sentences or short passages; a runaway input (a whole page pasted into one
  // JSONL line) is compared on its head so that the cost stays bounded.
  const p = makeSide(analyze(pageText.length > MAX_CHARS ? pageText.slice(0, MAX_CHARS) : pageText));
  const r = makeSide(
    analyze(referenceText.length > MAX_CHARS ? referenceText.slice(0, MAX_CHARS) : referenceText),
  );
  const matched = diffWords(p, r);
  const coverage = matched / Math.max(1, Math.min(p.words.length, r.words.length));
  const out: FactDiffWithContext[] = [];
  const takenP = new Set<number>();
  const takenR = new Set<number>();

  for (const kind of ['designation', 'number', 'date', 'name'] as const) {
    const pf = p.a.facts.filter((f) => f.kind === kind);
    const rf = r.a.facts.filter((f) => f.kind === kind);
    if (!pf.length || !rf.length) continue;
    const folded = (side: Side) => new Set(side.a.tokens.filter((t) => t.word).map((t) => fold(t.lower)));
    const rFold = kind === 'name' ? folded(r) : undefined;
    const pFold = kind === 'name' ? folded(p) : undefined;
    const pu = pf.filter((f) => !isSatisfied(f, rf, rFold));
    const ru = rf.filter((f) => !isSatisfied(f, pf, pFold));
    if (!pu.length || !ru.length) continue;
    const lonely = pu.length === 1 && ru.length === 1;
    const cands: Candidate[] = [];
    for (const fp of pu)
      for (const fr of ru) {
        const c = scoreCandidate(p, r, fp, fr, coverage, lonely);
        if (c) cands.push(c);
      }
    cands.sort((x, y) => (y.rank ?? y.confidence) - (x.rank ?? x.confidence));
    const usedP = new Set<Fact>();
    const usedR = new Set<Fact>();
    const chosen: Candidate[] = [];
    for (const c of cands) {
      if (usedP.has(c.fp) || usedR.has(c.fr)) continue;
      usedP.add(c.fp);
      usedR.add(c.fr);
      chosen.push(c);
    }
    // Several numbers all different (prices, index levels, counts) read as two reports from
    // different moments rather than one altered fact.
    const scale =
      kind === 'number' && chosen.length >= 3 ? 0.5 : kind === 'number' && chosen.length === 2 ? 0.85 : 1;
    for (const c of chosen) {
      c.confidence *= scale;
      for (let k = c.fp.tokStart; k < c.fp.tokEnd; k++) takenP.add(k);
      for (let k = c.fr.tokStart; k < c.fr.tokEnd; k++) takenR.add(k);
      const d: FactDiffWithContext = {
        kind: c.kind,
        page: c.fp.text,
        reference: c.fr.text,
        confidence: round2(c.confidence),
        pageSpan: [c.fp.start, c.fp.end],
        referenceSpan: [c.fr.start, c.fr.end],
      };
      const ctx = sharedAfter(p, r, c.fp, c.fr);
      if (ctx) d.context = ctx;
      out.push(d);
    }
  }
  out.push(...quoteDiffs(p, r, takenP, takenR));
  if (coverage >= 0.3) out.push(...negationDiffs(p, r, takenP, takenR));
  out.push(...claimDiffs(p, r, coverage, takenP, takenR));
  out.sort((x, y) => (x.pageSpan?.[0] ?? 0) - (y.pageSpan?.[0] ?? 0));
  return { diffs: out.filter((d) => d.confidence >= min), coverage };
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** One sentence a reader understands, e.g. "This page says RC-125 Rivet Joints; The New York Times says RC-135." */
export function explainDiscrepancy(d: FactDiff, outlet: string): string {
  const who = outlet.trim() || 'the reference';
  const ctx = (d as FactDiffWithContext).context;
  switch (d.kind) {
    case 'quote':
      return `This page quotes “${d.page}”; ${who} quotes “${d.reference}”.`;
    case 'negation':
      return `This page says “${d.page}”; ${who} says “${d.reference}”.`;
    case 'claim':
      return `This page says “${d.page}” where ${who} says “${d.reference}”.`;
    default:
      return `This page says ${d.page}${ctx ? ` ${ctx}` : ''}; ${who} says ${d.reference}.`;
  }
}
