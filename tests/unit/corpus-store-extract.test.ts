// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { extractForCorpus } from '../../ext/corpus-extract';

describe('the injected extractor', () => {
  it('returns the page’s article as plain data', () => {
    const doc = document.implementation.createHTMLDocument('Harbour bridge reopens | Reader Herald');
    doc.head.innerHTML = '<meta property="og:site_name" content="Reader Herald">';
    doc.body.innerHTML =
      '<article><h1>Harbour bridge reopens</h1>' +
      '<p>The harbour bridge reopened on Monday after nine weeks of repairs, the city said in a statement.</p>'.repeat(
        8,
      ) +
      '</article>';
    const page = extractForCorpus(doc, 'https://reader.example.org/bridge');
    expect(page?.url).toBe('https://reader.example.org/bridge');
    expect(page?.text).toContain('harbour bridge reopened');
    expect(JSON.parse(JSON.stringify(page))).toEqual(page);
  });

  it('returns null for a page without text', () => {
    const doc = document.implementation.createHTMLDocument('Empty');
    expect(extractForCorpus(doc, 'https://x.example/')).toBeNull();
  });
});
