/**
 * The one place words are made: normalisation, tokens with offsets, stemming, stop words.
 * Other modules (segment, align, facts, corpus-index) build on these so that "the same word"
 * means the same thing everywhere in the engine.
 */

export type TokenKind = 'word' | 'number' | 'acronym';

export interface Token {
  /** The token as written in the source, e.g. "U.S.", "10,000", "Officials". */
  text: string;
  /** Offsets into the tokenised string: text === source.slice(start, end). */
  start: number;
  end: number;
  /** Lowercased canonical form: "u.s." -> "us", "10,000" -> "10000", "don’t" -> "don't". */
  norm: string;
  kind: TokenKind;
}

/**
 * Canonical characters for comparison: NFKC, straight quotes, ASCII hyphens, single spaces.
 * The length can change, so use it on text whose offsets you do not need (tokenize() keeps
 * offsets into the original string and normalises per token instead).
 */
export function normalize(text: string): string {
  return normalizeChars(text.normalize('NFKC')).replace(/\s+/g, ' ').trim();
}

/** Same-length character mapping (quotes, dashes, odd spaces), safe to use before offsets. */
export function normalizeChars(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"')
    .replace(/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, '-')
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g, ' ')
    .replace(/\u2026/g, '.');
}

// Order matters: dotted acronyms before words, numbers with separators before bare digits. A
// decimal without its leading zero (".20" in "$.20") is a number too, not the integer 20.
const TOKEN_RE =
  /(?:\p{L}\.){2,}(?!\p{L})|\d+(?:[.,:]\d+)*(?:\p{L}+)?|(?<![\p{L}\p{N}.])\.\d+(?![.,:]?\d)|[\p{L}\p{M}][\p{L}\p{M}\p{N}]*(?:['\u2019][\p{L}]+)*/gu;

/** Tokens with offsets into `text`. Hyphenated words give one token per part. */
export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text))) {
    const raw = m[0];
    const start = m.index;
    // The plain-ASCII path is the common one; only other tokens need NFKC.
    const nk = isAscii(raw) ? raw : raw.normalize('NFKC');
    const c0 = raw.charCodeAt(0);
    let kind: TokenKind;
    let norm: string;
    if (c0 === 46) {
      kind = 'number';
      norm = `0${nk}`; // ".20" and "0.20" are one number
    } else if (c0 >= 48 && c0 <= 57) {
      kind = 'number';
      // "10,000" and "10000" are the same number; "3.5" keeps its point.
      norm = nk.includes(',') ? nk.toLowerCase().replace(/(\d),(?=\d{3}\b)/g, '$1') : nk.toLowerCase();
    } else if (raw.includes('.')) {
      kind = 'acronym';
      norm = nk.replace(/\./g, '').toLowerCase();
    } else {
      norm = nk.toLowerCase();
      if (norm.includes('\u2019')) norm = norm.replace(/\u2019/g, "'");
      kind = raw.length >= 2 && norm !== raw && raw === raw.toUpperCase() ? 'acronym' : 'word';
    }
    out.push({ text: raw, start, end: start + raw.length, norm, kind });
  }
  return out;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/** Does the word start with an upper-case letter? */
export function isCapitalized(word: string): boolean {
  const c = word.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  const ch = word[0] ?? '';
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}

/** Lowercased word forms, in order. */
export function words(text: string): string[] {
  return tokenize(text).map((t) => t.norm);
}

// prettier-ignore
const STOP_LIST = [
  'a', 'about', 'above', 'after', 'again', 'against', 'all', 'also', 'am', 'an', 'and', 'any', 'are',
  'as', 'at', 'be', 'because', 'been', 'before', 'being', 'below', 'between', 'both', 'but', 'by',
  'can', 'could', 'did', 'do', 'does', 'doing', 'down', 'during', 'each', 'few', 'for', 'from',
  'further', 'had', 'has', 'have', 'having', 'he', 'her', 'here', 'hers', 'herself', 'him', 'himself',
  'his', 'how', 'i', 'if', 'in', 'into', 'is', 'it', 'its', 'itself', 'just', 'me', 'more', 'most',
  'my', 'myself', 'of', 'off', 'on', 'once', 'only', 'or', 'other', 'our', 'ours', 'ourselves', 'out',
  'over', 'own', 'same', 'she', 'should', 'so', 'some', 'such', 'than', 'that', 'the', 'their',
  'theirs', 'them', 'themselves', 'then', 'there', 'these', 'they', 'this', 'those', 'through', 'to',
  'too', 'under', 'until', 'up', 'very', 'was', 'we', 'were', 'what', 'when', 'where', 'which',
  'while', 'who', 'whom', 'why', 'will', 'with', 'would', 'you', 'your', 'yours', 'yourself',
  'yourselves', 'us', 'may', 'might', 'must', 'shall', "it's", "he's", "she's", "they're", "we're",
  "i'm", "you're", "that's", "there's", 's', 'mr', 'mrs', 'ms', 'said', 'says', 'say', 'told',
  'according', 'would', 'upon', 'via', 'onto', 'whether', 'yet', 'however', 'though', 'although',
];
// "not", "no", "never", "nor" stay content words: a flipped negation is a fact (see facts.ts).

