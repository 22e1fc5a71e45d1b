/**
 * A persistent on-disk cache of sentence vectors for Node (eval, training, `--corpus DIR`):
 * vectors are keyed by a hash of the text and stored quantized (lib/vectors.ts), so each sentence
 * goes through the model once per machine, not once per run.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { IndexedArticle } from '../lib/corpus-index';
import type { VectorSource } from '../lib/semantic';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EMBEDDING_DIM } from '../lib/encoder';
import { dequantizeVector, quantizeVector, storedLookup, type StoredVectors } from '../lib/vectors';
import { embedBulk, type Embedder } from './embed-pool';
import { nodeEncoder } from './model';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_CACHE = join(ROOT, '.cache', 'vectors-use-lite.bin');
const KEY = 20;
const RECORD = KEY + 4 + EMBEDDING_DIM;

const keyOf = (text: string): string => createHash('sha1').update(text).digest('hex');

export class VectorCache {
  private readonly map = new Map<string, Float32Array>();

  constructor(private readonly file = DEFAULT_CACHE) {
    if (!existsSync(file)) return;
    const buf = readFileSync(file);
    // A torn last record (a run stopped mid-write) is ignored.
    for (let off = 0; off + RECORD <= buf.length; off += RECORD) {
      const key = buf.subarray(off, off + KEY).toString('hex');
      const scale = buf.readFloatLE(off + KEY);
      const q = new Int8Array(buf.buffer, buf.byteOffset + off + KEY + 4, EMBEDDING_DIM);
      this.map.set(key, dequantizeVector({ q: Int8Array.from(q), scale }));
    }
  }

  get size(): number {
    return this.map.size;
  }

  /** Vectors of `texts` if every one is cached, without the model. */
  peek(texts: readonly string[]): Float32Array[] | undefined {
    const out: Float32Array[] = [];
    for (const t of texts) {
      const v = this.map.get(keyOf(t));
      if (!v) return undefined;
      out.push(v);
    }
    return out;
  }

  /** Vectors of `texts`, computing (and saving) only those never seen. */
  async embed(encoder: Embedder, texts: readonly string[]): Promise<Float32Array[]> {
    const keys = texts.map(keyOf);
    const todo: string[] = [];
    const todoKeys: string[] = [];
    const seen = new Set<string>();
    texts.forEach((t, i) => {
      const k = keys[i]!;
      if (!this.map.has(k) && !seen.has(k)) {
        seen.add(k);
        todo.push(t);
        todoKeys.push(k);
      }
    });
    if (todo.length) {
      const vs = await encoder.embed(todo);
      const out = Buffer.alloc(RECORD * vs.length);
      vs.forEach((v, i) => {
        const { q, scale } = quantizeVector(v);
        const off = i * RECORD;
        Buffer.from(todoKeys[i]!, 'hex').copy(out, off);
        out.writeFloatLE(scale, off + KEY);
        Buffer.from(q.buffer, q.byteOffset, q.byteLength).copy(out, off + KEY + 4);
        this.map.set(todoKeys[i]!, dequantizeVector({ q, scale }));
      });
      mkdirSync(dirname(this.file), { recursive: true });
      appendFileSync(this.file, out);
    }
    return keys.map((k) => this.map.get(k)!);
  }
}

/** The semantic pass' vectors in Node, and the means to embed a corpus ahead of it. */
export interface NodeVectorSource extends VectorSource {
  /**
   * Embeds (through the disk cache) the sentences of the articles that have no stored vectors:
   * each article of a `--corpus DIR` once per machine, so that its document vector takes part in
   * retrieval by meaning from the first run. Returns how many articles needed the model.
   */
  embedCorpus(articles: readonly IndexedArticle[]): Promise<number>;
}

/**
 * The semantic pass' vectors in Node: the bundled corpus' vectors made at install time
 * (public/model/reference-vectors.json), everything else through the persistent cache, so a
 * `--corpus DIR` article is embedded once per machine, not once per run; what the cache holds is
 * `stored` too (an article's document vector is made from it).
 */
export async function nodeVectorSource(cacheFile = DEFAULT_CACHE): Promise<NodeVectorSource> {
  const encoder = await nodeEncoder();
  const cache = new VectorCache(cacheFile);
  let lookup: ReturnType<typeof storedLookup> | undefined;
  try {
    lookup = storedLookup(
      JSON.parse(
        readFileSync(join(ROOT, 'public', 'model', 'reference-vectors.json'), 'utf8'),
      ) as StoredVectors,
    );
  } catch {
    lookup = undefined;
  }
  const stored = (id: string, sentences: readonly string[]) =>
    lookup?.(id, sentences) ?? cache.peek(sentences);
  return {
    embed: (texts) => cache.embed(encoder, texts),
    stored,
    embedCorpus: async (articles) => {
      const texts: string[] = [];
      let n = 0;
      for (const { article, sentences } of articles) {
        const own = sentences.map((s) => s.text);
        if (!own.length || stored(article.id, own)) continue;
        texts.push(...own);
        n++;
      }
      if (!texts.length) return n;
      // A large first embedding (a new --corpus DIR) runs on worker threads (cli/embed-pool.ts);
      // the cache hands over only the texts it lacks, so their number decides.
      const bulk: Embedder = {
        embed: async (todo) => (await embedBulk(todo, () => Promise.resolve(encoder))).vectors,
      };
      await cache.embed(bulk, texts);
      return n;
    },
  };
}
