/**
 * One embed-pool worker (cli/embed-pool.ts): its own encoder, run on exactly the batch it is
 * handed. The pool plans the batches as lib/encoder.ts would, so the limits here are off (one
 * call, one batch) and the cache is kept to one entry: the pool never sends a text it holds.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { EMBEDDING_DIM, loadEncoder } from '../lib/encoder';
import { readModelFiles } from './model';

const port = parentPort;
if (!port) throw new Error('embed-worker: not started as a worker thread');
const { modelDir } = workerData as { modelDir: string };
const encoder = loadEncoder(readModelFiles(modelDir), {
  batchSize: Number.MAX_SAFE_INTEGER,
  batchTokens: 0,
  cacheLimit: 0,
});

// One batch at a time: the pool sends the next only when this one is back.
port.on('message', (texts: string[]) => {
  void (async () => {
    try {
      const vs = await (await encoder).embed(texts);
      const vectors = new Float32Array(vs.length * EMBEDDING_DIM);
      vs.forEach((v, i) => vectors.set(v, i * EMBEDDING_DIM));
      port.postMessage({ vectors }, [vectors.buffer]);
    } catch (e) {
      port.postMessage({ error: (e as Error).message });
    }
  })();
});
