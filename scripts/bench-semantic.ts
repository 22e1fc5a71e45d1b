/**
 * `npm run bench` (second part) / `npx tsx scripts/bench-semantic.ts`: the semantic pass, every
 * figure issue 7 asks for in one table. Model load; embedding throughput; two ~2,000-word pages
 * cold (model loaded, corpus vectors stored, page not yet embedded, analysis cache empty), warm
 * (the same page again, through the analysis cache) and re-analysis (the same page again without
 * the analysis cache: its vectors are still the encoder's) against the bundled corpus and 2,000
 * articles; the naive semantic baseline (every corpus sentence embedded for the page) and the ratio; the vectors build time for 2,000 articles
 * (measured on a sample, extrapolated); the built extension's size; this process' memory.
 *
 * The two pages: the bench page of scripts/bench-data.ts (the NYT seed with two figures changed,
 * then the start of the McClatchy seed: most of its sentences are told word for word in the
 * corpus, so they take the stored vectors), and the Washington Post seed against the corpus
 * without it (no sentence of it is stored: every sentence goes through the model).
 * Timings depend on the machine's load: the load average is printed with them.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { readModelFiles } from '../cli/model';
import { buildIndex, type CorpusIndex } from '../lib/corpus-index';
import { EMBEDDING_DIM, loadEncoder, type SentenceEncoder } from '../lib/encoder';
import { AnalysisCache } from '../lib/analysis-cache';
import { analyzePage, candidateIds } from '../lib/report';
import { analyzePageSemantic } from '../lib/semantic';
import { segment } from '../lib/segment';
import type { Article, PageArticle } from '../lib/types';
import { packVectors, unpackVectors } from '../lib/vectors';
import { benchCorpus, benchPage, bundledArticles } from './bench-data';

const args = process.argv.slice(2);
const arg = (n: string): string | undefined => {
  const i = args.indexOf(n);
  return i >= 0 ? args[i + 1] : undefined;
};
const RUNS = Number(arg('--runs') ?? 5);
const SAMPLE = Number(arg('--vector-sample') ?? 60);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1] ?? 0;
const load = () =>
  loadavg()
    .map((x) => x.toFixed(1))
    .join(' / ');
const say = (l: string) => process.stdout.write(`${l}\n`);
const ms = (x: number) => `${x >= 100 ? x.toFixed(0) : x.toFixed(1)} ms`;
/** CPU time of this process (user + system) since `from`, in ms: on a shared machine, closer to one idle core than wall time. */
const cpuSince = (from: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};
const both = (t: { wall: number; cpu: number }) => `${ms(t.wall)} (cpu ${ms(t.cpu)})`;

function dirSize(dir: string): number {
  let n = 0;
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    const s = statSync(p);
    n += s.isDirectory() ? dirSize(p) : s.size;
  }
  return n;
}

/**
 * Vectors of the articles the pages will be compared with, as the index stores them (int8, read
 * back): computed once, before the timed runs.
 */
async function storeFor(
  pages: PageArticle[],
  index: CorpusIndex,
  enc: SentenceEncoder,
): Promise<Map<string, Float32Array[]>> {
  const out = new Map<string, Float32Array[]>();
  for (const page of pages)
    for (const id of candidateIds(page, index)) {
      const a = index.get(id);
      if (!a || out.has(id)) continue;
      const vs = await enc.embed(a.sentences.map((s) => s.text));
      out.set(id, unpackVectors(packVectors(vs, EMBEDDING_DIM), EMBEDDING_DIM));
    }
  return out;
}

interface Timed {
  cold: { wall: number; cpu: number };
  /** The same page again through the analysis cache (the extension's background keeps one). */
  warm: { wall: number; cpu: number };
  /** The same page again without the analysis cache: only its sentence vectors are kept (the encoder's cache). */
  again: { wall: number; cpu: number };
  /** Page sentences that went through the model in the cold run. */
  embedded: number;
  sentences: number;
  sources: string;
}

/**
 * The cold run as it was before the encoder batched by length and page sentences took stored
 * vectors (ADR 010's first figures): every page sentence embedded, in page order, 4 at a time.
 * The same run as the figures above, so the two compare on the same machine load.
 */
async function coldBefore(page: PageArticle, index: CorpusIndex, store: Map<string, Float32Array[]>) {
  const files = readModelFiles();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const enc = await loadEncoder(files);
    const t0 = performance.now();
    const u = process.cpuUsage();
    const texts = segment(page.text).map((s) => s.text);
    const vs: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += 4) vs.push(...(await enc.embed(texts.slice(i, i + 4))));
    analyzePage(page, index, { semantic: { page: vs, article: (id) => store.get(id) } });
    cpu.push(cpuSince(u));
    wall.push(performance.now() - t0);
    enc.dispose();
  }
  return { wall: median(wall), cpu: median(cpu) };
}

