import { contentTerms, isCapitalized, stem } from './text';
import type { Sentence } from './types';

/**
 * Sentence similarity and passage alignment. Similarity is a soft, weighted overlap of content
 * terms (Porter stems, a small synonym list, number words as digits) with a fuzzy pass for
 * spelling variants of names. See docs/decisions/002-similarity-and-alignment.md.
 */

/** Two runs of contiguous sentences (page side, reference side) that report the same thing. */
export interface AlignedPair {
  /** Indices into the page sentences, contiguous and ascending (more than one when merged). */
  page: number[];
  /** Indices into the reference sentences, contiguous and ascending. */
  ref: number[];
  /** 0..1 */
  similarity: number;
}

/**
 * Document frequencies from a corpus (e.g. the corpus index): df maps a term (see `termKey`)
 * to how many of `docs` documents contain it. Without one, a built-in estimate is used.
 */
export interface IdfTable {
  docs: number;
  df: ReadonlyMap<string, number> | Readonly<Record<string, number>>;
}

export interface PrepareOptions {
  idf?: IdfTable;
}

/**
 * A text made ready for fast comparison: unique term ids, ascending, with their weights.
 * Ids are interned per JavaScript realm, so a PreparedText is for in-memory use only:
 * store the text (or `terms`) and prepare again after loading.
 */
export interface PreparedText {
  text: string;
  /** Unique term ids, ascending. */
  ids: Int32Array;
  /** Weight of each id (same order). */
  weights: Float64Array;
  /** Sum of weights. */
  total: number;
  /** Term keys, same order as ids (numbers as digits, words as canonical stems). */
  terms: readonly string[];
  /** 1 where the term may match a spelling variant (a word of 4+ letters). */
  fuzzy: Uint8Array;
}

/** Threshold above which two passages count as the same passage (tuned on STS/MSRP tune half). */
export const ALIGN_THRESHOLD = 0.45;

// ---------------------------------------------------------------------------------------------
// Terms

// prettier-ignore
const NUMBER_WORD_LIST: Record<string, string> = {
  one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9',
  ten: '10', eleven: '11', twelve: '12', thirteen: '13', fourteen: '14', fifteen: '15', sixteen: '16',
  seventeen: '17', eighteen: '18', nineteen: '19', twenty: '20', thirty: '30', forty: '40', fifty: '50',
  sixty: '60', seventy: '70', eighty: '80', ninety: '90', hundred: '100', dozen: '12',
  first: '1st', second: '2nd', third: '3rd', fourth: '4th', fifth: '5th',
};
// A Map, not the object: "constructor" is not a number word.
const NUMBER_WORDS = new Map(Object.entries(NUMBER_WORD_LIST));

