import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { parseHtmlDocument } from '../../cli/dom';
import { copyForExtraction, extractArticle } from '../../lib/extract';

const HANDLERS = readFileSync('tests/fixtures/pages/kicker-byline.html', 'utf8')
  .replace('<body>', '<body onload="track()">')
  .replace(/<p>/g, '<p class="para" onclick="track(this)" ONMOUSEOVER="hover()">')
  .replace(
    '</article>',
    '<svg viewBox="0 0 2 2" onload="x()"><linearGradient id="g"></linearGradient></svg><a href="/more" onfocus="f()"></a></article>',
  );

function happyDocument(html: string): Document {
  const window = new Window({ url: 'https://bulletin.example/2025/02/18/tram' });
  window.document.write(html);
  return window.document as unknown as Document;
}

const attributesOf = (doc: Document) =>
  Array.from(doc.querySelectorAll('*')).flatMap((el) => Array.from(el.attributes).map((a) => a.name));

describe('the copy extraction works on', () => {
  for (const [dom, make] of [
    ['linkedom (CLI)', parseHtmlDocument],
    ['happy-dom (browser-like)', happyDocument],
  ] as const) {
    it(`has no inline event handler, and keeps everything else (${dom})`, () => {
      const doc = make(HANDLERS);
      const before = doc.documentElement.outerHTML;
      const copy = copyForExtraction(doc);
      const names = attributesOf(copy);
      expect(names.filter((n) => /^on/i.test(n))).toEqual([]);
      expect(names).toEqual(expect.arrayContaining(['class', 'href', 'viewBox', 'id', 'lang']));
      expect(attributesOf(doc).filter((n) => /^on/i.test(n)).length).toBeGreaterThanOrEqual(10);
      expect(copy.body.textContent).toBe(doc.body.textContent);
      expect(copy.querySelector('linearGradient')?.namespaceURI).toBe('http://www.w3.org/2000/svg');
      // the page itself is untouched, and the article reads the same as without handlers
      expect(doc.documentElement.outerHTML).toBe(before);
      const withHandlers = extractArticle(doc);
      expect(withHandlers?.text.split('\n\n')).toHaveLength(4);
      expect(doc.documentElement.outerHTML).toBe(before);
    });
  }
});
