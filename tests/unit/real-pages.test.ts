/**
 * Real page shapes that the CLI once misread (issue 9): content before <head>, teaser <article>s
 * beside a post, short paths and titles with article metadata, front pages, deep nesting, huge
 * pages, kickers and bylines. Every page here is a fixture we wrote or one generated in the test.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { limitNesting, MAX_NESTING, parseHtmlDocument } from '../../cli/dom';
import { pageFromHtml } from '../../cli/page';
import { isIsoDate } from '../../lib/corpus-format';
import { extractArticle, looksLikeArticle } from '../../lib/extract';

const page = (name: string) => readFileSync(`tests/fixtures/pages/${name}`, 'utf8');

const PARAGRAPH =
  'The council voted on Tuesday to approve the new budget for the city, after a long debate about schools, roads and the cost of heating the public swimming pool through the winter.';

function nested(depth: number): string {
  const body = `<h1>Budget approved</h1>${`<p>${PARAGRAPH}</p>`.repeat(6)}`;
  return `<!DOCTYPE html><html><head><title>Budget approved</title></head><body>${'<div>'.repeat(depth)}${body}${'</div>'.repeat(depth)}</body></html>`;
}

describe('the CLI reads what the browser reads', () => {
  it('reads a page whose markup puts content before <head>', () => {
    const loaded = pageFromHtml(page('before-head.html'), 'before-head.html');
    expect(loaded.notArticle).toBeUndefined();
    expect(loaded.page.title).toBe('Flood barrier opens ahead of spring tides');
    expect(loaded.page.text).toMatch(/^The new flood barrier/);
    expect(loaded.page.text.split('\n\n')).toHaveLength(6);
    expect(loaded.page.outlet).toBe('Riverside Courier');
  });

  it('puts the content in <body> as the HTML standard says', () => {
    const doc = parseHtmlDocument(page('before-head.html'));
    expect(doc.body.textContent).toMatch(/Riverside Courier · Local news/);
    expect(doc.body.querySelectorAll('article p')).toHaveLength(6);
    expect(doc.documentElement.getAttribute('lang')).toBe('en');
  });
});

describe('article metadata outweighs the shape of the URL', () => {
  it('takes a post with og:type=article and teaser <article>s under /news/lean, without the teasers', () => {
    const doc = parseHtmlDocument(page('blog-with-teasers.html'));
    expect(looksLikeArticle(doc)).toBe(true);
    const a = extractArticle(doc)!;
    expect(a.title).toBe('Why we switched to lean batches');
    expect(a.text.split('\n\n')).toHaveLength(5);
    expect(a.text).not.toMatch(/More from the workshop|Choosing an oven/);
  });

  it('takes an encyclopedia article with a one-word title under /wiki/', () => {
    const doc = parseHtmlDocument(page('encyclopedia-short-title.html'));
    expect(looksLikeArticle(doc)).toBe(true);
    expect(extractArticle(doc)?.title).toBe('Lighthouse');
  });

  it('still refuses a front page of teasers, even one that calls itself og:type=article', () => {
    expect(looksLikeArticle(parseHtmlDocument(page('front-many-teasers.html')))).toBe(false);
    expect(pageFromHtml(page('front-many-teasers.html'), 'front.html').notArticle).toBe(true);
    expect(looksLikeArticle(parseHtmlDocument(page('homepage.html')))).toBe(false);
  });

  it('refuses a page whose JSON-LD, wrapped in CDATA, says CollectionPage', () => {
    const html = page('blog-with-teasers.html').replace(
      '<link rel="canonical"',
      '<script type="application/ld+json"><![CDATA[{"@type":"CollectionPage","name":"Notes"}]]></script><link rel="canonical"',
    );
    expect(looksLikeArticle(parseHtmlDocument(html))).toBe(false);
  });

  it('without metadata, a section-front path is still a front', () => {
    const html = page('blog-with-teasers.html').replace('<meta property="og:type" content="article">', '');
    expect(looksLikeArticle(parseHtmlDocument(html))).toBe(false);
  });
});

describe('kickers and bylines are not passages', () => {
  it('drops the kicker and the byline line above the story', () => {
    const a = extractArticle(parseHtmlDocument(page('kicker-byline.html')))!;
    const paragraphs = a.text.split('\n\n');
    expect(paragraphs).toHaveLength(4);
    expect(paragraphs[0]).toMatch(/^The regional transport board/);
    expect(a.text).not.toMatch(/Staff Writer|^News$/m);
  });
});

describe('deep nesting is bounded', () => {
  for (const depth of [10_000, 40_000, 100_000]) {
    it(`finds the article inside ${depth.toLocaleString('en-US')} nested <div>s`, () => {
      const loaded = pageFromHtml(nested(depth), 'deep.html');
      expect(loaded.notArticle).toBeUndefined();
      expect(loaded.page.title).toBe('Budget approved');
      expect(loaded.page.text.split('\n\n')).toHaveLength(6);
    });
  }

  it('caps the tree at MAX_NESTING and keeps every word', () => {
    const doc = parseHtmlDocument(nested(5_000));
    let depth = 0;
    for (let el: Element | null = doc.querySelector('p'); el; el = el.parentElement) depth++;
    expect(depth).toBeLessThanOrEqual(MAX_NESTING + 3);
    expect(doc.querySelectorAll('p')).toHaveLength(6);
  });

  it('leaves a page nested less deeply untouched, and never drops raw-text content', () => {
    const html = `<div><script>if (a < b) { x = "<div><div>"; }</script><p>text</p></div>`;
    expect(limitNesting(html)).toBe(html);
    const deep = `${'<section>'.repeat(600)}<script>"<div>"</script>${'</section>'.repeat(600)}`;
    const flat = limitNesting(deep);
    expect(flat).toContain('<script>"<div>"</script>');
    expect(flat.match(/<section>/g)).toHaveLength(MAX_NESTING);
    expect(flat.match(/<\/section>/g)).toHaveLength(MAX_NESTING);
  });
});

describe('a huge page', () => {
  it('says in the notice that only the start of the HTML was read', () => {
    const filler = `<div class="card"><p>${PARAGRAPH}</p></div>\n`;
    const html = nested(1).replace('</body>', `${filler.repeat(Math.ceil(20e6 / filler.length))}</body>`);
    expect(html.length).toBeGreaterThan(20e6);
    const loaded = pageFromHtml(html, 'huge.html');
    expect(loaded.notice).toMatch(/HTML is very large; only its first 3,000,000 characters/);
  });
});

describe('page dates', () => {
  it('are always ISO 8601, so an added page passes the corpus date check', () => {
    for (const [given, want] of [
      ['2025-03-02T08:00:00Z', '2025-03-02T08:00:00Z'],
      ['2025-03-02 08:00:00 UTC', '2025-03-02T08:00:00.000Z'],
      ['2025-03-02 (updated)', '2025-03-02'],
      ['20250302', '2025-03-02'],
      ['20251399', undefined],
    ] as const) {
      const html = page('before-head.html').replace('2025-03-02T08:00:00Z', given);
      const published = extractArticle(parseHtmlDocument(html))?.published;
      if (want === undefined) expect(published, given).toBeUndefined();
      else {
        expect(published?.startsWith(want.slice(0, 10)), given).toBe(true);
        expect(isIsoDate(published!), given).toBe(true);
      }
    }
  });
});
