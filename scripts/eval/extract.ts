/**
 * Extraction measured on readability-pages (real news pages with Mozilla's expected extraction):
 * token F1 of our text against expected.html, title match rate, home pages refused, and
 * non-English pages recognised; and the CLI's own path (pageFromHtml): article pages read, false
 * "not an article", time per page. Run alone: `npx tsx scripts/eval/extract.ts ../shared/evaldata`;
 * add `linkedom` to measure with linkedom's own HTML parser instead of parse5 (ADR 007 compares them).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseHTML } from 'linkedom';
import { parseHtmlDocument } from '../../cli/dom';
import { pageFromHtml } from '../../cli/page';
import { extractArticle, looksLikeArticle } from '../../lib/extract';
import { detectLanguage } from '../../lib/lang';
import { inTuneHalf, type EvalRow } from './types';

interface PageRow {
  page: string;
  kind: string;
  lang: string;
}

interface PageResult extends PageRow {
  f1: number;
  precision: number;
  recall: number;
  titleMatch: boolean;
  /** null when the expected metadata has no value to compare with. */
  bylineMatch: boolean | null;
  publishedFound: boolean | null;
  refused: boolean;
  english: boolean;
  /** Parse, article check and extraction, in milliseconds. */
  ms: number;
  /** The CLI read the page as an article (pageFromHtml: no error, not "not an article"). */
  cliRead: boolean;
}

type Parse = (html: string) => Document;
const PARSERS: Record<string, Parse> = {
  parse5: parseHtmlDocument,
  linkedom: (html) => parseHTML(html).document as unknown as Document,
};

const tokens = (s: string) => s.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** Bag-of-tokens F1: how much of the expected text we got, and how much of ours is expected. */
export function tokenF1(ours: string, expected: string): { f1: number; precision: number; recall: number } {
  const want = new Map<string, number>();
  for (const t of tokens(expected)) want.set(t, (want.get(t) ?? 0) + 1);
  const got = tokens(ours);
  const wantTotal = [...want.values()].reduce((a, b) => a + b, 0);
  let hit = 0;
  for (const t of got) {
    const n = want.get(t) ?? 0;
    if (n > 0) {
      hit++;
      want.set(t, n - 1);
    }
  }
  const precision = got.length ? hit / got.length : 0;
  const recall = wantTotal ? hit / wantTotal : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { f1, precision, recall };
}

const norm = (s: string | undefined | null) => (s ?? '').replace(/\s+/g, ' ').trim().toLowerCase();

function readPages(dir: string): PageRow[] {
  const lines = readFileSync(join(dir, 'pages.tsv'), 'utf8').trim().split('\n').slice(1);
  return lines.map((l) => {
    const [page = '', kind = '', lang = ''] = l.split('\t');
    return { page, kind, lang };
  });
}

function cliReads(html: string, name: string): boolean {
  try {
    const loaded = pageFromHtml(html, name);
    return !loaded.notArticle && loaded.page.text.trim() !== '';
  } catch {
    return false;
  }
}

function measurePage(dir: string, row: PageRow, parse: Parse): PageResult {
  const base = join(dir, row.page);
  const html = readFileSync(join(base, 'source.html'), 'utf8');
  const t0 = performance.now();
  const doc = parse(html);
  const isArticle = looksLikeArticle(doc);
  const article = isArticle ? extractArticle(doc, {}) : null;
  const ms = performance.now() - t0;
  const expectedDoc = parseHtmlDocument(
    `<html><body>${readFileSync(join(base, 'expected.html'), 'utf8')}</body></html>`,
  );
  const expectedText = expectedDoc.body.textContent ?? '';
  const meta = JSON.parse(readFileSync(join(base, 'expected-metadata.json'), 'utf8')) as {
    title?: string;
    byline?: string | null;
    publishedTime?: string | null;
  };
  const text = article?.text ?? '';
  return {
    ...row,
    ...tokenF1(text, expectedText),
    titleMatch: norm(article?.title) === norm(meta.title),
    bylineMatch: meta.byline ? norm(meta.byline).includes(norm(article?.byline)) && !!article?.byline : null,
    publishedFound: meta.publishedTime
      ? article?.published?.slice(0, 10) === meta.publishedTime.slice(0, 10)
      : null,
    refused: !isArticle || article === null,
    english: detectLanguage(`${article?.title ?? ''}\n${text}`).english,
    ms,
    cliRead: parse === parseHtmlDocument ? cliReads(html, row.page) : !(!isArticle || article === null),
  };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : 0;
};

