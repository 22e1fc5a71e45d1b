/**
 * `npm run bench`: how fast analyzePage is (no process start), against the bundled corpus and a
 * corpus of >= 2,000 articles built at run time from ../shared/evaldata (never committed), with
 * a naive fuse.js baseline measured in the same run. Prints markdown tables.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Fuse from 'fuse.js';
import { parseArticleMarkdown } from '../lib/corpus-format';
import { buildIndex, serializeIndex, loadIndex, type CorpusIndex } from '../lib/corpus-index';
import { analyzePage } from '../lib/report';
import { segment } from '../lib/segment';
import type { Article, PageArticle } from '../lib/types';

const args = process.argv.slice(2);
const arg = (n: string): string | undefined => {
  const i = args.indexOf(n);
  return i >= 0 ? args[i + 1] : undefined;
};
const DATA = resolve(arg('--data') ?? '../shared/evaldata');
const RUNS = Number(arg('--runs') ?? 15);
const LARGE = Number(arg('--articles') ?? 2000);

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

/** Deterministic, so that two runs build the same corpus. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function bundled(): Article[] {
  return readdirSync('reference')
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => parseArticleMarkdown(readFileSync(join('reference', f), 'utf8'), f));
}

function evalTexts(): string[] {
  const out: string[] = [];
  const files = [
    'meantime-wikinews/meantime_en_docs.jsonl',
    'ecbplus/ecbplus_docs.jsonl',
    'newswcl50/newswcl50_docs.jsonl',
  ];
  for (const f of files) {
    const p = join(DATA, f);
    if (!existsSync(p)) continue;
    for (const line of readFileSync(p, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const r = JSON.parse(line) as { title?: string; text: string };
      out.push(`${r.title ? `${r.title}\n\n` : ''}${r.text.replace(/\s*\\n\s*/g, ' ')}`);
    }
  }
  return out;
}

/**
 * The real eval documents, then recombinations of their paragraphs (lines) into new articles of
 * realistic length, until `n` articles: the vocabulary and sentence shapes of real news.
 */
function largeCorpus(n: number, base: Article[]): Article[] {
  const texts = evalTexts();
  if (!texts.length) throw new Error(`no evaldata texts under ${DATA}`);
  const lines = texts.flatMap((t) => t.split('\n').filter((l) => l.trim().length > 40));
  const out: Article[] = [...base];
  texts.forEach((text, i) => out.push({ id: `eval-${i}`, outlet: 'eval', title: `eval ${i}`, text }));
  const rand = rng(42);
  for (let i = 0; out.length < n; i++) {
    const k = 15 + Math.floor(rand() * 30);
    const parts: string[] = [];
    for (let j = 0; j < k; j++) parts.push(lines[Math.floor(rand() * lines.length)]!);
    out.push({ id: `mix-${i}`, outlet: 'mix', title: `mix ${i}`, text: parts.join('\n\n') });
  }
  return out.slice(0, n);
}

/** A ~2,000-word page: the NYT seed article with two facts changed, then the start of another. */
function benchPage(articles: Article[]): PageArticle {
  const nyt = articles.find((a) => a.seed?.startsWith('001')) ?? articles[0]!;
  const other = articles.find((a) => a.seed?.startsWith('000')) ?? articles[1]!;
  const changed = nyt.text.replace('10,000 troops', '12,000 troops').replace('RC-135', 'RC-125');
  const words = changed.split(/\s+/).length;
  const extra = other.text.split(/(?<=\n\n)/);
  let text = changed;
  let count = words;
  for (const p of extra) {
    if (count >= 2000) break;
    text += `\n\n${p.trim()}`;
    count += p.split(/\s+/).length;
  }
  return { title: 'bench page', text };
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
