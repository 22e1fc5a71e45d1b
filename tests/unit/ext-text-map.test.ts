// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { buildTextMap, fold, locate, spanToRange, UI_ATTR } from '../../ext/text-map';

function dom(html: string): HTMLElement {
  document.body.replaceChildren();
  const div = document.createElement('div');
  // Test fixture markup, written here, not page text.
  div.innerHTML = html;
  document.body.append(div);
  return div;
}

function find(html: string, quote: Parameters<typeof locate>[1]) {
  const root = dom(html);
  const map = buildTextMap(root);
  const span = locate(map.text, quote);
  const range = span ? spanToRange(map, span.start, span.end, document) : null;
  return { span, text: range?.toString() ?? null };
}

describe('fold', () => {
  it('collapses whitespace and straightens quotes and dashes, one character for one', () => {
    expect(fold('  The  “drone”\n program – 10,000 ')).toBe('the "drone" program - 10,000');
    expect(fold('soft\u00adhyphen')).toBe('softhyphen');
  });
});

describe('buildTextMap and locate', () => {
  it('finds a passage split across links and emphasis', () => {
    const r = find(
      '<p>The covert <a href="#">drone program</a>, which has <em>not</em> been disclosed.</p>',
      {
        exact: 'The covert drone program, which has not been disclosed.',
      },
    );
    expect(r.span?.how).toBe('exact');
    expect(r.text).toBe('The covert drone program, which has not been disclosed.');
  });

  it('tolerates other whitespace, line breaks and curly quotes', () => {
    const r = find('<p>The flights go “well into\n      sovereign   Mexico,” one official said.</p>', {
      exact: 'The flights go "well into sovereign Mexico," one official said.',
    });
    expect(r.text?.replace(/\s+/g, ' ')).toBe(
      'The flights go “well into sovereign Mexico,” one official said.',
    );
  });

  it('separates blocks so that sentences of adjacent paragraphs do not run together', () => {
    const root = dom('<p>First one.</p><p>Second one.</p>');
    expect(buildTextMap(root).text).toContain('first one. second one.');
  });

  it('falls back to letters and digits when punctuation differs', () => {
    const r = find('<p>Officials said -- in private -- that it was 10,000 troops.</p>', {
      exact: 'Officials said, in private, that it was 10,000 troops.',
    });
    expect(r.span?.how).toBe('alnum');
    expect(r.text).toBe('Officials said -- in private -- that it was 10,000 troops.');
  });

  it('finds a passage with a changed word in the middle by its two ends', () => {
    const r = find(
      '<p>Intro. The Mexican government deployed ten thousand soldiers to the border this month to thwart smuggling. Outro.</p>',
      {
        exact: 'The Mexican government deployed 10,000 troops to the border this month to thwart smuggling.',
      },
    );
    expect(r.span?.how).toBe('ends');
    expect(r.text).toBe(
      'The Mexican government deployed ten thousand soldiers to the border this month to thwart smuggling.',
    );
  });

  it('chooses among repeats by the context around the quote', () => {
    const html = '<p>Alpha said yes. The officials said.</p><p>Beta said no. The officials said.</p>';
    const root = dom(html);
    const map = buildTextMap(root);
    const span = locate(map.text, { exact: 'The officials said.', prefix: 'Beta said no. ', suffix: '' });
    const range = span && spanToRange(map, span.start, span.end, document);
    expect(range?.startContainer.textContent).toBe('Beta said no. The officials said.');
  });

  it('skips scripts, styles and the extension’s own elements', () => {
    const root = dom(
      `<p>Visible text.</p><script>var hidden = 1;</script><div ${UI_ATTR}="card">Card text</div>`,
    );
    const text = buildTextMap(root).text;
    expect(text).toContain('visible text.');
    expect(text).not.toContain('hidden');
    expect(text).not.toContain('card text');
  });

  it('returns null when the passage is not on the page', () => {
    expect(
      find('<p>Something else entirely, about aircraft orders.</p>', { exact: 'The drones proved adept.' })
        .span,
    ).toBeNull();
  });
});
