import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { articleFromTxt } from '../../cli/corpus-load';
import { pageFromText } from '../../cli/page';
import { dropChromeParagraphs, isBylineLine, isChromeLine, isLabelLine } from '../../lib/chrome-lines';
import { segment } from '../../lib/segment';

describe('isChromeLine', () => {
  it('knows chrome by its shape', () => {
    for (const line of [
      'https://example.org/a/b?c=1',
      'www.example.org',
      '![]() |',
      '* * *',
      '000 6ddc022de101a071',
      '9f86d081884c7d65 2024',
      'Leave a Comment',
      'Scroll down to leave a comment and share your thoughts.',
      'Click here to read the newsletter',
      'Arrow-right Camera',
      'Chevron-down Share-alt',
    ])
      expect(isChromeLine(line), line).toBe(true);
  });

  it('keeps prose and headings', () => {
    for (const line of [
      'Share prices fell more than 3% on Tuesday.',
      'The council voted 7-2 to approve the plan.',
      'Long-Term Care',
      'Leave campaigners said the vote was lost.',
      'Flight 2024 landed safely.',
      'Follow-up talks are planned for May, officials said.',
      'Add to that the cost of fuel here, and the plan fails.',
      'Read the report below, the minister told reporters.',
    ])
      expect(isChromeLine(line), line).toBe(false);
  });
});

describe('labels and bylines', () => {
  it('tells a kicker or byline from prose', () => {
    expect(isLabelLine('News')).toBe(true);
    expect(isLabelLine('World Politics')).toBe(true);
    expect(isLabelLine('He declined.')).toBe(false);
    expect(isBylineLine('By Staff Writer · 2025-02-18')).toBe(true);
    expect(isBylineLine('Published 18 Feb 2025, 10:04 GMT')).toBe(true);
    expect(isBylineLine('By the end of the day, the river had risen two metres.')).toBe(false);
  });

  it('drops labels and bylines only above the prose, chrome anywhere', () => {
    const prose = 'The board approved the plan on Tuesday, officials said.';
    expect(
      dropChromeParagraphs([
        'World',
        'By A. Writer | May 3, 2025',
        prose,
        'Background',
        prose,
        'https://x.example/',
      ]),
    ).toEqual([prose, 'Background', prose]);
  });
});

describe('a plain-text page copied from a site', () => {
  const page = pageFromText(
    readFileSync('tests/fixtures/pages/chrome-lines.txt', 'utf8'),
    'chrome-lines.txt',
    false,
  );

  it('takes the headline as title, not a link, id or kicker', () => {
    expect(page.title).toBe('Ferry service to the islands doubles in summer');
  });

  it('makes passages only of the article text', () => {
    const paragraphs = page.text.split('\n\n');
    expect(paragraphs).toHaveLength(3);
    expect(page.text).not.toMatch(/https?:|Comment|Arrow|6ddc|Staff Writer|\]\(\)/);
    for (const s of segment(page.text)) expect(s.text.split(' ').length).toBeGreaterThan(5);
  });

  it('keeps a short title that is followed by prose', () => {
    const p = pageFromText(
      'Lighthouse\n\nA lighthouse is a tower that carries a lamp for ships at sea.',
      'l.txt',
      false,
    );
    expect(p.title).toBe('Lighthouse');
  });
});

describe('a .txt corpus article copied from a site', () => {
  const article = articleFromTxt(
    readFileSync('tests/fixtures/corpus/txt-with-chrome.txt', 'utf8'),
    'txt-with-chrome.txt',
  );

  it('takes the headline as title, not a link, id or kicker', () => {
    expect(article).toMatchObject({
      id: 'txt-with-chrome',
      outlet: 'unknown',
      title: 'Old river bridge to close for repairs through August',
    });
  });

  it('keeps only the article text, as a text page does', () => {
    const paragraphs = article.text.split('\n\n');
    expect(paragraphs).toHaveLength(3);
    expect(paragraphs[0]).toMatch(/^The old river bridge will close/);
    expect(article.text).not.toMatch(/https?:|Comment|Arrow|9f3ab|Courier Staff|\]\(\)|^Local$/m);
  });
});
