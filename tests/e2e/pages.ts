/** Test and demo pages: reference articles served as news pages, with planted changes. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface RefArticle {
  id: string;
  outlet: string;
  title: string;
  paragraphs: string[];
}

export function readReference(id: string, root = process.cwd()): RefArticle {
  const src = readFileSync(join(root, 'reference', `${id}.md`), 'utf8');
  const m = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(src);
  if (!m) throw new Error(`reference/${id}.md has no front matter`);
  const meta = Object.fromEntries(
    (m[1] as string)
      .split('\n')
      .map((l) => /^(\w+):\s*(.*)$/.exec(l))
      .filter((x): x is RegExpExecArray => !!x)
      .map((x) => [x[1], (x[2] as string).trim()]),
  );
  const paragraphs = (m[2] as string)
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return { id, outlet: meta.outlet ?? 'unknown', title: meta.title ?? id, paragraphs };
}

export interface Planted {
  kind: string;
  from: string;
  to: string;
}

/** Replaces each `from` with `to` once; throws if the article does not contain it. */
export function plant(article: RefArticle, changes: Planted[]): RefArticle {
  let text = article.paragraphs.join('\n\n');
  for (const c of changes) {
    if (!text.includes(c.from)) throw new Error(`"${c.from}" is not in ${article.id}`);
    text = text.replace(c.from, c.to);
  }
  return { ...article, paragraphs: text.split('\n\n') };
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Page markup splits the text the way real sites do: a link in the middle of a sentence, an
 * emphasised phrase, line breaks inside paragraphs.
 */
function paragraphHtml(p: string, i: number): string {
  let html = escapeHtml(p);
  if (i % 3 === 1) {
    const words = html.split(' ');
    if (words.length > 8) {
      words[3] = `<a href="#ref-${i}">${words[3]}`;
      words[5] = `${words[5]}</a>`;
      words[7] = `<em>${words[7]}</em>`;
      html = words.join(' ');
    }
  }
  if (i % 4 === 2) html = html.replace(/, /, ',\n        ');
  return `      <p>${html}</p>`;
}

export function articleBody(a: { title: string; paragraphs: string[]; byline?: string }): string {
  return [
    `    <article>`,
    `      <h1>${escapeHtml(a.title)}</h1>`,
    a.byline ? `      <p class="byline">By ${escapeHtml(a.byline)}</p>` : '',
    ...a.paragraphs.map(paragraphHtml),
    `    </article>`,
  ]
    .filter(Boolean)
    .join('\n');
}

export function newsPage(
  a: { title: string; paragraphs: string[]; byline?: string },
  opts: { site?: string; script?: string; head?: string } = {},
): string {
  const site = opts.site ?? 'The Daily Example';
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>${escapeHtml(a.title)} | ${escapeHtml(site)}</title>
    <meta property="og:site_name" content="${escapeHtml(site)}" />
    <style>
      body { font: 18px/1.6 Georgia, serif; max-width: 720px; margin: 0 auto; padding: 0 20px 60px; color: #222; }
      header.site { font: 700 22px system-ui, sans-serif; border-bottom: 3px solid #222; padding: 14px 0; margin-bottom: 24px; }
      nav a { margin-right: 12px; font: 14px system-ui, sans-serif; color: #444; }
      h1 { font-size: 34px; line-height: 1.15; }
      .byline { color: #666; font: 14px system-ui, sans-serif; }
      footer { margin-top: 40px; font: 13px system-ui, sans-serif; color: #777; }
    </style>
    ${opts.head ?? ''}
  </head>
  <body>
    <header class="site">${escapeHtml(site)}</header>
    <nav><a href="/">Home</a><a href="/world">World</a><a href="/politics">Politics</a></nav>
    <main id="main">
${articleBody(a)}
    </main>
    <footer>© ${escapeHtml(site)}. All rights reserved.</footer>
    ${opts.script ? `<script>${opts.script}</script>` : ''}
  </body>
</html>
`;
}

/** The NYT article with a number, a designation and a name changed. */
export const NYT_PLANTED: Planted[] = [
  { kind: 'number', from: '10,000 troops', to: '15,000 troops' },
  { kind: 'designation', from: 'RC-135 Rivet Joints', to: 'RC-145 Rivet Joints' },
  { kind: 'name', from: 'Defense Secretary Pete Hegseth', to: 'Defense Secretary Pete Harrison' },
];

export function alteredNyt(root?: string): RefArticle {
  return plant(readReference('nyt-cia-drone-flights-mexico', root), NYT_PLANTED);
}

/** What each planted change looks like as a value pair: [page value, reference value]. */
export const PLANTED_VALUES: Array<[string, string]> = [
  ['15,000', '10,000'],
  ['RC-145', 'RC-135'],
  ['Harrison', 'Hegseth'],
];

/**
 * Our own paraphrase of the bundled NYT seed (tests/fixtures/e2e/paraphrased-nyt.txt), with the
 * 10,000 troops of one paraphrased sentence changed to 15,000: the semantic pass's page. The lexical
 * pass pairs 3 of its passages with the NYT, the semantic pass 5 (ADR 010).
 */
export function paraphrasedNyt(root = process.cwd()): { title: string; paragraphs: string[] } {
  const [title, ...paragraphs] = readFileSync(join(root, 'tests/fixtures/e2e/paraphrased-nyt.txt'), 'utf8')
    .trim()
    .split(/\n\s*\n/);
  if (!title || !paragraphs.length) throw new Error('paraphrased-nyt.txt has no title or no paragraphs');
  return { title, paragraphs };
}

/** The bundled NYT seed's id, the source the paraphrase is compared with. */
export const NYT_ID = 'nyt-cia-drone-flights-mexico';

/**
 * The MEANTIME Wikinews article (tests/fixtures/e2e/README.md), unrelated to the bundled corpus,
 * as a news page that keeps its DOM as the parser left it, before any content script could run,
 * in `window.__before` (compare with in-page.ts's domUnchanged).
 */
export function unrelatedNewsPage(root = process.cwd()): string {
  const text = readFileSync(join(root, 'tests/fixtures/e2e/meantime-boeing-787.txt'), 'utf8')
    .trim()
    .split('\n');
  const [title, ...rest] = text;
  const head = `<script>document.addEventListener('DOMContentLoaded', () => { window.__before = document.documentElement.outerHTML; });</script>`;
  return newsPage({ title: title ?? 'News', paragraphs: rest }, { head, site: 'Wikinews' });
}
