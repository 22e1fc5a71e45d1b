/** The page to analyse, from an `.html` file (extracted like the extension does), text, or stdin. */
import { basename, extname } from 'node:path';
import { normalizeArticleText, readFrontMatter } from '../lib/corpus-format';
import { dropChromeParagraphs, isBylineLine, isChromeLine, isLabelLine } from '../lib/chrome-lines';
import { extractArticle, looksLikeArticle } from '../lib/extract';
import type { PageArticle } from '../lib/types';
import { parseHtmlDocument } from './dom';
import { InputError, readStdin, readTextFile } from './input';

/** Pages longer than this are cut (at a paragraph) before comparison: no article is this long. */
export const MAX_PAGE_CHARS = 100_000;
/** HTML beyond this is mostly scripts and markup; it is trimmed before parsing to bound the work. */
const MAX_HTML_CHARS = 3_000_000;

export interface LoadedPage {
  page: PageArticle;
  extractMs: number;
  /** Set when the page is not an article or was shortened; the report carries it. */
  notice?: string;
  /** True when the page should not be compared at all (e.g. a home page). */
  notArticle?: boolean;
}

/**
 * The first line is a title when it is short and does not read like a sentence: no end
 * punctuation, and more text follows it.
 */
export function splitTitle(source: string): { title?: string; body: string } {
  const text = source.replace(/\r\n?/g, '\n').replace(/^\s+/, '');
  const nl = text.indexOf('\n');
  if (nl < 0) return { body: text };
  const first = text
    .slice(0, nl)
    .trim()
    .replace(/^#{1,6}\s+/, '');
  const rest = text.slice(nl + 1);
  const looksLikeTitle =
    first.length > 0 && first.length <= 200 && !/[.,;:!?…"”’)]$/.test(first) && /\S/.test(rest);
  // A headline ending in "?" still counts when set off by a blank line, as headlines are.
  const setOff = /^[ \t]*\n/.test(rest) && first.length <= 200 && /[?]$/.test(first);
  return looksLikeTitle || setOff ? { title: first, body: rest } : { body: text };
}

function titleFromName(name: string): string {
  return basename(name, extname(name)).replace(/[-_]+/g, ' ').trim() || name;
}

/** Cut at the last paragraph break before `max` characters. */
function capText(text: string): { text: string; cut: boolean } {
  if (text.length <= MAX_PAGE_CHARS) return { text, cut: false };
  const at = text.lastIndexOf('\n\n', MAX_PAGE_CHARS);
  return { text: text.slice(0, at > MAX_PAGE_CHARS / 2 ? at : MAX_PAGE_CHARS).trimEnd(), cut: true };
}

/**
 * Plain text: paragraphs are separated by blank lines. Text with no blank line at all and long
 * lines (one paragraph per line, as many copy-pastes are) keeps each line as a paragraph.
 */
export function textToParagraphs(body: string): string {
  const src = body.replace(/\r\n?/g, '\n');
  const lines = src.split('\n').filter((l) => l.trim());
  const hasBlank = /\n[ \t]*\n/.test(src.trim());
  if (!hasBlank && lines.length > 1) {
    const long = lines.filter((l) => l.trim().length > 100).length;
    if (long / lines.length > 0.5) return normalizeArticleText(lines.join('\n\n'));
  }
  return normalizeArticleText(src);
}

/** Text pages copied from a site carry its chrome: bare links, buttons, icon names, ids. */
function withoutChromeLines(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .filter((l) => !isChromeLine(l))
    .join('\n');
}

/**
 * The text from its title on: a kicker ("News") or a byline above the headline is skipped. A
 * short first line is a kicker only when another title-like line follows it; otherwise it is the
 * title itself ("Lighthouse", then prose).
 */
function skipKickers(text: string): string {
  let rest = text.replace(/^\s+/, '');
  for (let i = 0; i < 3; i++) {
    const nl = rest.indexOf('\n');
    if (nl < 0) break;
    const first = rest.slice(0, nl).trim();
    const after = rest.slice(nl + 1).replace(/^\s+/, '');
    const next = after.slice(0, after.indexOf('\n') < 0 ? after.length : after.indexOf('\n')).trim();
    const nextIsTitle = splitTitle(after).title !== undefined && next.length > first.length;
    if (!(isBylineLine(first) || (isLabelLine(first) && nextIsTitle))) break;
    rest = after;
  }
  return rest;
}

/**
 * A plain-text article's title (its first line, when that reads as one; not looked for when the
 * caller has a title already) and its paragraphs, with the site chrome taken out. Text pages and
 * `.txt` corpus articles (cli/corpus-load.ts) are read alike, so the two compare alike.
 */
export function readPlainText(
  body: string,
  opts: { titled?: boolean } = {},
): { title?: string; text: string } {
  let rest = withoutChromeLines(body);
  let title: string | undefined;
  if (!opts.titled) {
    const split = splitTitle(skipKickers(rest));
    title = split.title;
    rest = split.body;
  }
  return { title, text: dropChromeParagraphs(textToParagraphs(rest).split('\n\n')).join('\n\n') };
}

export function pageFromText(source: string, name: string, isMarkdown: boolean): PageArticle {
  let body = source;
  const meta: Record<string, string> = {};
  if (isMarkdown) {
    let fm: ReturnType<typeof readFrontMatter> = null;
    try {
      fm = readFrontMatter(source, name);
    } catch (err) {
      throw new InputError((err as Error).message);
    }
    if (fm) {
      Object.assign(meta, fm.meta);
      body = fm.body;
    }
  }
  const read = readPlainText(body, { titled: !!meta.title });
  const page: PageArticle = { title: meta.title || read.title || titleFromName(name), text: read.text };
  if (meta.outlet) page.outlet = meta.outlet;
  if (meta.url) page.url = meta.url;
  if (meta.published) page.published = meta.published;
  if (meta.byline) page.byline = meta.byline;
  if (meta.lang) page.lang = meta.lang;
  return page;
}

/** Scripts, styles and comments are the bulk of big pages and never article text. */
export function trimHtml(html: string): { html: string; cut: boolean } {
  if (html.length <= MAX_HTML_CHARS) return { html, cut: false };
  const lean = html
    .replace(/<script\b[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<style\b[\s\S]*?<\/style\s*>/gi, '')
    .replace(/<svg\b[\s\S]*?<\/svg\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '');
  if (lean.length <= MAX_HTML_CHARS) return { html: lean, cut: false };
  // Cut before a tag, not inside one, so the last element read is whole up to its start.
  const at = lean.lastIndexOf('<', MAX_HTML_CHARS);
  return { html: lean.slice(0, at > MAX_HTML_CHARS / 2 ? at : MAX_HTML_CHARS), cut: true };
}

const HTML_CUT_NOTICE = `The page's HTML is very large; only its first ${MAX_HTML_CHARS.toLocaleString('en-US')} characters (after scripts and styles) were read.`;

export function pageFromHtml(html: string, name: string, url?: string): LoadedPage {
  const t0 = performance.now();
  // A bare fragment (no <html>/<body>) is an article someone saved as HTML, not a whole page.
  const fragment = !/<(html|body)[\s>]/i.test(html.slice(0, 50_000));
  const trimmed = trimHtml(html);
  const doc = parseHtmlDocument(
    fragment ? `<!DOCTYPE html><html><body>${trimmed.html}</body></html>` : trimmed.html,
  );
  const bodyText = doc.body?.textContent?.trim() ?? '';
  if (!bodyText) throw new InputError(`${name}: the page is empty (no text in the HTML)`);
  const article = fragment || looksLikeArticle(doc, { url }) ? extractArticle(doc, { url }) : null;
  const extractMs = performance.now() - t0;
  const cut = trimmed.cut ? { notice: HTML_CUT_NOTICE } : {};
  if (article) return { page: article, extractMs, ...cut };
  // Not an article (a home page, an index): a valid report that says so, not an error.
  const title = doc.title?.trim() || titleFromName(name);
  return {
    page: { title, text: '', ...(url ? { url } : {}) },
    extractMs,
    notArticle: true,
    notice:
      'This page does not look like a single article (no article text was found), so it was not compared.' +
      (trimmed.cut ? ` ${HTML_CUT_NOTICE}` : ''),
  };
}

/** Reads PAGE (`-` is standard input) into a page article; InputError for anything unusable. */
export async function loadPage(arg: string): Promise<LoadedPage> {
  const fromStdin = arg === '-';
  const name = fromStdin ? 'standard input' : arg;
  const source = fromStdin ? await readStdin() : readTextFile(arg);
  if (!source.trim()) throw new InputError(`${name} is empty`);
  const ext = fromStdin ? '' : extname(arg).toLowerCase();
  const isHtml =
    ext === '.html' ||
    ext === '.htm' ||
    ext === '.xhtml' ||
    (ext === '' && /^\s*(<!doctype html|<html[\s>])/i.test(source.slice(0, 1000)));
  let loaded: LoadedPage;
  if (isHtml) {
    loaded = pageFromHtml(source, name);
  } else {
    const t0 = performance.now();
    const page = pageFromText(source, name, ext === '.md' || ext === '.markdown');
    loaded = { page, extractMs: performance.now() - t0 };
  }
  if (!loaded.notArticle && !loaded.page.text.trim()) throw new InputError(`${name} has no article text`);
  const capped = capText(loaded.page.text);
  if (capped.cut) {
    loaded.page.text = capped.text;
    const long = `The page is very long; only its first ${capped.text.length.toLocaleString('en-US')} characters were compared.`;
    loaded.notice = loaded.notice ? `${loaded.notice} ${long}` : long;
  }
  return loaded;
}
