/**
 * Fuzzing the engine and the CLI on generated input (random bytes, random and unbalanced HTML,
 * huge and empty fields) with a fixed seed, so every run sees the same inputs: never a stack
 * trace, never a hang, always one clear line or a valid report.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { notComparedReport } from '../../cli/analyze';
import { compareLine } from '../../cli/compare';
import { loadCorpus } from '../../cli/corpus-load';
import { decodeText, InputError } from '../../cli/input';
import { pageFromHtml, pageFromText } from '../../cli/page';
import { buildIndex } from '../../lib/corpus-index';
import { CorpusFormatError, parseArticleMarkdown, parseCorpusFile } from '../../lib/corpus-format';
import { analyzePage } from '../../lib/report';
import type { PageArticle } from '../../lib/types';

const schema = JSON.parse(readFileSync('../shared/contract/report.schema.json', 'utf8')) as object;
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema(schema, 'report');
const validateReport = ajv.compile({ $ref: 'report' });
const validatePair = ajv.compile({ $ref: 'report#/$defs/pairResult' });

/** mulberry32: a small, fast PRNG; the fixed seed makes every run the same. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = prng(0x9a11a);
const int = (n: number) => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;

const WORDS = [
  'the',
  'council',
  'voted',
  'on',
  'Tuesday',
  'to',
  'approve',
  'budget',
  '2025',
  '3.5%',
  'million',
  'said',
  'Smith',
  'bridge',
  'river',
  '“quoted”',
  'naïve',
  '日本',
  'مرحبا',
  '\u202e',
  '\u0000',
  '\x1b[2J',
  '\x07',
  '&amp;',
  '&#0;',
  '&#x1b;',
  '&nbsp;',
  '<',
  '>',
  '"',
  "'",
  '\ud800',
  '😀',
  '\r\n',
  '\t',
];
const TAGS = [
  'div',
  'p',
  'article',
  'section',
  'span',
  'a',
  'h1',
  'h2',
  'ul',
  'li',
  'table',
  'tr',
  'td',
  'br',
  'img',
  'script',
  'style',
  'svg',
  'math',
  'template',
  'noscript',
  'title',
  'head',
  'body',
  'html',
  'main',
  'nav',
  'footer',
  'aside',
  'figure',
  'figcaption',
  'iframe',
  'textarea',
  'select',
  'option',
  'form',
  'button',
];
const ATTRS = [
  'class="story"',
  'id="main"',
  'onclick="x()"',
  'ONLOAD=y',
  'hidden',
  'role="navigation"',
  '"bad=1',
  'a=b=c',
  'href="javascript:alert(1)"',
  'property="og:type" content="article"',
  'lang="en"',
  'type="application/ld+json"',
  'style="display:none"',
  'x:y="z"',
  '=',
  "'",
];

function text(n: number): string {
  return Array.from({ length: n }, () => pick(WORDS)).join(pick([' ', ' ', ' ', '', '\n', '\n\n']));
}

/** Random markup: nested, unbalanced, with stray end tags, comments and broken JSON-LD. */
function html(budget: number): string {
  const out: string[] = [];
  const open: string[] = [];
  for (let i = 0; i < budget; i++) {
    const r = rand();
    if (r < 0.3) {
      const tag = pick(TAGS);
      const attrs = Array.from({ length: int(3) }, () => pick(ATTRS)).join(' ');
      out.push(`<${tag}${attrs ? ' ' + attrs : ''}${rand() < 0.05 ? '/' : ''}>`);
      open.push(tag);
    } else if (r < 0.45 && open.length) out.push(`</${open.pop()}>`);
    else if (r < 0.5) out.push(`</${pick(TAGS)}>`);
    else if (r < 0.53)
      out.push(pick(['<!--', '-->', '<![CDATA[', ']]>', '<!DOCTYPE html>', '</', '<', '<<p>']));
    else if (r < 0.55)
      out.push(
        '<script type="application/ld+json">' +
          pick(['{"@type":"NewsArticle"', '[[[[', '{"@graph":[{"@type":"CollectionPage"}]}', '']) +
          '</script>',
      );
    else if (r < 0.552) out.push('<div>'.repeat(int(2000)));
    else out.push(text(1 + int(30)));
  }
  if (rand() < 0.5) while (open.length) out.push(`</${open.pop()}>`);
  return out.join('');
}

function bytes(n: number): Uint8Array {
  return Uint8Array.from({ length: n }, () => int(256));
}

