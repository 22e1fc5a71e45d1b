/**
 * Whether two names name the same entity (nicknames, aliases, acronyms, containment, spelling
 * variants), and a rough type of name (organisation, place, demonym, person).
 */
import { TITLES, type Token } from '../facts';

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
export function osa(a: string, b: string): number {
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
      let v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, (prev2[j - 2] ?? 0) + 1);
      cur[j] = v;
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[m] ?? 0;
}

export function fold(w: string): string {
  // Plain ASCII words (nearly all) skip the Unicode normalisation.
  const base = /[^\p{ASCII}]/u.test(w) ? w.normalize('NFD') : w;
  return base
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/^al-/, '')
    .replace(/[-'’.\s]/g, '');
}

export function looseWord(a0: string, b0: string): boolean {
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
  if (looseWord(a[a.length - 1] ?? '', b[b.length - 1] ?? '') && sameFirstName(a[0] ?? '', b[0] ?? ''))
    return true;
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
  if (isDemonym(ws[0] ?? '') || /-based$/.test(ws[ws.length - 1] ?? '')) return 'demonym';
  return nameWords(x).length >= 2 ? 'person' : 'other';
}

/** A person may be named by one word or two; an organisation is not a person. */
export function typesCompatible(a: NameType, b: NameType): boolean {
  if (a === b) return true;
  const loose = (t: NameType) => t === 'person' || t === 'other';
  if (loose(a) && loose(b)) return true;
  // Places are often one word ("Darwin", "the Himalayas").
  return (a === 'place' && b === 'other') || (a === 'other' && b === 'place');
}

/** Words that may sit inside a name spelled out: "Securities and Exchange Commission". */
const RUN_JOINERS = new Set(['of', 'and', '&', 'the', 'for', 'at', 'on']);

/**
 * The initials of every run of capitalised words ("Securities and Exchange Commission" gives
 * "sec", "ec", "sc"...; "University of California at Los Angeles" "ucla"), each with the tokens it
 * covers: an acronym on one side names the run on the other ("SEC", "UCLA", "GE").
 */
export function runInitials(toks: readonly Token[]): Array<{ initials: string; from: number; to: number }> {
  const out: Array<{ initials: string; from: number; to: number }> = [];
  const capWord = (t: Token | undefined) => !!t && t.word && t.cap && /^\p{L}/u.test(t.text);
  for (let i = 0; i < toks.length; i++) {
    if (!capWord(toks[i])) continue;
    let initials = '';
    let words = 0;
    for (let k = i; k < toks.length && k < i + 12; k++) {
      const t = toks[k];
      if (!t) break;
      if (capWord(t)) {
        // "U.S" counts as its letters, a hyphenated "Coca-Cola" as one word.
        initials += /^(?:\p{Lu}\.)+\p{Lu}?$/u.test(t.text)
          ? t.text.replace(/\./g, '').toLowerCase()
          : t.lower[0];
        words++;
        if (words >= 2 && initials.length >= 2) out.push({ initials, from: i, to: k + 1 });
      } else if (!(t.word && RUN_JOINERS.has(t.lower))) break;
    }
  }
  return out;
}

/** Whether name fact tokens [from, to) and the other side's tokens are an acronym and its spelled-out run. */
export function acronymSatisfied(
  own: readonly Token[],
  from: number,
  to: number,
  other: readonly Token[],
): boolean {
  const acronym = (t: Token) => t.lower.split('-')[0] ?? '';
  // This name is or holds an acronym ("SEC", "shares of GE") of a run on the other side.
  for (let k = from; k < to; k++) {
    const t = own[k];
    const a = t && /^\p{Lu}[\p{Lu}.&]+/u.test(t.text) ? acronym(t).replace(/[.&]/g, '') : '';
    const both = other.some((u) => u.word && acronym(u).replace(/[.&]/g, '') === a);
    if (a.length >= 2 && !both && runInitials(other).some((r) => r.initials === a)) return true;
  }
  // This name lies inside a run whose initials the other side writes as an acronym.
  const acronymsOf = (toks: readonly Token[]) =>
    toks
      .filter((t) => t.word && /^\p{Lu}[\p{Lu}.&]+/u.test(t.text))
      .map((t) => acronym(t).replace(/[.&]/g, ''));
  // An acronym both sides write ("... System (ACARS)") explains neither side's spelled-out run.
  const mine = new Set(acronymsOf(own));
  const acronyms = new Set(acronymsOf(other).filter((a) => !mine.has(a)));
  if (!acronyms.size) return false;
  // (The run may hold the name, or lie inside it: "Shares of General Electric".)
  return runInitials(own).some(
    (r) => ((r.from <= from && r.to >= to) || (r.from >= from && r.to <= to)) && acronyms.has(r.initials),
  );
}
