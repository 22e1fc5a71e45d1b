/**
 * The two corpus formats: one `.md` file per article with a front-matter block (the format of
 * `reference/` and of `--corpus DIR`), and the corpus JSON file of corpus.schema.json (what the
 * options page exports and imports, and `--corpus FILE.json`). Pure: no file system here, callers
 * pass text or parsed JSON in.
 */
import * as v from 'valibot';
import type { Article } from './types';

export class CorpusFormatError extends Error {
  constructor(
    message: string,
    /** The file (or item position) the error is about. */
    public readonly where?: string,
    /** The front-matter field or JSON property at fault, when there is one. */
    public readonly field?: string,
  ) {
    super(message);
    this.name = 'CorpusFormatError';
  }
}

/** Front-matter keys written first and in this order; other keys follow alphabetically. */
const KEY_ORDER = ['id', 'outlet', 'via', 'title', 'subtitle', 'byline', 'published', 'url', 'seed'];
/** Keys the engine understands; any other front-matter key is kept on the article as an extra. */
const KNOWN_KEYS = new Set(['id', 'outlet', 'title', 'url', 'published', 'byline', 'seed']);
const REQUIRED = ['outlet', 'title'] as const;

/** ISO 8601 date (2025-02-18), optionally with a time (2025-02-18T10:00:00Z, +01:00 offsets). */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export function isIsoDate(value: string): boolean {
  if (!ISO_DATE.test(value)) return false;
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/**
 * A short, stable, URL-safe id from outlet and title, e.g. "the-new-york-times-cia-expands-secret".
 * Deterministic so that re-importing the same article yields the same id.
 */
export function makeArticleId(outlet: string, title: string): string {
  const words = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/['’]/g, '')
      .split(/[^a-z0-9]+/)
      .filter(Boolean);
  const outletWords = words(outlet).slice(0, 4);
  const titleWords = words(title);
  const parts: string[] = [...outletWords];
  for (const w of titleWords) {
    if (parts.join('-').length + w.length + 1 > 80) break;
    parts.push(w);
  }
  const id = parts.join('-');
  return id || 'article';
}

/** Paragraphs separated by exactly one blank line; lines inside a paragraph joined (markdown rules). */
export function normalizeArticleText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n\s*/)
    .map((p) =>
      p
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean)
        .join(' '),
    )
    .filter(Boolean)
    .join('\n\n');
}

function unquote(raw: string, where: string, key: string, lineNo: number): string {
  const value = raw.trim();
  if (value.startsWith('"')) {
    if (!value.endsWith('"') || value.length < 2)
      throw new CorpusFormatError(
        `${where}: line ${lineNo}: unterminated quoted value for "${key}"`,
        where,
        key,
      );
    try {
      const parsed: unknown = JSON.parse(value);
      if (typeof parsed === 'string') return parsed;
    } catch {
      // fall through to the error below
    }
    throw new CorpusFormatError(`${where}: line ${lineNo}: bad quoted value for "${key}"`, where, key);
  }
  if (value.startsWith("'")) {
    if (!value.endsWith("'") || value.length < 2)
      throw new CorpusFormatError(
        `${where}: line ${lineNo}: unterminated quoted value for "${key}"`,
        where,
        key,
      );
    return value.slice(1, -1).replace(/''/g, "'");
  }
  return value;
}

