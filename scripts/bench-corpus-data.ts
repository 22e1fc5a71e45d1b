/**
 * Bench articles: real news texts from ../shared/evaldata, read at run time for measuring only
 * (never stored in the repository), varied to reach N; without that folder, reference/ is varied.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Article } from '../lib/types';
import { parseArticleMarkdown } from '../lib/corpus-format';

const EVAL = '../shared/evaldata';

function sourceDocs(): Array<{ outlet: string; title: string; text: string }> {
  const docs: Array<{ outlet: string; title: string; text: string }> = [];
  const jsonl = (path: string) =>
    existsSync(path)
      ? readFileSync(path, 'utf8')
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Record<string, unknown>)
      : [];
  for (const d of [
    ...jsonl(join(EVAL, 'ecbplus/ecbplus_docs.jsonl')),
    ...jsonl(join(EVAL, 'newswcl50/newswcl50_docs.jsonl')),
    ...jsonl(join(EVAL, 'meantime-wikinews/meantime_en_docs.jsonl')),
  ]) {
    const text = String(d.text ?? '').replace(/\\n/g, '\n');
    if (text.length < 400) continue;
    docs.push({
      outlet: String(d.outlet ?? d.corpus ?? d.topic ?? 'outlet'),
      title: String(d.title ?? d.doc_id),
      text,
    });
  }
  if (docs.length) return docs;
  return readdirSync('reference')
    .filter((f) => f.endsWith('.md'))
    .map((f) => parseArticleMarkdown(readFileSync(join('reference', f), 'utf8'), f));
}

/** N distinct articles: each copy rotates its paragraphs and carries its own number. */
export function makeArticles(n: number): Article[] {
  const base = sourceDocs();
  return Array.from({ length: n }, (_, i) => {
    const b = base[i % base.length]!;
    const paras = b.text.split(/\n+/).filter((p) => p.trim());
    const k = Math.floor(i / base.length) % Math.max(1, paras.length);
    const text = [...paras.slice(k), ...paras.slice(0, k)].join('\n\n') + `\n\nCopy ${i}.`;
    return {
      id: `bench-${i}`,
      outlet: `${b.outlet} ${i % 37}`,
      title: `${b.title.slice(0, 90)} (${i})`,
      text,
      url: `https://bench.example/${i}`,
    };
  });
}
