/**
 * Sentence vectors of the reader's own articles, computed once in the background when an article
 * is added or imported, stored int8-quantized (lib/vectors.ts, 516 bytes a sentence) and read
 * back for the articles a page is compared with: never recomputed per page.
 *
 * They live in IndexedDB, not in storage.local: the corpus store reads storage.local whole
 * (`get(null)`) on every load, and 2,000 articles' vectors (~60 MB) would be read with it. Each
 * entry's key carries the key of the sentences it was made from (lib/vectors.ts sentencesKey),
 * so a list of keys alone tells which articles still need vectors.
 *
 * Each article's document vector (lib/document-vectors.ts, for retrieval by meaning) is stored
 * beside its sentence vectors under its own key, so that a started background reads 2,000
 * articles' document vectors (~1 MB) rather than all their sentence vectors (~60 MB).
 * See docs/decisions/010-sentence-encoder.md and 013-pipeline.md.
 */
import { documentVector, type StoredDocument } from '../lib/document-vectors';
import { segment } from '../lib/segment';
import type { Article } from '../lib/types';
import { packVectors, sentencesKey, unpackVectors } from '../lib/vectors';

/** Where the vectors are kept: IndexedDB in the extension (idbVectorArea), a Map in tests. */
export interface VectorArea {
  keys(): Promise<string[]>;
  get(key: string): Promise<Uint8Array | undefined>;
  set(key: string, bytes: Uint8Array): Promise<void>;
  remove(keys: string[]): Promise<void>;
  /** Several values in one read (one IndexedDB transaction); `get` one by one when absent. */
  getMany?(keys: readonly string[]): Promise<Array<Uint8Array | undefined>>;
}

export type EmbedTexts = (texts: readonly string[]) => Promise<Float32Array[]>;

const SEP = '\u0000';
const entryKey = (id: string, key: string) => `${id}${SEP}${key}`;
/** Document vectors' keys start with a character no article id starts with (ids are slugs). */
const DOC = '\u0001';
const docKey = (id: string, key: string) => `${DOC}${id}${SEP}${key}`;
/** The article id and sentences key of a document vector's entry key. */
function parseDocKey(k: string): { id: string; key: string } | undefined {
  const at = k.lastIndexOf(SEP);
  return k.startsWith(DOC) && at > 0 ? { id: k.slice(1, at), key: k.slice(at + 1) } : undefined;
}

/** Vectors dequantized for comparison, kept for this many articles (~120 KB for 60 sentences). */
const MEMO_LIMIT = 256;

export class CorpusVectors {
  private readonly memo = new Map<string, Float32Array[]>();
  private known: Promise<Set<string>> | undefined;
  private running: Promise<number> = Promise.resolve(0);
  /** Document vectors by article id: read once from the area, then kept in step by `sync`. */
  private readonly docs = new Map<string, StoredDocument>();
  private docsRead: Promise<void> | undefined;

  constructor(
    private readonly area: VectorArea,
    private readonly dim: number,
  ) {}

  private entries(): Promise<Set<string>> {
    this.known ??= this.area.keys().then(
      (ks) => new Set(ks),
      () => new Set<string>(),
    );
    return this.known;
  }

  /**
   * Computes and stores the vectors of the reader's articles that have none (or whose text
   * changed), and drops those of articles no longer in the corpus. Runs one at a time; returns
   * how many articles were embedded.
   */
  sync(articles: readonly Article[], embed: EmbedTexts): Promise<number> {
    const run = async (): Promise<number> => {
      const known = await this.entries();
      const wanted = new Set<string>();
      let embedded = 0;
      for (const a of articles) {
        if (a.origin === 'bundled') continue; // made at build time (public/model/reference-vectors.json)
        const sentences = segment(a.text).map((s) => s.text);
        const key = sentencesKey(sentences);
        const k = entryKey(a.id, key);
        wanted.add(k);
        wanted.add(docKey(a.id, key));
        if (known.has(k)) {
          if (known.has(docKey(a.id, key))) continue;
          // Stored before document vectors were kept: made once from the stored sentence vectors.
          const bytes = await this.area.get(k).catch(() => undefined);
          if (bytes) await this.putDocument(a.id, key, documentVector(unpackVectors(bytes, this.dim)), known);
          continue;
        }
        const vectors = await embed(sentences);
        await this.area.set(k, packVectors(vectors, this.dim));
        known.add(k);
        await this.putDocument(a.id, key, documentVector(vectors), known);
        embedded++;
      }
      const stale = [...known].filter((k) => !wanted.has(k));
      if (stale.length) {
        await this.area.remove(stale);
        for (const k of stale) {
          known.delete(k);
          this.memo.delete(k);
          const d = parseDocKey(k);
          if (d && this.docs.get(d.id)?.key === d.key) this.docs.delete(d.id);
        }
      }
      return embedded;
    };
    const next = this.running.then(run, run);
    this.running = next.catch(() => 0);
    return next;
  }

  private async putDocument(
    id: string,
    key: string,
    vector: Float32Array,
    known: Set<string>,
  ): Promise<void> {
    const bytes = packVectors([vector], this.dim);
    await this.area.set(docKey(id, key), bytes);
    known.add(docKey(id, key));
    // As it will be read back after a restart (int8).
    this.docs.set(id, { key, vector: unpackVectors(bytes, this.dim)[0]! });
  }

