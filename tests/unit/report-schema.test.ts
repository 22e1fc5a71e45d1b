import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { parseArticleMarkdown } from '../../lib/corpus-format';
import { buildIndex } from '../../lib/corpus-index';
import { analyzePage } from '../../lib/report';
import type { PageArticle } from '../../lib/types';

const schema = JSON.parse(readFileSync('../shared/contract/report.schema.json', 'utf8')) as object;
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
const articles = readdirSync('reference')
  .filter((f) => f.endsWith('.md'))
  .map((f) => parseArticleMarkdown(readFileSync(join('reference', f), 'utf8'), f));
const index = buildIndex(articles);
const ttoa = articles.find((a) => a.seed?.startsWith('002'))!;

const pages: Array<[string, PageArticle]> = [
  ['a related page with a discrepancy', { title: ttoa.title, text: ttoa.text, url: 'https://example.org/a' }],
  [
    'an unrelated page',
    { title: 'Weather', text: readFileSync('tests/fixtures/articles/unrelated-weather.txt', 'utf8') },
  ],
  [
    'a non-English page',
    { title: 'Météo', text: readFileSync('tests/fixtures/articles/french-weather.txt', 'utf8') },
  ],
  ['an empty page', { title: 'Empty', text: '' }],
];

describe('analyzePage output', () => {
  for (const [name, page] of pages)
    it(`validates against report.schema.json: ${name}`, () => {
      const report = JSON.parse(JSON.stringify(analyzePage(page, index, { extractMs: 1.5, indexMs: 3 })));
      const ok = validate(report);
      expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
      expect(ok).toBe(true);
    });

  it('has the related page compared and the others not', () => {
    expect(analyzePage(pages[0]![1], index).related).toBe(true);
    expect(analyzePage(pages[1]![1], index).related).toBe(false);
    const fr = analyzePage(pages[2]![1], index);
    expect(fr.related).toBe(false);
    expect(fr.notice).toMatch(/English/);
    expect(analyzePage(pages[3]![1], index).notice).toBeTruthy();
  });
});
