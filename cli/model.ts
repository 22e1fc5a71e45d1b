/**
 * Node glue for the sentence encoder: reads the quantized model that scripts/quantize-model.mjs
 * writes (public/model/use-lite/, made by `npm install`) and hands it to lib/encoder.ts.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadEncoder, type EncoderOptions, type ModelFiles, type SentenceEncoder } from '../lib/encoder';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const MODEL_DIR = join(ROOT, 'public', 'model', 'use-lite');

export function readModelFiles(dir = MODEL_DIR): ModelFiles {
  let model: ModelFiles['model'];
  try {
    model = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as ModelFiles['model'];
  } catch (err) {
    throw new Error(
      `sentence encoder: no model in ${dir} (${(err as Error).message}); run \`npm install\` or \`node scripts/quantize-model.mjs\``,
    );
  }
  const buf = readFileSync(join(dir, 'weights.bin'));
  // A file this large gets its own ArrayBuffer from readFileSync: hand it over rather than copy
  // 7 MB (a slice only when Node gave a view into a shared pool).
  const whole = buf.byteOffset === 0 && buf.buffer.byteLength === buf.byteLength;
  const weights = (
    whole ? buf.buffer : buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)
  ) as ArrayBuffer;
  const vocab = JSON.parse(readFileSync(join(dir, 'vocab.json'), 'utf8')) as ModelFiles['vocab'];
  return { model, weights, vocab };
}

let shared: Promise<SentenceEncoder> | undefined;

/** One encoder per process (loading it twice costs time and memory for nothing). */
export function nodeEncoder(opts: EncoderOptions = {}): Promise<SentenceEncoder> {
  shared ??= loadEncoder(readModelFiles(), opts);
  return shared;
}