async function coldWarm(
  page: PageArticle,
  index: CorpusIndex,
  store: Map<string, Float32Array[]>,
): Promise<Timed> {
  const files = readModelFiles();
  const cold: number[] = [];
  const warm: number[] = [];
  const again: number[] = [];
  const coldCpu: number[] = [];
  const warmCpu: number[] = [];
  const againCpu: number[] = [];
  let embedded = 0;
  let sources = '';
  for (let r = 0; r < RUNS; r++) {
    // A fresh encoder and analysis cache: model loaded, nothing cached; the corpus vectors come
    // from the store.
    const enc = await loadEncoder(files);
    const cache = new AnalysisCache();
    const src = { embed: (t: readonly string[]) => enc.embed(t), stored: (id: string) => store.get(id) };
    let u = process.cpuUsage();
    const c = await analyzePageSemantic(page, index, src, { cache });
    coldCpu.push(cpuSince(u));
    cold.push(c.timings.analyzeMs);
    embedded = enc.computed;
    u = process.cpuUsage();
    const w = await analyzePageSemantic(page, index, src, { cache });
    warmCpu.push(cpuSince(u));
    warm.push(w.timings.analyzeMs);
    u = process.cpuUsage();
    const a = await analyzePageSemantic(page, index, src);
    againCpu.push(cpuSince(u));
    again.push(a.timings.analyzeMs);
    sources = w.sources.map((s) => `${s.id.split('-')[0]} ${s.relation}`).join(', ') || 'none';
    enc.dispose();
  }
  return {
    cold: { wall: median(cold), cpu: median(coldCpu) },
    warm: { wall: median(warm), cpu: median(warmCpu) },
    again: { wall: median(again), cpu: median(againCpu) },
    embedded,
    sentences: segment(page.text).length,
    sources,
  };
}

const words = (t: string) => t.split(/\s+/).filter(Boolean).length;

