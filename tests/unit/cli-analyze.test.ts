import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parseArticleMarkdown } from '../../lib/corpus-format';
import { loadCorpus } from '../../cli/corpus-load';
import { pageFromHtml, splitTitle, textToParagraphs } from '../../cli/page';
import { renderReport, useColor } from '../../cli/render';
import type { Report } from '../../lib/types';

const SCHEMA = '../shared/contract/report.schema.json';
const ajv = new Ajv2020({ strict: false, allErrors: true });
const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA, 'utf8')) as object);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function analyze(args: string[], input?: string, env: Record<string, string> = {}): Run {
  const r = spawnSync('node', ['--import', 'tsx', 'bin/parallax.ts', 'analyze', ...args], {
    input,
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function jsonReport(run: Run): Report {
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const report = JSON.parse(run.stdout) as Report;
  const ok = validate(report);
  expect(ok, JSON.stringify(validate.errors)).toBe(true);
  // exactly one JSON document and nothing else
  expect(run.stdout.trim().split('\n')).toHaveLength(1);
  return report;
}

/** Exit 2, one clear line on stderr, nothing on stdout, no stack trace. */
function expectInputError(run: Run, ...mentions: RegExp[]): void {
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\bat .*\(|node:internal|Error:/);
  for (const m of mentions) expect(run.stderr).toMatch(m);
}

let dir: string;
const fixture = (name: string) => `tests/fixtures/pages/${name}`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'parallax-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('analyze --json', () => {
  it('extracts a saved news page and flags RC-125 against the NYT RC-135', () => {
    const report = jsonReport(analyze([fixture('news-article.html'), '--json']));
    expect(report.page.title).toBe('CIA has Secretly Been Busy In Mexico: Report');
    expect(report.page.outlet).toBe('TTOA');
    expect(report.related).toBe(true);
    expect(report.sources.map((s) => s.id)).toContain('nyt-cia-drone-flights-mexico');
    const d = report.discrepancies.find((x) => x.page.includes('RC-125'));
    expect(d).toBeDefined();
    expect(d!.reference).toContain('RC-135');
    expect(d!.sourceId).toBe('nyt-cia-drone-flights-mexico');
  });

  it('reads plain text from standard input', () => {
    const nyt = parseArticleMarkdown(
      readFileSync('reference/nyt-cia-drone-flights-mexico.md', 'utf8'),
      'nyt.md',
    );
    const report = jsonReport(analyze(['-', '--json'], `${nyt.title}\n\n${nyt.text}\n`));
    expect(report.page.title).toBe(nyt.title);
    expect(report.selfSourceId).toBe('nyt-cia-drone-flights-mexico');
  });

  it('gives a home page a valid not-related report that says why', () => {
    const report = jsonReport(analyze([fixture('homepage.html'), '--json']));
    expect(report.related).toBe(false);
    expect(report.sources).toEqual([]);
    expect(report.notice).toMatch(/not look like a single article/);
  });

  it('gives a non-English page a valid not-related report with a notice', () => {
    const report = jsonReport(analyze([fixture('french-article.html'), '--json']));
    expect(report.related).toBe(false);
    expect(report.notice).toMatch(/not English/i);
    expect(report.passages).toEqual([]);
  });

  it('handles a 5 MB page without hanging, comparing its beginning', () => {
    const nyt = readFileSync('reference/nyt-cia-drone-flights-mexico.md', 'utf8').split('---\n')[2]!;
    const huge = join(dir, 'huge.txt');
    writeFileSync(huge, `Huge page\n\n${nyt.repeat(Math.ceil(5_000_000 / nyt.length))}`);
    const report = jsonReport(analyze([huge, '--json']));
    expect(report.notice).toMatch(/very long/);
    expect(report.page.chars).toBeLessThanOrEqual(100_000);
  });
});

describe('analyze, readable output', () => {
  it('lists related sources, then discrepancies with both readings and the outlet, without colour in a pipe', () => {
    const run = analyze([fixture('news-article.html')]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toContain('\x1b[');
    const related = run.stdout.indexOf('Related sources');
    const disc = run.stdout.indexOf('Discrepancies');
    expect(related).toBeGreaterThan(-1);
    expect(disc).toBeGreaterThan(related);
    expect(run.stdout.slice(disc)).toMatch(/RC-125[\s\S]*RC-135/);
    expect(run.stdout.slice(disc)).toContain('The New York Times');
  });

  it('says plainly when nothing is related', () => {
    const run = analyze([fixture('homepage.html')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/No related article/);
  });
});

describe('analyze, bad input: exit 2 and one line', () => {
  it('missing file', () =>
    expectInputError(analyze(['no/such/page.html']), /not found: no\/such\/page\.html/));
  it('a directory', () => expectInputError(analyze(['tests/fixtures']), /directory/));
  it('an empty file', () => {
    const empty = join(dir, 'empty.txt');
    writeFileSync(empty, '  \n\n');
    expectInputError(analyze([empty]), /empty/);
  });
  it('an empty page (HTML without text)', () =>
    expectInputError(analyze([fixture('no-text.html')]), /empty/));
  it('a binary file', () => {
    const bin = join(dir, 'image.html');
    writeFileSync(
      bin,
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48]),
    );
    expectInputError(analyze([bin]), /binary/);
  });
  it('empty standard input', () => expectInputError(analyze(['-'], ''), /standard input is empty/));
  it('an unknown option', () =>
    expectInputError(analyze([fixture('plain-br.html'), '--jsn']), /unknown option --jsn/));
  it('no page', () => expectInputError(analyze(['--json']), /no PAGE/));

  it('a corpus article without an outlet, naming the file and field', () => {
    const corpus = join(dir, 'bad-corpus');
    mkdirSync(corpus);
    copyFileSync('reference/nyt-cia-drone-flights-mexico.md', join(corpus, 'nyt.md'));
    writeFileSync(join(corpus, 'broken.md'), '---\nid: broken\ntitle: No outlet here\n---\n\nSome text.\n');
    expectInputError(
      analyze([fixture('plain-br.html'), '--corpus', corpus, '--json']),
      /broken\.md/,
      /"outlet"/,
    );
  });

  it('a corpus file with a bad article, naming its position', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        format: 'parallax-corpus',
        version: 1,
        articles: [
          { outlet: 'O', title: 'T', text: 'Fine.' },
          { outlet: 'O', text: 'No title.' },
        ],
      }),
    );
    expectInputError(
      analyze([fixture('plain-br.html'), '--corpus', file]),
      /bad\.json/,
      /article 2/,
      /title/,
    );
  });

  it('a corpus file that is not JSON, and a missing corpus', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"format": ');
    expectInputError(analyze([fixture('plain-br.html'), '--corpus', file]), /not valid JSON/);
    expectInputError(analyze([fixture('plain-br.html'), '--corpus', join(dir, 'nope')]), /corpus not found/);
  });
});

