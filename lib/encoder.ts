/**
 * The sentence encoder: Universal Sentence Encoder lite (512-d), run with tfjs on the wasm
 * backend, the same code in Node (CLI, tests, eval) and in the extension's background. This
 * module is pure: it is handed the model files (read from disk by cli/model.ts, fetched from the
 * extension's own files by the background) and never touches the network, the DOM or `browser`.
 * See docs/decisions/010-sentence-encoder.md.
 */
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { Tokenizer } from '@tensorflow-models/universal-sentence-encoder';
import { useBatchedMatMul } from './wasm-batch-matmul';

export const EMBEDDING_DIM = 512;

/** The files scripts/quantize-model.mjs writes to public/model/use-lite/. */
export interface ModelFiles {
  /** model.json: graph topology and the weights manifest (uint8-quantized entries). */
  model: { modelTopology: unknown; weightsManifest: Array<{ paths: string[]; weights: unknown[] }> };
  /** weights.bin */
  weights: ArrayBuffer;
  /** vocab.json: sentencepiece pieces with their scores. */
  vocab: Array<[string, number]>;
}

export interface EncoderOptions {
  /**
   * Where the backend's .wasm files are (a folder URL ending in "/", or file names to URLs).
   * Needed in the extension, whose bundle does not sit beside the package's files.
   */
  wasmPaths?: string | Record<string, string>;
  /**
   * Most sentences run through the model at once (default 32) and most padded tokens in one run
   * (sentences × the longest one's tokens; default 640; 0: no limit). Sorted by length, a batch
   * is as large as both allow: fastest measured (ADR 010, Speed).
   */
  batchSize?: number;
  batchTokens?: number;
  /** Most texts kept in the embedding cache (default 50,000 ≈ 100 MB). */
  cacheLimit?: number;
}

/** Unit-length sentence vectors, one per text. */
export interface SentenceEncoder {
  readonly dim: number;
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /** Texts whose vectors are cached (each text is embedded once while it stays in the cache). */
  readonly cached: number;
  /** How many texts went through the model so far. */
  readonly computed: number;
  dispose(): void;
}

let backend: Promise<void> | undefined;

/** Selects the wasm backend once per realm, single-threaded (an MV3 CSP blocks its blob workers). */
function initBackend(wasmPaths?: string | Record<string, string>): Promise<void> {
  backend ??= (async () => {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    if (wasmPaths) setWasmPaths(wasmPaths as string);
    if (!(await tf.setBackend('wasm'))) throw new Error('encoder: the wasm backend did not start');
    await tf.ready();
    // The attention's batched products on XNNPACK instead of a scalar loop (ADR 010, Speed).
    useBatchedMatMul();
  })();
  return backend;
}

export async function loadEncoder(files: ModelFiles, opts: EncoderOptions = {}): Promise<SentenceEncoder> {
  await initBackend(opts.wasmPaths);
  const group = files.model.weightsManifest[0];
  if (!group) throw new Error('encoder: model.json has no weights');
  const model = await loadGraphModel(
    tf.io.fromMemory({
      modelTopology: files.model.modelTopology as never,
      weightSpecs: group.weights as tf.io.WeightsManifestEntry[],
      weightData: files.weights,
    }),
  );
  const encoder = new UseLite(model, new Tokenizer(files.vocab), opts);
  // One inference at load: the backend sets up its kernels (packs the weights) on a model's
  // first run, a few hundred ms that would otherwise fall on the first page (ADR 010).
  await encoder.warmUp();
  return encoder;
}

/** The encoder's defaults; cli/embed-pool.ts plans its batches with the same ones. */
export const ENCODER_DEFAULTS = { batchSize: 32, batchTokens: 640, cacheLimit: 50_000 } as const;

/** A text's token ids as the model reads them: NFKC first. */
export function tokenIds(tokenizer: Tokenizer, text: string): number[] {
  const ids = tokenizer.encode(text.normalize('NFKC'));
  // An empty text still needs one token: the model has no row to return otherwise.
  return ids.length ? ids : [0];
}

/**
 * A call's texts split by a cache: the cached values, and the texts it lacks, once each in the
 * order first seen (what planBatches is handed). The encoder and the CLI's embed pool, which
 * mirrors its cache, split a call with this, so that both plan the same batches.
 */
export function splitCached<V>(
  texts: readonly string[],
  cache: ReadonlyMap<string, V>,
): { got: Map<string, V>; missing: string[] } {
  const got = new Map<string, V>();
  const seen = new Set<string>();
  const missing: string[] = [];
  for (const t of texts) {
    if (seen.has(t)) continue;
    seen.add(t);
    const known = cache.get(t);
    if (known !== undefined) got.set(t, known);
    else missing.push(t);
  }
  return { got, missing };
}