/** Whether a value must be quoted to read back unchanged. */
function needsQuotes(value: string): boolean {
  return (
    value === '' ||
    value !== value.trim() ||
    /^["'#&*!|>%@`{[\-?,]/.test(value) ||
    /:\s|\s#|[\n\r\t"\\]/.test(value) ||
    value.endsWith(':')
  );
}

function quote(value: string): string {
  return needsQuotes(value) ? JSON.stringify(value) : value;
}

/** Parses the front-matter block; throws a CorpusFormatError naming the file, line and field. */
function parseFrontMatter(block: string, where: string, firstLine: number): Record<string, string> {
  const meta: Record<string, string> = {};
  block.split('\n').forEach((line, i) => {
    const lineNo = firstLine + i;
    if (!line.trim() || line.trimStart().startsWith('#')) return;
    const kv = /^([A-Za-z_][\w-]*)[ \t]*:(.*)$/.exec(line);
    if (!kv)
      throw new CorpusFormatError(`${where}: line ${lineNo}: expected "key: value" in front matter`, where);
    const key = kv[1]!;
    if (key in meta)
      throw new CorpusFormatError(`${where}: line ${lineNo}: field "${key}" given twice`, where, key);
    meta[key] = unquote(kv[2] ?? '', where, key, lineNo);
  });
  return meta;
}

/** An address a reader can open: http(s) only (never `javascript:`, `data:` or `file:`). */
export function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * The optional fields both corpus formats share, checked by this one schema for `.md` front matter
 * and corpus JSON items alike. An empty value counts as absent.
 */
const SharedFieldsSchema = v.looseObject({
  url: v.optional(
    v.union([
      v.literal(''),
      v.pipe(v.string('expected a string'), v.check(isWebUrl, 'must be an http:// or https:// URL')),
    ]),
  ),
  published: v.optional(
    v.union([
      v.literal(''),
      v.pipe(
        v.string('expected a string'),
        v.check(isIsoDate, 'must be an ISO 8601 date (2025-02-18, or 2025-02-18T10:00:00Z)'),
      ),
    ]),
  ),
});

/** What is wrong with the shared fields of one article, field by field ("published": must be…, got "x"). */
export function sharedFieldProblems(
  fields: Record<string, unknown>,
): Array<{ field: string; message: string }> {
  const result = v.safeParse(SharedFieldsSchema, fields);
  if (result.success) return [];
  const problems = new Map<string, string>();
  for (const issue of result.issues) {
    const field = v.getDotPath(issue) ?? '';
    // A union reports each branch; the last one (the real check) says what is expected.
    const inner = issue.issues?.at(-1) ?? issue;
    const value = fields[field];
    const got = typeof value === 'string' ? `, got ${JSON.stringify(value.slice(0, 80))}` : '';
    problems.set(field, `${inner.message}${got}`);
  }
  return [...problems].map(([field, message]) => ({ field, message }));
}

function checkArticleFields(meta: Record<string, string>, where: string): void {
  for (const key of REQUIRED) {
    if (!meta[key]?.trim())
      throw new CorpusFormatError(`${where}: missing required field "${key}" in front matter`, where, key);
  }
  if (meta.id !== undefined && !/^[\w.:-]+$/.test(meta.id))
    throw new CorpusFormatError(
      `${where}: field "id" must be a slug (letters, digits, - _ . :), got ${JSON.stringify(meta.id)}`,
      where,
      'id',
    );
  const problem = sharedFieldProblems(meta)[0];
  if (problem)
    throw new CorpusFormatError(
      `${where}: field "${problem.field}" ${problem.message}`,
      where,
      problem.field,
    );
}

/**
 * The front-matter block and the body of a `.md` source, or null when it has no front matter.
 * Throws a CorpusFormatError (naming the file and line) when the block is malformed.
 */
export function readFrontMatter(
  source: string,
  fileName: string,
): { meta: Record<string, string>; body: string } | null {
  const src = source.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (src.includes('\u0000')) throw new CorpusFormatError(`${fileName}: not a text file`, fileName);
  const m = /^---[ \t]*\n(?:([\s\S]*?)\n)?---[ \t]*(?:\n([\s\S]*))?$/.exec(src);
  if (!m) {
    if (/^---[ \t]*(?:\n|$)/.test(src))
      throw new CorpusFormatError(
        `${fileName}: the front matter that starts on line 1 has no closing "---" line (add a line "---" after the last field)`,
        fileName,
      );
    return null;
  }
  return { meta: parseFrontMatter(m[1] ?? '', fileName, 2), body: m[2] ?? '' };
}

/**
 * One article from its `.md` source: a front-matter block between `---` lines (`key: value`, values
 * optionally in double or single quotes), then the article text, paragraphs separated by blank lines.
 * `id` defaults to one made from outlet and title. Other keys are kept on the returned object.
 */
export function parseArticleMarkdown(source: string, fileName: string): Article {
  const split = readFrontMatter(source, fileName);
  if (!split)
    throw new CorpusFormatError(
      `${fileName}: missing front matter (the file must start with a "---" line, then id/outlet/title, then "---")`,
      fileName,
    );
  const { meta, body } = split;
  checkArticleFields(meta, fileName);
  const text = normalizeArticleText(body);
  if (!text)
    throw new CorpusFormatError(
      `${fileName}: the article text after the front matter is empty`,
      fileName,
      'text',
    );
  const outlet = meta.outlet!.trim();
  const title = meta.title!.trim();
  const article: Article = { id: meta.id ?? makeArticleId(outlet, title), outlet, title, text };
  if (meta.url) article.url = meta.url;
  if (meta.published) article.published = meta.published;
  if (meta.byline) article.byline = meta.byline;
  if (meta.seed) article.seed = meta.seed;
  const extras = article as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(meta)) if (!KNOWN_KEYS.has(key)) extras[key] = value;
  return article;
}