describe('analyze --corpus', () => {
  it('accepts .txt articles with the file name as id and outlet "unknown"', () => {
    const corpus = join(dir, 'txt-corpus');
    mkdirSync(corpus);
    const nyt = parseArticleMarkdown(
      readFileSync('reference/nyt-cia-drone-flights-mexico.md', 'utf8'),
      'nyt.md',
    );
    writeFileSync(join(corpus, 'nyt-copy.txt'), `${nyt.title}\n\n${nyt.text}\n`);
    copyFileSync('reference/wapo-cia-drug-cartel-fight.md', join(corpus, 'wapo.md'));
    const report = jsonReport(analyze([fixture('news-article.html'), '--corpus', corpus, '--json']));
    const source = report.sources.find((s) => s.id === 'nyt-copy');
    expect(source).toMatchObject({ outlet: 'unknown', title: nyt.title });
  });

  it('works with a corpus file of 2,000 articles', () => {
    const articles = Array.from({ length: 2000 }, (_, i) => ({
      id: `synthetic-${i}`,
      outlet: `Outlet ${i % 40}`,
      title: `Report number ${i} on the regional economy`,
      text: `The regional economy grew by ${i % 9} percent in quarter ${i % 4}, officials in district ${i} said on Monday.\n\nAnalysts expect exports to rise next year as port number ${i} reopens.`,
    }));
    const nyt = parseArticleMarkdown(
      readFileSync('reference/nyt-cia-drone-flights-mexico.md', 'utf8'),
      'nyt.md',
    );
    articles.push({ id: nyt.id, outlet: nyt.outlet, title: nyt.title, text: nyt.text });
    const file = join(dir, 'big.json');
    writeFileSync(file, JSON.stringify({ format: 'parallax-corpus', version: 1, articles }));
    const report = jsonReport(analyze([fixture('news-article.html'), '--corpus', file, '--json']));
    expect(report.sources[0]?.id).toBe('nyt-cia-drone-flights-mexico');
  });
});

