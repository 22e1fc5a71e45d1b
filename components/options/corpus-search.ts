/**
 * Fuzzy search over the corpus for the options page. Fuse.js over 2,000 full article texts takes
 * seconds per query (it scans every character of the texts), and even over 2,000 titles it takes
 * too long per keystroke, so the corpus is searched word-wise instead: Fuse finds the corpus words
 * close to each query word (typos, inflections) in the vocabulary, and inverted indexes turn those
 * words into articles. Every query word must match, in the title, the outlet or the text; a match
 * in the title or outlet ranks above one in the text only.
 */
import Fuse from 'fuse.js';

export interface SearchDoc {
  id: string;
  title: string;
  outlet: string;
  text: string;
}

/** A piece of a snippet: plain text, or a word that matched the query. */
export interface SnippetPiece {
  text: string;
  hit: boolean;
}

export interface SearchHit<T extends SearchDoc> {
  doc: T;
  /** 0..1, higher is better. */
  score: number;
}

const MIN_FUZZY_LENGTH = 4;
const WORD_THRESHOLD = 0.25;
const TEXT_WEIGHT = 0.6;

export function searchWords(s: string): string[] {
  let t = s.toLowerCase();
  // NFKD over megabytes of text is costly: only when there is something to fold.
  if (/[\u0080-\uffff]/.test(t)) t = t.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return t.match(/[\p{L}\p{N}]+/gu) ?? [];
}

function post(index: Map<string, number[]>, word: string, doc: number): void {
  const list = index.get(word);
  if (!list) index.set(word, [doc]);
  else if (list[list.length - 1] !== doc) list.push(doc);
}

export class CorpusSearch<T extends SearchDoc> {
  private readonly docs: readonly T[];
  /** Title and outlet words -> documents. */
  private readonly metaPostings = new Map<string, number[]>();
  /** Text words -> documents (filled by prepare()). */
  private readonly textPostings = new Map<string, number[]>();
  private indexed = 0;
  private wordFuses: Map<string, Fuse<string>> | undefined;
  private wordBuckets: Map<string, string[]> | undefined;

  /** Titles and outlets are searchable at once; call prepare() to make the texts searchable. */
  constructor(docs: readonly T[]) {
    this.docs = docs;
    docs.forEach((doc, i) => {
      for (const w of searchWords(doc.title)) post(this.metaPostings, w, i);
      for (const w of searchWords(doc.outlet)) post(this.metaPostings, w, i);
    });
  }

  /**
   * Indexes the texts in slices, awaiting `pause` between slices so that a page stays responsive
   * while 2,000 articles are read; search() uses what is indexed so far.
   */
  async prepare(pause: () => Promise<void> = () => Promise.resolve(), slice = 100): Promise<void> {
    while (this.indexed < this.docs.length) {
      const end = Math.min(this.docs.length, this.indexed + slice);
      for (let i = this.indexed; i < end; i++) this.indexText(i);
      this.indexed = end;
      this.wordFuses = undefined;
      if (this.indexed < this.docs.length) await pause();
    }
  }

  /** Synchronous prepare(), for small corpora and tests. */
  prepareNow(): this {
    for (let i = this.indexed; i < this.docs.length; i++) this.indexText(i);
    this.indexed = this.docs.length;
    this.wordFuses = undefined;
    return this;
  }

  get ready(): boolean {
    return this.indexed >= this.docs.length;
  }

  get size(): number {
    return this.docs.length;
  }

  private indexText(i: number): void {
    for (const w of searchWords(this.docs[i]!.text)) post(this.textPostings, w, i);
  }

  /**
   * Fuse over the words that start with the same letter as the query word: a typo in the first
   * letter is rare, and a 20x smaller vocabulary keeps each keystroke's search fast.
   */
  private vocabularyFuse(first: string): Fuse<string> {
    if (!this.wordFuses || !this.wordBuckets) {
      const buckets = new Map<string, string[]>();
      const add = (w: string) => {
        const b = buckets.get(w[0]!);
        if (b) b.push(w);
        else buckets.set(w[0]!, [w]);
      };
      for (const w of this.metaPostings.keys()) add(w);
      for (const w of this.textPostings.keys()) if (!this.metaPostings.has(w)) add(w);
      this.wordBuckets = buckets;
      this.wordFuses = new Map();
    }
    let fuse = this.wordFuses.get(first);
    if (!fuse) {
      fuse = new Fuse(this.wordBuckets.get(first) ?? [], {
        includeScore: true,
        threshold: WORD_THRESHOLD,
        ignoreLocation: true,
      });
      this.wordFuses.set(first, fuse);
    }
    return fuse;
  }

