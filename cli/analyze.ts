/** `analyze PAGE [--corpus DIR|FILE.json] [--json]`, as ../shared/contract/README.md says. */
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIndex } from '../lib/corpus-index';
import { analyzePage } from '../lib/report';
import type { PageArticle, Report } from '../lib/types';
import { loadCorpus } from './corpus-load';
import { InputError } from './input';
import { loadPage } from './page';
import { renderReport, useColor } from './render';
import { safeJson } from './terminal';
import { analyzePageSemantic } from '../lib/semantic';
import { nodeVectorSource } from './vector-cache';

/** The bundled corpus, found from this file so that `analyze` works from any working directory. */
export const DEFAULT_CORPUS =
  relative(process.cwd(), fileURLToPath(new URL('../reference', import.meta.url))) || '.';

const USAGE = 'usage: parallax analyze PAGE [--corpus DIR|FILE.json] [--json] [--semantic]';

export interface AnalyzeArgs {
  page: string;
  corpus: string;
  json: boolean;
  /** Run the semantic pass (sentence encoder; ADR 010) after the lexical one. */
  semantic: boolean;
}

export function parseAnalyzeArgs(args: string[]): AnalyzeArgs | 'help' {
  let page: string | undefined;
  let corpus = DEFAULT_CORPUS;
  let json = false;
  let semantic = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') json = true;
    else if (a === '--semantic') semantic = true;
    else if (a === '--help' || a === '-h') return 'help';
    else if (a === '--corpus') {
      const v = args[++i];
      if (v === undefined || v === '')
        throw new InputError(`--corpus needs a folder or a .json file (${USAGE})`);
      corpus = v;
    } else if (a.startsWith('--corpus=')) corpus = a.slice('--corpus='.length);
    else if (a.startsWith('-') && a !== '-') throw new InputError(`unknown option ${a} (${USAGE})`);
    else if (page === undefined) page = a;
    else throw new InputError(`only one PAGE can be analysed at a time, got "${page}" and "${a}"`);
  }
  if (page === undefined) throw new InputError(`no PAGE given (${USAGE})`);
  return { page, corpus, json, semantic };
}

/** A valid report that compares nothing, with the reason (non-English page, not an article). */
export function notComparedReport(
  page: PageArticle,
  notice: string,
  extractMs: number,
  indexMs?: number,
): Report {
  return {
    schemaVersion: 1,
    page: {
      title: page.title,
      ...(page.url ? { url: page.url } : {}),
      ...(page.outlet ? { outlet: page.outlet } : {}),
      chars: page.text.length,
      sentences: 0,
      ...(page.lang ? { lang: page.lang } : {}),
    },
    related: false,
    selfSourceId: null,
    sources: [],
    passages: [],
    discrepancies: [],
    timings: { extractMs, ...(indexMs !== undefined ? { indexMs } : {}), analyzeMs: 0 },
    notice,
    text: page.text,
  };
}

export async function runAnalyze(args: string[]): Promise<number> {
  const parsed = parseAnalyzeArgs(args);
  if (parsed === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const loaded = await loadPage(parsed.page);
  const articles = loadCorpus(parsed.corpus);
  const t0 = performance.now();
  const index = buildIndex(articles);
  const indexMs = performance.now() - t0;

  let report: Report;
  if (loaded.notArticle) {
    report = notComparedReport(loaded.page, loaded.notice ?? 'Not an article.', loaded.extractMs, indexMs);
  } else {
    // analyzePage itself refuses non-English pages (with a notice), for the extension and the CLI alike.
    const opts = { extractMs: loaded.extractMs, indexMs };
    if (parsed.semantic) {
      const source = await nodeVectorSource();
      // A --corpus DIR's articles are embedded once per machine (the disk cache), so that each has
      // a document vector for retrieval by meaning; the bundled corpus' are made at install time.
      await source.embedCorpus(index.articles());
      report = await analyzePageSemantic(loaded.page, index, source, opts);
    } else report = analyzePage(loaded.page, index, opts);
    if (loaded.notice) report.notice = report.notice ? `${report.notice}. ${loaded.notice}` : loaded.notice;
  }

  if (parsed.json) process.stdout.write(`${safeJson(report)}\n`);
  else
    process.stdout.write(
      renderReport(report, {
        color: useColor(process.stdout),
        width: process.stdout.columns ?? 100,
        corpusSize: index.size,
      }),
    );
  return 0;
}
