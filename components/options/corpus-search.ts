/**
 * Fuzzy search over the corpus for the options page. Fuse.js over 2,000 full article texts takes
 * seconds per query (it scans every character of ~17 MB), so the text is searched word-wise
 * instead: Fuse finds the corpus words close to each query word (typos, inflections) in the
 * vocabulary, and an inverted index turns those words into articles. Titles and outlets, which
 * are short, are searched with Fuse directly. Every query word must match (in any field).
 */
import Fuse from 'fuse.js';

export interface SearchDoc {
  id: string;
  title: string;
  outlet: string;
  text: string;
}

export interface SearchHit<T extends SearchDoc> {
  doc: T;
  /** 0..1, higher is better. */
  score: number;
}

const MIN_FUZZY_LENGTH = 4;
const WORD_THRESHOLD = 0.25;

export function searchWords(s: string): string[] {
  let t = s.toLowerCase();
  // NFKD over megabytes of text is costly: only when there is something to fold.
  if (/[\u0080-\uffff]/.test(t)) t = t.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  return t.match(/[\p{L}\p{N}]+/gu) ?? [];
}

export class CorpusSearch<T extends SearchDoc> {
  private readonly docs: readonly T[];
  private readonly metaFuse: Fuse<T>;
  private readonly postings = new Map<string, number[]>();

  private indexed = 0;
  private wordFuse: Fuse<string> | undefined;

  /** Titles and outlets are searchable at once; call prepare() to make the texts searchable. */
  constructor(docs: readonly T[]) {
    this.docs = docs;
    this.metaFuse = new Fuse(docs as T[], {
      keys: [
        { name: 'title', weight: 3 },
        { name: 'outlet', weight: 2 },
      ],
      includeScore: true,
      ignoreLocation: true,
      threshold: 0.35,
    });
  }

  /**
   * Indexes the texts in slices, awaiting `pause` between slices so that a page stays responsive
   * while 2,000 articles are read; search() uses what is indexed so far.
   */
  async prepare(pause: () => Promise<void> = () => Promise.resolve(), slice = 100): Promise<void> {
    while (this.indexed < this.docs.length) {
      const end = Math.min(this.docs.length, this.indexed + slice);
      for (let i = this.indexed; i < end; i++) this.indexDoc(i);
      this.indexed = end;
      this.wordFuse = undefined;
      if (this.indexed < this.docs.length) await pause();
    }
  }

  /** Synchronous prepare(), for small corpora and tests. */
  prepareNow(): this {
    for (let i = this.indexed; i < this.docs.length; i++) this.indexDoc(i);
    this.indexed = this.docs.length;
    this.wordFuse = undefined;
    return this;
  }

  get ready(): boolean {
    return this.indexed >= this.docs.length;
  }

  private indexDoc(i: number): void {
    const doc = this.docs[i]!;
    const words = new Set([...searchWords(doc.title), ...searchWords(doc.outlet), ...searchWords(doc.text)]);
    for (const w of words) {
      const list = this.postings.get(w);
      if (list) list.push(i);
      else this.postings.set(w, [i]);
    }
  }

  private vocabularyFuse(): Fuse<string> {
    this.wordFuse ??= new Fuse([...this.postings.keys()], {
      includeScore: true,
      threshold: WORD_THRESHOLD,
      ignoreLocation: true,
    });
    return this.wordFuse;
  }

  get size(): number {
    return this.docs.length;
  }

  /** Corpus words matching one query word, with a 0..1 closeness. */
  private wordMatches(term: string): Map<string, number> {
    const out = new Map<string, number>();
    for (const w of this.postings.keys()) if (w.startsWith(term)) out.set(w, w === term ? 1 : 0.9);
    if (term.length >= MIN_FUZZY_LENGTH)
      for (const r of this.vocabularyFuse().search(term, { limit: 60 }))
        if (!out.has(r.item)) out.set(r.item, 0.8 * (1 - (r.score ?? 1)));
    return out;
  }

  /** Matching documents, best first; an empty query lists every document in order. */
  search(query: string): Array<SearchHit<T>> {
    const terms = [...new Set(searchWords(query))];
    if (!terms.length) return this.docs.map((doc) => ({ doc, score: 0 }));

    // Each document's best closeness for each term; a document must match every term.
    let scores: Map<number, number> | undefined;
    for (const term of terms) {
      const perDoc = new Map<number, number>();
      for (const [word, closeness] of this.wordMatches(term))
        for (const i of this.postings.get(word) ?? []) perDoc.set(i, Math.max(perDoc.get(i) ?? 0, closeness));
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
    const combined = new Map<number, number>();
    for (const [i, s] of scores ?? []) combined.set(i, (0.6 * s) / terms.length);
    // A match in the title or outlet ranks above a match in the text only.
    for (const r of this.metaFuse.search(query.trim(), { limit: 500 })) {
      const i = r.refIndex;
      if (i === undefined) continue;
      combined.set(i, Math.max(combined.get(i) ?? 0, 0.4 + 0.6 * (1 - (r.score ?? 1))));
    }
    return [...combined.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .map(([i, score]) => ({ doc: this.docs[i]!, score }));
  }
}