/** Keeps `v` in a cache of at most `limit` entries, the oldest dropped first (Map order). */
export function remember<V>(cache: Map<string, V>, limit: number, text: string, v: V): void {
  if (cache.size >= limit) {
    const first = cache.keys().next();
    if (!first.done) cache.delete(first.value);
  }
  cache.set(text, v);
}

/**
 * The batches the encoder runs `items` in. Shortest first (a stable sort, in place): a batch is
 * padded to its longest sentence, so sentences of like length batched together waste least (on
 * news, a third of the model's time; see ADR 010). Then greedy batches of at most `size`
 * sentences and, when `tokens` is set, at most `tokens` padded tokens. A vector depends in its
 * last bits on its batch, so every path that must give the same bytes plans with this.
 */
export function planBatches<T>(items: T[], length: (t: T) => number, size: number, tokens: number): T[][] {
  items.sort((a, b) => length(a) - length(b));
  const out: T[][] = [];
  for (let i = 0; i < items.length;) {
    let end = i + 1;
    // Sorted: the last sentence taken is the longest, so the padded size is end-i times its length.
    while (end < items.length && end - i < size && (!tokens || (end + 1 - i) * length(items[end]!) <= tokens))
      end++;
    out.push(items.slice(i, end));
    i = end;
  }
  return out;
}

class UseLite implements SentenceEncoder {
  readonly dim = EMBEDDING_DIM;
  private readonly cache = new Map<string, Float32Array>();
  private readonly batchSize: number;
  private readonly batchTokens: number;
  private readonly cacheLimit: number;
  computed = 0;

  constructor(
    private readonly model: GraphModel,
    private readonly tokenizer: Tokenizer,
    opts: EncoderOptions,
  ) {
    this.batchSize = opts.batchSize ?? ENCODER_DEFAULTS.batchSize;
    this.batchTokens = opts.batchTokens ?? ENCODER_DEFAULTS.batchTokens;
    this.cacheLimit = opts.cacheLimit ?? ENCODER_DEFAULTS.cacheLimit;
  }

  get cached(): number {
    return this.cache.size;
  }

  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    // This call's vectors are kept apart from the cache, so that a call with more texts than the
    // cache holds (a corpus build) still gets every one back.
    const split = splitCached(texts, this.cache);
    const got = split.got;
    const missing = split.missing.map((text) => ({ text, ids: this.tokenize(text) }));
    for (const batch of planBatches(missing, (m) => m.ids.length, this.batchSize, this.batchTokens)) {
      const vectors = await this.run(batch.map((m) => m.ids));
      this.computed += batch.length;
      batch.forEach((m, k) => {
        got.set(m.text, vectors[k]!);
        remember(this.cache, this.cacheLimit, m.text, vectors[k]!);
      });
    }
    return texts.map((t) => got.get(t)!);
  }

  async warmUp(): Promise<void> {
    await this.run([[0]]);
  }

  private tokenize(text: string): number[] {
    return tokenIds(this.tokenizer, text);
  }

  /** The model's input is a sparse batch: (sentence, position) indices and token ids. */
  private async run(encodings: readonly number[][]): Promise<Float32Array[]> {
    let total = 0;
    for (const e of encodings) total += e.length;
    const idx = new Int32Array(total * 2);
    const vals = new Int32Array(total);
    let n = 0;
    encodings.forEach((ids, i) => {
      ids.forEach((id, pos) => {
        idx[n * 2] = i;
        idx[n * 2 + 1] = pos;
        vals[n] = id;
        n++;
      });
    });
    const indices = tf.tensor2d(idx, [total, 2], 'int32');
    const values = tf.tensor1d(vals, 'int32');
    try {
      const out = (await this.model.executeAsync({ indices, values })) as tf.Tensor;
      const data = (await out.data()) as Float32Array;
      out.dispose();
      return encodings.map((_, i) => unit(data.subarray(i * EMBEDDING_DIM, (i + 1) * EMBEDDING_DIM)));
    } finally {
      indices.dispose();
      values.dispose();
    }
  }

  dispose(): void {
    this.model.dispose();
    this.cache.clear();
  }
}

function unit(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] ?? 0) * (v[i] ?? 0);
  const out = new Float32Array(v.length);
  const k = s > 0 ? 1 / Math.sqrt(s) : 0;
  for (let i = 0; i < v.length; i++) out[i] = (v[i] ?? 0) * k;
  return out;
}

/** Cosine of two unit vectors. */
export function cosine(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}
