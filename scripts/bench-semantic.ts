/**
 * `npm run bench` (second part) / `npx tsx scripts/bench-semantic.ts`: the semantic pass.
 * Model load, embedding throughput, a ~2,000-word page cold (model loaded, corpus vectors stored,
 * page not yet embedded) and warm against the bundled corpus and 2,000 articles, the vectors
 * build time (measured on a sample of articles and extrapolated), the naive semantic baseline
 * (every corpus sentence embedded for the page) and the built extension's size.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { readModelFiles } from '../cli/model';
import { buildIndex, type CorpusIndex } from '../lib/corpus-index';
import { loadEncoder, type SentenceEncoder } from '../lib/encoder';
import { candidateIds } from '../lib/report';
import { analyzePageSemantic } from '../lib/semantic';
import { segment } from '../lib/segment';
import type { Article, PageArticle } from '../lib/types';
import { benchCorpus, benchPage, bundledArticles } from './bench-data';

const args = process.argv.slice(2);
const arg = (n: string): string | undefined => {
  const i = args.indexOf(n);
  return i >= 0 ? args[i + 1] : undefined;
};
const RUNS = Number(arg('--runs') ?? 5);
const SAMPLE = Number(arg('--vector-sample') ?? 20);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;

function dirSize(dir: string): number {
  let n = 0;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    const s = statSync(p);
    n += s.isDirectory() ? dirSize(p) : s.size;
  }
  return n;
}

/** Vectors of the articles the page will be compared with, as the index would store them. */
async function storeFor(
  page: PageArticle,
  index: CorpusIndex,
  enc: SentenceEncoder,
): Promise<Map<string, Float32Array[]>> {
  const out = new Map<string, Float32Array[]>();
  for (const id of candidateIds(page, index)) {
    const a = index.get(id);
    if (a) out.set(id, await enc.embed(a.sentences.map((s) => s.text)));
  }
  return out;
}

async function coldWarm(page: PageArticle, index: CorpusIndex, label: string, lines: string[]) {
  const files = readModelFiles();
  const store = await storeFor(page, index, await loadEncoder(files));
  const cold: number[] = [];
  const warm: number[] = [];
  let sources = '';
  for (let r = 0; r < RUNS; r++) {
    // A fresh encoder: model loaded, nothing cached; the corpus vectors come from the store.
    const enc = await loadEncoder(files);
    const src = { embed: (t: readonly string[]) => enc.embed(t), stored: (id: string) => store.get(id) };
    const c = await analyzePageSemantic(page, index, src);
    cold.push(c.timings.analyzeMs);
    const w = await analyzePageSemantic(page, index, src);
    warm.push(w.timings.analyzeMs);
    sources = w.sources.map((s) => `${s.id} (${s.relation})`).join(', ');
    enc.dispose();
  }
  lines.push(
    `| ${label} | ${index.size} | ${median(cold).toFixed(0)} | ${median(warm).toFixed(1)} | ${sources} |`,
  );
}

async function main(): Promise<void> {
  const lines: string[] = [];
  const say = (l: string) => process.stdout.write(`${l}\n`);
  const base = bundledArticles();
  const page = benchPage(base);
  const files = readModelFiles();
  let t0 = performance.now();
  const enc = await loadEncoder(readModelFiles());
  const loadMs = performance.now() - t0;
  const sentences = base.flatMap((a) => segment(a.text).map((s) => s.text));
  const sample = sentences.slice(0, 120);
  t0 = performance.now();
  await enc.embed(sample);
  const perSentence = (performance.now() - t0) / sample.length;
  say(
    `Model load (files read + graph + backend): ${loadMs.toFixed(0)} ms. Embedding: ${perSentence.toFixed(1)} ms per sentence (batches of 4, ${sample.length} news sentences).`,
  );

  // Naive: every corpus sentence embedded for the page (no stored vectors, no cache).
  const naiveEnc = await loadEncoder(files);
  t0 = performance.now();
  await naiveEnc.embed([...segment(page.text).map((s) => s.text), ...sentences]);
  const naiveBundled = performance.now() - t0;
  naiveEnc.dispose();

  lines.push('| corpus | articles | cold (ms) | warm (ms) | related sources |');
  lines.push('|---|---:|---:|---:|---|');
  await coldWarm(page, buildIndex(base), 'bundled', lines);
  const all = benchCorpus(2000, base);
  const large = buildIndex(all);
  await coldWarm(page, large, 'bundled + evaldata + recombined', lines);
  for (const l of lines) say(l);

  // Vectors build: a sample of articles, extrapolated to all of them.
  const buildEnc = await loadEncoder(files);
  const pick: Article[] = all.slice(base.length, base.length + SAMPLE);
  const n = pick.reduce((s, a) => s + segment(a.text).length, 0);
  t0 = performance.now();
  for (const a of pick) await buildEnc.embed(segment(a.text).map((s) => s.text));
  const sampleMs = performance.now() - t0;
  const totalSentences = all.reduce((s, a) => s + segment(a.text).length, 0);
  say(
    `Vectors build: ${SAMPLE} articles (${n} sentences) in ${(sampleMs / 1000).toFixed(1)} s; ${all.length} articles (${totalSentences} sentences) ≈ ${(((sampleMs / n) * totalSentences) / 60000).toFixed(1)} min extrapolated; stored at 516 bytes a sentence ≈ ${((totalSentences * 516) / 1e6).toFixed(0)} MB.`,
  );
  const naiveLarge = (naiveBundled / (sentences.length + segment(page.text).length)) * totalSentences;
  say(
    `Naive semantic baseline (every corpus sentence embedded for the page): bundled ${naiveBundled.toFixed(0)} ms measured; ${all.length} articles ≈ ${(naiveLarge / 1000).toFixed(0)} s extrapolated.`,
  );
  const ext = ['.output/chrome-mv3', '.output/e2e/chrome-mv3'].find((d) =>
    existsSync(join(d, 'manifest.json')),
  );
  say(
    ext
      ? `Extension (${ext}): ${(dirSize(ext) / 1e6).toFixed(1)} MB unpacked.`
      : 'Extension: not built (npm run build).',
  );
  const m = process.memoryUsage();
  say(`Memory after the run: rss ${(m.rss / 1e6).toFixed(0)} MB.`);
}

void main();