// Small synonym groups common in news paraphrase; each word maps to the group's first member.
// A word sits in one group only (tests/unit/synonyms.test.ts): "fired" is "sacked", not "blaze".
// prettier-ignore
const SYNONYM_GROUPS: string[][] = [
  ['say', 'tell', 'announce', 'declare', 'assert'],
  ['kill', 'slay', 'murder'],
  ['die', 'dead', 'death', 'deceased', 'fatal', 'fatality'],
  ['buy', 'purchase', 'acquire', 'acquisition'],
  ['big', 'large', 'huge', 'major', 'massive'],
  ['small', 'little', 'minor', 'tiny'],
  ['start', 'begin', 'launch', 'commence', 'initiate'],
  ['end', 'finish', 'conclude', 'complete'],
  ['rise', 'increase', 'climb', 'gain', 'jump', 'grow', 'surge', 'soar', 'rose', 'up'],
  ['fall', 'drop', 'decline', 'slip', 'decrease', 'sink', 'plunge', 'tumble', 'slide', 'fell', 'down'],
  ['show', 'reveal', 'indicate', 'demonstrate', 'display', 'unveil', 'disclose'],
  ['help', 'assist', 'aid', 'support'],
  ['try', 'attempt', 'seek'],
  ['need', 'require'],
  ['quit', 'resign'],
  ['attack', 'assault', 'strike', 'raid'],
  ['child', 'kid', 'children'],
  ['plane', 'aircraft', 'jet', 'airplane', 'airliner'],
  ['company', 'firm', 'corporation', 'business'],
  ['car', 'vehicle', 'automobile'],
  ['country', 'nation'],
  ['president', 'leader'],
  ['official', 'authority'],
  ['arrest', 'detain', 'apprehend'],
  ['charge', 'accuse', 'indict'],
  ['injure', 'wound', 'hurt'],
  ['reject', 'deny', 'refuse'],
  ['approve', 'pass', 'endorse'],
  ['talk', 'discuss', 'negotiate', 'negotiation', 'speak'],
  ['meet', 'meeting'],
  ['warn', 'caution'],
  ['plan', 'intend', 'propose', 'proposal'],
  ['cut', 'reduce', 'slash', 'lower'],
  ['ban', 'prohibit'],
  ['probe', 'investigate', 'investigation', 'inquiry'],
  ['report', 'reportedly'],
  ['job', 'employment', 'work'],
  ['percent', 'pct', '%'],
  ['million', 'mln'],
  ['billion', 'bln', 'bn'],
  ['month', 'months'],
  ['week', 'weeks'],
  ['troop', 'soldier'],
  ['us', 'america', 'american', 'usa'],
  ['uk', 'britain', 'british'],
  ['quickly', 'rapidly', 'fast'],
  ['get', 'receive', 'obtain'],
  ['house', 'home'],
  ['law', 'legislation', 'bill'],
  ['vote', 'ballot', 'elect', 'election'],
  ['win', 'victory', 'triumph'],
  ['lose', 'loss', 'defeat'],
  ['explosion', 'blast', 'explode', 'bomb', 'bombing', 'detonate'],
  ['protest', 'unrest', 'demonstration', 'rally', 'protester', 'demonstrator'],
  ['ambassador', 'diplomat', 'envoy'],
  ['court', 'justice', 'judge', 'tribunal'],
  ['leave', 'depart', 'exit'],
  ['fight', 'clash', 'battle', 'combat'],
  ['sue', 'lawsuit', 'litigation'],
  ['shoot', 'gunman', 'gunfire', 'shooting'],
  ['storm', 'hurricane', 'cyclone', 'typhoon'],
  ['quake', 'earthquake', 'tremor'],
  ['flood', 'flooding', 'deluge'],
  ['minister', 'secretary'],
  ['pm', 'premier', 'prime'],
  ['chief', 'head', 'boss', 'director'],
  ['visit', 'tour', 'trip'],
  ['rebel', 'insurgent', 'militant'],
  ['missile', 'rocket'],
  ['ship', 'vessel', 'boat'],
  ['price', 'cost'],
  ['profit', 'earnings', 'income'],
  ['share', 'stock'],
  ['deal', 'agreement', 'accord', 'pact', 'treaty'],
  ['hostage', 'captive'],
  ['crash', 'collision', 'collide'],
  ['suspect', 'accused', 'alleged'],
  ['prison', 'jail', 'imprison'],
  ['victim', 'casualty'],
  ['recall', 'withdraw'],
  ['sack', 'fire', 'dismiss'],
  ['army', 'military'],
];

const SYNONYM: Map<string, string> = (() => {
  const m = new Map<string, string>();
  for (const g of SYNONYM_GROUPS) {
    const head = stem(g[0] ?? '');
    for (const w of g) {
      const s = stem(w);
      if (!m.has(s)) m.set(s, head);
    }
  }
  return m;
})();

/** The key under which a stem or number is compared (and counted in an IdfTable). */
export function termKey(stemOrNumber: string): string {
  const n = NUMBER_WORDS.get(stemOrNumber);
  if (n) return n;
  return SYNONYM.get(stemOrNumber) ?? stemOrNumber;
}

/** Canonical term keys of a text, in order (duplicates kept): what an IdfTable should count. */
export function termKeys(text: string): string[] {
  return contentTerms(text).map((t) => termKey(NUMBER_WORDS.get(t.token.norm) ?? t.stem));
}

/** Document frequencies of term keys over `docs` (one text per document), for PrepareOptions.idf. */
export function buildIdfTable(docs: Iterable<string>): IdfTable {
  const df = new Map<string, number>();
  let n = 0;
  for (const d of docs) {
    n++;
    for (const k of new Set(termKeys(d))) df.set(k, (df.get(k) ?? 0) + 1);
  }
  return { docs: n, df };
}

const vocab = new Map<string, number>();
const vocabKeys: string[] = [];
function termId(key: string): number {
  let id = vocab.get(key);
  if (id === undefined) {
    id = vocabKeys.length;
    vocab.set(key, id);
    vocabKeys.push(key);
  }
  return id;
}

