/**
 * The sentence encoder in the extension's background: the model and the wasm binaries are the
 * extension's own files (public/model/, public/wasm/, made by scripts/quantize-model.mjs), read
 * with fetch from the extension's origin: no network. Loaded on first use and kept for the life
 * of the background; vectors are cached by text (corpus sentences are embedded once, page
 * sentences once per page text). The content script never runs it.
 */
import { browser } from 'wxt/browser';
import type { CorpusIndex } from '../lib/corpus-index';
import { loadEncoder, type ModelFiles, type SentenceEncoder } from '../lib/encoder';
import type { AnalyzeOptions } from '../lib/report';
import { analyzePageSemantic } from '../lib/semantic';
import { storedLookup, type StoredVectors } from '../lib/vectors';
import type { PageArticle, Report } from '../lib/types';

let encoder: Promise<SentenceEncoder> | undefined;

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
  encoder ??= files().then((f) => loadEncoder(f, { wasmPaths: browser.runtime.getURL('/wasm/' as '/') }));
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

/** analyzePage with the semantic pass, for AnalysisDeps.analyzeSemantic. */
export async function analyzeSemantic(
  page: PageArticle,
  index: CorpusIndex,
  opts: AnalyzeOptions,
): Promise<Report> {
  const [enc, lookup] = await Promise.all([backgroundEncoder(), referenceVectors()]);
  return analyzePageSemantic(page, index, { embed: (texts) => enc.embed(texts), stored: lookup }, opts);
}
