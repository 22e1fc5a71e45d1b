/**
 * Loads a corpus for the CLI: a folder in the format of `reference/` (`.md` with front matter,
 * `.txt` with the file name as id and outlet "unknown") or a corpus JSON file. Strict: a malformed
 * article is an InputError naming the file and what is wrong, since a silently smaller corpus
 * would give silently different answers.
 */
import { readdirSync, statSync } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { CorpusFormatError, parseArticleMarkdown, parseCorpusFile } from '../lib/corpus-format';
import type { Article } from '../lib/types';
import { InputError, readTextFile } from './input';
import { readPlainText } from './page';

const MAX_DEPTH = 3;

function listArticleFiles(dir: string, depth = 0): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch (err) {
    throw new InputError(`cannot read corpus folder ${dir}: ${(err as Error).message}`);
  }
  const files: string[] = [];
  for (const name of entries) {
    if (name.startsWith('.') || name === 'node_modules') continue;
    const path = join(dir, name);
    let isDir = false;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      continue; // a dangling link is not an article
    }
    if (isDir) {
      if (depth < MAX_DEPTH) files.push(...listArticleFiles(path, depth + 1));
    } else if (/\.(md|txt)$/i.test(name)) files.push(path);
  }
  return files;
}

/**
 * A `.txt` corpus article: the file name is the id, the first line the title when it looks like one.
 * Read as a text page is, site chrome (links, buttons, kickers, bylines) left out.
 */
export function articleFromTxt(source: string, fileName: string): Article {
  const id = basename(fileName, extname(fileName)).replace(/\s+/g, '-');
  const { title, text } = readPlainText(source);
  if (!text) throw new CorpusFormatError(`${fileName}: the article text is empty`, fileName, 'text');
  return { id, outlet: 'unknown', title: title ?? id, text };
}

export function loadCorpusFolder(dir: string): Article[] {
  const files = listArticleFiles(dir);
  if (files.length === 0) throw new InputError(`corpus folder ${dir} has no .md or .txt articles`);
  const seen = new Map<string, string>();
  const articles: Article[] = [];
  for (const path of files) {
    const shown = relative(process.cwd(), path) || path;
    const source = readTextFile(path);
    const article = /\.md$/i.test(path) ? parseArticleMarkdown(source, shown) : articleFromTxt(source, shown);
    const other = seen.get(article.id);
    if (other) throw new InputError(`${shown}: id "${article.id}" is already used by ${other}`);
    seen.set(article.id, shown);
    articles.push(article);
  }
  return articles;
}

export function loadCorpusJson(path: string): Article[] {
  const source = readTextFile(path);
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (err) {
    throw new InputError(`${path}: not valid JSON (${(err as Error).message})`);
  }
  const { articles, errors } = parseCorpusFile(json);
  const first = errors[0];
  if (first)
    throw new InputError(
      `${path}: article ${first.index + 1} (articles[${first.index}]): ${first.reason}` +
        (errors.length > 1 ? ` (and ${errors.length - 1} more bad articles)` : ''),
    );
  if (articles.length === 0) throw new InputError(`${path}: the corpus has no articles`);
  return articles;
}

/** A folder or a corpus JSON file, chosen by what the path is. */
export function loadCorpus(path: string): Article[] {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new InputError(`corpus not found: ${path}`);
  }
  try {
    if (isDir) return loadCorpusFolder(path);
    if (/\.json$/i.test(path)) return loadCorpusJson(path);
    const source = readTextFile(path);
    if (source.trimStart().startsWith('{')) return loadCorpusJson(path);
    throw new InputError(`${path}: --corpus takes a folder of .md/.txt articles or a corpus .json file`);
  } catch (err) {
    if (err instanceof CorpusFormatError) {
      const msg = err.message.startsWith(err.where ?? '\u0000') ? err.message : `${path}: ${err.message}`;
      throw new InputError(msg);
    }
    throw err;
  }
}