/** What the engine may do with bad input: throw one of our clear errors, nothing else. */
function expectClearError(err: unknown): void {
  expect(err instanceof InputError || err instanceof CorpusFormatError, String(err)).toBe(true);
  const message = (err as Error).message;
  expect(message.length).toBeGreaterThan(0);
  expect(message).not.toMatch(/\n|\bat .*\(|node:internal/);
}

const index = buildIndex(loadCorpus('reference'));

function report(page: PageArticle, notArticle: boolean, notice?: string) {
  const r = notArticle ? notComparedReport(page, notice ?? 'not an article', 0) : analyzePage(page, index);
  expect(validateReport(r), JSON.stringify(validateReport.errors)).toBe(true);
}

describe('fuzz: the engine', () => {
  it('turns random HTML into a valid report or one clear error', () => {
    let reports = 0;
    for (let i = 0; i < 80; i++) {
      const source = html(20 + int(400));
      try {
        const loaded = pageFromHtml(source, `fuzz-${i}.html`);
        report(loaded.page, loaded.notArticle === true, loaded.notice);
        reports++;
      } catch (err) {
        expectClearError(err);
      }
    }
    expect(reports).toBeGreaterThan(20);
  });

  it('turns random text and random bytes into a valid report or one clear error', () => {
    let reports = 0;
    for (let i = 0; i < 120; i++) {
      try {
        const source = i % 2 ? text(int(600)) : decodeText(bytes(int(3000)), `fuzz-${i}`);
        const page = pageFromText(source, `fuzz-${i}.${i % 3 ? 'txt' : 'md'}`, i % 3 === 0);
        if (!page.text.trim()) continue;
        report(page, false);
        reports++;
      } catch (err) {
        expectClearError(err);
      }
    }
    expect(reports).toBeGreaterThan(20);
  });

  it('handles huge and empty fields', () => {
    const huge = 'word '.repeat(300_000);
    const oneWord = 'x'.repeat(500_000);
    for (const page of [
      { title: '', text: huge },
      { title: oneWord, text: 'The council voted.' },
      { title: 'T', text: oneWord },
      { title: 'T', text: '\n\n\n' },
      { title: 'T', text: '.'.repeat(100_000) },
    ])
      report(page, false);
    for (const source of ['', '<html></html>', `<p>${oneWord}</p>`, `<title>${huge}</title><p>x</p>`]) {
      try {
        const loaded = pageFromHtml(source, 'huge.html');
        report(loaded.page, loaded.notArticle === true, loaded.notice);
      } catch (err) {
        expectClearError(err);
      }
    }
  });

  it('reads random corpus items and front matter with reasons, never a crash', () => {
    const values = [
      '',
      'x',
      'yesterday',
      '2025-02-30',
      'javascript:x',
      'https://ok.example/',
      7,
      null,
      {},
      [],
    ];
    for (let i = 0; i < 200; i++) {
      const item = Object.fromEntries(
        ['id', 'outlet', 'title', 'text', 'url', 'published', 'byline']
          .filter(() => rand() < 0.8)
          .map((k) => [k, pick(values)]),
      );
      const { articles, errors } = parseCorpusFile({
        format: 'parallax-corpus',
        version: 1,
        articles: [item],
      });
      expect(articles.length + errors.length).toBe(1);
      for (const e of errors) expect(e.reason).toMatch(/\S/);
      const md = `${rand() < 0.9 ? '---\n' : ''}${text(int(20))}\n${rand() < 0.7 ? '---\n' : ''}${text(int(50))}`;
      try {
        parseArticleMarkdown(md, `fuzz-${i}.md`);
      } catch (err) {
        expectClearError(err);
      }
    }
  });

  it('answers every random compare line with one valid pairResult', () => {
    for (let i = 0; i < 150; i++) {
      const line = pick([
        () => JSON.stringify({ id: `p${i}`, a: text(int(60)), b: text(int(60)) }),
        () => JSON.stringify({ id: i, a: '', b: '' }),
        () => JSON.stringify({ a: 1, b: [] }),
        () => text(int(20)),
        () => new TextDecoder().decode(bytes(int(200))),
        () => JSON.stringify([1, 2]),
        () => 'null',
      ])();
      const result = compareLine(line, i + 1);
      expect(validatePair(result), JSON.stringify(validatePair.errors)).toBe(true);
    }
  });
});

describe('fuzz: the CLI', () => {
  const dir = mkdtempSync(join(tmpdir(), 'parallax-fuzz-'));
  const files: Array<[string, string | Uint8Array]> = [
    ['random.bin', bytes(20_000)],
    ['random.html', html(3000)],
    ['unbalanced.html', `<html><body>${'<div><p>'.repeat(3000)}${text(400)}${'</span>'.repeat(50)}`],
    ['empty.txt', ''],
    ['huge-field.txt', `Title\n\n${'x'.repeat(2_000_000)}`],
    ['random.md', `---\n${text(30)}\n---\n${text(200)}`],
  ];
  for (const [name, content] of files) writeFileSync(join(dir, name), content);

  for (const [name] of files) {
    // The readable output of every file, and the JSON of the ones most likely to hold text.
    for (const json of name.endsWith('.html') || name.endsWith('.md') ? [true, false] : [false]) {
      it(`analyze ${name}${json ? ' --json' : ''}: a valid report or one clear line`, () => {
        const r = spawnSync(
          'node',
          ['--import', 'tsx', 'bin/parallax.ts', 'analyze', join(dir, name), ...(json ? ['--json'] : [])],
          { encoding: 'utf8', timeout: 30_000, maxBuffer: 64 << 20 },
        );
        expect(r.error).toBeUndefined();
        expect(r.stderr).not.toMatch(/\bat .*\(|node:internal|internal error/);
        // eslint-disable-next-line no-control-regex
        expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
        if (r.status === 0) {
          expect(r.stderr).toBe('');
          if (json)
            expect(validateReport(JSON.parse(r.stdout)), JSON.stringify(validateReport.errors)).toBe(true);
          else expect(r.stdout).toMatch(/\S/);
        } else {
          expect(r.status).toBe(2);
          expect(r.stdout).toBe('');
          expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
        }
      });
    }
  }

  it('compare on random lines: one valid line per non-blank input line', () => {
    const lines = Array.from({ length: 40 }, (_, i) =>
      i % 4
        ? JSON.stringify({ id: `p${i}`, a: text(int(40)), b: text(int(40)) })
        : text(int(10)).replace(/[\r\n]/g, ' '),
    );
    const input = lines.join('\n') + '\n';
    const r = spawnSync('node', ['--import', 'tsx', 'bin/parallax.ts', 'compare', '-'], {
      input,
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const out = r.stdout.trimEnd().split('\n');
    expect(out).toHaveLength(lines.filter((l) => l.trim()).length);
    for (const l of out) expect(validatePair(JSON.parse(l)), l).toBe(true);
  });
});
