/**
 * `npm run bench`: how fast analyzePage is (no process start), against the bundled corpus and a
 * corpus of >= 2,000 articles built at run time from ../shared/evaldata (never committed), with
 * a naive fuse.js baseline measured in the same run. Prints markdown tables.
 */
import { resolve } from 'node:path';
import Fuse from 'fuse.js';
import { buildIndex, serializeIndex, loadIndex, type CorpusIndex } from '../lib/corpus-index';
import { analyzePage } from '../lib/report';
import { segment } from '../lib/segment';
import type { Article, PageArticle } from '../lib/types';
import { benchCorpus, benchPage, bundledArticles } from './bench-data';

const args = process.argv.slice(2);
const arg = (n: string): string | undefined => {
  const i = args.indexOf(n);
  return i >= 0 ? args[i + 1] : undefined;
};
const DATA = resolve(arg('--data') ?? '../shared/evaldata');
const RUNS = Number(arg('--runs') ?? 15);
const LARGE = Number(arg('--articles') ?? 2000);
const bundled = bundledArticles;
const largeCorpus = (n: number, base: Article[]) => benchCorpus(n, base, DATA);

let peakRss = 0;
let peakHeap = 0;
function sampleMemory(): void {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function timeAnalyze(page: PageArticle, index: CorpusIndex, runs: number): number {
  analyzePage(page, index); // warm-up: JIT, lazily prepared candidates
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const r = analyzePage(page, index);
    times.push(r.timings.analyzeMs);
    sampleMemory();
  }
  return median(times);
}

/** The naive way: every page sentence searched with fuse.js over every corpus sentence. */
function naive(page: PageArticle, articles: Article[]): number {
  const t0 = performance.now();
  const corpus = articles.flatMap((a) => segment(a.text).map((s) => s.text));
  const fuse = new Fuse(corpus, { includeScore: true, ignoreLocation: true, threshold: 0.4 });
  for (const s of segment(page.text)) fuse.search(s.text, { limit: 1 });
  sampleMemory();
  return performance.now() - t0;
}

function main(): void {
  const base = bundled();
  const page = benchPage(base);
  const pageWords = page.text.split(/\s+/).length;
  // Printed as measured: the naive baseline takes a while.
  const lines = { push: (l: string) => process.stdout.write(`${l}\n`) };
  lines.push(`Page: ${pageWords} words, ${segment(page.text).length} sentences. Runs per median: ${RUNS}.`);
  lines.push('');
  lines.push(
    '| corpus | articles | index build (ms) | analyzePage median (ms) | naive fuse.js (ms) | ratio | related sources |',
  );
  lines.push('|---|---:|---:|---:|---:|---:|---|');

  let t0 = performance.now();
  const small = buildIndex(base);
  const smallBuild = performance.now() - t0;
  const smallMedian = timeAnalyze(page, small, RUNS);
  const smallNaive = naive(page, base);
  const smallSources = analyzePage(page, small)
    .sources.map((s) => s.id)
    .join(', ');
  lines.push(
    `| bundled | ${base.length} | ${smallBuild.toFixed(1)} | ${smallMedian.toFixed(1)} | ${smallNaive.toFixed(0)} | ${(smallNaive / smallMedian).toFixed(0)}x | ${smallSources} |`,
  );

  const all = largeCorpus(LARGE, base);
  sampleMemory();
  t0 = performance.now();
  const large = buildIndex(all);
  const largeBuild = performance.now() - t0;
  sampleMemory();
  const largeMedian = timeAnalyze(page, large, RUNS);
  const subset = all.slice(0, Number(arg('--naive-subset') ?? 40));
  const subsetNaive = naive(page, subset);
  const largeNaive = (subsetNaive * all.length) / subset.length;
  const largeSources = analyzePage(page, large)
    .sources.map((s) => s.id)
    .join(', ');
  lines.push(
    `| bundled + evaldata + recombined | ${all.length} | ${largeBuild.toFixed(0)} | ${largeMedian.toFixed(1)} | ${largeNaive.toFixed(0)} (extrapolated) | ${(largeNaive / largeMedian).toFixed(0)}x | ${largeSources} |`,
  );

  t0 = performance.now();
  const json = JSON.stringify(serializeIndex(large));
  const serializeMs = performance.now() - t0;
  t0 = performance.now();
  const reloaded = loadIndex(JSON.parse(json));
  const loadMs = performance.now() - t0;
  sampleMemory();

  lines.push('');
  lines.push(
    `Naive baseline for ${all.length} articles measured on the first ${subset.length} (${subsetNaive.toFixed(0)} ms) and extrapolated linearly.`,
  );
  lines.push(
    `Serialised index of ${all.length} articles: ${(json.length / 1e6).toFixed(1)} MB JSON, serialise ${serializeMs.toFixed(0)} ms, load ${loadMs.toFixed(0)} ms (${reloaded.size} articles).`,
  );
  lines.push('');
  lines.push('| articles | analyzePage median (ms) |');
  lines.push('|---:|---:|');
  for (const n of [250, 500, 1000, 2000].filter((x) => x <= all.length)) {
    const idx = buildIndex(all.slice(0, n));
    lines.push(`| ${n} | ${timeAnalyze(page, idx, RUNS).toFixed(1)} |`);
  }
  sampleMemory();
  lines.push('');
  lines.push(
    `Peak memory: rss ${(peakRss / 1e6).toFixed(0)} MB, heap used ${(peakHeap / 1e6).toFixed(0)} MB.`,
  );
}

main();
