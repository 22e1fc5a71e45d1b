import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { parseHtmlDocument } from '../../cli/dom';
import { parseArticleMarkdown } from '../../lib/corpus-format';
import { blocksToText, extractArticle, looksLikeArticle } from '../../lib/extract';

const page = (name: string) => readFileSync(`tests/fixtures/pages/${name}`, 'utf8');
const seed002 = parseArticleMarkdown(
  readFileSync('reference/ttoa-cia-drone-missions-mexico.md', 'utf8'),
  'ttoa-cia-drone-missions-mexico.md',
);

/** The browser path: a real DOM implementation other than the CLI's linkedom. */
function happyDocument(html: string): Document {
  const window = new Window({ url: 'https://ttoa.example/' });
  window.document.write(html);
  return window.document as unknown as Document;
}

describe('extractArticle on a news page with site chrome', () => {
  for (const [dom, make] of [
    ['linkedom (CLI)', parseHtmlDocument],
    ['happy-dom (browser-like)', happyDocument],
  ] as const) {
    describe(dom, () => {
      const doc = make(page('news-article.html'));
      const before = doc.documentElement.outerHTML;
      const article = extractArticle(doc, {
        url: 'https://ttoa.example/2025/02/cia-secretly-busy-in-mexico-report/',
      });

      it('returns exactly the article text, paragraph by paragraph', () => {
        expect(article).not.toBeNull();
        // Whitespace is collapsed, no-break spaces included (the seed has a few).
        expect(article!.text).toBe(seed002.text.replace(/[ \u00a0]+/g, ' '));
      });

      it('leaves navigation, comments, trending, related, tweets, captions and footer out', () => {
        for (const chrome of [
          'Politics',
          'Sign up for our free daily newsletter',
          'Share on Facebook',
          'A surveillance drone over the border',
          'BREAKING: drones over Mexico',
          'Border wall funding fight',
          'Trending Now',
          'Senate passes stopgap spending bill',
          'About time somebody did something',
          'Leave a Comment',
          'Scroll down to leave a comment',
          'All rights reserved',
          'Privacy Policy',
        ])
          expect(article!.text).not.toContain(chrome);
      });

      it('reads title, outlet, byline, date, language and url from the page', () => {
        expect(article).toMatchObject({
          title: 'CIA has Secretly Been Busy In Mexico: Report',
          outlet: 'TTOA',
          byline: 'TTOA Staff',
          published: '2025-02-18T14:05:00+00:00',
          lang: 'en',
          url: 'https://ttoa.example/2025/02/cia-secretly-busy-in-mexico-report/',
        });
      });

      it('never changes the live document', () => {
        expect(doc.documentElement.outerHTML).toBe(before);
      });
    });
  }
});

describe('extractArticle on pages without metadata', () => {
  it('splits <br><br> paragraphs and falls back to the domain for the outlet', () => {
    const doc = parseHtmlDocument(page('plain-br.html'));
    const a = extractArticle(doc, {
      url: 'https://www.gazette.example/local/council-votes-to-expand-bus-network',
    })!;
    expect(a.title).toBe('Council votes to expand bus network');
    expect(a.outlet).toBe('gazette.example');
    expect(a.published).toBeUndefined();
    const paragraphs = a.text.split('\n\n');
    expect(paragraphs).toHaveLength(5);
    expect(paragraphs[0]).toMatch(/^The city council voted on Tuesday night/);
    expect(paragraphs[3]).toMatch(/^Critics of the plan/);
    expect(a.text).not.toContain('  ');
  });

  it('keeps the declared language of a non-English page and strips "Par" from the byline', () => {
    const a = extractArticle(parseHtmlDocument(page('french-article.html')))!;
    expect(a.lang).toBe('fr');
    expect(a.byline).toBe('Claire Exemple');
    expect(a.outlet).toBe('Le Quotidien Exemple');
  });

  it('returns null when the page has no text', () => {
    expect(extractArticle(parseHtmlDocument(page('no-text.html')))).toBeNull();
  });

  it('reads JSON-LD publisher and date when there are no meta tags', () => {
    const paragraphs = Array.from(
      { length: 6 },
      (_, i) =>
        `<p>Paragraph ${i + 1} of a report on the harbour expansion, which the port authority approved after a long public consultation with residents and shipping firms.</p>`,
    ).join('');
    const html = `<html><head><title>Harbour expansion approved</title><script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2024-05-06","publisher":{"@type":"Organization","name":"Harbour News"},"author":[{"@type":"Person","name":"A. Writer"}]}]}</script></head><body><article>${paragraphs}</article></body></html>`;
    const a = extractArticle(parseHtmlDocument(html))!;
    expect(a.outlet).toBe('Harbour News');
    expect(a.published).toBe('2024-05-06');
    expect(a.byline).toBe('A. Writer');
  });
});

describe('looksLikeArticle', () => {
  it('accepts article pages', () => {
    expect(looksLikeArticle(parseHtmlDocument(page('news-article.html')))).toBe(true);
    expect(looksLikeArticle(parseHtmlDocument(page('plain-br.html')))).toBe(true);
    expect(looksLikeArticle(parseHtmlDocument(page('french-article.html')))).toBe(true);
  });

  it('refuses a home page, by its URL and by its list of teasers', () => {
    expect(looksLikeArticle(parseHtmlDocument(page('homepage.html')))).toBe(false);
    const withoutUrl = page('homepage.html').replace(/<meta property="og:(url|type)"[^>]*>/g, '');
    expect(looksLikeArticle(parseHtmlDocument(withoutUrl))).toBe(false);
  });

  it('refuses a section front by the URL it is given', () => {
    const doc = parseHtmlDocument(page('plain-br.html'));
    expect(looksLikeArticle(doc, { url: 'https://gazette.example/' })).toBe(false);
    expect(looksLikeArticle(doc, { url: 'https://gazette.example/news/' })).toBe(false);
    expect(looksLikeArticle(doc, { url: 'https://gazette.example/news/2025/03/04/council-bus' })).toBe(true);
  });
});

describe('blocksToText', () => {
  it('makes one paragraph per block, joins inline text, and drops captions and widget labels', () => {
    const doc = parseHtmlDocument(
      '<html><body><div><h2>Head</h2><p>One <b>bold</b>\n  word.</p><figure><img><figcaption>Caption (Photo: X)</figcaption></figure><p>Photo</p><ul><li>Item a</li><li>Item b</li></ul><p>Line<br>break</p></div></body></html>',
    );
    expect(blocksToText(doc.body)).toBe('Head\n\nOne bold word.\n\nItem a\n\nItem b\n\nLine break');
  });
});