  /**
   * The document vectors of the reader's articles, by id, each with the key of the sentences it
   * was made from: read from the area once (at the first semantic pass of a started background),
   * then kept in step as `sync` stores more. The map is live: vectors stored later appear in it.
   */
  async documents(): Promise<ReadonlyMap<string, StoredDocument>> {
    this.docsRead ??= (async () => {
      const ks = [...(await this.entries())].filter((k) => k.startsWith(DOC));
      const values = this.area.getMany
        ? await this.area.getMany(ks)
        : await Promise.all(ks.map((k) => this.area.get(k).catch(() => undefined)));
      ks.forEach((k, i) => {
        const d = parseDocKey(k);
        const bytes = values[i];
        // One stored by `sync` meanwhile is newer.
        if (!d || !bytes || this.docs.has(d.id)) return;
        const [vector] = unpackVectors(bytes, this.dim);
        if (vector) this.docs.set(d.id, { key: d.key, vector });
      });
    })().catch(() => {
      this.docsRead = undefined; // tried again at the next pass
    });
    await this.docsRead;
    return this.docs;
  }

  /**
   * The stored vectors of these articles (e.g. a page's candidates), read before the
   * synchronous pipeline runs; articles without stored vectors are simply absent.
   */
  async load(
    ids: readonly string[],
    sentencesOf: (id: string) => readonly string[] | undefined,
  ): Promise<Map<string, Float32Array[]>> {
    const known = await this.entries();
    const out = new Map<string, Float32Array[]>();
    for (const id of ids) {
      const sentences = sentencesOf(id);
      if (!sentences) continue;
      const k = entryKey(id, sentencesKey(sentences));
      if (!known.has(k)) continue;
      let v = this.memo.get(k);
      if (!v) {
        const bytes = await this.area.get(k).catch(() => undefined);
        if (!bytes) continue;
        v = unpackVectors(bytes, this.dim);
        if (this.memo.size >= MEMO_LIMIT) {
          const first = this.memo.keys().next();
          if (!first.done) this.memo.delete(first.value);
        }
      } else this.memo.delete(k); // re-inserted below: the most recently used go last
      this.memo.set(k, v);
      if (v.length === sentences.length) out.set(id, v);
    }
    return out;
  }
}

const bytesOf = (v: unknown): Uint8Array | undefined =>
  v instanceof Uint8Array ? v : v instanceof ArrayBuffer ? new Uint8Array(v) : undefined;

/** The extension's VectorArea: one IndexedDB object store, values are the packed bytes. */
export function idbVectorArea(name = 'parallax-vectors'): VectorArea {
  let db: Promise<IDBDatabase> | undefined;
  const open = (): Promise<IDBDatabase> => {
    db ??= new Promise((resolve, reject) => {
      const req = indexedDB.open(name, 1);
      req.onupgradeneeded = () => req.result.createObjectStore('vectors');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error ?? new Error('indexedDB: open failed'));
    });
    db.catch(() => (db = undefined));
    return db;
  };
  const call = async <T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T> | undefined) => {
    const tx = (await open()).transaction('vectors', mode);
    const req = fn(tx.objectStore('vectors'));
    return new Promise<T | undefined>((resolve, reject) => {
      tx.oncomplete = () => resolve(req?.result);
      tx.onerror = () => reject(tx.error ?? new Error('indexedDB: transaction failed'));
      tx.onabort = () => reject(tx.error ?? new Error('indexedDB: transaction aborted'));
    });
  };
  return {
    keys: async () => ((await call('readonly', (s) => s.getAllKeys())) ?? []).map(String),
    get: async (key) => bytesOf(await call<unknown>('readonly', (s) => s.get(key))),
    set: async (key, bytes) => {
      await call('readwrite', (s) => s.put(bytes, key));
    },
    remove: async (keys) => {
      await call('readwrite', (s) => {
        for (const k of keys) s.delete(k);
        return undefined;
      });
    },
    getMany: async (keys) => {
      const tx = (await open()).transaction('vectors', 'readonly');
      const store = tx.objectStore('vectors');
      const reqs = keys.map((k) => store.get(k));
      await new Promise<void>((resolve, reject) => {
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error ?? new Error('indexedDB: transaction failed'));
        tx.onabort = () => reject(tx.error ?? new Error('indexedDB: transaction aborted'));
      });
      return reqs.map((r) => bytesOf(r.result));
    },
  };
}

/**
 * Keeps the stored vectors in step with the corpus: once at start (articles added before) and
 * after every change (add, import, delete), a little later so that the corpus' own listeners
 * (its cache, the re-analysis of open tabs) run first. Returns a function that stops it.
 */
export function watchCorpusVectors(
  subscribe: (onChange: () => void) => () => void,
  getArticles: () => Promise<readonly Article[]>,
  sync: (articles: readonly Article[]) => Promise<unknown>,
  delayMs = 1000,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      getArticles()
        .then(sync)
        .catch(() => undefined); // left for the next change; a page embeds what it needs meanwhile
    }, delayMs);
  };
  const unsubscribe = subscribe(schedule);
  schedule();
  return () => {
    if (timer !== undefined) clearTimeout(timer);
    unsubscribe();
  };
}
