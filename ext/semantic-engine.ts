/**
 * The sentence encoder in the extension's background: the model and the wasm binaries are the
 * extension's own files (public/model/, public/wasm/, made by scripts/quantize-model.mjs), read
 * with fetch from the extension's origin: no network. Loaded on first use and kept for the life
 * of the background. Corpus vectors are computed once: the bundled corpus' at build time, the
 * reader's articles' here when they are added or imported (ext/corpus-vectors.ts); page
 * sentences are embedded once per page text (the encoder caches by text). The content script
 * never runs it.
 */
import { browser } from 'wxt/browser';
import type { CorpusIndex } from '../lib/corpus-index';
import { EMBEDDING_DIM, loadEncoder, type ModelFiles, type SentenceEncoder } from '../lib/encoder';
import type { AnalyzeOptions } from '../lib/report';
import { analyzePageSemantic, type Embed, type VectorSource } from '../lib/semantic';
import { storedLookup, type StoredVectors } from '../lib/vectors';
import type { Article, PageArticle, Report } from '../lib/types';
import { CorpusVectors, idbVectorArea } from './corpus-vectors';

let encoder: Promise<SentenceEncoder> | undefined;

/**
 * Page sentences kept by text: about a hundred pages (20 MB). Corpus vectors are stored apart, so the
 * cache need not hold them (50,000 float vectors would be 100 MB of the background’s memory).
 */
const CACHE_LIMIT = 10_000;

async function files(): Promise<ModelFiles> {
  const url = (p: string) => browser.runtime.getURL(p as '/');
  const [model, weights, vocab] = await Promise.all([
    fetch(url('/model/use-lite/model.json')).then((r) => r.json() as Promise<ModelFiles['model']>),
    fetch(url('/model/use-lite/weights.bin')).then((r) => r.arrayBuffer()),
    fetch(url('/model/use-lite/vocab.json')).then((r) => r.json() as Promise<ModelFiles['vocab']>),
  ]);
  return { model, weights, vocab };
}

export function backgroundEncoder(): Promise<SentenceEncoder> {
  encoder ??= files().then((f) =>
    loadEncoder(f, { wasmPaths: browser.runtime.getURL('/wasm/' as '/'), cacheLimit: CACHE_LIMIT }),
  );
  encoder.catch(() => (encoder = undefined));
  return encoder;
}

let reference: Promise<ReturnType<typeof storedLookup> | undefined> | undefined;

/** The bundled corpus' vectors, made at build time (scripts/build-reference-vectors.ts). */
function referenceVectors(): Promise<ReturnType<typeof storedLookup> | undefined> {
  reference ??= fetch(browser.runtime.getURL('/model/reference-vectors.json' as '/'))
    .then((r) => r.json() as Promise<StoredVectors>)
    .then(storedLookup)
    .catch(() => undefined);
  return reference;
}

let readers: CorpusVectors | undefined;

/** The reader's articles' stored vectors (IndexedDB). */
export function readerVectors(): CorpusVectors {
  readers ??= new CorpusVectors(idbVectorArea(), EMBEDDING_DIM);
  return readers;
}

/**
 * Computes the vectors of the reader's articles that have none yet (called when the corpus
 * changes, and once when the background starts for articles added before). Failures are left
 * for the next change: until then such an article is embedded when a page needs it.
 */
export function syncReaderVectors(articles: readonly Article[]): Promise<number> {
  // The model is loaded only when an article needs embedding (a restarted worker usually has none).
  return readerVectors().sync(articles, async (texts) => (await backgroundEncoder()).embed(texts));
}

/** analyzePage with the semantic pass, for AnalysisDeps.analyzeSemantic. */
export async function analyzeSemantic(
  page: PageArticle,
  index: CorpusIndex,
  opts: AnalyzeOptions,
): Promise<Report> {
  const [enc, lookup] = await Promise.all([backgroundEncoder(), referenceVectors()]);
  const source = await storedVectorSource(index, (texts) => enc.embed(texts), lookup, readerVectors());
  return analyzePageSemantic(page, index, source, opts);
}

/**
 * The semantic pass' vectors in the background: the bundled corpus' (`reference`), and the
 * reader's articles' (`readers`), whose sentence vectors the pass reads for the candidates it
 * chose (`prefetch`, lexical ones and those found by meaning) and whose document vectors (all of
 * them) for retrieval by meaning. The reads are asynchronous (IndexedDB), so they are made
 * before the synchronous pipeline runs; the candidates are chosen once, by the pass itself.
 */
export async function storedVectorSource(
  index: CorpusIndex,
  embed: Embed,
  reference: ReturnType<typeof storedLookup> | undefined,
  readers: CorpusVectors,
): Promise<VectorSource> {
  const sentencesOf = (id: string) => index.get(id)?.sentences.map((s) => s.text);
  const own = new Map<string, readonly Float32Array[]>();
  const documents = await readers.documents().catch(() => undefined);
  return {
    embed,
    stored: (id, sentences) => reference?.(id, sentences) ?? own.get(id),
    documents,
    prefetch: async (ids) => {
      const more = await readers.load(ids, sentencesOf).catch(() => undefined);
      for (const [id, vs] of more ?? []) own.set(id, vs);
    },
  };
}