describe('corpus loading', () => {
  it('loads the bundled reference folder', () => {
    const articles = loadCorpus('reference');
    expect(articles).toHaveLength(5);
    expect(new Set(articles.map((a) => a.outlet)).size).toBe(5);
  });

  it('loads a folder of 2,000 .md articles', () => {
    const big = join(dir, 'big-folder');
    mkdirSync(big);
    for (let i = 0; i < 2000; i++)
      writeFileSync(
        join(big, `a${i}.md`),
        `---\nid: a${i}\noutlet: Outlet ${i % 40}\ntitle: "Article ${i}: a title"\n---\n\nText of article ${i}.\n`,
      );
    const articles = loadCorpus(big);
    expect(articles).toHaveLength(2000);
    expect(articles[0]!.title).toBe('Article 0: a title');
  });

  it('refuses two files with the same id', () => {
    const dup = join(dir, 'dup');
    mkdirSync(dup);
    copyFileSync('reference/nyt-cia-drone-flights-mexico.md', join(dup, 'a.md'));
    copyFileSync('reference/nyt-cia-drone-flights-mexico.md', join(dup, 'b.md'));
    expect(() => loadCorpus(dup)).toThrow(/already used/);
  });
});

describe('plain-text pages', () => {
  it('takes the first line as title only when it looks like one', () => {
    expect(splitTitle('CIA expands drone flights\n\nThe United States has...')).toEqual({
      title: 'CIA expands drone flights',
      body: '\nThe United States has...',
    });
    expect(splitTitle('The United States has stepped up flights.\nMore text.').title).toBeUndefined();
    expect(splitTitle('# A markdown headline\nText.').title).toBe('A markdown headline');
    expect(splitTitle('Just one line').title).toBeUndefined();
    expect(splitTitle('Is this the end of cash?\n\nText.').title).toBe('Is this the end of cash?');
    expect(splitTitle('Join our channel now!\n\nText.').title).toBeUndefined();
  });

  it('reads a bare HTML fragment as an article', () => {
    const p = 'The city council voted on Tuesday night to expand the bus network, officials said.';
    const loaded = pageFromHtml(`<h1>Council votes</h1>\n<p>${p}</p><p>${p}</p>`, 'frag.html');
    expect(loaded.notArticle).toBeUndefined();
    expect(loaded.page.text).toBe(`${p}\n\n${p}`);
  });

  it('keeps one paragraph per long line, and joins hard-wrapped lines', () => {
    const long = 'x'.repeat(120);
    expect(textToParagraphs(`${long}\n${long}`)).toBe(`${long}\n\n${long}`);
    expect(textToParagraphs('short wrapped\nline here\n\nnext para')).toBe(
      'short wrapped line here\n\nnext para',
    );
  });
});

describe('renderReport', () => {
  const report: Report = {
    schemaVersion: 1,
    page: { title: 'Page title', chars: 100, sentences: 3, outlet: 'Page Outlet' },
    related: true,
    selfSourceId: null,
    sources: [
      {
        id: 'nyt',
        outlet: 'The New York Times',
        title: 'NYT title',
        score: 0.8,
        sharedPassages: 2,
        relation: 'same-story',
      },
    ],
    passages: [
      { id: 'p0', text: 'a', start: 0, end: 1, verdict: 'agree', matches: [] },
      { id: 'p1', text: 'b', start: 2, end: 3, verdict: 'differ', matches: [] },
    ],
    discrepancies: [
      {
        id: 'd0',
        kind: 'designation',
        page: 'RC-125',
        reference: 'RC-135',
        sourceId: 'nyt',
        passageId: 'p1',
        pageText: 'Aircraft including RC-125 Rivet Joints.',
        referenceText: 'Aircraft including RC-135 Rivet Joints.',
        confidence: 0.9,
        explanation: 'This page says RC-125 Rivet Joints; The New York Times says RC-135.',
      },
    ],
    timings: { extractMs: 1, analyzeMs: 2 },
  };

  it('colours only when asked, and highlights both readings', () => {
    const plain = renderReport(report, { color: false, width: 100 });
    expect(plain).not.toContain('\x1b[');
    expect(plain).toContain('0.80  The New York Times — NYT title');
    expect(plain).toMatch(
      /This page:\n\s+“Aircraft including RC-125 Rivet Joints\.”\n\s+The New York Times:\n\s+“Aircraft including RC-135/,
    );
    const coloured = renderReport(report, { color: true, width: 100 });
    expect(coloured).toContain('\x1b[31mRC-125\x1b[39m');
    expect(coloured).toContain('\x1b[32mRC-135\x1b[39m');
  });

  it('uses colour on a terminal unless NO_COLOR is set', () => {
    const tty = { isTTY: true } as NodeJS.WriteStream;
    const saved = process.env.NO_COLOR;
    delete process.env.NO_COLOR;
    const term = process.env.TERM;
    process.env.TERM = 'xterm';
    expect(useColor(tty)).toBe(true);
    expect(useColor({ isTTY: false } as NodeJS.WriteStream)).toBe(false);
    process.env.NO_COLOR = '1';
    expect(useColor(tty)).toBe(false);
    if (saved === undefined) delete process.env.NO_COLOR;
    else process.env.NO_COLOR = saved;
    if (term === undefined) delete process.env.TERM;
    else process.env.TERM = term;
  });
});