// Words frequent in any news text: they carry less evidence that two passages are the same.
// prettier-ignore
const GENERIC = new Set([
  'year', 'new', 'time', 'peopl', 'day', 'week', 'month', 'make', 'take', 'go', 'get', 'come', 'last',
  'first', 'two', 'one', 'report', 'state', 'say', 'includ', 'know', 'like', 'want', 'see', 'use', 'work',
  'call', 'part', 'back', 'way', 'well', 'even', 'now', 'just', 'mani', 'much', 'still', 'also', 'late',
  'earli', 'ago', 'next', 'put', 'set', 'show', 'help', 'think', 'look', 'give', 'told', 'accord',
  'offici', 'govern', 'compani', 'percent', 'million', 'billion', 'number', 'group', 'thing', 'not',
  'no', 'never', 'expect', 'continu', 'three', 'end', 'lead', 'among', 'around', 'could', 'told', 'made',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'yesterday', 'today',
]);

function defaultWeight(key: string, kind: 'word' | 'number' | 'acronym', capital: boolean): number {
  if (GENERIC.has(key)) return 0.4;
  // Numbers weigh most: passages that differ in a number differ in what they report (STS tune).
  if (kind === 'number') return 2.5;
  if (kind === 'acronym' || capital) return 1.4;
  if (key.length <= 3) return 0.8;
  return 1;
}

const NUMBER_FACTOR = 2.5;

function idfWeight(key: string, table: IdfTable): number {
  const df = table.df instanceof Map ? table.df.get(key) : (table.df as Record<string, number>)[key];
  const n = Math.max(1, table.docs);
  // Smoothed IDF scaled to about 1 for a term in 1% of documents; floors keep common words alive.
  const idf = Math.log((n + 1) / ((df ?? 0) + 0.5));
  return Math.max(0.1, Math.min(2, idf / Math.log(101)));
}

export function prepareText(text: string, opts: PrepareOptions = {}): PreparedText {
  const byKey = new Map<string, number>();
  const terms = contentTerms(text);
  // In Title Case headlines capitals say nothing about names.
  const caps = terms.filter((t) => t.token.kind === 'word' && isCapitalized(t.token.text)).length;
  const titleCase = caps * 2 > terms.length;
  for (const t of terms) {
    const numberWord = NUMBER_WORDS.get(t.token.norm);
    const key = termKey(numberWord ?? t.stem);
    // "five" and "5" are the same fact and weigh the same.
    const kind = numberWord ? 'number' : t.token.kind;
    const capital = !titleCase && kind === 'word' && isCapitalized(t.token.text) && t.token.start > 0;
    const w = opts.idf
      ? idfWeight(key, opts.idf) * (kind === 'number' ? NUMBER_FACTOR : 1)
      : defaultWeight(key, kind, capital);
    const prev = byKey.get(key);
    if (prev === undefined || w > prev) byKey.set(key, w);
  }
  return fromMap(text, byKey);
}

function fromMap(text: string, byKey: Map<string, number>): PreparedText {
  const n = byKey.size;
  const terms: string[] = new Array<string>(n);
  const ids = new Int32Array(n);
  const weights = new Float64Array(n);
  // Insertion sort by term id (texts have tens of terms; ids are unique, so the order is one).
  let k = 0;
  for (const [key, w] of byKey) {
    const id = termId(key);
    let i = k++;
    while (i > 0 && (ids[i - 1] ?? 0) > id) {
      ids[i] = ids[i - 1] ?? 0;
      weights[i] = weights[i - 1] ?? 0;
      terms[i] = terms[i - 1] ?? '';
      i--;
    }
    ids[i] = id;
    weights[i] = w;
    terms[i] = key;
  }
  const fuzzy = new Uint8Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    const key = terms[i] ?? '';
    const c = key.charCodeAt(0);
    fuzzy[i] = key.length >= 4 && !(c >= 48 && c <= 57) ? 1 : 0;
    total += weights[i] ?? 0;
  }
  return { text, ids, weights, total, terms, fuzzy };
}

/** One prepared text for consecutive sentences (used to try split/merged sentences). */
export function mergePrepared(parts: readonly PreparedText[]): PreparedText {
  const byKey = new Map<string, number>();
  for (const p of parts)
    p.terms.forEach((k, i) => {
      const w = p.weights[i] ?? 0;
      if (w > (byKey.get(k) ?? 0)) byKey.set(k, w);
    });
  return fromMap(parts.map((p) => p.text).join(' '), byKey);
}

// ---------------------------------------------------------------------------------------------
// Similarity

