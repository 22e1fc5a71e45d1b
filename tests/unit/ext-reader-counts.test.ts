import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArticleMarkdown } from '../../lib/corpus-format';
import { buildIndex } from '../../lib/corpus-index';
import { analyzePage } from '../../lib/report';
import { countsOf, sharedWith } from '../../components/reader-model';
import { alteredNyt } from '../e2e/pages';

const articles = readdirSync('reference')
  .filter((f) => f.endsWith('.md'))
  .map((f) => parseArticleMarkdown(readFileSync(join('reference', f), 'utf8'), f));
const index = buildIndex(articles);

// The panel showed "47 shared" next to "All (46)": the report counted sentence pairs, the panel
// passages. Every count the reader sees now comes from the passages.
describe('counts the panel shows', () => {
  for (const a of articles) {
    it(`agree for ${a.id}`, () => {
      // Each reference article as a page, its own copy left out of the corpus.
      const others = buildIndex(articles.filter((x) => x.id !== a.id));
      const report = analyzePage({ title: a.title, text: a.text, outlet: a.outlet }, others, {
        extractMs: 0,
      });
      const counts = countsOf(report);
      expect(counts.shared + counts.unique).toBe(counts.passages);
      for (const s of report.sources) {
        expect(s.sharedPassages).toBe(sharedWith(report, s.id));
        expect(s.sharedPassages).toBeLessThanOrEqual(counts.shared);
      }
    });
  }
  it('agree on the altered NYT page, where two of its sentence pairs fall in one passage', () => {
    // This page made the panel say "47 shared" of 46 passages.
    const page = alteredNyt();
    const report = analyzePage(
      { title: page.title, text: page.paragraphs.join('\n\n'), outlet: 'The Daily Example' },
      index,
      { extractMs: 0 },
    );
    const nyt = report.sources.find((s) => s.id === 'nyt-cia-drone-flights-mexico');
    expect(nyt).toBeDefined();
    expect(nyt!.sharedPassages).toBe(sharedWith(report, nyt!.id));
    expect(nyt!.sharedPassages).toBeLessThanOrEqual(report.passages.length);
    for (const s of report.sources) expect(s.sharedPassages).toBe(sharedWith(report, s.id));
  });
});
