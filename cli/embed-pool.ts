/**
 * Sentence embedding spread over worker threads, for the CLI's bulk work (`compare`, the
 * reference-vectors build, the first embedding of a `--corpus DIR`). tfjs-backend-wasm turns its
 * own threads off in Node, so each worker runs its own single-threaded encoder (cli/embed-worker.ts).
 *
 * The vectors are bit-for-bit those of one encoder in one process: a vector depends, in its last
 * bits, on the batch it was computed in (the batch is padded to its longest sentence), so the
 * batches are planned here exactly as lib/encoder.ts plans them (same cache, same order, same
 * limits) and each worker runs the batch it is handed as one batch. Only which core runs a batch
 * changes. tests/unit/embed-pool.test.ts holds the two paths to the same bytes.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { Tokenizer } from '@tensorflow-models/universal-sentence-encoder';
import {
  EMBEDDING_DIM,
  ENCODER_DEFAULTS,
  planBatches,
  remember,
  splitCached,
  tokenIds,
} from '../lib/encoder';
import { MODEL_DIR } from './model';

/** Environment variable that sets the number of workers (1: no worker, the encoder in-process). */
export const WORKERS_ENV = 'PARALLAX_WORKERS';
/** More workers than this gain nothing measurable and cost ~150 MB of memory each. */
export const MAX_WORKERS = 4;

/** PARALLAX_WORKERS when it is a whole number ≥ 1 (at most 16): the user's choice, always used. */
export function workerSetting(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env[WORKERS_ENV]?.trim();
  const n = raw ? Number(raw) : NaN;
  return Number.isInteger(n) && n >= 1 ? Math.min(n, 16) : undefined;
}

/** Without a setting: the cores Node may use, at most MAX_WORKERS. */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(availableParallelism(), MAX_WORKERS));
}

/**
 * Workers for `work` texts (1: the encoder in this thread): the setting if there is one, else the
 * default when the work reaches `min`, below which starting workers (each loads the model) costs
 * more than it saves.
 */
export function workersFor(work: number, min: number, env: NodeJS.ProcessEnv = process.env): number {
  return workerSetting(env) ?? (work >= min ? defaultWorkers() : 1);
}

export interface Embedder {
  embed(texts: readonly string[]): Promise<Float32Array[]>;
}

/** Fewer texts than this embed in this thread (~2 s of the model against ~1 s per worker start). */
export const POOL_MIN_TEXTS = 400;

/**
 * `texts` embedded for a bulk job (the reference-vectors build, a new `--corpus DIR`): on
 * workersFor(texts, POOL_MIN_TEXTS) workers, closed afterwards, or by `inProcess` when that is
 * one. The same batches either way, so the same vectors. Also tells how many workers ran.
 */
export async function embedBulk(
  texts: readonly string[],
  inProcess: () => Promise<Embedder>,
): Promise<{ vectors: Float32Array[]; workers: number }> {
  const workers = workersFor(texts.length, POOL_MIN_TEXTS);
  if (workers <= 1) return { vectors: await (await inProcess()).embed(texts), workers: 1 };
  const pool = new EmbedPool(workers);
  try {
    return { vectors: await pool.embed(texts), workers };
  } finally {
    await pool.close();
  }
}

interface Job {
  texts: string[];
  resolve: (v: Float32Array[]) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  job?: Job;
  dead: boolean;
}

type Reply = { vectors: Float32Array } | { error: string };

const WORKER_URL = new URL('./embed-worker.mjs', import.meta.url);

export class EmbedPool implements Embedder {
  /** The in-process encoder's cache, mirrored: what it would have computed already. */
  private readonly known = new Map<string, Promise<Float32Array>>();
  private readonly queue: Job[] = [];
  private slots: Slot[] = [];
  private tokenizer: Tokenizer | undefined;
  private failure: Error | undefined;

  constructor(
    readonly size: number,
    private readonly modelDir = MODEL_DIR,
  ) {}