/** Partial credit for two different terms: spelling variants of a name, shared long prefixes. */
function fuzzyMatch(a: string, b: string): number {
  const na = /^\d/.test(a);
  const nb = /^\d/.test(b);
  if (na || nb) return 0; // a different number is a different fact, not a variant
  if (a.length < 4 || b.length < 4) return 0;
  const p = commonPrefix(a, b);
  if (p >= 5 || (p >= 4 && Math.min(a.length, b.length) - p <= 2)) return 0.7;
  // Both words of 5+ letters: tested on one only, "word" vs "world" matched in one order and not
  // the other, and the cached result depended on which order came first.
  if (Math.abs(a.length - b.length) <= 1 && Math.min(a.length, b.length) >= 5 && editDistanceAtMost1(a, b))
    return 0.8;
  return 0;
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function editDistanceAtMost1(a: string, b: string): boolean {
  if (a.length > b.length) [a, b] = [b, a];
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length === b.length) {
      // substitution or adjacent transposition ("Secuirty")
      if (a[i + 1] === b[j] && a[i] === b[j + 1]) {
        i += 2;
        j += 2;
      } else {
        i++;
        j++;
      }
    } else j++;
  }
  return edits + (b.length - j) + (a.length - i) <= 1;
}

/**
 * The exact pass shared by both similarity functions: the weight of the terms both texts hold
 * (ids are sorted, so one merge walk). Marks matched terms in the scratch buffers (scratchA: a's
 * term matched; scratchB: -1 for b's matched terms, 0 otherwise) for the fuzzy pass that follows.
 */