async function main(): Promise<void> {
  const rows: string[][] = [];
  const row = (figure: string, value: string, target = '', note = '') => {
    rows.push([figure, value, target, note]);
    say(`  ${figure}: ${value}${note ? ` (${note})` : ''}`); // as it goes; the table comes at the end
  };
  say(`Semantic pass bench; load average at start ${load()} (1 / 5 / 15 min), ${RUNS} runs, medians.`);
  const base = bundledArticles();
  const page = benchPage(base);
  const wapo = base.find((a) => a.seed?.startsWith('003'));
  if (!wapo) throw new Error('bench: the Washington Post seed (003) is not in reference/');
  const novel: PageArticle = { title: wapo.title, text: wapo.text, outlet: wapo.outlet };
  const files = readModelFiles();

  let t0 = performance.now();
  let u0 = process.cpuUsage();
  const enc = await loadEncoder(readModelFiles());
  const loadMs = { wall: performance.now() - t0, cpu: cpuSince(u0) };
  row('model load (files read, graph, wasm backend)', both(loadMs), '≤ 300 ms', `load ${load()}`);

  // Throughput: distinct news sentences of the bundled corpus, one call (batched by length).
  const corpusSentences = [...new Set(base.flatMap((a) => segment(a.text).map((s) => s.text)))];
  const sample = corpusSentences.slice(0, 240);
  t0 = performance.now();
  u0 = process.cpuUsage();
  await enc.embed(sample);
  const embedMs = performance.now() - t0;
  const embedCpu = cpuSince(u0);
  row(
    'embedding throughput',
    `${((sample.length / embedMs) * 1000).toFixed(0)} sentences/s, ${(embedMs / sample.length).toFixed(1)} ms a sentence (cpu ${(embedCpu / sample.length).toFixed(1)} ms)`,
    '',
    `${sample.length} news sentences, batched by length (up to 32 sentences, 640 tokens); load ${load()}`,
  );

  // Naive: every corpus sentence embedded for the page (no stored vectors, no cache).
  const naiveEnc = await loadEncoder(files);
  const naiveTexts = [...segment(page.text).map((s) => s.text), ...corpusSentences];
  t0 = performance.now();
  u0 = process.cpuUsage();
  await naiveEnc.embed(naiveTexts);
  const naiveBundled = performance.now() - t0;
  const naiveCpu = cpuSince(u0);
  naiveEnc.dispose();

  const all = benchCorpus(2000, base);
  const corpora: Array<{
    label: string;
    articles: Article[];
    index: CorpusIndex;
    naive: number;
    naiveCpu: number;
  }> = [];
  const totalSentences = all.reduce((s, a) => s + segment(a.text).length, 0);
  const naiveLarge = (naiveBundled / naiveTexts.length) * (totalSentences + segment(page.text).length);
  const scale = naiveLarge / naiveBundled;
  corpora.push({ label: 'bundled', articles: base, index: buildIndex(base), naive: naiveBundled, naiveCpu });
  corpora.push({
    label: '2,000 articles',
    articles: all,
    index: buildIndex(all),
    naive: naiveLarge,
    naiveCpu: naiveCpu * scale,
  });
  row(
    'naive semantic baseline (every corpus sentence embedded for the page)',
    `bundled ${both({ wall: naiveBundled, cpu: naiveCpu })} (measured); 2,000 articles ≈ ${(naiveLarge / 1000).toFixed(0)} s (extrapolated)`,
    '',
    `${naiveTexts.length} sentences; load ${load()}`,
  );

  for (const c of corpora) {
    const without = c.articles.filter((a) => a.id !== wapo.id);
    const novelIndex = buildIndex(without);
    const store = await storeFor([page], c.index, enc);
    for (const [k, v] of await storeFor([novel], novelIndex, enc)) store.set(k, v);
    const copied = await coldWarm(page, c.index, store);
    const fresh = await coldWarm(novel, novelIndex, store);
    const coldTarget = c.label === 'bundled' ? '≤ 400 ms' : '≤ 600 ms';
    if (c.label === 'bundled')
      row(
        `cold, bench page, bundled, as before (every page sentence embedded in page order, 4 at a time)`,
        both(await coldBefore(page, c.index, store)),
        '',
        `same run, for comparison; load ${load()}`,
      );
    row(
      `cold, bench page (${words(page.text)} words), ${c.label}`,
      both(copied.cold),
      coldTarget,
      `${copied.embedded} of ${copied.sentences} page sentences embedded (the rest are told word for word in the corpus); related: ${copied.sources}; load ${load()}`,
    );
    row(
      `warm (same page again, caches), bench page, ${c.label}`,
      both(copied.warm),
      '≤ 20 ms',
      `load ${load()}`,
    );
    row(
      `re-analysis without the report caches (vectors cached), bench page, ${c.label}`,
      both(copied.again),
      '',
      `what a page not seen before costs past its vectors; load ${load()}`,
    );
    row(
      `ratio naive / cold, bench page, ${c.label}`,
      `${(c.naive / copied.cold.wall).toFixed(0)}× (cpu ${(c.naiveCpu / copied.cold.cpu).toFixed(0)}×)`,
      '≥ 50×',
      c.label === 'bundled' ? 'both measured' : 'naive extrapolated',
    );
    row(
      `cold, a page not in the corpus (Post seed, ${words(novel.text)} words), ${c.label} without it`,
      both(fresh.cold),
      coldTarget,
      `${fresh.embedded} of ${fresh.sentences} page sentences embedded; related: ${fresh.sources}; load ${load()}`,
    );
    row(
      `warm (same page again, caches), Post seed page, ${c.label} without it`,
      both(fresh.warm),
      '≤ 20 ms',
      `load ${load()}`,
    );
    row(
      `re-analysis without the report caches (vectors cached), Post seed page, ${c.label} without it`,
      both(fresh.again),
      '',
      `load ${load()}`,
    );
    row(
      `ratio naive / cold, Post seed page, ${c.label}`,
      `${(c.naive / fresh.cold.wall).toFixed(0)}× (cpu ${(c.naiveCpu / fresh.cold.cpu).toFixed(0)}×)`,
      '≥ 50×',
      c.label === 'bundled' ? 'both measured' : 'naive extrapolated',
    );
  }

  // Vectors build: a sample of the 2,000 articles (not the bundled ones), one call per article as
  // a corpus import does, extrapolated to all of them by sentence count.
  const buildEnc = await loadEncoder(files);
  const pick: Article[] = all.slice(base.length, base.length + SAMPLE);
  const n = pick.reduce((s, a) => s + segment(a.text).length, 0);
  t0 = performance.now();
  u0 = process.cpuUsage();
  for (const a of pick) await buildEnc.embed(segment(a.text).map((s) => s.text));
  const sampleMs = performance.now() - t0;
  const sampleCpu = cpuSince(u0);
  buildEnc.dispose();
  row(
    'vectors build, 2,000 articles',
    `≈ ${(((sampleMs / n) * totalSentences) / 60000).toFixed(1)} min (cpu ${(((sampleCpu / n) * totalSentences) / 60000).toFixed(1)} min), extrapolated`,
    '',
    `${SAMPLE} articles (${n} sentences) in ${(sampleMs / 1000).toFixed(1)} s; ${totalSentences} sentences; stored int8 at ${EMBEDDING_DIM + 4} bytes a sentence ≈ ${((totalSentences * (EMBEDDING_DIM + 4)) / 1e6).toFixed(0)} MB; load ${load()}`,
  );

  const ext = ['.output/chrome-mv3', '.output/e2e/chrome-mv3'].find((d) =>
    existsSync(join(d, 'manifest.json')),
  );
  row(
    'built extension, unpacked',
    ext ? `${(dirSize(ext) / 1e6).toFixed(1)} MB` : 'not built (npm run build)',
    '≤ 15 MB',
    ext ?? '',
  );
  const m = process.memoryUsage();
  row(
    'memory of this Node process after the run',
    `rss ${(m.rss / 1e6).toFixed(0)} MB, JS heap ${(m.heapUsed / 1e6).toFixed(0)} MB`,
    '',
    'holds the 2,000-article index, both stores and the bench data: an upper bound, not the extension (see tests/e2e for the service worker)',
  );

  say('');
  say('| figure | value | target | note |');
  say('|---|---:|---|---|');
  for (const r of rows) say(`| ${r.join(' | ')} |`);
  say('');
  say(`Load average at the end ${load()}.`);
}

void main();