export const STOP_WORDS: ReadonlySet<string> = new Set(STOP_LIST);

/** Is this token a stop word? Upper-case acronyms ("US", "IT") never are. */
export function isStopToken(t: Token): boolean {
  return t.kind === 'word' && STOP_WORDS.has(t.norm);
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word.toLowerCase());
}

/** A content term: stemmed, lowercased, with its token. */
export interface Term {
  stem: string;
  token: Token;
}

/** Non-stop tokens of `text` with their stems (numbers and acronyms are kept as they are). */
export function contentTerms(text: string): Term[] {
  const out: Term[] = [];
  for (const t of tokenize(text)) {
    if (isStopToken(t)) continue;
    out.push({ stem: t.kind === 'word' ? stem(t.norm) : t.norm, token: t });
  }
  return out;
}

/** Stems of the content words of `text`, in order (duplicates kept). */
export function contentTokens(text: string): string[] {
  return contentTerms(text).map((t) => t.stem);
}

// ---------------------------------------------------------------------------------------------
// Porter stemmer (M. F. Porter, 1980), written out so that the engine has no dependency for it.
// Irregular forms that matter in news ("said", "went", "children") are mapped first.

// prettier-ignore
const IRREGULAR: Record<string, string> = {
  said: 'say', says: 'say', went: 'go', gone: 'go', goes: 'go', took: 'take', taken: 'take',
  made: 'make', came: 'come', told: 'tell', held: 'hold', left: 'leave', knew: 'know', known: 'know',
  gave: 'give', given: 'give', found: 'find', thought: 'think', brought: 'bring', bought: 'buy',
  sold: 'sell', won: 'win', lost: 'lose', paid: 'pay', met: 'meet', fell: 'fall', fallen: 'fall',
  rose: 'rise', risen: 'rise', began: 'begin', begun: 'begin', saw: 'see', seen: 'see', wrote: 'write',
  written: 'write', spoke: 'speak', spoken: 'speak', children: 'child', men: 'man', women: 'woman',
  people: 'peopl', killed: 'kill', dies: 'die', died: 'die', dying: 'die', led: 'lead', hit: 'hit',
  shot: 'shoot', struck: 'strike', fought: 'fight', caught: 'catch', sent: 'send', spent: 'spend',
  built: 'build', ran: 'run', chose: 'choos', chosen: 'choos', drove: 'drive', driven: 'drive',
  flew: 'fli', flown: 'fli', grew: 'grow', grown: 'grow', became: 'becom', mice: 'mous', feet: 'foot',
  teeth: 'tooth', better: 'good', best: 'good', worse: 'bad', worst: 'bad', news: 'news',
};

function isCons(w: string, i: number): boolean {
  const c = w[i];
  if (c === 'a' || c === 'e' || c === 'i' || c === 'o' || c === 'u') return false;
  if (c === 'y') return i === 0 ? true : !isCons(w, i - 1);
  return true;
}

/** m(): the number of VC sequences in w[0..len). */
function measure(w: string, len: number): number {
  let n = 0;
  let i = 0;
  while (i < len && isCons(w, i)) i++;
  while (i < len) {
    while (i < len && !isCons(w, i)) i++;
    if (i >= len) break;
    n++;
    while (i < len && isCons(w, i)) i++;
  }
  return n;
}

function hasVowel(w: string, len: number): boolean {
  for (let i = 0; i < len; i++) if (!isCons(w, i)) return true;
  return false;
}

function endsDoubleCons(w: string): boolean {
  const n = w.length;
  return n >= 2 && w[n - 1] === w[n - 2] && isCons(w, n - 1);
}

/** cvc at the end, where the last c is not w, x or y. */
function endsCvc(w: string, len: number): boolean {
  if (len < 3) return false;
  if (!isCons(w, len - 1) || isCons(w, len - 2) || !isCons(w, len - 3)) return false;
  const c = w[len - 1];
  return c !== 'w' && c !== 'x' && c !== 'y';
}

