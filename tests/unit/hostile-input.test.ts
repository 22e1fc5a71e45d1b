/**
 * Hostile input (issue 9): control characters never reach the terminal, a late NUL is binary,
 * corpus fields get one validation in both formats, and blank compare lines are skipped.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import Ajv2020 from 'ajv/dist/2020';
import { compareStream } from '../../cli/compare';
import { loadCorpus } from '../../cli/corpus-load';
import { decodeText } from '../../cli/input';
import { safeJson, safeLine, safeText } from '../../cli/terminal';
import { parseArticleMarkdown, parseCorpusFile } from '../../lib/corpus-format';

const ajv = new Ajv2020({ strict: false, allErrors: true });
const validate = ajv.compile(
  JSON.parse(readFileSync('../shared/contract/report.schema.json', 'utf8')) as object,
);
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const dir = mkdtempSync(join(tmpdir(), 'parallax-hostile-'));

function cli(args: string[]) {
  const r = spawnSync('node', ['--import', 'tsx', 'bin/parallax.ts', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('nothing printed can drive the terminal', () => {
  it('shows control characters as visible pictures and escapes them in JSON', () => {
    expect(safeText('a\x1b]0;title\x07b\x1b[2Jc\u009b2J')).toBe('a\u241b]0;title\u2407b\u241b[2Jc\uFFFD2J');
    expect(safeText('line\nnext\ttab')).toBe('line\nnext\ttab');
    expect(safeLine('one\ntwo\x1b[2J')).toBe('one two\u241b[2J');
    const json = safeJson({ t: '\x00\x1b\u009b\x7f' });
    expect(json).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(json)).toEqual({ t: '\x00\x1b\u009b\x7f' });
  });

  it('prints a page full of escape sequences without one raw control character', () => {
    const run = cli(['analyze', 'tests/fixtures/hostile/escapes.txt']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    expect(run.stdout).toContain('\u241b]0;pwned\u2407');
  });

  it('keeps them as data, escaped, in a valid JSON report', () => {
    const run = cli(['analyze', 'tests/fixtures/hostile/escapes.txt', '--json']);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toMatch(RAW_CONTROL);
    const report = JSON.parse(run.stdout) as { text?: string; page: { title: string } };
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.page.title).toContain('\x1b]0;pwned\x07');
  });

  it('neutralises a file name with escapes in the error line', () => {
    const run = cli(['analyze', `missing\x1b[2J\x07.txt`]);
    expect(run.code).toBe(2);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).not.toMatch(RAW_CONTROL);
    expect(run.stderr).toMatch(/file not found: missing\u241b\[2J\u2407\.txt/);
  });
});

describe('binary input', () => {
  it('counts a NUL byte after the first 8 KB as binary', () => {
    const bytes = readFileSync('tests/fixtures/hostile/late-nul.txt');
    expect(bytes.indexOf(0)).toBeGreaterThan(8192);
    expect(() => decodeText(bytes, 'late-nul.txt')).toThrow(/binary file/);
    const run = cli(['analyze', 'tests/fixtures/hostile/late-nul.txt', '--json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^parallax analyze: tests\/fixtures\/hostile\/late-nul\.txt is a binary file/);
  });
});

describe('corpus fields: one validation for .md and JSON', () => {
  const md = (fields: string) => `---\noutlet: Example\ntitle: A title\n${fields}\n---\n\nSome text.\n`;
  const item = (fields: object) => ({
    format: 'parallax-corpus',
    version: 1,
    articles: [{ outlet: 'Example', title: 'A title', text: 'Some text.', ...fields }],
  });

  it('refuses a date that is not ISO 8601, in both formats, with the same words', () => {
    expect(() => parseArticleMarkdown(md('published: yesterday'), 'a.md')).toThrow(
      'a.md: field "published" must be an ISO 8601 date (2025-02-18, or 2025-02-18T10:00:00Z), got "yesterday"',
    );
    expect(parseCorpusFile(item({ published: 'yesterday' })).errors).toEqual([
      {
        index: 0,
        reason:
          '"published": must be an ISO 8601 date (2025-02-18, or 2025-02-18T10:00:00Z), got "yesterday"',
      },
    ]);
  });

  it('refuses javascript: and other non-web URLs, in both formats', () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', 'not a url']) {
      expect(() => parseArticleMarkdown(md(`url: "${url}"`), 'a.md')).toThrow(
        /a\.md: field "url" must be an http:\/\/ or https:\/\/ URL/,
      );
      const { articles, errors } = parseCorpusFile(item({ url }));
      expect(articles).toHaveLength(0);
      expect(errors[0]?.reason).toMatch(/^"url": must be an http:\/\/ or https:\/\/ URL/);
    }
    expect(parseArticleMarkdown(md('url: https://example.org/a'), 'a.md').url).toBe('https://example.org/a');
    expect(parseCorpusFile(item({ url: 'http://example.org/a' })).articles).toHaveLength(1);
  });

  it('names the bad article of a corpus file in the CLI', () => {
    const file = join(dir, 'bad.corpus.json');
    writeFileSync(file, JSON.stringify(item({ url: 'javascript:alert(1)' })));
    expect(() => loadCorpus(file)).toThrow(/article 1 \(articles\[0\]\): "url": must be an http/);
  });

  it('says that the closing --- line is missing', () => {
    expect(() =>
      parseArticleMarkdown('---\noutlet: Example\ntitle: A title\n\nSome text.\n', 'b.md'),
    ).toThrow(/b\.md: the front matter that starts on line 1 has no closing "---" line/);
    expect(() => parseArticleMarkdown('Just text.\n', 'c.md')).toThrow(/c\.md: missing front matter/);
  });
});

describe('compare: blank input lines', () => {
  it('are skipped: no output line, and later lines keep their own line numbers', async () => {
    const pair = JSON.stringify({ id: 'p1', a: 'The bridge opened in May.', b: 'The bridge opened in May.' });
    const input = Readable.from([`${pair}\n\n   \n\t\n{bad\n${pair}\n`]);
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on('data', (c: Buffer) => chunks.push(c.toString('utf8')));
    await compareStream(input, out);
    const lines = chunks.join('').trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[1]!)).toMatchObject({ id: 'line-5', error: 'line 5: not valid JSON' });
  });
});