/** The `.md` form of an article; parseArticleMarkdown reads it back to an equal article. */
export function serializeArticleMarkdown(article: Article): string {
  const fields = article as unknown as Record<string, unknown>;
  const keys = Object.keys(fields).filter(
    (k) => k !== 'text' && k !== 'origin' && typeof fields[k] === 'string' && /^[A-Za-z_][\w-]*$/.test(k),
  );
  keys.sort((a, b) => {
    const ia = KEY_ORDER.indexOf(a);
    const ib = KEY_ORDER.indexOf(b);
    if (ia >= 0 || ib >= 0) return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
    return a.localeCompare(b);
  });
  const lines = keys.map((k) => `${k}: ${quote(fields[k] as string)}`);
  return `---\n${lines.join('\n')}\n---\n\n${normalizeArticleText(article.text)}\n`;
}

// ---------------------------------------------------------------------------------------------
// The corpus JSON file (corpus.schema.json)

export const CORPUS_FORMAT = 'parallax-corpus';
export const CORPUS_VERSION = 1;

const nonEmpty = v.pipe(
  v.string('expected a string'),
  v.trim(),
  v.minLength(1, 'expected a non-empty string'),
);
const optionalString = v.optional(v.string('expected a string'));

const CorpusItemSchema = v.looseObject({
  id: v.optional(v.pipe(v.string('expected a string'), v.regex(/^[^\s]+$/, 'expected an id without spaces'))),
  outlet: nonEmpty,
  title: nonEmpty,
  text: nonEmpty,
  url: optionalString,
  published: optionalString,
  byline: optionalString,
});

const CorpusFileSchema = v.looseObject({
  format: v.literal(CORPUS_FORMAT, `expected "format": "${CORPUS_FORMAT}"`),
  version: v.literal(CORPUS_VERSION, `expected "version": ${CORPUS_VERSION}`),
  articles: v.array(v.unknown(), 'expected "articles" to be an array'),
});

function issueReason(issues: readonly v.BaseIssue<unknown>[]): string {
  return issues
    .map((issue) => {
      const path = v.getDotPath(issue);
      const missing = issue.input === undefined && issue.kind === 'schema';
      if (path && missing) return `missing "${path}"`;
      return path ? `"${path}": ${issue.message}` : issue.message;
    })
    .join('; ');
}

export interface CorpusFileResult {
  articles: Article[];
  /** Items that were left out, by position in `articles` (0-based), with the reason. */
  errors: Array<{ index: number; reason: string }>;
}

/**
 * Reads a parsed corpus file. A wrong envelope (format, version, articles) throws CorpusFormatError;
 * a bad item is reported by position and reason while the good ones are kept. Missing ids are made
 * from outlet and title (made ids are de-duplicated; a given id that repeats is an error). Extra
 * fields are kept; `text` is normalised to paragraphs separated by blank lines.
 */
export function parseCorpusFile(json: unknown): CorpusFileResult {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new CorpusFormatError('not a Parallax corpus file: expected a JSON object', 'corpus file');
  const envelope = v.safeParse(CorpusFileSchema, json);
  if (!envelope.success)
    throw new CorpusFormatError(`not a Parallax corpus file: ${issueReason(envelope.issues)}`, 'corpus file');
  const articles: Article[] = [];
  const errors: CorpusFileResult['errors'] = [];
  const ids = new Set<string>();
  envelope.output.articles.forEach((item, index) => {
    const parsed = v.safeParse(CorpusItemSchema, item);
    if (!parsed.success) {
      errors.push({ index, reason: issueReason(parsed.issues) });
      return;
    }
    const problems = sharedFieldProblems(parsed.output);
    if (problems.length) {
      errors.push({ index, reason: problems.map((p) => `"${p.field}": ${p.message}`).join('; ') });
      return;
    }
    const { id: givenId, outlet, title, text, url, published, byline, ...extra } = parsed.output;
    if (givenId !== undefined && ids.has(givenId)) {
      errors.push({ index, reason: `duplicate id "${givenId}"` });
      return;
    }
    let id = givenId ?? makeArticleId(outlet, title);
    if (givenId === undefined) for (let n = 2; ids.has(id); n++) id = `${makeArticleId(outlet, title)}-${n}`;
    ids.add(id);
    const article: Article = { ...extra, id, outlet, title, text: normalizeArticleText(text) } as Article;
    if (url !== undefined) article.url = url;
    if (published !== undefined) article.published = published;
    if (byline !== undefined) article.byline = byline;
    delete (article as unknown as Record<string, unknown>).origin;
    articles.push(article);
  });
  return { articles, errors };
}

/** The corpus file for a list of articles (what the options page exports). `origin` is not exported. */
export function toCorpusFile(articles: readonly Article[]): {
  format: typeof CORPUS_FORMAT;
  version: typeof CORPUS_VERSION;
  articles: Array<Record<string, unknown>>;
} {
  return {
    format: CORPUS_FORMAT,
    version: CORPUS_VERSION,
    articles: articles.map((a) => {
      const out: Record<string, unknown> = {};
      for (const [k, value] of Object.entries(a)) if (value !== undefined && k !== 'origin') out[k] = value;
      return out;
    }),
  };
}