export async function evalExtract(dataDir: string, parser = 'parse5'): Promise<EvalRow[]> {
  const dir = join(dataDir, 'readability-pages');
  if (!existsSync(join(dir, 'pages.tsv'))) return [];
  const parse = PARSERS[parser];
  if (!parse) throw new Error(`unknown parser ${parser} (parse5 or linkedom)`);
  const pages = readPages(dir);
  // One warm-up pass so that the times below are of the code, not of the JIT compiling it.
  for (const row of pages.slice(0, 3)) measurePage(dir, row, parse);
  const results = pages.map((row) => measurePage(dir, row, parse));
  const rows: EvalRow[] = [];
  for (const split of ['tune', 'test'] as const) {
    const part = results.filter((r) => inTuneHalf(r.page) === (split === 'tune'));
    const articles = part.filter((r) => r.kind === 'article');
    const homepages = part.filter((r) => r.kind !== 'article');
    const foreign = articles.filter((r) => r.lang !== 'en');
    const english = articles.filter((r) => r.lang === 'en');
    const base = { task: 'extract', dataset: 'readability-pages', split };
    rows.push(
      { ...base, metric: 'token F1 vs expected', value: mean(articles.map((r) => r.f1)), n: articles.length },
      {
        ...base,
        metric: 'title match rate',
        value: mean(articles.map((r) => (r.titleMatch ? 1 : 0))),
        n: articles.length,
      },
      {
        ...base,
        metric: 'articles taken as articles',
        value: mean(articles.map((r) => (r.refused ? 0 : 1))),
        n: articles.length,
      },
    );
    const withByline = articles.filter((r) => r.bylineMatch !== null);
    const withDate = articles.filter((r) => r.publishedFound !== null);
    if (withByline.length)
      rows.push({
        ...base,
        metric: 'byline found',
        value: mean(withByline.map((r) => (r.bylineMatch ? 1 : 0))),
        n: withByline.length,
      });
    if (withDate.length)
      rows.push({
        ...base,
        metric: 'published date found',
        value: mean(withDate.map((r) => (r.publishedFound ? 1 : 0))),
        n: withDate.length,
      });
    rows.push(
      {
        ...base,
        metric: 'CLI: article pages read',
        value: mean(articles.map((r) => (r.cliRead ? 1 : 0))),
        n: articles.length,
        note: `${parser}`,
      },
      {
        ...base,
        metric: 'CLI: false "not an article"',
        value: articles.filter((r) => !r.cliRead).length,
        n: articles.length,
        note: 'count',
      },
    );
    if (homepages.length)
      rows.push({
        ...base,
        metric: 'home pages refused',
        value: mean(homepages.map((r) => (r.refused ? 1 : 0))),
        n: homepages.length,
      });
    if (foreign.length)
      rows.push({
        ...base,
        metric: 'non-English detected',
        value: mean(foreign.map((r) => (r.english ? 0 : 1))),
        n: foreign.length,
      });
    if (english.length)
      rows.push({
        ...base,
        metric: 'English detected',
        value: mean(english.map((r) => (r.english ? 1 : 0))),
        n: english.length,
      });
  }
  const times = results.map((r) => r.ms);
  rows.push({
    task: 'extract',
    dataset: 'readability-pages',
    split: 'all',
    metric: 'ms per page (parse + check + extract)',
    value: median(times),
    n: times.length,
    note: `median; mean ${mean(times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}; ${parser}; speed figures belong to npm run bench, this is for comparing parsers`,
  });
  if (process.env.EVAL_VERBOSE)
    for (const r of results)
      process.stderr.write(
        `${r.page.padEnd(16)} ${r.kind.padEnd(8)} ${r.lang} F1 ${r.f1.toFixed(3)} P ${r.precision.toFixed(3)} R ${r.recall.toFixed(3)} title ${r.titleMatch ? 'ok' : 'NO'} refused ${r.refused} cli ${r.cliRead} english ${r.english} ${r.ms.toFixed(0)} ms\n`,
      );
  return rows;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dataDir = process.argv[2] ?? '../shared/evaldata';
  evalExtract(dataDir, process.argv[3]).then(
    (rows) => {
      if (!rows.length) {
        process.stderr.write(`no readability-pages under ${dataDir}\n`);
        process.exitCode = 2;
        return;
      }
      process.stdout.write('split  metric                        value   n\n');
      for (const r of rows)
        process.stdout.write(
          `${r.split.padEnd(6)} ${r.metric.padEnd(29)} ${r.value.toFixed(3).padStart(6)}  ${r.n}\n`,
        );
    },
    (err: unknown) => {
      process.stderr.write(`eval extract: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