function exactPass(a: PreparedText, b: PreparedText): number {
  const na = a.ids.length;
  const nb = b.ids.length;
  if (scratchA.length < na) scratchA = new Uint8Array(na * 2);
  if (scratchB.length < nb) scratchB = new Float64Array(nb * 2);
  const ma = scratchA;
  const bestB = scratchB;
  ma.fill(0, 0, na);
  bestB.fill(0, 0, nb);
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < na && j < nb) {
    const x = a.ids[i] ?? 0;
    const y = b.ids[j] ?? 0;
    if (x === y) {
      shared += (a.weights[i] ?? 0) + (b.weights[j] ?? 0);
      ma[i] = 1;
      bestB[j] = -1;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared;
}

/** Similarity of two prepared texts in 0..1 (symmetric). */
export function similarityPrepared(a: PreparedText, b: PreparedText): number {
  const denom = a.total + b.total;
  if (denom <= 0) return 0;
  const na = a.ids.length;
  const nb = b.ids.length;
  let shared = exactPass(a, b);
  const ma = scratchA;
  const bestB = scratchB;
  // Fuzzy pass over what is left: each leftover term takes its best partial match. Only word
  // terms of 4+ letters with the same first letter can match (see fuzzyMatch).
  for (let ka = 0; ka < na; ka++) {
    if (ma[ka] || !a.fuzzy[ka]) continue;
    const ta = a.terms[ka] ?? '';
    const first = ta.charCodeAt(0);
    const ida = a.ids[ka] ?? 0;
    let best = 0;
    for (let kb = 0; kb < nb; kb++) {
      const prev = bestB[kb] ?? 0;
      if (prev < 0 || !b.fuzzy[kb]) continue;
      const tb = b.terms[kb] ?? '';
      if (tb.charCodeAt(0) !== first) continue;
      const f = cachedFuzzy(ida, b.ids[kb] ?? 0, ta, tb);
      if (f > best) best = f;
      if (f > prev) bestB[kb] = f;
    }
    shared += best * (a.weights[ka] ?? 0);
  }
  for (let kb = 0; kb < nb; kb++) {
    const f = bestB[kb] ?? 0;
    if (f > 0) shared += f * (b.weights[kb] ?? 0);
  }
  return Math.min(1, shared / denom);
}

let scratchA = new Uint8Array(256);
let scratchB = new Float64Array(256);
const fuzzyCache = new Map<number, number>();

function cachedFuzzy(ida: number, idb: number, ta: string, tb: string): number {
  const key = ida < idb ? ida * 4194304 + idb : idb * 4194304 + ida;
  let f = fuzzyCache.get(key);
  if (f === undefined) {
    f = fuzzyMatch(ta, tb);
    if (fuzzyCache.size > 500000) fuzzyCache.clear();
    fuzzyCache.set(key, f);
  }
  return f;
}

/**
 * Spelling-variant links from one side's terms to the other side's, so that the fuzzy pass of
 * `similarityLinked` looks only at real variants instead of every pair of leftover terms.
 * Links are made per page term on first need, against the other side's vocabulary (bucketed by
 * first letter, as fuzzyMatch only ever pairs terms with the same first letter there).
 */
/** Terms of the other side that a term matches as a spelling variant, with the credit. */
interface Link {
  ids: Int32Array;
  f: Float64Array;
}

class FuzzyLinks {
  private readonly buckets = new Map<number, { ids: number[]; terms: string[] }>();
  private readonly links = new Map<number, Link>();

  /** Number of texts the links were made from (a changed array makes new links). */
  readonly size: number;

  constructor(other: readonly PreparedText[]) {
    this.size = other.length;
    const seen = new Set<number>();
    for (const p of other)
      for (let k = 0; k < p.ids.length; k++) {
        const id = p.ids[k] ?? 0;
        if (!p.fuzzy[k] || seen.has(id)) continue;
        seen.add(id);
        const t = p.terms[k] ?? '';
        const c = t.charCodeAt(0);
        let b = this.buckets.get(c);
        if (!b) this.buckets.set(c, (b = { ids: [], terms: [] }));
        b.ids.push(id);
        b.terms.push(t);
      }
  }

  /** Bounds memory for long-lived references that meet many pages. */
  full(): boolean {
    return this.links.size > 50000;
  }

  of(id: number, term: string): Link {
    let l = this.links.get(id);
    if (l) return l;
    const ids: number[] = [];
    const fs: number[] = [];
    const b = this.buckets.get(term.charCodeAt(0));
    if (b)
      for (let n = 0; n < b.ids.length; n++) {
        const idb = b.ids[n] ?? 0;
        if (idb === id) continue; // the same term is an exact match, never a fuzzy one
        const f = cachedFuzzy(id, idb, term, b.terms[n] ?? '');
        if (f > 0) {
          ids.push(idb);
          fs.push(f);
        }
      }
    l = { ids: Int32Array.from(ids), f: Float64Array.from(fs) };
    this.links.set(id, l);
    return l;
  }
}

function indexOfId(ids: Int32Array, id: number): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = ids[mid] ?? 0;
    if (v === id) return mid;
    if (v < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/**
 * similarityPrepared with the fuzzy pass through precomputed links (`b`'s terms must be among
 * those `links` was made from). Same sums in the same order, hence the very same value.
 */
function similarityLinked(
  a: PreparedText,
  b: PreparedText,
  links: FuzzyLinks,
  aLinks?: readonly (Link | undefined)[],
): number {
  const denom = a.total + b.total;
  if (denom <= 0) return 0;
  const na = a.ids.length;
  const nb = b.ids.length;
  let shared = exactPass(a, b);
  const ma = scratchA;
  const bestB = scratchB;
  let anyB = false;
  for (let ka = 0; ka < na; ka++) {
    if (ma[ka] || !a.fuzzy[ka]) continue;
    const l = aLinks ? aLinks[ka] : links.of(a.ids[ka] ?? 0, a.terms[ka] ?? '');
    if (!l) continue;
    let best = 0;
    for (let n = 0; n < l.ids.length; n++) {
      const kb = indexOfId(b.ids, l.ids[n] ?? -1);
      if (kb < 0) continue;
      const prev = bestB[kb] ?? 0;
      if (prev < 0) continue;
      const f = l.f[n] ?? 0;
      if (f > best) best = f;
      if (f > prev) {
        bestB[kb] = f;
        anyB = true;
      }
    }
    shared += best * (a.weights[ka] ?? 0);
  }
  if (anyB)
    for (let kb = 0; kb < nb; kb++) {
      const f = bestB[kb] ?? 0;
      if (f > 0) shared += f * (b.weights[kb] ?? 0);
    }
  return Math.min(1, shared / denom);
}

/**
 * similarityPrepared of any passage against the sentences of `ref`, with the fuzzy pass through
 * the links kept for that reference array (the very same value, without matching every pair of
 * leftover terms again): for scorers that compare many passages with one article's sentences.
 * The passage's own links are looked up once for the whole row (a term without links adds nothing).
 */
export function similarityRow(ref: readonly PreparedText[]): (a: PreparedText) => (j: number) => number {
  const { links } = refCache(ref);
  return (a) => {
    const aLinks = new Array<Link | undefined>(a.ids.length);
    for (let k = 0; k < a.ids.length; k++) {
      if (!a.fuzzy[k]) continue;
      const l = links.of(a.ids[k] ?? 0, a.terms[k] ?? '');
      if (l.ids.length) aLinks[k] = l;
    }
    return (j) => {
      const b = ref[j];
      return b ? similarityLinked(a, b, links, aLinks) : 0;
    };
  };
}

/**
 * similarityPrepared of any passage `a` against a passage `b` whose terms are all among those of
 * `ref`'s sentences (one of them, or consecutive ones merged by mergePrepared), through the links
 * kept for `ref`: the very same value, as similarityRow.
 */
export function similarityWithin(ref: readonly PreparedText[]): (a: PreparedText, b: PreparedText) => number {
  const { links } = refCache(ref);
  return (a, b) => similarityLinked(a, b, links);
}

/** Similarity of two passages in 0..1: paraphrase-tolerant, symmetric. */
export function similarity(a: string, b: string, opts: PrepareOptions = {}): number {
  return similarityPrepared(prepareText(a, opts), prepareText(b, opts));
}

// ---------------------------------------------------------------------------------------------
// Alignment

export interface AlignOptions extends PrepareOptions {
  /** Minimum similarity of an aligned pair; ALIGN_THRESHOLD by default. */
  threshold?: number;
  /** Try one page sentence against two consecutive reference sentences and vice versa (default true). */
  merge?: boolean;
}

export interface AlignCandidate {
  page: number[];
  ref: number[];
  similarity: number;
  /** Ranking score: merged candidates must beat their parts clearly. */
  rank: number;
}

// A merged candidate is preferred to a single one only when it adds at least this much.
const MERGE_MARGIN = 0.05;

/**
 * Align page sentences with reference sentences: one-to-one (greedy by similarity), tolerant
 * of reordering and of a sentence split in two on the other side.
 */
export function alignSentences(page: Sentence[], ref: Sentence[], opts: AlignOptions = {}): AlignedPair[] {
  const pp = page.map((s) => prepareText(s.text, opts));
  const rp = ref.map((s) => prepareText(s.text, opts));
  return alignPrepared(pp, rp, opts);
}

/**
 * What alignPrepared keeps about a reference array (while it lives; an index keeps its prepared
 * arrays): postings, spelling-variant links and merged consecutive sentences depend on that side
 * alone. Prepared arrays are treated as immutable (a changed length drops the cache).
 */
interface RefCache {
  length: number;
  links: FuzzyLinks;
  postings: Map<number, { refs: number[]; weights: number[] }>;
  merged: Map<number, PreparedText>;
}

/**
 * What alignPrepared keeps about a page array while it lives: its merged consecutive sentences,
 * which depend on that side alone (a page is aligned with several references).
 */
interface PageCache {
  length: number;
  merged: Map<number, PreparedText>;
}

/**
 * For each page sentence, the reference sentences scored in the order first met, with their
 * similarity and exact-overlap ratio; kept when the similarity reached `floor`. A pass with a
 * higher floor and prefilter keeps the same entries, in the same order, by filtering these.
 */
interface SingleScores {
  refLength: number;
  floor: number;
  prefilter: number;
  refs: number[][];
  sims: number[][];
  ratios: number[][];
}

const refCaches = new WeakMap<readonly PreparedText[], RefCache>();
const pageCaches = new WeakMap<readonly PreparedText[], PageCache>();

function refCache(ref: readonly PreparedText[]): RefCache {
  let c = refCaches.get(ref);
  if (!c || c.length !== ref.length || c.links.full()) {
    // Postings over reference terms: only sentences sharing a term are ever scored, and the
    // exact shared weight gathered on the way decides whether the full comparison is worth it.
    const postings = new Map<number, { refs: number[]; weights: number[] }>();
    ref.forEach((r, j) => {
      r.ids.forEach((id, k) => {
        let l = postings.get(id);
        if (!l) postings.set(id, (l = { refs: [], weights: [] }));
        l.refs.push(j);
        l.weights.push(r.weights[k] ?? 0);
      });
    });
    c = { length: ref.length, links: new FuzzyLinks(ref), postings, merged: new Map() };
    refCaches.set(ref, c);
  }
  return c;
}

function pageCache(page: readonly PreparedText[]): PageCache {
  let c = pageCaches.get(page);
  if (!c || c.length !== page.length) {
    c = { length: page.length, merged: new Map() };
    pageCaches.set(page, c);
  }
  return c;
}

function scoreSingles(
  page: readonly PreparedText[],
  ref: readonly PreparedText[],
  floor: number,
  prefilter: number,
  cache: RefCache,
): SingleScores {
  const { links, postings } = cache;
  const out: SingleScores = { refLength: ref.length, floor, prefilter, refs: [], sims: [], ratios: [] };
  const rough = new Float64Array(ref.length);
  const touched: number[] = [];
  // Upper bound of the fuzzy credit per reference sentence: the weight of every page term with a
  // variant there, and of every reference term that is a variant of a page term.
  const fuzzyRoom = new Float64Array(ref.length);
  const roomed: number[] = [];
  const variantSeen = new Set<number>();
  page.forEach((p) => {
    for (let k = 0; k < p.ids.length; k++) {
      const l = postings.get(p.ids[k] ?? -1);
      if (!l) continue;
      const wp = p.weights[k] ?? 0;
      for (let n = 0; n < l.refs.length; n++) {
        const j = l.refs[n] ?? 0;
        if (rough[j] === 0) touched.push(j);
        rough[j] = (rough[j] ?? 0) + wp + (l.weights[n] ?? 0);
      }
    }
    const pLinks: (Link | undefined)[] = new Array<Link | undefined>(p.ids.length);
    for (let k = 0; k < p.ids.length; k++) {
      if (!p.fuzzy[k]) continue;
      const link = links.of(p.ids[k] ?? 0, p.terms[k] ?? '');
      if (!link.ids.length) continue;
      pLinks[k] = link;
      const wp = p.weights[k] ?? 0;
      for (let m = 0; m < link.ids.length; m++) {
        const y = link.ids[m] ?? -1;
        const l = postings.get(y);
        if (!l) continue;
        const first = !variantSeen.has(y);
        if (first) variantSeen.add(y);
        for (let n = 0; n < l.refs.length; n++) {
          const j = l.refs[n] ?? 0;
          if (fuzzyRoom[j] === 0) roomed.push(j);
          fuzzyRoom[j] = (fuzzyRoom[j] ?? 0) + wp + (first ? (l.weights[n] ?? 0) : 0);
        }
      }
    }
    variantSeen.clear();
    const refs: number[] = [];
    const sims: number[] = [];
    const ratios: number[] = [];
    for (const j of touched) {
      const exact = rough[j] ?? 0;
      rough[j] = 0;
      const r = ref[j];
      if (!r) continue;
      // Pairs whose exact overlap is far below the floor are not worth the fuzzy pass.
      const ratio = exact / (p.total + r.total || 1);
      if (ratio < prefilter) continue;
      // Fuzzy credit is at most 0.8 a term: below the floor even with all of it, not worth scoring
      // (the margin covers rounding, as `exact` is summed in another order than in similarity).
      const denom = p.total + r.total;
      if ((exact + 0.8 * (fuzzyRoom[j] ?? 0)) * (1 + 1e-9) < floor * denom) continue;
      const s = similarityLinked(p, r, links, pLinks);
      if (s >= floor) {
        refs.push(j);
        sims.push(s);
        ratios.push(ratio);
      }
    }
    touched.length = 0;
    for (const j of roomed) fuzzyRoom[j] = 0;
    roomed.length = 0;
    out.refs.push(refs);
    out.sims.push(sims);
    out.ratios.push(ratios);
  });
  return out;
}

/**
 * Every page sentence scored against every reference sentence, once: the pairs an alignment at
 * `threshold` or above may use. Alignments at several thresholds (a loose one as evidence, the
 * displayed one) are selections from one scoring (`alignScored`).
 */
export interface ScoredSentences {
  page: readonly PreparedText[];
  ref: readonly PreparedText[];
  /** The lowest threshold an alignment from these scores may use. */
  threshold: number;
  singles: SingleScores;
}

/** Floor and exact-overlap prefilter of the single-sentence scores an alignment at `threshold` needs. */
const floorOf = (threshold: number): number => threshold * 0.5;

export function scoreSentences(
  page: readonly PreparedText[],
  ref: readonly PreparedText[],
  threshold = ALIGN_THRESHOLD,
): ScoredSentences {
  const floor = floorOf(threshold);
  return { page, ref, threshold, singles: scoreSingles(page, ref, floor, floor * 0.5, refCache(ref)) };
}

/** alignSentences on prepared texts (prepare reference sentences once, at index time). */
export function alignPrepared(
  page: readonly PreparedText[],
  ref: readonly PreparedText[],
  opts: AlignOptions = {},
): AlignedPair[] {
  return alignScored(scoreSentences(page, ref, opts.threshold ?? ALIGN_THRESHOLD), opts);
}

/**
 * The alignment at `opts.threshold` (ALIGN_THRESHOLD by default) from scores made at that
 * threshold or a lower one: a pass with a higher floor and prefilter keeps the same pairs, in the
 * same order, so it gives what scoring afresh would.
 */
export function alignScored(scored: ScoredSentences, opts: Omit<AlignOptions, 'idf'> = {}): AlignedPair[] {
  const { page, ref } = scored;
  const threshold = opts.threshold ?? ALIGN_THRESHOLD;
  if (threshold < scored.threshold)
    throw new Error(`scores made for threshold ${scored.threshold} cannot align at ${threshold}`);
  const merge = opts.merge ?? true;
  const rc = refCache(ref);
  const pc = pageCache(page);
  const floor = floorOf(threshold);
  const prefilter = floor * 0.5;
  const scores = scored.singles;
  const cands: AlignCandidate[] = [];
  const single = new Map<number, Map<number, number>>(); // page -> ref -> sim
  for (let i = 0; i < page.length; i++) {
    const refs = scores.refs[i] ?? [];
    const sims = scores.sims[i] ?? [];
    const ratios = scores.ratios[i] ?? [];
    const row = new Map<number, number>();
    for (let n = 0; n < refs.length; n++) {
      const s = sims[n] ?? 0;
      if ((ratios[n] ?? 0) < prefilter || s < floor) continue;
      row.set(refs[n] ?? 0, s);
    }
    single.set(i, row);
    for (const [j, s] of row) if (s >= threshold) cands.push({ page: [i], ref: [j], similarity: s, rank: s });
  }

  if (merge) {
    // Each merged pair is reached once: from its first page sentence and first reference sentence.
    const tryMerge = (pi: number[], rj: number[], base: number) => {
      const a = pi.length === 1 ? page[pi[0] ?? 0] : mergedAt(pc.merged, page, pi[0] ?? 0);
      const b = rj.length === 1 ? ref[rj[0] ?? 0] : mergedAt(rc.merged, ref, rj[0] ?? 0);
      if (!a || !b) return;
      const s = similarityLinked(a, b, rc.links);
      if (s >= threshold && s >= base + MERGE_MARGIN)
        cands.push({ page: pi, ref: rj, similarity: s, rank: s - MERGE_MARGIN });
    };
    for (const [i, row] of single) {
      for (const [j, s] of row) {
        // Only the neighbour that is itself related to the other side is worth merging.
        if (j + 1 < ref.length && row.has(j + 1)) tryMerge([i], [j, j + 1], Math.max(s, row.get(j + 1) ?? 0));
        if (i + 1 < page.length && single.get(i + 1)?.has(j))
          tryMerge([i, i + 1], [j], Math.max(s, single.get(i + 1)?.get(j) ?? 0));
      }
    }
  }

  return oneToOne(cands, page.length, ref.length);
}

/**
 * Greedy one-to-one selection, best rank first (ties by position): a sentence on either side is
 * used by one pair at most. In page order. Shared by the lexical and the fused alignment.
 */
export function oneToOne(cands: AlignCandidate[], pageLength: number, refLength: number): AlignedPair[] {
  cands.sort(
    (x, y) => y.rank - x.rank || (x.page[0] ?? 0) - (y.page[0] ?? 0) || (x.ref[0] ?? 0) - (y.ref[0] ?? 0),
  );
  const usedP = new Uint8Array(pageLength);
  const usedR = new Uint8Array(refLength);
  const out: AlignedPair[] = [];
  for (const c of cands) {
    if (c.page.some((x) => usedP[x]) || c.ref.some((x) => usedR[x])) continue;
    for (const x of c.page) usedP[x] = 1;
    for (const x of c.ref) usedR[x] = 1;
    out.push({ page: c.page, ref: c.ref, similarity: c.similarity });
  }
  out.sort((x, y) => (x.page[0] ?? 0) - (y.page[0] ?? 0));
  return out;
}

/** Sentences `at` and `at + 1` merged, made once (merges are tried from both sides). */
function mergedAt(
  memo: Map<number, PreparedText>,
  texts: readonly PreparedText[],
  at: number,
): PreparedText | undefined {
  let m = memo.get(at);
  if (!m) {
    const x = texts[at];
    const y = texts[at + 1];
    if (!x || !y) return undefined;
    memo.set(at, (m = mergePrepared([x, y])));
  }
  return m;
}