  /**
   * The vectors of `texts`. The batches are planned (and the mirrored cache updated) before this
   * returns, so calls made one after another without waiting plan exactly as awaited calls
   * would: `compare` plans the next lines while the workers still run the last ones.
   */
  embed(texts: readonly string[]): Promise<Float32Array[]> {
    try {
      const split = splitCached(texts, this.known);
      const got = split.got;
      const missing = split.missing.map((text) => ({ text, length: this.tokenLength(text) }));
      // As lib/encoder.ts plans them, with its defaults: the same batches, so the same bytes.
      const { batchSize, batchTokens } = ENCODER_DEFAULTS;
      for (const batch of planBatches(missing, (m) => m.length, batchSize, batchTokens)) {
        const run = this.run(batch.map((m) => m.text));
        batch.forEach((m, k) => {
          const v = run.then((vs) => vs[k]!);
          got.set(m.text, v);
          remember(this.known, ENCODER_DEFAULTS.cacheLimit, m.text, v);
        });
      }
      return Promise.all(texts.map((t) => got.get(t)!));
    } catch (e) {
      return Promise.reject(e instanceof Error ? e : new Error(String(e)));
    }
  }

  /** Stops the workers (a pool that is not closed does not keep the process alive when idle). */
  async close(): Promise<void> {
    const slots = this.slots;
    this.slots = [];
    this.failure ??= new Error('embed pool: closed');
    await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private tokenLength(text: string): number {
    this.tokenizer ??= new Tokenizer(
      JSON.parse(readFileSync(join(this.modelDir, 'vocab.json'), 'utf8')) as Array<[string, number]>,
    );
    return tokenIds(this.tokenizer, text).length;
  }

  private run(texts: string[]): Promise<Float32Array[]> {
    if (this.failure) return Promise.reject(this.failure);
    if (!this.slots.length) this.start();
    return new Promise((resolve, reject) => {
      this.queue.push({ texts, resolve, reject });
      this.pump();
    });
  }

  private start(): void {
    for (let i = 0; i < this.size; i++) {
      // A clean execArgv: the worker's entry registers tsx itself (embed-worker.mjs), so it
      // starts the same under `tsx`, vitest or plain node.
      const worker = new Worker(WORKER_URL, { execArgv: [], workerData: { modelDir: this.modelDir } });
      const slot: Slot = { worker, dead: false };
      worker.unref();
      worker.on('message', (reply: Reply) => this.settle(slot, reply));
      worker.on('error', (e: Error) => this.lose(slot, e));
      worker.on('exit', (code) => this.lose(slot, new Error(`embed worker exited (${code})`)));
      this.slots.push(slot);
    }
  }

  private settle(slot: Slot, reply: Reply): void {
    const job = slot.job;
    slot.job = undefined;
    slot.worker.unref();
    if (job) {
      if ('error' in reply) job.reject(new Error(reply.error));
      else
        job.resolve(job.texts.map((_, k) => reply.vectors.slice(k * EMBEDDING_DIM, (k + 1) * EMBEDDING_DIM)));
    }
    this.pump();
  }

  /** A worker that failed (no model, a crash): its batch fails; with none left, every batch does. */
  private lose(slot: Slot, e: Error): void {
    if (slot.dead) return;
    slot.dead = true;
    slot.job?.reject(e);
    slot.job = undefined;
    if (this.slots.every((s) => s.dead)) {
      this.failure ??= e;
      for (const job of this.queue.splice(0)) job.reject(this.failure);
    }
  }

  private pump(): void {
    for (const slot of this.slots) {
      if (slot.dead || slot.job) continue;
      const job = this.queue.shift();
      if (!job) return;
      slot.job = job;
      // Busy workers keep the process alive until their batch is back; idle ones do not.
      slot.worker.ref();
      slot.worker.postMessage(job.texts);
    }
  }
}
