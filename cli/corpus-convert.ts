/**
 * `parallax corpus`: conversions between a corpus file (corpus.schema.json, what the options page
 * exports and imports) and a folder of `.md` articles like `reference/`.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Article } from '../lib/types';
import {
  CorpusFormatError,
  parseArticleMarkdown,
  parseCorpusFile,
  serializeArticleMarkdown,
  toCorpusFile,
} from '../lib/corpus-format';
import { safeJson, safeLine } from './terminal';

export const CORPUS_HELP = `Usage:
  npm run --silent corpus -- to-folder FILE.json DIR   write each article of a corpus file as DIR/<id>.md
  npm run --silent corpus -- to-file DIR FILE.json     collect DIR/*.md into one corpus file ("-" = stdout)
  npm run --silent corpus -- --help

A corpus file is {"format": "parallax-corpus", "version": 1, "articles": [...]} (see
corpus.schema.json); it is what the extension's options page exports and imports, and what
"analyze --corpus FILE.json" reads. A folder holds one .md file per article with a front-matter
block (id, outlet, title, and optionally url, published, byline), the format of reference/.
to-folder overwrites DIR/<id>.md files of the same id and leaves other files alone.

Exit codes: 0 done; 1 done, but some articles were invalid and left out (each is reported on
standard error by position or file name, with the reason); 2 nothing done (bad arguments, an
unreadable or malformed file or folder).
`;

class UsageError extends Error {}

function say(line: string): void {
  process.stderr.write(`${safeLine(line)}\n`);
}

async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new UsageError(
      `corpus: cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new UsageError(`corpus: ${path} is not valid JSON (${(err as Error).message})`);
  }
}

/** A safe file name for an article id (ids are URL-safe already; this guards hand-written ones). */
export function fileNameForId(id: string): string {
  const safe = id.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[.-]+/, '');
  return (safe || 'article') + '.md';
}

async function toFolder(file: string, dir: string): Promise<number> {
  const json = await readJson(file);
  let parsed: ReturnType<typeof parseCorpusFile>;
  try {
    parsed = parseCorpusFile(json);
  } catch (err) {
    if (err instanceof CorpusFormatError) throw new UsageError(`corpus: ${file}: ${err.message}`);
    throw err;
  }
  await mkdir(dir, { recursive: true });
  const used = new Set<string>();
  for (const article of parsed.articles) {
    let name = fileNameForId(article.id);
    for (let n = 2; used.has(name); n++) name = fileNameForId(`${article.id}-${n}`);
    used.add(name);
    await writeFile(join(dir, name), serializeArticleMarkdown(article), 'utf8');
  }
  for (const e of parsed.errors)
    say(`corpus: ${file}: articles[${e.index}] (item ${e.index + 1}) left out: ${e.reason}`);
  say(`corpus: wrote ${parsed.articles.length} article(s) to ${dir}`);
  return parsed.errors.length ? 1 : 0;
}

async function toFile(dir: string, out: string): Promise<number> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith('.md')).sort();
  } catch (err) {
    throw new UsageError(
      `corpus: cannot read folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`,
    );
  }
  if (!names.length) throw new UsageError(`corpus: no .md articles in ${dir}`);
  const articles: Article[] = [];
  let bad = 0;
  const ids = new Set<string>();
  for (const name of names) {
    try {
      const article = parseArticleMarkdown(await readFile(join(dir, name), 'utf8'), basename(name));
      if (ids.has(article.id)) throw new CorpusFormatError(`${name}: duplicate id "${article.id}"`, name);
      ids.add(article.id);
      articles.push(article);
    } catch (err) {
      bad++;
      say(`corpus: ${join(dir, name)} left out: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const json = safeJson(toCorpusFile(articles), 2) + '\n';
  if (out === '-') process.stdout.write(json);
  else await writeFile(out, json, 'utf8');
  say(`corpus: wrote ${articles.length} article(s) to ${out === '-' ? 'standard output' : out}`);
  return bad ? 1 : 0;
}

export async function runCorpus(args: string[]): Promise<number> {
  const [command, ...rest] = args;
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      (command ? process.stdout : process.stderr).write(CORPUS_HELP);
      return command ? 0 : 2;
    }
    if (command !== 'to-folder' && command !== 'to-file')
      throw new UsageError(`corpus: unknown command "${command}"`);
    const [from, to, extra] = rest;
    if (!from || !to || extra !== undefined)
      throw new UsageError(
        `corpus: ${command} takes two arguments: ${command === 'to-folder' ? 'FILE.json DIR' : 'DIR FILE.json'}`,
      );
    return command === 'to-folder' ? await toFolder(from, to) : await toFile(from, to);
  } catch (err) {
    if (err instanceof UsageError) {
      say(err.message);
      if (/unknown command|takes two/.test(err.message)) say('Run "npm run corpus -- --help" for usage.');
      return 2;
    }
    say(`corpus: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
}
