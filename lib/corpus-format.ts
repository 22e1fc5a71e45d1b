import type { Article } from './types';

export class CorpusFormatError extends Error {
  constructor(
    message: string,
    /** The file (or item position) the error is about. */
    public readonly where?: string,
  ) {
    super(message);
    this.name = 'CorpusFormatError';
  }
}

// PLACEHOLDER (owned by the corpus work): front matter between --- lines, key: value.
export function parseArticleMarkdown(source: string, fileName: string): Article {
  const m = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(source);
  if (!m) throw new CorpusFormatError('missing front matter', fileName);
  const meta: Record<string, string> = {};
  for (const line of (m[1] ?? '').split('\n')) {
    const kv = /^(\w+):\s*(.*)$/.exec(line);
    if (kv) meta[kv[1]!] = (kv[2] ?? '').replace(/^"(.*)"$/, '$1');
  }
  if (!meta.id || !meta.outlet || !meta.title)
    throw new CorpusFormatError('id, outlet and title are required', fileName);
  return {
    id: meta.id,
    outlet: meta.outlet,
    title: meta.title,
    text: (m[2] ?? '').trim(),
    url: meta.url,
    published: meta.published,
    byline: meta.byline,
    seed: meta.seed,
  };
}