  /** Corpus words matching one query word (prefix or fuzzy), with a 0..1 closeness. */
  private wordMatches(term: string): Map<string, number> {
    const out = new Map<string, number>();
    this.vocabularyFuse(term[0]!); // makes the buckets
    for (const w of this.wordBuckets?.get(term[0]!) ?? [])
      if (w.startsWith(term)) out.set(w, w === term ? 1 : 0.9);
    if (term.length >= MIN_FUZZY_LENGTH)
      for (const r of this.vocabularyFuse(term[0]!).search(term, { limit: 60 }))
        if (!out.has(r.item)) out.set(r.item, 0.8 * (1 - (r.score ?? 1)));
    return out;
  }

  /**
   * Why a document matched, in context: the first place in its text where a word matching the
   * query occurs, with about `around` characters either side (cut at words), every matching word
   * in it marked. Null when the query is empty or only the title or outlet matched.
   */
  snippet(doc: T, query: string, around = 60): SnippetPiece[] | null {
    const terms = [...new Set(searchWords(query))];
    if (!terms.length) return null;
    const wanted = new Set<string>();
    for (const term of terms) for (const w of this.wordMatches(term).keys()) wanted.add(w);
    const text = doc.text;
    const words = [...text.matchAll(/[\p{L}\p{N}]+/gu)];
    const isHit = (w: string) => searchWords(w).some((x) => wanted.has(x));
    const first = words.find((m) => isHit(m[0]));
    if (!first || first.index === undefined) return null;
    let from = Math.max(0, first.index - around);
    let to = Math.min(text.length, first.index + first[0].length + around * 2);
    if (from > 0) from = text.indexOf(' ', from) + 1 || from;
    if (to < text.length) to = Math.max(first.index + first[0].length, text.lastIndexOf(' ', to));
    const pieces: SnippetPiece[] = [];
    let at = from;
    for (const m of words) {
      const i = m.index ?? 0;
      if (i < from || i + m[0].length > to || !isHit(m[0])) continue;
      if (i > at) pieces.push({ text: text.slice(at, i), hit: false });
      pieces.push({ text: m[0], hit: true });
      at = i + m[0].length;
    }
    if (at < to) pieces.push({ text: text.slice(at, to), hit: false });
    if (from > 0) pieces.unshift({ text: '…', hit: false });
    if (to < text.length) pieces.push({ text: '…', hit: false });
    return pieces.map((p) => ({ ...p, text: p.text.replace(/\s+/g, ' ') }));
  }

  /** Matching documents, best first; an empty query lists every document in order. */
  search(query: string): Array<SearchHit<T>> {
    const terms = [...new Set(searchWords(query))];
    if (!terms.length) return this.docs.map((doc) => ({ doc, score: 0 }));

    // Sum over terms of each document's best closeness; a document must match every term.
    let scores: Map<number, number> | undefined;
    for (const term of terms) {
      const perDoc = new Map<number, number>();
      const note = (i: number, s: number) => {
        if (s > (perDoc.get(i) ?? 0)) perDoc.set(i, s);
      };
      for (const [word, closeness] of this.wordMatches(term)) {
        for (const i of this.metaPostings.get(word) ?? []) note(i, closeness);
        for (const i of this.textPostings.get(word) ?? []) note(i, TEXT_WEIGHT * closeness);
      }
      if (!scores) scores = perDoc;
      else {
        const next = new Map<number, number>();
        for (const [i, s] of scores) {
          const t = perDoc.get(i);
          if (t !== undefined) next.set(i, s + t);
        }
        scores = next;
      }
      if (!scores.size) break;
    }
    return [...(scores ?? [])]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .map(([i, s]) => ({ doc: this.docs[i]!, score: s / terms.length }));
  }
}