function replaceSuffix(w: string, rules: ReadonlyArray<readonly [string, string]>, minM: number): string {
  for (const [suf, rep] of rules) {
    if (w.endsWith(suf)) {
      const stemLen = w.length - suf.length;
      return measure(w, stemLen) > minM ? w.slice(0, stemLen) + rep : w;
    }
  }
  return w;
}

// prettier-ignore
const STEP2: ReadonlyArray<readonly [string, string]> = [
  ['ational', 'ate'], ['tional', 'tion'], ['enci', 'ence'], ['anci', 'ance'], ['izer', 'ize'],
  ['bli', 'ble'], ['alli', 'al'], ['entli', 'ent'], ['eli', 'e'], ['ousli', 'ous'], ['ization', 'ize'],
  ['ation', 'ate'], ['ator', 'ate'], ['alism', 'al'], ['iveness', 'ive'], ['fulness', 'ful'],
  ['ousness', 'ous'], ['aliti', 'al'], ['iviti', 'ive'], ['biliti', 'ble'], ['logi', 'log'],
];
// prettier-ignore
const STEP3: ReadonlyArray<readonly [string, string]> = [
  ['icate', 'ic'], ['ative', ''], ['alize', 'al'], ['iciti', 'ic'], ['ical', 'ic'], ['ful', ''], ['ness', ''],
];
// prettier-ignore
const STEP4 = [
  'al', 'ance', 'ence', 'er', 'ic', 'able', 'ible', 'ant', 'ement', 'ment', 'ent', 'ion', 'ou', 'ism',
  'ate', 'iti', 'ous', 'ive', 'ize',
];

function sortLongestFirst<T extends readonly [string, string]>(rules: ReadonlyArray<T>): T[] {
  return [...rules].sort((a, b) => b[0].length - a[0].length);
}
const STEP2_SORTED = sortLongestFirst(STEP2);
const STEP3_SORTED = sortLongestFirst(STEP3);
const STEP4_SORTED = [...STEP4].sort((a, b) => b.length - a.length);

const stemCache = new Map<string, string>();

/** Porter stem of a lowercase word. Non-alphabetic input is returned unchanged. */
export function stem(word: string): string {
  const cached = stemCache.get(word);
  if (cached !== undefined) return cached;
  const out = computeStem(word);
  if (stemCache.size > 50000) stemCache.clear();
  stemCache.set(word, out);
  return out;
}

function computeStem(input: string): string {
  let w = input.replace(/'s$/, '').replace(/'/g, '');
  const irregular = Object.hasOwn(IRREGULAR, w) ? IRREGULAR[w] : undefined;
  if (irregular) return irregular;
  if (w.length <= 2 || !/^[a-z]+$/.test(w)) return w;

  // Step 1a
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies')) w = w.slice(0, -2);
  else if (w.endsWith('ss')) {
    /* keep */
  } else if (w.endsWith('s')) w = w.slice(0, -1);

  // Step 1b
  let step1bExtra = false;
  if (w.endsWith('eed')) {
    if (measure(w, w.length - 3) > 0) w = w.slice(0, -1);
  } else if (w.endsWith('ed') && hasVowel(w, w.length - 2)) {
    w = w.slice(0, -2);
    step1bExtra = true;
  } else if (w.endsWith('ing') && hasVowel(w, w.length - 3)) {
    w = w.slice(0, -3);
    step1bExtra = true;
  }
  if (step1bExtra) {
    if (w.endsWith('at') || w.endsWith('bl') || w.endsWith('iz')) w += 'e';
    else if (endsDoubleCons(w) && !/[lsz]$/.test(w)) w = w.slice(0, -1);
    else if (measure(w, w.length) === 1 && endsCvc(w, w.length)) w += 'e';
  }

  // Step 1c
  if (w.endsWith('y') && hasVowel(w, w.length - 1)) w = w.slice(0, -1) + 'i';

  w = replaceSuffix(w, STEP2_SORTED, 0);
  w = replaceSuffix(w, STEP3_SORTED, 0);

  // Step 4
  for (const suf of STEP4_SORTED) {
    if (!w.endsWith(suf)) continue;
    const stemLen = w.length - suf.length;
    if (measure(w, stemLen) > 1) {
      if (suf === 'ion') {
        const c = w[stemLen - 1];
        if (c === 's' || c === 't') w = w.slice(0, stemLen);
      } else w = w.slice(0, stemLen);
    }
    break;
  }

  // Step 5a
  if (w.endsWith('e')) {
    const m = measure(w, w.length - 1);
    if (m > 1 || (m === 1 && !endsCvc(w, w.length - 1))) w = w.slice(0, -1);
  }
  // Step 5b
  if (measure(w, w.length) > 1 && endsDoubleCons(w) && w.endsWith('l')) w = w.slice(0, -1);
  return w;
}
