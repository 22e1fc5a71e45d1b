/** The bench's page and corpora (shared by scripts/bench.ts and scripts/bench-semantic.ts). */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArticleMarkdown } from '../lib/corpus-format';
import type { Article, PageArticle } from '../lib/types';

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

export function bundledArticles(): Article[] {
  return readdirSync('reference')
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => parseArticleMarkdown(readFileSync(join('reference', f), 'utf8'), f));
}

function evalTexts(DATA: string): string[] {
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
export function benchCorpus(n: number, base: Article[], DATA = resolve('../shared/evaldata')): Article[] {
  const texts = evalTexts(DATA);
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
export function benchPage(articles: Article[]): PageArticle {
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
